"""The auto scores (SPEC "Scores and ranking", "The business case", "Time value and evidence"):
a criterion scored from the projection instead of by the evaluator. The point ranking and
every Monte Carlo draw call this one function (`scoring.Scorer`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from vendortui.core.models import AutoKind


def auto_scores(
    kind: AutoKind,
    scale: int,
    gross: Sequence[float],
    net: Sequence[float],
    ratio: Sequence[float | None],
    pool: Sequence[int],
    value: Sequence[float] | None = None,
    npv: Sequence[float] | None = None,
) -> list[float | None]:
    """Each vendor's score from the projection (by index); None where the vendor keeps its
    evaluator score (a debt buyer has no cost ratio). Best and lowest are taken over `pool`,
    the indices of the vendors that pass every requirement. Not clamped. `value`: business
    values (net without a business case), which `business_value` scores like net; `npv`, the
    present values (net without [timing]), which `npv` scores like net."""
    if kind == "cost_ratio":
        positive = [r for i in pool if (r := ratio[i]) is not None and 0 < r < math.inf]
        lowest = min(positive) if positive else None
        out: list[float | None] = []
        for r in ratio:
            if r is None:
                out.append(None)
            elif r == 0:
                out.append(float(scale))
            elif lowest is None or r == math.inf:
                out.append(0.0)
            else:
                out.append(scale * lowest / r)
        return out
    metric = {"net_recovery": net, "business_value": value if value is not None else net,
              "npv": npv if npv is not None else net}.get(kind, gross)
    best = max((metric[i] for i in pool), default=0.0)
    if best <= 0:
        return [0.0] * len(metric)
    if kind in ("net_recovery", "business_value", "npv"):
        return [scale * max(x, 0.0) / best for x in metric]
    return [scale * x / best for x in metric]


# --------------------------------------------------------------------------- over ranges of money

Interval = tuple[float, float]  # the least and the most a figure can be


def auto_score_bounds(
    kind: AutoKind, scale: int, metric: Sequence[Interval | None], pool: Sequence[int]
) -> tuple[list[Interval | None], set[int]]:
    """`auto_scores` when each vendor's figure lies anywhere in its interval (the ratio for
    `cost_ratio`; net, gross, value or npv for the others, as `auto_scores` picks it): per
    vendor the least and the most its clamped score can be (None: no score, as in
    `auto_scores`), and the vendors of `pool` whose figure can be the best (the lowest ratio)
    that every score is taken against. A vendor outside that set never changes any score.
    Monte Carlo uses it to draw only the vendors that can matter (`contenders`)."""
    if kind == "cost_ratio":
        return _ratio_bounds(scale, metric, pool)
    ranges = [m if m is not None else (0.0, 0.0) for m in metric]
    if not pool:
        return [(0.0, 0.0)] * len(ranges), set()
    least_best = max(ranges[i][0] for i in pool)
    most_best = max(ranges[i][1] for i in pool)
    setters = {i for i in pool if ranges[i][1] >= least_best}
    if most_best <= 0:
        return [(0.0, 0.0)] * len(ranges), setters
    out: list[Interval | None] = []
    for low, high in ranges:
        if kind != "gross_recovery":
            low, high = max(low, 0.0), max(high, 0.0)
        if least_best > 0:  # score = scale x figure / best, best in [least_best, most_best]
            corners = [scale * x / b for x in (low, high) for b in (least_best, most_best)]
            lo, hi = min(corners), max(corners)
        else:  # best may be 0 or less (every score 0) or as small as it likes
            lo, hi = min(0.0, scale * low / most_best), math.inf
        out.append((min(max(lo, 0.0), scale), min(max(hi, 0.0), scale)))
    return out, setters


def _ratio_bounds(
    scale: int, ratio: Sequence[Interval | None], pool: Sequence[int]
) -> tuple[list[Interval | None], set[int]]:
    """`auto_score_bounds` for `cost_ratio`: scale x lowest positive ratio / ratio."""

    def sure(r: Interval) -> bool:  # positive and finite in every draw
        return r[0] > 0 and r[1] < math.inf

    def maybe(r: Interval) -> bool:  # positive and finite in some draw
        return r[1] > 0 and r[0] < math.inf

    known = {i: r for i in pool if (r := ratio[i]) is not None}
    sure_highs = [r[1] for r in known.values() if sure(r)]
    most_lowest = min(sure_highs) if sure_highs else None  # the lowest is at most this, when it exists
    setters = {i for i, r in known.items() if maybe(r) and (most_lowest is None or r[0] <= most_lowest)}
    least_lowest = min((max(known[i][0], 0.0) for i in setters), default=0.0)
    out: list[Interval | None] = []
    for r in ratio:
        if r is None:
            out.append(None)
        elif not sure(r):  # may be 0 (full marks) or infinite (none)
            out.append((0.0, float(scale)))
        else:
            hi = scale * most_lowest / r[0] if most_lowest is not None else math.inf
            lo = scale * least_lowest / r[1] if most_lowest is not None else 0.0
            out.append((min(max(lo, 0.0), scale), min(max(hi, 0.0), scale)))
    return out, setters
