"""Placement plans (SPEC "Placement plans"): who works which ages of the book.

A plan places the portfolio's buckets, in age order, with 1 to K options, each taking a
contiguous run (a waterfall: in-house to 60 days, agency A to 180, agency B after). Each
segment is costed as its vendor would cost those buckets alone (`money.project_buckets`:
fees by bucket, fixed costs and collectors on the segment's accounts), and a plan's net is
the sum of its segments' nets.

The best plan is found exactly by dynamic programming over the buckets in age order:
`best[k][j]`, the best way to place the first j buckets in k segments, is the best
`best[k-1][i]` plus one vendor's segment (i, j]. That is K x n^2 x V segment look-ups, where
enumeration would be V^K x n^(K-1).

Decided here once:
- Plans are compared on net in whole cents (so sums taken in different orders tie exactly),
  then on fewer segments, then on the vendor ids in age order.
- A vendor may take two runs that are not adjacent (each costed alone, as two placements);
  two adjacent runs of one vendor never win, since one run costs no more and has fewer
  segments.
- With a cut-off, the kept vendor takes every bucket whose lower bound is below it (if any)
  as the first segment, which counts towards K; the next segment goes to another vendor.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from vendortui.core.ages import AgeRange
from vendortui.core.basis import Basis
from vendortui.core.defaults import MAX_OPTIONS
from vendortui.core.models import Bucket, Portfolio, Vendor
from vendortui.core.money import band_rate, fixed_split
from vendortui.core.scoring import Ranked


@dataclass(frozen=True)
class Segment:
    vendor: str
    ages: tuple[AgeRange, ...]
    gross: float
    fees: float
    fixed: float
    net: float


@dataclass(frozen=True)
class Plan:
    segments: tuple[Segment, ...]
    net: float
    single_best: str | None  # the best single vendor over the whole book (eligible ones)
    single_best_net: float
    cutoff: int | None = None
    kept: str | None = None

    @property
    def gain(self) -> float:
        return self.net - self.single_best_net

    @property
    def vendors(self) -> tuple[str, ...]:
        return tuple(s.vendor for s in self.segments)


class NoPlan(ValueError):
    """No eligible vendor to place the book with (or the kept vendor is unknown)."""


@dataclass(frozen=True)
class _Cost:
    cents: int
    segment: Segment


class _Runs:
    """Every vendor's cost of every run [i, j) of the age-ordered buckets, computed from
    per-bucket figures exactly as `money.project_buckets` computes them (the same products,
    the same `fsum`s), so a plan's segments are the figures a reader can check."""

    def __init__(self, vendors: Sequence[Vendor], buckets: Sequence[Bucket], horizon: int, basis: Basis | None = None) -> None:
        self.buckets, self.horizon = list(buckets), horizon
        self.basis = basis or Basis(horizon)
        self.vendors = {v.vid: v for v in vendors}
        self.rows = {v.vid: self._rows(v) for v in vendors}
        self.accounts = [0, *itertools.accumulate(b.accounts for b in buckets)]
        self._memo: dict[tuple[str, int, int], _Cost] = {}
        self._sums: dict[tuple[str, int], tuple[list[float], list[float]]] = {}  # (vid, i) -> gross, fees of [i, j)

    def _rows(self, v: Vendor) -> list[tuple[float, float]]:
        """(gross, fees) of each bucket; a debt buyer's gross is its price for the bucket."""
        if v.is_debt_buyer:
            return [(b.balance * band_rate(v.fees.purchase_price, b.age.low), 0.0) for b in self.buckets]
        out = []
        rates = self.basis.rates(v, self.buckets)  # with [timing] or --evidence: rates x S(H), as the ranking
        for i, b in enumerate(self.buckets):
            gross = b.balance * (rates[i] if rates is not None else band_rate(v.performance.recovery, b.age.low))
            out.append((gross, gross * band_rate(v.fees.contingency, b.age.low)))
        return out

    def cost(self, vid: str, i: int, j: int) -> _Cost:
        key = (vid, i, j)
        found = self._memo.get(key)
        if found is None:
            v = self.vendors[vid]
            sums = self._sums.get((vid, i))
            if sums is None:  # every run starting at i in one pass: n^2 sums a vendor, not n^3
                rows = self.rows[vid][i:]
                sums = self._sums[(vid, i)] = (running_fsums([g for g, _ in rows]), running_fsums([f for _, f in rows]))
            gross = sums[0][j - i - 1]
            if v.is_debt_buyer:
                fees = fixed = 0.0
            else:
                fees = sums[1][j - i - 1]
                base, volume = fixed_split(v, self.accounts[j] - self.accounts[i], self.horizon)
                fixed = base + volume
            net = gross - fees - fixed
            ages = tuple(b.age for b in self.buckets[i:j])
            found = self._memo[key] = _Cost(round(net * 100), Segment(vid, ages, gross, fees, fixed, net))
        return found


