"""The money model (SPEC: "The money model"): what a portfolio would really bring back.

For each vendor: gross recovery, contingency fees, fixed costs over the horizon, net, the
cost ratio and the break-even ("OpEx tipping point") recovery rate, also split by bucket.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from vendortui.core.ages import AgeRange, band_index
from vendortui.core.models import Band, Portfolio, Vendor


@dataclass(frozen=True)
class BucketMoney:
    age: AgeRange
    balance: float
    accounts: int
    recovery_rate: float
    contingency_rate: float
    gross: float
    fees: float
    fixed: float
    net: float


@dataclass(frozen=True)
class Projection:
    vendor_id: str
    gross: float
    fees: float
    fixed: float
    net: float
    cost_ratio: float | None  # None for a debt buyer; math.inf when gross is 0
    break_even_rate: float  # math.inf when fees take everything and fixed costs remain
    buckets: tuple[BucketMoney, ...]


def band_rate(bands: Sequence[Band], day: int) -> float:
    """The rate a banded list gives a bucket starting at `day`; no bands means 0."""
    if not bands:
        return 0.0
    i = band_index((band.age for band in bands), day)
    if i is None:
        raise ValueError(f"no band contains day {day}")  # the loader reports this first
    return bands[i].rate


def settle(grosses: Sequence[float], contingencies: Sequence[float], fixed: float) -> tuple[float, float, float, float]:
    """(gross, fees, net, cost_ratio) from each bucket's gross and contingency: the money
    model's sums, shared by the projection and every Monte Carlo draw."""
    gross = math.fsum(grosses)
    fees = math.fsum([g * c for g, c in zip(grosses, contingencies)])
    cost_ratio = (fees + fixed) / gross if gross > 0 else math.inf
    return gross, fees, gross - fees - fixed, cost_ratio


def fixed_costs(vendor: Vendor, portfolio: Portfolio, horizon_months: int) -> tuple[float, float]:
    """(costs independent of the portfolio's size, per-account costs) over the horizon."""
    fees = vendor.fees
    base = fees.annual_cost * horizon_months / 12 + fees.setup_cost
    return base, fees.per_account * portfolio.total_accounts


def project(
    vendor: Vendor,
    portfolio: Portfolio,
    horizon_months: int,
    recovery_rates: Sequence[float] | None = None,
) -> Projection:
    """Project one vendor over the portfolio.

    `recovery_rates`, one per bucket, replaces the vendor's banded recovery (the Monte Carlo
    draws use it); the fee structure is always the vendor's.
    """
    buckets = portfolio.buckets
    if vendor.is_debt_buyer:
        rows = []
        for b in buckets:
            price = band_rate(vendor.fees.purchase_price, b.age.low)
            value = b.balance * price
            rows.append(BucketMoney(b.age, b.balance, b.accounts, price, 0.0, value, 0.0, 0.0, value))
        total = math.fsum(r.gross for r in rows)
        return Projection(vendor.vid, total, 0.0, 0.0, total, None, 0.0, tuple(rows))

    base, per_account = fixed_costs(vendor, portfolio, horizon_months)
    total_balance = portfolio.total_balance
    rows = []
    for i, b in enumerate(buckets):
        rate = recovery_rates[i] if recovery_rates is not None else band_rate(vendor.performance.recovery, b.age.low)
        cont = band_rate(vendor.fees.contingency, b.age.low)
        gross = b.balance * rate
        fees = gross * cont
        # Fixed costs are shared out so the bucket rows add up to the totals: per-account
        # costs by accounts, the rest by balance (evenly when every balance is 0).
        share = b.balance / total_balance if total_balance else 1 / len(buckets)
        fixed = vendor.fees.per_account * b.accounts + base * share
        rows.append(BucketMoney(b.age, b.balance, b.accounts, rate, cont, gross, fees, fixed, gross - fees - fixed))
    fixed = base + per_account
    gross, fees, net, cost_ratio = settle([r.gross for r in rows], [r.contingency_rate for r in rows], fixed)
    return Projection(
        vendor.vid, gross, fees, fixed, net, cost_ratio,
        break_even_rate(vendor, portfolio, fixed), tuple(rows),
    )


def kept_share(vendor: Vendor, portfolio: Portfolio) -> float:
    """sum_b B_b x (1 - contingency_b): what the buyer keeps per unit of recovery rate."""
    return math.fsum(b.balance * (1 - band_rate(vendor.fees.contingency, b.age.low)) for b in portfolio.buckets)


def break_even_rate(vendor: Vendor, portfolio: Portfolio, fixed: float) -> float:
    """The portfolio-wide recovery rate at which net is 0: fixed / sum_b B_b (1 - c_b)."""
    if vendor.is_debt_buyer or fixed <= 0:
        return 0.0
    kept = kept_share(vendor, portfolio)
    return fixed / kept if kept > 0 else math.inf


def net_at_rate(vendor: Vendor, portfolio: Portfolio, horizon_months: int, rate: float) -> float:
    """Net if the whole portfolio recovered at `rate` under the vendor's fee structure.

    A debt buyer pays its purchase price whatever the recovery.
    """
    if vendor.is_debt_buyer:
        return project(vendor, portfolio, horizon_months).net
    base, per_account = fixed_costs(vendor, portfolio, horizon_months)
    return rate * kept_share(vendor, portfolio) - base - per_account
