"""Monte Carlo over the vendors' recovery ranges: who comes out on top, and how sure.

Each run draws one quantile u ~ U(0,1) per vendor (in id order, so adding a vendor does not
shift the others' draws); every recovery band with `low`/`high` takes the triangular(low,
rate, high) quantile at u; the ranking is recomputed, auto scores included. `FastRanker`
recomputes only what a draw can change and is checked against `scoring.rank` by the tests.
A debt buyer's purchase price is a firm bid: it is not drawn.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Sequence

from vendortui.core.models import Portfolio, Template, Vendor, band_for
from vendortui.core.money import Projection, fixed_costs
from vendortui.core.scoring import Evaluation, Ranked, rank

PERCENTILES = (0.10, 0.50, 0.90)


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
