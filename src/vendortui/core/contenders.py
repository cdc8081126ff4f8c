"""Which vendors a Monte Carlo run has to draw (`contenders`).

A run names one leader. A vendor matters to that only if it can lead in some draw, or if its
figure can be the best (the lowest cost ratio) an auto score is taken against. Every drawn
figure moves one way with the vendor's quantile u (more recovery: more gross, net, value and
npv), so its range over all draws is its value at u = 0 and at u = 1; the cost ratio's range
is bounded from the same two ends. From those ranges each vendor's total has a least and a
most value; a vendor whose most is below the least of one that is always eligible never
leads. The others are left out of the run, which then names the same leader with fewer
vendors to draw (a property test checks this against drawing everyone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vendortui.core.autos import Interval, auto_score_bounds
from vendortui.core.scoring import Scorer, below_minimum, gated_in, total_of

# Slack on totals (0-100): `order_key` compares them at 9 decimals, and the ranges carry
# the sums' rounding.
TOTAL_SLACK = 1e-6


@dataclass(frozen=True)
class Ranges:
    """Per vendor (the scorer's order), the least and the most of each drawn figure."""

    gross: list[Interval]
    net: list[Interval]
    ratio: list[Interval | None]  # None: a debt buyer (no cost ratio)
    resolved: list[Interval]
    npv: list[Interval] | None  # with [timing]


def contenders(scorer: Scorer, ranges: Ranges) -> list[int]:
    """Indices (in order) of the vendors a run must draw to name the leader `scorer.leader`
    would name from every vendor's draw."""
    denom, fixed_terms, knocked, drawn = scorer.fixed_parts()
    value = [_value(n, r, k) for n, r, k in zip(ranges.net, ranges.resolved, scorer.retain)]
    metrics: dict[str, Sequence[Interval | None]] = {
        "cost_ratio": ranges.ratio, "gross_recovery": ranges.gross, "business_value": value,
        "npv": ranges.npv if ranges.npv is not None else ranges.net,
    }
    needed: set[int] = set()
    bounds: dict[str, list[Interval | None]] = {}
    for cid, kind in scorer.autos.items():
        bounds[cid], setters = auto_score_bounds(
            kind, scorer.template.scale, metrics.get(kind, ranges.net), scorer.pool
        )
        needed |= setters
    surest = -1.0  # the least total of a vendor that leads unless someone beats it
    could: list[tuple[int, float]] = []
    for i in scorer.pool:
        if knocked[i] or not gated_in(value[i][1]):
            continue
        least, most = list(fixed_terms[i]), list(fixed_terms[i])
        always, ever = gated_in(value[i][0]), True
        for cid, weight, minimum, base, below in drawn:
            b = bounds[cid][i]
            if b is None:  # keeps the evaluator's score and its verdict
                low = high = base[i]
                always, ever = always and not below[i], ever and not below[i]
            else:
                low, high = b
                always = always and not below_minimum(low, "auto", minimum)
                ever = ever and not below_minimum(high, "auto", minimum)
            if weight is not None and low is not None and high is not None:
                least.append(min(weight * low, weight * high))
                most.append(max(weight * low, weight * high))
        if not ever:
            continue
        if always:
            surest = max(surest, total_of(least, denom))
        could.append((i, total_of(most, denom)))
    needed |= {i for i, most_total in could if most_total >= surest - TOTAL_SLACK}
    return sorted(needed)


def _value(net: Interval, resolved: Interval, retain: float) -> Interval:
    """Business value's range: net + resolved x retain (`Scorer.values`)."""
    ends = (resolved[0] * retain, resolved[1] * retain)
    return net[0] + min(ends), net[1] + max(ends)

