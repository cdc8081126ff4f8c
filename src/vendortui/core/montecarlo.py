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

from vendortui.core.basis import Basis
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
    lo, hi = xs[i], xs[i + 1]
    return min(max(lo + (h - i) * (hi - lo), lo), hi)


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
    """
    if ranked is None:
        ranked = rank(template, portfolio, vendors, evaluation)
    draws = vendor_draws(portfolio, vendors, ranked, basis)
    timed = basis is not None and basis.timing is not None
    scorer = Scorer(template, vendors, evaluation)
    by_id = sorted(range(len(vendors)), key=lambda i: vendors[i].vid)
    order = list(order) if order is not None else [vendors[i].vid for i in by_id]
    if runs <= 0:
        return MonteCarlo(runs, seed, [VendorDraws(vid, None, None, None, None) for vid in order], None)
    rng = random.Random(seed)
    firsts = [0] * len(vendors)
    # One column of nets per vendor, 8 bytes a run: memory grows with the runs by no more
    # than the percentiles need, and nothing is transposed at the end. The same for npv.
    nets = [array("d") for _ in vendors]
    appends = [column.append for column in nets]
    npvs = [array("d") for _ in vendors] if timed else []
    nobody = 0
    us = [0.0] * len(vendors)
    for _ in range(runs):
        for i in by_id:
            us[i] = rng.random()
        gross, net, ratio, resolved = run_draws(draws, us)
        for append, x in zip(appends, net):
            append(x)
        npv = [d.npv(n) or 0.0 for d, n in zip(draws, net)] if timed else None
        if npv is not None:
            for column, x in zip(npvs, npv):
                column.append(x)
        who = scorer.leader(gross, net, ratio, resolved, npv)
        if who is None:
            nobody += 1
        else:
            firsts[who] += 1
    index = {v.vid: i for i, v in enumerate(vendors)}
    results = []
    for vid in order:
        i = index[vid]
        ordered = sorted(nets[i])
        p10, p50, p90 = (percentile(ordered, p) for p in PERCENTILES)
        spread: tuple[float | None, ...] = (None, None, None)
        if npvs:
            spread = tuple(percentile(sorted(npvs[i]), p) for p in PERCENTILES)
        results.append(VendorDraws(vid, firsts[i] / runs, p10, p50, p90, *spread))
    return MonteCarlo(runs, seed, results, nobody / runs)


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
