"""The business case (SPEC "The business case", seed 000 steps 1-4): what involuntary churn
costs, and what each vendor's way of collecting keeps of it.

- `revenue_at_risk = involuntary_churn_per_month x 12 x ltv` (a year of involuntary churn);
  `replacement_cost = involuntary_churn_per_month x 12 x cac`.
- Per vendor: `resolved_accounts = sum_b N_b x recovery_v(b)` (0 for a debt buyer: sold
  accounts leave the relationship; `money.Projection.resolved_accounts`); `won_back =
  resolved_accounts x winback_v` (the vendor's own `winback`, else the case's);
  `retained_value = won_back x ltv`; `cac_avoided = won_back x cac` (shown, never added);
  `business_value = net + retained_value`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app's shell shows revenue at risk before the models are built
    from vendortui.core.models import BusinessCase, Vendor
    from vendortui.core.money import Projection


@dataclass(frozen=True, slots=True)
class Business:
    resolved_accounts: float
    won_back: float
    retained_value: float
    cac_avoided: float
    business_value: float


def on_default_winback(vendors: Sequence[Vendor]) -> list[Vendor]:
    """The vendors that state no winback of their own: the only ones the default reaches."""
    return [v for v in vendors if v.performance.winback is None]


def winback(vendor: Vendor, case: BusinessCase) -> float:
    """The vendor's own winback, else the case's default."""
    own = vendor.performance.winback
    return case.winback if own is None else own


def retained_per_resolved(vendor: Vendor, case: BusinessCase | None) -> float:
    """What one resolved account is worth in kept customers: winback x LTV (0 without a case)."""
    return winback(vendor, case) * case.ltv if case is not None else 0.0


def business(vendor: Vendor, projection: Projection, case: BusinessCase) -> Business:
    resolved = projection.resolved_accounts
    won = resolved * winback(vendor, case)
    retained = won * case.ltv
    return Business(resolved, won, retained, won * case.cac, projection.net + retained)


def revenue_at_risk(case: BusinessCase) -> float:
    return case.involuntary_churn_per_month * 12 * case.ltv


def replacement_cost(case: BusinessCase) -> float:
    return case.involuntary_churn_per_month * 12 * case.cac
