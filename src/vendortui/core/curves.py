"""The tables of SPEC "Time value and evidence", as models: a liquidation curve (`[performance]
curve` in a vendor, `[timing] curve` in a template or portfolio), `[timing]` and `[evidence]`.

Kept apart from `models.py` (which imports them) so the curve's field rules sit beside the
curve: months increasing integers 1..120, shares non-decreasing in [0, 2].
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

CURVE_MONTHS = 120  # ten years: no collection runs longer
SHARE_MAX = 2.0  # a curve may promise up to twice the stated rate (rates measured over a shorter period)
DISCOUNT_MAX = 1.0  # a cost of capital of 100% a year is already far beyond any buyer's
K_MAX = 1e6  # placements: as many as `similar_portfolios` may claim


class _Strict(BaseModel):
    """As `models.Strict`: unknown keys are errors, no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class CurvePoint(_Strict):
    month: Annotated[int, Field(ge=1, le=CURVE_MONTHS)]
    share: Annotated[float, Field(ge=0, le=SHARE_MAX)]


def _check_curve(points: list[CurvePoint]) -> list[CurvePoint]:
    """Months strictly increasing, shares never falling; `ctx["at"]` names the later entry's
    key, so the loader points at the line where the offending point is written."""
    for j in range(1, len(points)):
        before, now = points[j - 1], points[j]
        if now.month <= before.month:
            raise PydanticCustomError(
                "curve_months", "months must increase: month {now} comes after month {before}",
                {"now": now.month, "before": before.month, "at": (j, "month")},
            )
        if now.share < before.share:
            raise PydanticCustomError(
                "curve_shares", "shares must not fall: {now} at month {month} is below {before} before it",
                {"now": now.share, "month": now.month, "before": before.share, "at": (j, "share")},
            )
    return points


Curve = Annotated[list[CurvePoint], Field(min_length=1), AfterValidator(_check_curve)]


class Timing(_Strict):
    """`[timing]`: the buyer's cost of capital and the default curve."""

    discount_rate: Annotated[float, Field(ge=0, le=DISCOUNT_MAX)] = 0.0  # a year, effective annual
    curve: Curve | None = None  # for vendors that give none


class Evidence(_Strict):
    """`[evidence]`: k, the placements of evidence at which a claim carries half weight."""

    k: Annotated[float, Field(gt=0, le=K_MAX)] = 10.0  # the SPEC's example, when the table gives none
