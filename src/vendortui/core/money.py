"""The money model (SPEC: "The money model", "Staff and capacity"): what a portfolio would
really bring back.

For each vendor: gross recovery, contingency fees, fixed costs over the horizon (the buyer's
own collectors included), net, the cost ratio and the break-even ("OpEx tipping point")
recovery rate, also split by bucket; and the same over any run of buckets, for plans.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from vendortui.core.ages import AgeRange, band_index
from vendortui.core.models import Band, Bucket, Portfolio, Vendor


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
    collectors: int = 0  # the buyer's own, for an in-house team or a software licence
    staff: float = 0.0  # their cost over the horizon, part of `fixed`
    resolved_accounts: float = 0.0  # sum_b N_b x recovery_b; 0 for a debt buyer (the business case)
    # SPEC "Time value and evidence" (`basis.Basis` fills them): with [timing], and with [evidence]
    npv: float | None = None
    payback_month: int | None = None
    evidence_weight: float | None = None  # z_v; None for a debt buyer
    evidenced_net: float | None = None  # net with evidenced rates, fixed costs unchanged


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


def staff_cost(vendor: Vendor, accounts: float, horizon_months: int) -> float:
    """The buyer's own collectors over the horizon: collectors x collector_cost x H/12, the
    collectors a fixed team or one per `accounts_per_collector` (rounded up). 0 without
    `[staffing]` (agencies and debt buyers bring their own)."""
    staffing = vendor.staffing
    if staffing is None:
        return 0.0
    return staffing.count(accounts) * (staffing.collector_cost or 0.0) * horizon_months / 12


def fixed_costs(vendor: Vendor, portfolio: Portfolio, horizon_months: int) -> tuple[float, float]:
    """(costs independent of the book's size, costs that grow with its accounts) over the
    horizon: the first is annual cost, setup and a fixed team; the second per-account
    charges and capacity-based collectors. Their sum is the money model's `fixed`."""
    return fixed_split(vendor, portfolio.total_accounts, horizon_months)


def fixed_split(vendor: Vendor, accounts: float, horizon_months: int) -> tuple[float, float]:
    """`fixed_costs` for any number of accounts (a plan's segment, a scaled book)."""
    fees, staffing = vendor.fees, vendor.staffing
    base = fees.annual_cost * horizon_months / 12 + fees.setup_cost
    volume = fees.per_account * accounts
    if staffing is not None and staffing.collectors is not None:
        base += staff_cost(vendor, accounts, horizon_months)
    else:
        volume += staff_cost(vendor, accounts, horizon_months)
    return base, volume


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
    return project_buckets(vendor, portfolio.buckets, horizon_months, recovery_rates)


def project_buckets(
    vendor: Vendor,
    buckets: Sequence[Bucket],
    horizon_months: int,
    recovery_rates: Sequence[float] | None = None,
) -> Projection:
    """`project` over any run of buckets: the whole book, or a plan's segment costed as the
    vendor would cost those buckets alone."""
    if vendor.is_debt_buyer:
        rows = []
        for b in buckets:
            price = band_rate(vendor.fees.purchase_price, b.age.low)
            value = b.balance * price
            rows.append(BucketMoney(b.age, b.balance, b.accounts, price, 0.0, value, 0.0, 0.0, value))
        total = math.fsum(r.gross for r in rows)
        return Projection(vendor.vid, total, 0.0, 0.0, total, None, 0.0, tuple(rows))

    accounts = sum(b.accounts for b in buckets)
    base, volume = fixed_split(vendor, accounts, horizon_months)
    per_account = vendor.fees.per_account
    staff_by_accounts = volume - per_account * accounts  # capacity-based collectors
    total_balance = math.fsum(b.balance for b in buckets)
    rows = []
    for i, b in enumerate(buckets):
        rate = recovery_rates[i] if recovery_rates is not None else band_rate(vendor.performance.recovery, b.age.low)
        cont = band_rate(vendor.fees.contingency, b.age.low)
        gross = b.balance * rate
        fees = gross * cont
        # Fixed costs are shared out so the bucket rows add up to the totals: per-account
        # costs and capacity-based staff by accounts, the rest by balance (evenly when every
        # balance, or every account count, is 0).
        by_balance = b.balance / total_balance if total_balance else 1 / len(buckets)
        by_accounts = b.accounts / accounts if accounts else 1 / len(buckets)
        fixed = per_account * b.accounts + staff_by_accounts * by_accounts + base * by_balance
        rows.append(BucketMoney(b.age, b.balance, b.accounts, rate, cont, gross, fees, fixed, gross - fees - fixed))
    fixed = base + volume
    gross, fees, net, cost_ratio = settle([r.gross for r in rows], [r.contingency_rate for r in rows], fixed)
    kept = kept_share_of(vendor, buckets)
    collectors = vendor.staffing.count(accounts) if vendor.staffing is not None else 0
    resolved = math.fsum(r.accounts * r.recovery_rate for r in rows)
    return Projection(vendor.vid, gross, fees, fixed, net, cost_ratio, _break_even(fixed, kept), tuple(rows),
                      collectors, staff_cost(vendor, accounts, horizon_months), resolved)


def kept_share(vendor: Vendor, portfolio: Portfolio) -> float:
    """sum_b B_b x (1 - contingency_b): what the buyer keeps per unit of recovery rate."""
    return kept_share_of(vendor, portfolio.buckets)


def kept_share_of(vendor: Vendor, buckets: Sequence[Bucket]) -> float:
    return math.fsum(b.balance * (1 - band_rate(vendor.fees.contingency, b.age.low)) for b in buckets)


def break_even_rate(vendor: Vendor, portfolio: Portfolio, fixed: float) -> float:
    """The portfolio-wide recovery rate at which net is 0: fixed / sum_b B_b (1 - c_b)."""
    if vendor.is_debt_buyer:
        return 0.0
    return _break_even(fixed, kept_share(vendor, portfolio))


def _break_even(fixed: float, kept: float) -> float:
    if fixed <= 0:
        return 0.0
    return fixed / kept if kept > 0 else math.inf


def net_at_rate(vendor: Vendor, portfolio: Portfolio, horizon_months: int, rate: float) -> float:
    """Net if the whole portfolio recovered at `rate` under the vendor's fee structure.

    A debt buyer pays its purchase price whatever the recovery.
    """
    if vendor.is_debt_buyer:
        return project(vendor, portfolio, horizon_months).net
    base, volume = fixed_costs(vendor, portfolio, horizon_months)
    return rate * kept_share(vendor, portfolio) - base - volume