def running_fsums(values: Sequence[float]) -> list[float]:
    """[fsum(values[:1]), fsum(values[:2]), ...] in one pass, each exactly what fsum gives:
    the exact running sum is kept as non-overlapping partials (Shewchuk's algorithm, as fsum
    keeps it), and fsum of the partials rounds that exact sum as fsum of the values would."""
    partials: list[float] = []
    out = []
    for x in values:
        k = 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            high = x + y
            low = y - (high - x)
            if low:
                partials[k] = low
                k += 1
            x = high
        partials[k:] = [x]
        out.append(math.fsum(partials))
    return out


# A partial plan: (net in cents, segments, vendor ids in age order) - compared as the best is chosen.
_Key = tuple[int, int, tuple[str, ...]]


def _better(a: _Key, b: _Key | None) -> bool:
    """Higher net, then fewer segments, then the smaller vendor ids in age order."""
    if b is None:
        return True
    return (-a[0], a[1], a[2]) < (-b[0], b[1], b[2])


def _best_waterfall(
    runs: _Runs, pool: Sequence[str], start: int, max_segments: int, not_first: str | None
) -> tuple[_Key, list[Segment]] | None:
    """The best placement of buckets [start, n) in 1..max_segments segments."""
    n = len(runs.buckets)
    if start >= n or max_segments < 1 or not pool:
        return None
    # best[k][j]: the best (key, segments) placing buckets [start, j) in exactly k segments
    best: list[dict[int, tuple[_Key, list[Segment]]]] = [{start: ((0, 0, ()), [])}]
    for k in range(1, min(max_segments, n - start) + 1):
        row: dict[int, tuple[_Key, list[Segment]]] = {}
        for j in range(start + k, n + 1):
            chosen: tuple[_Key, list[Segment]] | None = None
            for i, (key, segs) in best[k - 1].items():
                if i >= j:
                    continue
                for vid in pool:
                    if i == start and vid == not_first:
                        continue
                    cost = runs.cost(vid, i, j)
                    cand: _Key = (key[0] + cost.cents, k, (*key[2], vid))
                    if chosen is None or _better(cand, chosen[0]):
                        chosen = (cand, [*segs, cost.segment])
            if chosen is not None:
                row[j] = chosen
        best.append(row)
    winner: tuple[_Key, list[Segment]] | None = None
    for k in range(1, len(best)):
        final = best[k].get(n)
        if final is not None and (winner is None or _better(final[0], winner[0])):
            winner = final
    return winner


