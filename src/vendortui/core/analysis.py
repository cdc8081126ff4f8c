"""What-if analysis of a ranking: rate curves, portfolio-size tipping points, weight
sensitivity and a Monte Carlo over the vendors' recovery ranges.

Everything here is pure: `vendortui.render.analysis` writes it as JSON, Markdown and
tables, the app shows it; neither recomputes it.

Conventions, decided here once:

- The **leader** is the vendor a recommendation leads with: the first eligible one whose value
  (business value with a business case, else net) is 0 or more (`scoring.leader_of`), so the
  analysis never names as leader a vendor `shortlist.md` does not recommend.
- Vendor lists follow the ranking's order (eligible first, by total); the Monte Carlo still
  *draws* in id order, so adding a vendor or reordering files does not shift the others' draws.
- Tipping points are over **all** vendors (a knocked-out vendor may still be the cheaper
  one at scale, which is worth knowing), ordered by scale, then a, then b, unless the caller
  asks for fewer pairs (`PairScope`: `shortlist.md` lists those of `recommend.board_scope`).
- Weight flips: `flip_weight` is the boundary weight. At exactly that weight the leader and
  the challenger tie on total and the ranking's tie-break (net, then name) decides; the
  reported `new_leader` is the vendor leading strictly beyond it (or *at* it, for a flip at
  weight 0, below which there is nothing). When the nearest flips above and below the
  current weight are equally far, the one above is reported.
- Monte Carlo: a debt buyer's purchase price is a firm bid, not a recovery: it is not drawn,
  even where its bands carry `low`/`high`. A band with only one of `low`/`high` uses the rate
  for the other. In a run where no vendor is eligible with a value of 0 or more nobody leads,
  so `p_first` then sums to less than 1 (`no_leader` is the share of such runs). With 0 runs every figure is None.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from vendortui.core.basis import Basis
from vendortui.core.defaults import RATES
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.money import fixed_costs, net_at_rate
from vendortui.core.montecarlo import MonteCarlo, monte_carlo
from vendortui.core.scoring import EvaluatorInputs, Ranked, Scorer, leader_of, rank

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
    """Vendor `a` nets more than `b` just above `scale` (the book's size times `scale`), and
    not just below it. With lines, `a` has the higher fixed base and the higher margin."""

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
    tipping_scope: PairScope  # the pairs `size_tipping_points` looked at


@dataclass(frozen=True)
class PairScope:
    """Which pairs of vendors to look at: both among `among` (None: every vendor), and one of
    them in `involving` (None: any). At 1,000 vendors every pair is a million pairs and
    hundreds of thousands of tipping points; a report asks only for the pairs it shows."""

    among: frozenset[str] | None = None
    involving: frozenset[str] | None = None

    def pairs(self, ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """Ordered pairs (a, b), a != b, in scope, each once."""
        ids = [vid for vid in ids if self.among is None or vid in self.among]
        watched = ids if self.involving is None else [vid for vid in ids if vid in self.involving]
        seen = set(watched)
        for w in watched:
            for other in ids:
                if other == w:
                    continue
                yield w, other
                if other not in seen:  # a watched `other` yields this pair on its own turn
                    yield other, w


EVERY_PAIR = PairScope()


# --------------------------------------------------------------------------- entry point


def analyze(review: Evaluation, runs: int, seed: int) -> AnalysisResult:
    ranked = review.rank()
    return analyze_ranking(review.template, review.portfolio, review.vendors, review.inputs(), ranked, runs, seed,
                           review.basis())


def analyze_ranking(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: EvaluatorInputs,
    ranked: Sequence[Ranked],
    runs: int,
    seed: int,
    basis: Basis | None = None,
    scope: PairScope = EVERY_PAIR,
    at_rates: Mapping[str, Mapping[float, float]] | None = None,
) -> AnalysisResult:
    """The analysis of a ranking; tipping points for the pairs in `scope`.
    `at_rates`: each vendor's net at RATES when the caller has worked them out (the report)."""
    horizon = template.horizon_months
    in_order = [r.vendor for r in ranked]
    curves = [
        VendorCurve(
            r.id, r.vendor.name, r.vendor.kind, r.eligible, r.projection.net, r.projection.break_even_rate,
            {x: at_rates[r.id][x] for x in RATES} if at_rates is not None
            else dict(rate_curve(r.vendor, portfolio, horizon, RATES)),
        )
        for r in ranked
    ]
    return AnalysisResult(
        leader=leader_of(ranked),
        names={v.vid: v.name for v in vendors},
        titles={cid: template.criterion_title(cid) for cid in evaluation.weights},
        vendors=curves,
        size_tipping_points=size_tipping_points(in_order, portfolio, horizon, basis, scope),
        weight_sensitivity=weight_sensitivity(template, portfolio, vendors, evaluation, ranked),
        monte_carlo=monte_carlo(
            template, portfolio, vendors, evaluation, runs, seed, order=[v.vid for v in in_order], ranked=ranked,
            basis=basis,
        ),
        tipping_scope=scope,
    )


# --------------------------------------------------------------------------- rate curve


def rate_curve(
    vendor: Vendor, portfolio: Portfolio, horizon: int, rates: Iterable[float]
) -> list[tuple[float, float]]:
    """(rate, net) points: the net if the whole portfolio recovered at that rate."""
    return [(r, net_at_rate(vendor, portfolio, horizon, r)) for r in rates]


# --------------------------------------------------------------------------- tipping points


SCALE_LIMIT = 1000.0  # with collectors that grow in steps, crossings are sought up to 1,000x the book
STEPS_LIMIT = 10_000  # and through at most this many steps of each vendor's team


@dataclass(frozen=True)
class SizeLine:
    """A vendor's net with every bucket scaled by k:
    `net(k) = k x margin - base - collector x ceil(k x accounts / per_collector)`."""

    margin: float  # gross - fees - per-account costs (a debt buyer: its purchase value)
    base: float  # annual cost over the horizon + setup + a fixed team
    collector: float = 0.0  # one capacity-based collector over the horizon (0: none)
    accounts: float = 0.0
    per_collector: float = math.inf  # accounts one collector works

    def step(self, j: int) -> float:
        """The scale past which the team needs its (j+1)-th collector."""
        return j * self.per_collector / self.accounts

    def steps_in(self, limit: float) -> list[float]:
        if not self.collector or not self.accounts:
            return []
        last = min(math.ceil(limit * self.accounts / self.per_collector), STEPS_LIMIT)
        return [self.step(j) for j in range(1, last + 1)]

    def staff(self, k: float) -> float:
        """The capacity-based team's cost at scale k (k inside a step: no edge rounding)."""
        if not self.collector or not self.accounts:
            return 0.0
        return self.collector * math.ceil(k * self.accounts / self.per_collector)


def size_line(vendor: Vendor, portfolio: Portfolio, horizon: int, basis: Basis | None = None) -> SizeLine:
    p = (basis or Basis(horizon)).project(vendor, portfolio.buckets)
    if vendor.is_debt_buyer:
        return SizeLine(p.net, 0.0)
    base, _ = fixed_costs(vendor, portfolio, horizon)
    accounts = portfolio.total_accounts
    margin = p.gross - p.fees - vendor.fees.per_account * accounts
    staffing = vendor.staffing
    if staffing is None or staffing.accounts_per_collector is None:
        return SizeLine(margin, base)
    collector = (staffing.collector_cost or 0.0) * horizon / 12
    return SizeLine(margin, base, collector, accounts, staffing.accounts_per_collector)


def size_tipping_points(
    vendors: Sequence[Vendor], portfolio: Portfolio, horizon: int, basis: Basis | None = None,
    scope: PairScope = EVERY_PAIR,
) -> list[TippingPoint]:
    """Each scale k at which vendor a starts to net more than vendor b as every bucket grows
    by the factor k (b netted as much or more just below k), for the pairs in `scope`.

    Without capacity-based collectors both nets are lines and a pair crosses once, at
    k = (base_a - base_b) / (margin_a - margin_b). A team that grows one collector at a time
    makes a net a step function: the pair is then walked step by step, exactly, up to
    `SCALE_LIMIT` (or where the steps can no longer change which is ahead).
    """
    lines = {v.vid: size_line(v, portfolio, horizon, basis) for v in vendors
             if scope.among is None or v.vid in scope.among}
    balance, accounts = portfolio.total_balance, portfolio.total_accounts
    points = []
    for a, b in scope.pairs(list(lines)):
        la, lb = lines[a], lines[b]
        if la.collector or lb.collector:
            scales = step_crossings(la, lb)
        elif la.base > lb.base and la.margin > lb.margin:
            scales = [(la.base - lb.base) / (la.margin - lb.margin)]
        else:
            scales = []
        points += [TippingPoint(a, b, k, k * balance, k * accounts)
                   for k in scales if k > 0 and math.isfinite(k)]
    return sorted(points, key=lambda t: (t.scale, t.a, t.b))


def step_crossings(la: SizeLine, lb: SizeLine) -> list[float]:
    """Scales where d(k) = net_a(k) - net_b(k) turns from <= 0 to > 0, on step functions."""
    slope = la.margin - lb.margin
    # Far enough out, the steps average to a line: d(k) stays within one collector of each
    # team of that line, so past where the line clears them the sign cannot change again.
    mean = slope - _per_scale(la) + _per_scale(lb)
    reach = abs(la.base - lb.base) + la.collector + lb.collector
    limit = min(SCALE_LIMIT, reach / abs(mean) * (1 + 1e-9) + 1e-9) if mean else SCALE_LIMIT
    for line in (la, lb):
        if line.collector and line.accounts:
            limit = min(limit, line.step(STEPS_LIMIT))  # never past the steps walked
    edges = sorted({k for k in (*la.steps_in(limit), *lb.steps_in(limit)) if k < limit} | {limit})
    found = []
    ahead_before: bool | None = None  # was a ahead just below the current edge? (None: at 0)
    lo = 0.0
    for hi in edges:
        if hi <= lo:
            continue
        offset = -(la.base - lb.base) - la.staff((lo + hi) / 2) + lb.staff((lo + hi) / 2)  # constant on (lo, hi]
        at_lo, at_hi = slope * lo + offset, slope * hi + offset
        ahead_after_lo = at_lo > 0 or (at_lo == 0 and slope > 0)
        if ahead_before is False and ahead_after_lo:
            found.append(lo)  # a step of one team puts a ahead at the edge itself
        elif not ahead_after_lo and slope > 0 and at_hi > 0:
            found.append(-offset / slope)  # a's line passes b's inside the step
        ahead_before = at_hi > 0 or (at_hi == 0 and slope < 0)  # just below hi
        lo = hi
    return found


def _per_scale(line: SizeLine) -> float:
    """The team's cost per unit of scale, on average over its steps."""
    return line.collector * line.accounts / line.per_collector if line.collector and line.accounts else 0.0


# --------------------------------------------------------------------------- weight sensitivity


def weight_sensitivity(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: EvaluatorInputs,
    ranked: Sequence[Ranked] | None = None,
) -> list[Flip]:
    """For each weighted criterion, the raw weight nearest the current one at which the top
    eligible vendor changes, the others held fixed.

    Weights change neither eligibility nor any score (auto scores depend on the projection
    only), so total_v(w) = 100 (S_v + w s_v) / (scale (W + w)): two vendors swap only where
    S_u + w s_u = S_v + w s_v. The candidates are the leader's crossings with each eligible
    vendor; each is confirmed just beyond it by the ranking's rules (`Scorer.leader`, the
    same as `scoring.rank` without building rows), halfway to the next crossing of a line at
    the top, so that nothing that decides the lead moves in between.
    """
    if ranked is None:
        ranked = rank(template, portfolio, vendors, evaluation)
    weights = dict(evaluation.weights)
    total_weight = math.fsum(weights.values())
    projections = {r.id: r.projection for r in ranked}
    eligible = [r for r in ranked if r.eligible and not r.loses]  # who can lead: weights change no value
    leader = eligible[0].id if eligible else None
    scorer = Scorer(template, vendors, evaluation)  # the ranking's rules, without building rows
    in_order = [projections[v.vid] for v in vendors]

    def leader_at(cid: str, w: float) -> str | None:
        i = scorer.reweighted({**weights, cid: w}).leader_at(in_order)
        return None if i is None else vendors[i].vid

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
    lead; walking away from w0 in each direction, the first crossing past which the
    ranking's rules name another leader is that direction's flip (a crossing may be a tie
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
    distinct = sorted(set(lines.values()))  # vendors with the same line cross nowhere
    mine = [w for v in ids if v != leader and (w := crossing(leader, v)) is not None and valid(w)]

    best = None
    for direction, candidates in (
        ("above", sorted({w for w in mine if w >= w0})),
        ("below", sorted({w for w in mine if w <= w0}, reverse=True)),
    ):
        for p in candidates:
            q = _beyond(p, direction, _top_crossings(p, distinct, valid), zero_allowed)
            if q is None:
                continue
            who = leader_at(cid, q)
            if who != leader:
                if best is None or abs(p - w0) < abs(best[0] - w0):
                    best = (p, who, direction)
                break
    return best


TOP_TOLERANCE = 1e-6  # relative: far wider than the ranking's rounding of totals to 9 decimals


def _top_crossings(p: float, lines: Sequence[tuple[float, float]], valid: Callable[[float], bool]) -> list[float]:
    """The valid weights, in order, where a line at the top at `p` (within `TOP_TOLERANCE`)
    crosses any line. A line below the top cannot pass one at the top without crossing it, so
    between two of these weights who leads cannot change: at 500 eligible vendors this is a
    few hundred crossings instead of every pair's hundred thousand."""
    at_p = [rest + p * slope for rest, slope in lines]
    top = max(at_p)
    tops = [line for line, x in zip(lines, at_p) if x >= top - TOP_TOLERANCE * max(1.0, abs(top))]
    found = {w for su, eu in tops for sv, ev in lines if eu != ev and valid(w := (sv - su) / (eu - ev))}
    return sorted(found)


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
