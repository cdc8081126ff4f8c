"""Monte Carlo over the vendors' recovery ranges: who comes out on top, and how sure.

Each run draws one quantile u ~ U(0,1) per vendor (in id order, so adding a vendor does not
shift the others' draws); every recovery band with `low`/`high` takes the triangular(low,
rate, high) quantile at u; the leader is recomputed by `scoring.Scorer.leader`, auto
scores included, with the same rules as the point ranking. A debt buyer's purchase price is a firm bid: it is not drawn.
Draws are on the run's `basis.Basis`: with [timing] each drawn rate is collected along the
vendor's curve (so every draw has an npv beside its net), with --evidence it is evidenced.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from vendortui.core.autos import Interval
from vendortui.core.basis import Basis
from vendortui.core.contenders import Ranges, contenders
from vendortui.core.models import Portfolio, Template, Vendor, band_for
from vendortui.core.money import Projection, settle
from vendortui.core.scoring import EvaluatorInputs, Ranked, Scorer, rank

PERCENTILES = (0.10, 0.50, 0.90)


@dataclass(frozen=True)
class VendorDraws:
    id: str
    p_first: float | None
    net_p10: float | None
    net_p50: float | None
    net_p90: float | None
    npv_p10: float | None = None  # with [timing]
    npv_p50: float | None = None
    npv_p90: float | None = None


@dataclass(frozen=True)
class MonteCarlo:
    runs: int
    seed: int
    vendors: list[VendorDraws]
    no_leader: float | None  # share of runs in which no vendor was eligible


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
    return _quantiles(u, [t])[0]


def _quantiles(u: float, triangles: Iterable[tuple[float, ...]]) -> list[float]:
    """Each triangle's quantile at the same u (a vendor's bands move together); one loop,
    no call per band, as Monte Carlo runs it for every bucket of every vendor and run."""
    out = []
    sqrt = math.sqrt
    for low, high, mode, cut, left, right in triangles:
        if low == high:
            out.append(mode)
            continue
        x = low + sqrt(u * left) if u < cut else high - sqrt((1 - u) * right)
        out.append(low if x < low else high if x > high else x)
    return out


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks of the sorted values (numpy's default):
    position h = (n - 1) p, value x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]),
    kept inside that pair so that percentiles never decrease with p."""
    xs = sorted(values)
    h = (len(xs) - 1) * p
    i = math.floor(h)
    if i + 1 >= len(xs):
        return xs[-1]
    return _between(xs[i], xs[i + 1], h - i)


def _between(lo: float, hi: float, t: float) -> float:
    """`percentile`'s interpolation at t in [0, 1] between two neighbouring sorted values."""
    return min(max(lo + t * (hi - lo), lo), hi)


class Draws:
    """One vendor's recovery, ready to be redrawn fast: rates drawn per bucket at one shared
    quantile, then the money model's own sums (`money.settle`)."""

    def __init__(self, vendor: Vendor, portfolio: Portfolio, point: Projection, basis: Basis | None = None):
        self.point = point
        self.present = basis.present(vendor, portfolio.total_accounts) if basis is not None else None
        self.ranged = False
        # Per bucket, in book order; kept apart so that a draw reads them without unpacking.
        self.balances: list[float] = []
        self.contingencies: list[float] = []
        self.triangles: list[tuple[float, ...]] = []
        self.accounts: list[int] = []
        self.fixed = (point.gross, point.net, point.cost_ratio, point.resolved_accounts)  # nothing drawn
        if vendor.is_debt_buyer:
            return
        for b, row in zip(portfolio.buckets, point.buckets):
            mode = row.recovery_rate
            band = band_for(vendor.performance.recovery, b.age.low) if vendor.performance.recovery else None
            # The claimed bounds go where the claimed rate went: evidenced, times S(H).
            a, c = basis.affine(vendor, b) if basis is not None and not basis.neutral else (1.0, 0.0)
            low = mode if band is None or band.low is None else a * band.low + c
            high = mode if band is None or band.high is None else a * band.high + c
            self.balances.append(row.balance)
            self.contingencies.append(row.contingency_rate)
            self.triangles.append(_triangle(low, mode, high))
            self.accounts.append(row.accounts)
            self.ranged |= high > low

    def rates(self, u: float) -> list[float] | None:
        """Each bucket's recovery rate at quantile u; None when nothing is drawn."""
        return _quantiles(u, self.triangles) if self.ranged else None

    def draw(self, u: float) -> tuple[float, float, float | None, float]:
        """(gross, net, cost_ratio, resolved accounts) at quantile u."""
        if not self.ranged:
            return self.fixed
        rates = _quantiles(u, self.triangles)
        grosses = [balance * r for balance, r in zip(self.balances, rates)]
        gross, _, net, ratio = settle(grosses, self.contingencies, self.point.fixed)
        return gross, net, ratio, math.fsum([n * r for n, r in zip(self.accounts, rates)])

    def ratio_range(self) -> tuple[float, float]:
        """The least and the most cost ratio (fees + fixed) / gross when each bucket's gross
        lies anywhere between its values at u = 0 and u = 1 (a box around the draws, which
        move together). A ratio of sums is least with the buckets of the lowest
        contingencies at their most and the others at their least, for some cut in
        contingency order (most: the reverse), so every cut is tried."""
        low = [b * r for b, r in zip(self.balances, _quantiles(0.0, self.triangles))]
        high = [b * r for b, r in zip(self.balances, _quantiles(1.0, self.triangles))]
        by_fee = sorted(range(len(low)), key=lambda b: self.contingencies[b])

        def ratio(cut: int, first: list[float], rest: list[float]) -> float:
            grosses = [(first if k < cut else rest)[b] for k, b in enumerate(by_fee)]
            gross = math.fsum(grosses)
            fees = math.fsum([g * self.contingencies[b] for g, b in zip(grosses, by_fee)])
            return (fees + self.point.fixed) / gross if gross > 0 else math.inf

        cuts = range(len(by_fee) + 1)
        return min(ratio(c, high, low) for c in cuts), max(ratio(c, low, high) for c in cuts)

    def npv(self, net: float) -> float | None:
        """The npv of a draw whose net is `net` (None without [timing])."""
        return self.present.npv(net, self.point.fixed) if self.present is not None else None


