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
import random
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from vendortui.core.formatting import money, rate
from vendortui.core.markdown import Md, heading, one_line, table
from vendortui.core.models import Portfolio, Template, Vendor, band_for
from vendortui.core.money import Projection, fixed_costs, net_at_rate, project
from vendortui.core.scoring import Evaluation, Ranked, rank

if TYPE_CHECKING:
    from vendortui.core.workspace import Workspace

RATES = (0.10, 0.20, 0.30, 0.40, 0.50)
PERCENTILES = (0.10, 0.50, 0.90)


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
class VendorDraws:
    id: str
    p_first: float | None
    net_p10: float | None
    net_p50: float | None
    net_p90: float | None


@dataclass(frozen=True)
class MonteCarlo:
    runs: int
    seed: int
    vendors: list[VendorDraws]
    no_leader: float | None  # share of runs in which no vendor was eligible


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


# --------------------------------------------------------------------------- Monte Carlo


def triangular_quantile(u: float, low: float, mode: float, high: float) -> float:
    """Inverse CDF of the triangular(low, mode, high) distribution at u in [0, 1]; a
    degenerate range (low == high) gives the mode."""
    return _quantile(u, _triangle(low, mode, high))


def _triangle(low: float, mode: float, high: float) -> tuple[float, ...]:
    """What the quantile needs, computed once per band: (low, high, mode, F(mode), left, right)."""
    span = high - low
    if span <= 0:
        return (mode, mode, mode, 2.0, 0.0, 0.0)
    return (low, high, mode, (mode - low) / span, span * (mode - low), span * (high - mode))


def _quantile(u: float, t: tuple[float, ...]) -> float:
    low, high, mode, cut, left, right = t
    if low == high:
        return mode
    x = low + math.sqrt(u * left) if u < cut else high - math.sqrt((1 - u) * right)
    return low if x < low else high if x > high else x


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks of the sorted values (numpy's default):
    position h = (n - 1) p, value x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]),
    kept inside that pair so that percentiles never decrease with p."""
    xs = sorted(values)
    h = (len(xs) - 1) * p
    i = math.floor(h)
    if i + 1 >= len(xs):
        return xs[-1]
    lo, hi = xs[i], xs[i + 1]
    return min(max(lo + (h - i) * (hi - lo), lo), hi)


class _Draws:
    """One vendor's recovery, ready to be redrawn fast: net = gross - fees - fixed exactly as
    `money.project` computes them, from rates drawn per bucket at one shared quantile."""

    def __init__(self, vendor: Vendor, portfolio: Portfolio, horizon: int, point: Projection):
        self.point = point
        self.ranged = False
        self.rows: list[tuple[float, float, tuple[float, ...]]] = []  # (balance, contingency, triangle)
        if vendor.is_debt_buyer:
            return
        base, per_account = fixed_costs(vendor, portfolio, horizon)
        self.fixed = base + per_account
        for b, row in zip(portfolio.buckets, point.buckets):
            mode = row.recovery_rate
            band = band_for(vendor.performance.recovery, b.age.low) if vendor.performance.recovery else None
            low = mode if band is None or band.low is None else band.low
            high = mode if band is None or band.high is None else band.high
            self.rows.append((row.balance, row.contingency_rate, _triangle(low, mode, high)))
            self.ranged |= high > low

    def draw(self, u: float) -> tuple[list[float] | None, float, float, float | None]:
        """(per-bucket rates, gross, net, cost_ratio) at quantile u; rates None: not drawn."""
        if not self.ranged:
            p = self.point
            return None, p.gross, p.net, p.cost_ratio
        rates = [_quantile(u, t) for _, _, t in self.rows]
        grosses = [balance * r for (balance, _, _), r in zip(self.rows, rates)]
        gross = math.fsum(grosses)
        fee = math.fsum([g * c for g, (_, c, _) in zip(grosses, self.rows)])
        fixed = self.fixed
        return rates, gross, gross - fee - fixed, (fee + fixed) / gross if gross > 0 else math.inf


class FastRanker:
    """`scoring.rank`'s leader, recomputed from new projections without redoing what cannot
    change between draws: requirement outcomes, evaluator scores, fixed weight terms.

    Auto criteria (and minimums on them) are recomputed with the same formulas and the same
    float operations as `scoring.rank`, so the leader is identical (a test checks it).
    """

    def __init__(self, template: Template, vendors: Sequence[Vendor], evaluation: Evaluation, ranked: Sequence[Ranked]):
        self.scale = template.scale
        weights = dict(evaluation.weights)
        self.weight_sum = math.fsum(weights.values())
        by_id = {r.id: r for r in ranked}
        criteria_ids = list(ranked[0].criteria) if ranked else []
        self.autos = {cid: c.auto for cid, c in template.criteria.items() if c.auto and cid in criteria_ids}
        self.pool = [i for i, v in enumerate(vendors) if all(o.status != "fail" for o in by_id[v.vid].requirements)]
        self.sort_name = [(v.name.casefold(), v.vid) for v in vendors]
        # Per vendor: weight terms that never change, the auto criteria it takes live, and
        # whether something other than an auto score already knocks it out.
        self.fixed_terms: list[list[float]] = []
        self.live: list[list[tuple[str, float, float | None]]] = []  # (cid, weight or None, minimum)
        self.knocked: list[bool] = []
        for v in vendors:
            r = by_id[v.vid]
            live_ids = [cid for cid in self.autos if r.criteria[cid].source == "auto"]
            # A debt buyer keeps its evaluator score on cost_ratio: the point ranking has it.
            self.fixed_terms.append([w * r.criteria[c].score for c, w in weights.items() if c not in live_ids])
            self.live.append([(cid, weights.get(cid), template.criteria[cid].minimum) for cid in live_ids])
            failed = any(o.status == "fail" for o in r.requirements)
            below = any(
                c.minimum is not None and cid not in live_ids and cid in r.criteria
                and r.criteria[cid].source != "missing" and r.criteria[cid].score < c.minimum
                for cid, c in template.criteria.items()
            )
            self.knocked.append(failed or below)

    def auto_scores(self, kind: str, gross: Sequence[float], net: Sequence[float], ratio: Sequence[float | None]) -> list[float]:
        scale = self.scale
        if kind == "cost_ratio":
            positive = [ratio[i] for i in self.pool if ratio[i] is not None and 0 < ratio[i] < math.inf]
            lowest = min(positive) if positive else None
            out = []
            for r in ratio:
                if r is None:
                    out.append(math.nan)  # not used: the vendor keeps its evaluator score
                elif r == 0:
                    out.append(float(scale))
                elif lowest is None or r == math.inf:
                    out.append(0.0)
                else:
                    out.append(scale * lowest / r)
            return out
        metric = net if kind == "net_recovery" else gross
        best = max((metric[i] for i in self.pool), default=0.0)
        if best <= 0:
            return [0.0] * len(metric)
        if kind == "net_recovery":
            return [scale * max(x, 0.0) / best for x in net]
        return [scale * x / best for x in gross]

    def totals(self, gross: Sequence[float], net: Sequence[float], ratio: Sequence[float | None]) -> list[float | None]:
        """Each vendor's total, None for a vendor knocked out (by a requirement or a minimum)."""
        scores = {cid: self.auto_scores(kind, gross, net, ratio) for cid, kind in self.autos.items()}
        scale, fscale = self.scale, float(self.scale)
        out: list[float | None] = []
        for i, terms in enumerate(self.fixed_terms):
            if self.knocked[i]:
                out.append(None)
                continue
            extra = []
            for cid, w, minimum in self.live[i]:
                s = min(max(scores[cid][i], 0.0), fscale)
                if minimum is not None and s < minimum:
                    break
                if w is not None:
                    extra.append(w * s)
            else:  # scoring.total_score, term for term
                total = 100 * math.fsum(terms + extra) / (scale * self.weight_sum)
                out.append(min(max(total, 0.0), 100.0))
                continue
            out.append(None)
        return out

    def leader(self, gross: Sequence[float], net: Sequence[float], ratio: Sequence[float | None]) -> int | None:
        """Index of the first eligible vendor in `scoring.rank`'s order, or None when nobody
        is eligible."""
        rounded = [None if t is None else round(t, 9) for t in self.totals(gross, net, ratio)]
        top = max((t for t in rounded if t is not None), default=None)
        if top is None:
            return None
        tied = [i for i, t in enumerate(rounded) if t == top]
        return min(tied, key=lambda i: (-round(net[i], 6), self.sort_name[i]))


