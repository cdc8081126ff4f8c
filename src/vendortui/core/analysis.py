"""What-if analysis of a ranking: rate curves, portfolio-size tipping points, weight
sensitivity and a Monte Carlo over the vendors' recovery ranges (issue 6).

Everything here is pure: the CLI prints it, the app shows it, neither recomputes it.

Conventions, decided here once:

- Vendor lists follow the ranking's order (eligible first, by total); the Monte Carlo still
  *draws* in id order, so adding a vendor or reordering files does not shift the others' draws.
- Tipping points are over **all** vendors (a knocked-out vendor may still be the cheaper
  one at scale, which is worth knowing), ordered by scale, then a, then b.
- Weight flips: `flip_weight` is the boundary weight. At exactly that weight the leader and
  the challenger tie on total and the ranking's tie-break (net, then name) decides; the
  reported `new_leader` is the vendor leading strictly beyond it (or *at* it, for a flip at
  weight 0, below which there is nothing). When the nearest flips above and below the
  current weight are equally far, the one above is reported.
- Monte Carlo: a debt buyer's purchase price is a firm bid, not a recovery: it is not drawn,
  even where its bands carry `low`/`high`. A band with only one of `low`/`high` uses the rate
  for the other. In a run where no vendor is eligible nobody leads, so `p_first` then sums to
  less than 1 (`no_leader` is the share of such runs). With 0 runs every figure is None.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from vendortui.core.formatting import money, rate
from vendortui.core.markdown import Md, heading, one_line, table
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.money import fixed_costs, net_at_rate, project
from vendortui.core.scoring import Evaluation, Ranked, rank

from vendortui.core.montecarlo import MonteCarlo, monte_carlo

if TYPE_CHECKING:
    from vendortui.core.workspace import Workspace

RATES = (0.10, 0.20, 0.30, 0.40, 0.50)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class VendorCurve:
    id: str
    name: str
    kind: str
    eligible: bool
    net: float
    break_even_rate: float
    net_at_rate: dict[float, float]  # rate -> net, for RATES


@dataclass(frozen=True)
class TippingPoint:
    """Vendor `a` (higher fixed base, higher margin) nets more than `b` above `scale`."""

    a: str
    b: str
    scale: float
    balance: float
    accounts: float


@dataclass(frozen=True)
class Flip:
    criterion: str
    weight: float  # the current raw weight
    share: float  # the current weight / the sum of weights
    flip_weight: float | None
    flip_share: float | None
    new_leader: str | None
    direction: str | None  # "above" or "below" the current weight


@dataclass(frozen=True)
class AnalysisResult:
    leader: str | None
    names: dict[str, str]  # vendor id -> name, for sentences and tables
    titles: dict[str, str]  # criterion id -> title
    vendors: list[VendorCurve]
    size_tipping_points: list[TippingPoint]
    weight_sensitivity: list[Flip]
    monte_carlo: MonteCarlo


# --------------------------------------------------------------------------- entry point


def analyze(ws: "Workspace", runs: int, seed: int) -> AnalysisResult:
    ranked = ws.rank()
    return analyze_ranking(ws.template, ws.portfolio, ws.vendors, ws.evaluation(), ranked, runs, seed)


def analyze_ranking(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    ranked: Sequence[Ranked],
    runs: int,
    seed: int,
) -> AnalysisResult:
    horizon = template.horizon_months
    in_order = [r.vendor for r in ranked]
    curves = [
        VendorCurve(
            r.id, r.vendor.name, r.vendor.kind, r.eligible, r.projection.net, r.projection.break_even_rate,
            dict(rate_curve(r.vendor, portfolio, horizon, RATES)),
        )
        for r in ranked
    ]
    return AnalysisResult(
        leader=leader_of(ranked),
        names={v.vid: v.name for v in vendors},
        titles={cid: template.criterion_title(cid) for cid in evaluation.weights},
        vendors=curves,
        size_tipping_points=size_tipping_points(in_order, portfolio, horizon),
        weight_sensitivity=weight_sensitivity(template, portfolio, vendors, evaluation, ranked),
        monte_carlo=monte_carlo(
            template, portfolio, vendors, evaluation, runs, seed, order=[v.vid for v in in_order], ranked=ranked
        ),
    )


def leader_of(ranked: Sequence[Ranked]) -> str | None:
    return next((r.id for r in ranked if r.eligible), None)


# --------------------------------------------------------------------------- rate curve


def rate_curve(
    vendor: Vendor, portfolio: Portfolio, horizon: int, rates: Iterable[float]
) -> list[tuple[float, float]]:
    """(rate, net) points: the net if the whole portfolio recovered at that rate."""
    return [(r, net_at_rate(vendor, portfolio, horizon, r)) for r in rates]


# --------------------------------------------------------------------------- tipping points


def size_line(vendor: Vendor, portfolio: Portfolio, horizon: int) -> tuple[float, float]:
    """(margin, base): with every bucket scaled by k, net = k x margin - base.

    margin = gross - fees - per-account costs (a debt buyer: its purchase value);
    base = annual cost over the horizon + setup (a debt buyer: 0).
    """
    p = project(vendor, portfolio, horizon)
    if vendor.is_debt_buyer:
        return p.net, 0.0
    base, per_account = fixed_costs(vendor, portfolio, horizon)
    return p.gross - p.fees - per_account, base


def size_tipping_points(vendors: Sequence[Vendor], portfolio: Portfolio, horizon: int) -> list[TippingPoint]:
    """Where a vendor with higher fixed costs and a higher margin overtakes another.

    k = (base_a - base_b) / (margin_a - margin_b); a nets more than b for any scale above k.
    """
    lines = {v.vid: size_line(v, portfolio, horizon) for v in vendors}
    points = []
    for a, (margin_a, base_a) in lines.items():
        for b, (margin_b, base_b) in lines.items():
            if base_a > base_b and margin_a > margin_b:
                k = (base_a - base_b) / (margin_a - margin_b)
                if k > 0 and math.isfinite(k):
                    points.append(TippingPoint(a, b, k, k * portfolio.total_balance, k * portfolio.total_accounts))
    return sorted(points, key=lambda t: (t.scale, t.a, t.b))


# --------------------------------------------------------------------------- weight sensitivity


def weight_sensitivity(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    ranked: Sequence[Ranked] | None = None,
) -> list[Flip]:
    """For each weighted criterion, the raw weight nearest the current one at which the top
    eligible vendor changes, the others held fixed.

    Weights change neither eligibility nor any score (auto scores depend on the projection
    only), so total_v(w) = 100 (S_v + w s_v) / (scale (W + w)): two vendors swap only where
    S_u + w s_u = S_v + w s_v. The candidates are the leader's crossings with each eligible
    vendor; each is confirmed by `scoring.rank` just beyond it (halfway to the next crossing
    of any pair, so nothing else moves in between).
    """
    if ranked is None:
        ranked = rank(template, portfolio, vendors, evaluation)
    weights = dict(evaluation.weights)
    total_weight = math.fsum(weights.values())
    projections = {r.id: r.projection for r in ranked}
    eligible = [r for r in ranked if r.eligible]
    leader = eligible[0].id if eligible else None

    def leader_at(cid: str, w: float) -> str | None:
        trial = replace(evaluation, weights={**weights, cid: w})
        return leader_of(rank(template, portfolio, vendors, trial, projections))

    flips = []
    for cid, w0 in weights.items():
        others = total_weight - w0
        share = w0 / total_weight if total_weight > 0 else 0.0
        found = None
        if leader is not None:
            found = _nearest_flip(cid, w0, others > 0, weights, eligible, leader, leader_at)
        if found is None:
            flips.append(Flip(cid, w0, share, None, None, None, None))
        else:
            w, who, direction = found
            flips.append(Flip(cid, w0, share, w, w / (others + w), who, direction))
    return flips


def _nearest_flip(
    cid: str,
    w0: float,
    zero_allowed: bool,
    weights: dict[str, float],
    eligible: Sequence[Ranked],
    leader: str,
    leader_at: Callable[[str, float], str | None],
) -> tuple[float, str | None, str] | None:
    """(flip weight, new leader, "above"/"below") nearest to w0, or None.

    Each vendor is the line S_v + w s_v in w. Only the leader's crossings can change the
    lead; walking away from w0 in each direction, the first crossing past which
    `scoring.rank` names another leader is that direction's flip (a crossing may be a tie
    the leader keeps, through the tie-break: the walk then goes on)."""
    lines = {}
    for r in eligible:
        rest = math.fsum(w * r.criteria[c].score for c, w in weights.items() if c != cid)
        lines[r.id] = (rest, r.criteria[cid].score)

    def valid(w: float) -> bool:
        return math.isfinite(w) and (w > 0 or (w == 0 and zero_allowed))

    def crossing(u: str, v: str) -> float | None:
        (su, eu), (sv, ev) = lines[u], lines[v]
        return (sv - su) / (eu - ev) if eu != ev else None

    ids = list(lines)
    every = sorted({w for i, u in enumerate(ids) for v in ids[i + 1:] if (w := crossing(u, v)) is not None and valid(w)})
    mine = [w for v in ids if v != leader and (w := crossing(leader, v)) is not None and valid(w)]

    best = None
    for direction, candidates in (
        ("above", sorted({w for w in mine if w >= w0})),
        ("below", sorted({w for w in mine if w <= w0}, reverse=True)),
    ):
        for p in candidates:
            q = _beyond(p, direction, every, zero_allowed)
            if q is None:
                continue
            who = leader_at(cid, q)
            if who != leader:
                if best is None or abs(p - w0) < abs(best[0] - w0):
                    best = (p, who, direction)
                break
    return best


def _beyond(p: float, direction: str, every: list[float], zero_allowed: bool) -> float | None:
    """A weight just past `p` with no other crossing in between (p itself at the 0 end)."""
    tol = 1e-12 * max(1.0, abs(p))
    if direction == "above":
        i = bisect.bisect_right(every, p + tol)
        return (p + every[i]) / 2 if i < len(every) else p + max(1.0, p)
    i = bisect.bisect_left(every, p - tol)
    if i > 0:
        return (every[i - 1] + p) / 2
    if p > 0:
        return p / 2
    return p if zero_allowed else None


# --------------------------------------------------------------------------- output


def _num(x: float | None, digits: int = 6) -> float | None:
    return None if x is None else round(x, digits) if math.isfinite(x) else x


def to_data(result: AnalysisResult) -> dict[str, Any]:
    """The JSON document as plain data. Infinite break-even rates (never breaks even) are
    written `Infinity`, as `vendortui rank --format json` does."""
    mc = result.monte_carlo
    return {
        "leader": result.leader,
        "vendors": [
            {
                "id": v.id,
                "name": v.name,
                "eligible": v.eligible,
                "net": _num(v.net),
                "break_even_rate": _num(v.break_even_rate, 10),
                "net_at_rate": {f"{r:.2f}": _num(n) for r, n in v.net_at_rate.items()},
            }
            for v in result.vendors
        ],
        "size_tipping_points": [
            {"a": t.a, "b": t.b, "scale": _num(t.scale, 10), "balance": _num(t.balance), "accounts": _num(t.accounts)}
            for t in result.size_tipping_points
        ],
        "weight_sensitivity": [
            {
                "criterion": f.criterion,
                "weight": f.weight,
                "share": _num(f.share, 10),
                "flip_weight": _num(f.flip_weight, 10),
                "flip_share": _num(f.flip_share, 10),
                "direction": f.direction,
                "new_leader": f.new_leader,
            }
            for f in result.weight_sensitivity
        ],
        "monte_carlo": {
            "runs": mc.runs,
            "seed": mc.seed,
            "no_leader": mc.no_leader,
            "vendors": [
                {
                    "id": d.id,
                    "p_first": d.p_first,
                    "net_p10": _num(d.net_p10),
                    "net_p50": _num(d.net_p50),
                    "net_p90": _num(d.net_p90),
                }
                for d in mc.vendors
            ],
        },
    }


def to_json(result: AnalysisResult) -> str:
    return json.dumps(to_data(result), indent=2, ensure_ascii=False)


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _weight(x: float) -> str:
    return f"{x:.4g}" if x != int(x) else f"{int(x)}"


def flip_sentences(result: AnalysisResult, template: Template | None = None) -> list[str]:
    """One sentence per criterion whose weight can change the leader, e.g. "Customer focus
    above 55.0% of the total weight (raw weight 3.667, now 1 = 25.0%) makes Gamma the leader
    instead of Alpha." Criterion titles come from `template` when given, else the result."""
    names = result.names
    title = template.criterion_title if template is not None else (lambda c: result.titles.get(c, c))
    out = []
    for f in result.weight_sensitivity:
        if f.flip_weight is None or f.new_leader is None:
            continue
        where = "at 0% of the total weight" if f.flip_weight == 0 else f"{f.direction} {_pct(f.flip_share)} of the total weight"
        out.append(
            f"{title(f.criterion)} {where} (raw weight {_weight(f.flip_weight)}, "
            f"now {_weight(f.weight)} = {_pct(f.share)}) makes {names.get(f.new_leader, f.new_leader)} "
            f"the leader instead of {names.get(result.leader, result.leader)}."
        )
    return out