def monte_carlo(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: EvaluatorInputs,
    runs: int,
    seed: int,
    order: Sequence[str] | None = None,
    ranked: Sequence[Ranked] | None = None,
    basis: Basis | None = None,
) -> MonteCarlo:
    """Redraw every ranged recovery band `runs` times and re-rank each time.

    Each run draws one quantile u ~ U(0, 1) per vendor, vendors in id order, from
    `random.Random(seed)`; each of the vendor's bands with a range takes the
    triangular(low, rate, high) quantile at u (so a vendor's bands move together). Net
    percentiles use linear interpolation (see `percentile`). `order` lists the result's
    vendors (default: id order); `ranked`, the point ranking when the caller has it (on
    `basis`, which the draws follow).

    A run draws the money of the vendors that can change its leader only (`contenders`);
    every u is kept (8 bytes a run and vendor). A vendor's net rises with its u, so its
    net percentiles are its nets at its u's order statistics, with no column of nets.
    """
    if ranked is None:
        ranked = rank(template, portfolio, vendors, evaluation)
    draws = vendor_draws(portfolio, vendors, ranked, basis)
    timed = basis is not None and basis.timing is not None
    by_id = sorted(range(len(vendors)), key=lambda i: vendors[i].vid)
    order = list(order) if order is not None else [vendors[i].vid for i in by_id]
    if runs <= 0:
        return MonteCarlo(runs, seed, [VendorDraws(vid, None, None, None, None) for vid in order], None)
    scorer = Scorer(template, vendors, evaluation)
    drawn = contenders(scorer, ranges(draws, timed))
    if len(drawn) < len(vendors):
        scorer = Scorer(template, [vendors[i] for i in drawn], evaluation)
    their_draws = [draws[i] for i in drawn]
    u_stream = iter(random.Random(seed).random, None)  # u after u, never ending
    firsts = [0] * len(vendors)
    # Every u, run after run in id order: 8 bytes a run and vendor, each vendor's column a
    # slice of it at the end. A run's u's go straight from the generator into the array.
    stream = array("d")
    where = {i: k for k, i in enumerate(by_id)}  # a vendor's place in a run's u's
    their_u = [where[i] for i in drawn]
    nobody = 0
    n = len(vendors)
    for _ in range(runs):
        start = len(stream)
        stream.extend(islice(u_stream, n))
        if not drawn:
            nobody += 1
            continue
        gross, net, ratio, resolved = run_draws(their_draws, [stream[start + k] for k in their_u])
        npv = [d.npv(n) or 0.0 for d, n in zip(their_draws, net)] if timed else None
        who = scorer.leader(gross, net, ratio, resolved, npv)
        if who is None:
            nobody += 1
        else:
            firsts[drawn[who]] += 1
    index = {v.vid: i for i, v in enumerate(vendors)}
    results = []
    for vid in order:
        i = index[vid]
        nets, npvs = spread(draws[i], stream[where[i]::len(vendors)], timed)
        results.append(VendorDraws(vid, firsts[i] / runs, *nets, *npvs))
    return MonteCarlo(runs, seed, results, nobody / runs)