def monte_carlo(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    runs: int,
    seed: int,
    order: Sequence[str] | None = None,
    ranked: Sequence[Ranked] | None = None,
) -> MonteCarlo:
    """Redraw every ranged recovery band `runs` times and re-rank each time.

    Each run draws one quantile u ~ U(0, 1) per vendor, vendors in id order, from
    `random.Random(seed)`; each of the vendor's bands with a range takes the
    triangular(low, rate, high) quantile at u (so a vendor's bands move together). Net
    percentiles use linear interpolation (see `percentile`). `order` lists the result's
    vendors (default: id order); `ranked`, the point ranking when the caller has it.
    """
    sim = simulation(template, portfolio, vendors, evaluation, ranked)
    by_id = sorted(range(len(vendors)), key=lambda i: vendors[i].vid)
    order = list(order) if order is not None else [vendors[i].vid for i in by_id]
    if runs <= 0:
        return MonteCarlo(runs, seed, [VendorDraws(vid, None, None, None, None) for vid in order], None)
    rng = random.Random(seed)
    firsts = [0] * len(vendors)
    per_run: list[list[float]] = []
    nobody = 0
    us = [0.0] * len(vendors)
    for _ in range(runs):
        for i in by_id:
            us[i] = rng.random()
        _, gross, net, ratio = sim.run(us)
        per_run.append(net)
        who = sim.ranker.leader(gross, net, ratio)
        if who is None:
            nobody += 1
        else:
            firsts[who] += 1
    nets = list(zip(*per_run))
    index = {v.vid: i for i, v in enumerate(vendors)}
    draws = []
    for vid in order:
        i = index[vid]
        ordered = sorted(nets[i])
        p10, p50, p90 = (percentile(ordered, p) for p in PERCENTILES)
        draws.append(VendorDraws(vid, firsts[i] / runs, p10, p50, p90))
    return MonteCarlo(runs, seed, draws, nobody / runs)


@dataclass
class Simulation:
    """The per-run machinery, exposed so tests can hold it against `scoring.rank`."""

    draws: list[_Draws]
    ranker: FastRanker

    def run(self, us: Sequence[float]) -> tuple[list[list[float] | None], list[float], list[float], list[float | None]]:
        """Per vendor at its quantile: (per-bucket rates or None when not drawn, gross, net, cost_ratio)."""
        rates, gross, net, ratio = zip(*[d.draw(u) for d, u in zip(self.draws, us)]) if self.draws else ((),) * 4
        return list(rates), list(gross), list(net), list(ratio)


def simulation(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    ranked: Sequence[Ranked] | None = None,
) -> Simulation:
    if ranked is None:
        ranked = rank(template, portfolio, vendors, evaluation)
    points = {r.id: r.projection for r in ranked}
    draws = [_Draws(v, portfolio, template.horizon_months, points[v.vid]) for v in vendors]
    return Simulation(draws, FastRanker(template, vendors, evaluation, ranked))


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