SECTIONS = ("rates", "size", "weights", "monte_carlo")


def to_markdown(
    result: AnalysisResult,
    currency: str,
    level: int = 1,
    sections: Sequence[str] = SECTIONS,
    pair_filter: Callable[[TippingPoint], bool] | None = None,
) -> str:
    """Sections with tables, and the weight flips in words.

    `level` is the heading level of the title (sections one below); `sections` picks which
    to write; `pair_filter` keeps only some size tipping points (the shortlist report keeps
    those involving a shortlisted vendor). Vendor names are untrusted: they are escaped.
    """
    name = lambda vid: one_line(result.names.get(vid, vid))  # noqa: E731
    sub = level + 1
    lines = [heading(level, "Analysis" if level == 1 else "Where the decision flips"), ""]
    lines.append(f"Current leader: **{name(result.leader)}**." if result.leader else "No vendor is eligible.")

    if "rates" in sections:
        lines += ["", heading(sub, "Net at a portfolio-wide recovery rate"), ""]
        lines.append("The net if the whole portfolio recovered at one rate, under each vendor's fees and costs.")
        lines.append("")
        lines += table(
            ["Vendor", "Break-even", *(f"{r:.0%}" for r in RATES)],
            ([Md(name(v.id)), rate(v.break_even_rate), *(money(v.net_at_rate[r], currency) for r in RATES)] for v in result.vendors),
            right=range(1, 2 + len(RATES)),
        )

    if "size" in sections:
        points = [t for t in result.size_tipping_points if pair_filter is None or pair_filter(t)]
        lines += ["", heading(sub, "Portfolio-size tipping points"), ""]
        if points:
            lines.append("With every bucket scaled by the same factor, the first vendor nets more than the second above it.")
            lines.append("")
            lines += table(
                ["Vendor", "Overtakes", "Scale", "Balance"],
                ([Md(name(t.a)), Md(name(t.b)), f"{t.scale:.2f}x", money(t.balance, currency)] for t in points),
                right=(2, 3),
            )
        else:
            lines.append("No vendor overtakes another as the portfolio grows or shrinks.")

    if "weights" in sections:
        lines += ["", heading(sub, "Weight sensitivity"), ""]
        lines += table(
            ["Criterion", "Weight", "Share", "Flips at", "Share", "New leader"],
            (
                [
                    result.titles.get(f.criterion, f.criterion),
                    _weight(f.weight),
                    _pct(f.share),
                    "-" if f.flip_weight is None else "at 0" if f.flip_weight == 0 else f"{f.direction} {_weight(f.flip_weight)}",
                    "-" if f.flip_share is None else _pct(f.flip_share),
                    Md("none") if f.new_leader is None else Md(name(f.new_leader)),
                ]
                for f in result.weight_sensitivity
            ),
            right=(1, 2, 4),
        )
        lines.append("")
        lines += [f"- {one_line(s)}" for s in flip_sentences(result)] or ["No single weight change moves the lead."]

    if "monte_carlo" in sections:
        mc = result.monte_carlo
        lines += ["", heading(sub, "Monte Carlo"), ""]
        if mc.runs:
            lines.append(f"{mc.runs:,} runs, seed {mc.seed}: recovery rates drawn within each vendor's low-high ranges.")
        else:
            lines.append("Not run (0 runs).")
        if mc.runs and mc.no_leader:
            lines.append(f"No vendor was eligible in {_pct(mc.no_leader)} of runs.")
        lines.append("")
        blank = "n/a"
        lines += table(
            ["Vendor", "P(first)", "Net P10", "Net P50", "Net P90"],
            (
                [
                    Md(name(d.id)),
                    blank if d.p_first is None else _pct(d.p_first),
                    *(blank if x is None else money(x, currency) for x in (d.net_p10, d.net_p50, d.net_p90)),
                ]
                for d in mc.vendors
            ),
            right=(1, 2, 3, 4),
        )
    return "\n".join(lines) + "\n"