def ranges(draws: Sequence[Draws], timed: bool) -> Ranges:
    """Each vendor's least and most gross, net, cost ratio, resolved accounts and npv over
    every u: their values at u = 0 and u = 1 (the ratio bounded from them), widened by the
    sums' rounding."""
    gross: list[Interval] = []
    net: list[Interval] = []
    ratio: list[Interval | None] = []
    resolved: list[Interval] = []
    npv: list[Interval] = []
    for d in draws:
        (g0, n0, r0, a0), (g1, n1, r1, a1) = d.draw(0.0), d.draw(1.0)
        slack = 1e-9 * (abs(g1) + abs(d.point.fixed) + 1.0)
        if not d.ranged:
            slack = 0.0
        gross.append((g0 - slack, g1 + slack))
        net.append((n0 - slack, n1 + slack))
        resolved.append((a0 - 1e-9 * (abs(a1) + 1.0), a1 + 1e-9 * (abs(a1) + 1.0)))
        if r0 is None or r1 is None:
            ratio.append(None)
        elif not d.ranged:
            ratio.append((r0, r0))
        else:
            least, most = d.ratio_range()
            ratio.append((least * (1 - 1e-9), most * (1 + 1e-9)))
        if timed:
            npv.append((d.npv(net[-1][0]) or 0.0, d.npv(net[-1][1]) or 0.0))
    return Ranges(gross, net, ratio, resolved, npv if timed else None)


def spread(d: Draws, us: array[float], timed: bool) -> tuple[tuple[float, ...], tuple[float | None, ...]]:
    """(net P10, P50, P90) and (npv P10, P50, P90, or Nones) of one vendor over its u's.

    Net and npv rise with u, so the k-th smallest net is the net at the k-th smallest u;
    `percentile`'s interpolation is then made between the nets at the two order statistics
    around each percentile (npv alike), and the three are kept in order."""
    if not d.ranged:  # every draw is the point projection: no column to sort
        net = d.point.net
        return (net, net, net), ((d.npv(net) or 0.0,) * 3 if timed else (None, None, None))
    wanted = [(len(us) - 1) * p for p in PERCENTILES]
    ranks = sorted({k for h in wanted for k in (math.floor(h), min(math.floor(h) + 1, len(us) - 1))})
    at = order_statistics(us, ranks)
    nets = {k: d.draw(u)[1] for k, u in at.items()}
    out_net: list[float] = []
    out_npv: list[float | None] = []
    for h in wanted:
        i = math.floor(h)
        j = min(i + 1, len(us) - 1)
        lo, hi = sorted((nets[i], nets[j]))
        out_net.append(_between(lo, hi, h - i))
        if timed:
            plo, phi = sorted((d.npv(lo) or 0.0, d.npv(hi) or 0.0))
            out_npv.append(_between(plo, phi, h - i))
    for k in (1, 2):  # never decreasing with p, whatever the sums' last bit did
        out_net[k] = max(out_net[k], out_net[k - 1])
        if timed:
            a, b = out_npv[k - 1], out_npv[k]
            out_npv[k] = max(a, b) if a is not None and b is not None else b
    return tuple(out_net), (tuple(out_npv) if timed else (None, None, None))


# Above this many values, order statistics are found without sorting a copy of the column
# (a sorted list costs 32 bytes a value, four times the column).
SORT_LIMIT = 1 << 16


def order_statistics(values: Sequence[float], ranks: Sequence[int], sort_limit: int = SORT_LIMIT) -> dict[int, float]:
    """The k-th smallest of `values` (k from 0) for each k in `ranks`.

    Short columns are sorted. Long ones are u's, near uniform on [0, 1): the k-th smallest
    is then within a few standard deviations of k / n, so one pass keeps the values in a
    narrow window around each wanted rank and counts those below it; the window is sorted.
    If a rank falls outside its window (values that are not uniform), the column is sorted."""
    n = len(values)
    if n <= sort_limit:
        xs = sorted(values)
        return {k: xs[k] for k in ranks}
    width = 8 * math.sqrt(0.25 / n) + 1e-9
    windows = [(k, k / n - width, k / n + width) for k in ranks]
    out: dict[int, float] = {}
    for k, lo, hi in windows:
        below = 0
        kept = []
        for x in values:
            if x < lo:
                below += 1
            elif x <= hi:
                kept.append(x)
        if not below <= k < below + len(kept):
            xs = sorted(values)
            return {k: xs[k] for k in ranks}
        kept.sort()
        out[k] = kept[k - below]
    return out


def vendor_draws(
    portfolio: Portfolio, vendors: Sequence[Vendor], ranked: Sequence[Ranked], basis: Basis | None = None
) -> list[Draws]:
    """Each vendor's draws, in `vendors` order, around its point projection in `ranked`."""
    points = {r.id: r.projection for r in ranked}
    return [Draws(v, portfolio, points[v.vid], basis) for v in vendors]


def run_draws(
    draws: Sequence[Draws], us: Sequence[float]
) -> tuple[list[float], list[float], list[float | None], list[float]]:
    gross, net, ratio, resolved = [], [], [], []
    for d, u in zip(draws, us):
        g, n, r, a = d.draw(u)
        gross.append(g)
        net.append(n)
        ratio.append(r)
        resolved.append(a)
    return gross, net, ratio, resolved
