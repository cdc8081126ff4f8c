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