def best_plan(
    vendors: Sequence[Vendor],
    portfolio: Portfolio,
    horizon: int,
    max_options: int = MAX_OPTIONS,
    cutoff: int | None = None,
    keep: Vendor | None = None,
    basis: Basis | None = None,
) -> Plan:
    """The best waterfall of up to `max_options` segments over `vendors` (the eligible ones:
    the caller filters). With `cutoff` and `keep`, buckets starting below `cutoff` days go
    to `keep` first. Raises NoPlan when there is nobody to place the book with."""
    if max_options < 1:
        raise ValueError("max_options must be at least 1")
    buckets = sorted(portfolio.buckets, key=lambda b: b.age.low)
    n = len(buckets)
    pool = [v.vid for v in vendors]
    everyone = [*vendors, *([keep] if keep is not None and keep.vid not in pool else [])]
    runs = _Runs(everyone, buckets, horizon, basis)
    single, single_net = _single_best(runs, pool)
    head = sum(1 for b in buckets if b.age.low < cutoff) if cutoff is not None and keep is not None else 0
    kept = keep.vid if keep is not None and cutoff is not None else None
    segments: list[Segment] = []
    if head:
        assert keep is not None
        segments.append(runs.cost(keep.vid, 0, head).segment)
    if head < n:
        found = _best_waterfall(runs, pool, head, max_options - bool(head), keep.vid if head and keep else None)
        if found is None:
            raise NoPlan(_why_none(pool, head, max_options))
        segments += found[1]
    return Plan(tuple(segments), math.fsum(s.net for s in segments), single, single_net, cutoff, kept)


def _why_none(pool: Sequence[str], head: int, max_options: int) -> str:
    if not pool:
        return "no eligible vendor to place the book with"
    if head and max_options == 1:
        return "one option is taken by the kept vendor: allow two (--max-options 2) to place the accounts past the cut-off"
    return "no other eligible vendor for the accounts past the cut-off"


def _single_best(runs: _Runs, pool: Sequence[str]) -> tuple[str | None, float]:
    """The best single vendor over the whole book: highest net, then the smaller id."""
    n = len(runs.buckets)
    best: _Cost | None = None
    for vid in sorted(pool):
        c = runs.cost(vid, 0, n)
        if best is None or c.cents > best.cents:
            best = c
    return (best.segment.vendor, best.segment.net) if best else (None, 0.0)


def plans_by_cutoff(
    vendors: Sequence[Vendor], portfolio: Portfolio, horizon: int, cutoffs: Sequence[int], keep: Vendor,
    max_options: int = MAX_OPTIONS, basis: Basis | None = None,
) -> list[Plan]:
    """The best plan at each cut-off, in the order given."""
    return [best_plan(vendors, portfolio, horizon, max_options, c, keep, basis) for c in cutoffs]


# --------------------------------------------------------------------------- a review's strategy

DEFAULT_CUTOFFS = (30, 45, 60, 90)  # days past due, when the template names none


@dataclass(frozen=True)
class Strategy:
    """What the plan screen and `shortlist.md` show: the best plan, and the best plan at each
    cut-off with the in-house team keeping the younger accounts."""

    best: Plan
    keep: str | None  # the vendor that keeps the accounts below a cut-off; None: no in-house option
    by_cutoff: tuple[Plan, ...]
    max_options: int


def default_keep(ranked: Sequence[Ranked]) -> Vendor | None:
    """The in-house team that keeps the accounts below a cut-off: the first in-house vendor
    in the ranking's order (eligible ones come first)."""
    return next((r.vendor for r in ranked if r.vendor.kind == "in_house"), None)


def strategy(
    ranked: Sequence[Ranked], portfolio: Portfolio, horizon: int, cutoffs: Sequence[int] | None = None,
    max_options: int = MAX_OPTIONS, pool: Sequence[Vendor] | None = None, basis: Basis | None = None,
) -> Strategy:
    """The review's placement strategy over `pool` (default: its eligible vendors; the
    recommendation passes the shortlist and the status quo). Raises NoPlan when the pool is empty."""
    eligible = list(pool) if pool is not None else [r.vendor for r in ranked if r.eligible]
    keep = default_keep(ranked)
    best = best_plan(eligible, portfolio, horizon, max_options, basis=basis)
    by_cutoff: tuple[Plan, ...] = ()
    if keep is not None:
        plans = []
        for c in cutoffs or DEFAULT_CUTOFFS:
            try:
                plans.append(best_plan(eligible, portfolio, horizon, max_options, c, keep, basis))
            except NoPlan:
                continue  # nobody else to take the older accounts: that cut-off has no plan
        by_cutoff = tuple(plans)
    return Strategy(best, keep.vid if keep else None, by_cutoff, max_options)
