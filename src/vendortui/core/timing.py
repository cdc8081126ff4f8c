"""When the cash comes (SPEC "Time value and evidence"): liquidation curves, flows by month,
their present value and the month the running net turns positive.

- Curve S_v(m): the cumulative share of the vendor's stated recovery collected by the end of
  month m; S(0) = 0, linear between points, flat after the last. The vendor's curve, else the
  template's (`[timing] curve`), else `min(m / measured_months, 1)`.
- For m = 0..H, d = S(m) - S(m-1) (0 at m = 0): `collections_m = sum_b B_b r_b d`,
  `fees_m = sum_b B_b r_b c_b d`, `fixed_0 = setup_cost + per_account x N`,
  `fixed_m = (annual_cost + staff_per_year) / 12` for m >= 1; a debt buyer's whole price is
  at m = 0. `net_m = collections_m - fees_m - fixed_m`.
- `npv = sum_m net_m / (1 + discount_rate)^(m/12)`; `payback_month` = the first m at which the
  running sum of net_m is above 0 (None if never).

The fixed costs over the horizon add up to the money model's `fixed`, so the net over the
horizon is the money model's with every rate times S_v(H) (`basis.Basis` applies that).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from vendortui.core.curves import CurvePoint, Timing
from vendortui.core.models import Bucket, Vendor
from vendortui.core.money import band_rate, staff_cost


def share_at(curve: Sequence[CurvePoint] | None, measured_months: int, month: int) -> float:
    """S(m) of a curve (None: the linear default over `measured_months`)."""
    if month <= 0:
        return 0.0
    if curve is None:
        return min(month / measured_months, 1.0)
    before_month, before_share = 0, 0.0
    for point in curve:
        if month <= point.month:
            return _toward(before_month, before_share, point, month)
        before_month, before_share = point.month, point.share
    return before_share  # flat after the last point


def _toward(before_month: int, before_share: float, point: CurvePoint, month: int) -> float:
    """Linear from (before_month, before_share) to the point; at the point, exactly its share
    (so a curve at 1.0 by the horizon changes no figure)."""
    if month == point.month:
        return point.share
    step = (month - before_month) / (point.month - before_month)
    return before_share + (point.share - before_share) * step


def curve_of(vendor: Vendor, timing: Timing | None) -> list[CurvePoint] | None:
    """The vendor's curve, else the template's or portfolio's; None: the linear default."""
    own = vendor.performance.curve
    if own is not None:
        return own
    return timing.curve if timing is not None else None


def shares(vendor: Vendor, timing: Timing | None, horizon: int) -> list[float]:
    """S_v(0..H): `share_at` for every month, walking the curve once."""
    curve = curve_of(vendor, timing)
    measured = vendor.performance.measured_months
    if curve is None:
        return [min(m / measured, 1.0) for m in range(horizon + 1)]
    out = [0.0]
    before_month, before_share, i = 0, 0.0, 0
    for m in range(1, horizon + 1):
        while i < len(curve) and curve[i].month < m:
            before_month, before_share = curve[i].month, curve[i].share
            i += 1
        out.append(before_share if i == len(curve) else _toward(before_month, before_share, curve[i], m))
    return out


@functools.lru_cache(maxsize=64)
def discount_factors(rate: float, horizon: int) -> tuple[float, ...]:
    """1 / (1 + rate)^(m/12) for m = 0..H (one run has one rate and one horizon: kept)."""
    return tuple((1 + rate) ** (-m / 12) for m in range(horizon + 1))


@dataclass(frozen=True)
class Cash:
    """One vendor's flows by month, m = 0..H."""

    vendor_id: str
    collections: tuple[float, ...]
    fees: tuple[float, ...]
    fixed: tuple[float, ...]
    net: tuple[float, ...]  # net_m
    cumulative: tuple[float, ...]  # the running sum of net_m
    npv: float
    payback_month: int | None

    @property
    def months(self) -> list[int]:
        return list(range(len(self.net)))

    @property
    def total(self) -> float:
        return self.cumulative[-1]


def cash_flow(
    vendor: Vendor, buckets: Sequence[Bucket], horizon: int, timing: Timing, rates: Sequence[float] | None = None,
    s: Sequence[float] | None = None, contingencies: Sequence[float] | None = None,
) -> Cash:
    """The vendor's flows by month over `buckets`. `rates`, one per bucket, replaces the
    vendor's stated recovery before the curve applies (the evidenced rates); `s` (its S(0..H))
    and `contingencies` (one per bucket), when the caller has them."""
    n = horizon + 1
    if vendor.is_debt_buyer:
        price = math.fsum(b.balance * band_rate(vendor.fees.purchase_price, b.age.low) for b in buckets)
        collections = [price] + [0.0] * horizon
        fees = [0.0] * n
        fixed = [0.0] * n
    else:
        if rates is None:
            rates = [band_rate(vendor.performance.recovery, b.age.low) for b in buckets]
        grosses = [b.balance * r for b, r in zip(buckets, rates)]
        gross = math.fsum(grosses)
        if contingencies is None:
            contingencies = [band_rate(vendor.fees.contingency, b.age.low) for b in buckets]
        fee = math.fsum(g * c for g, c in zip(grosses, contingencies))
        s = s if s is not None else shares(vendor, timing, horizon)
        steps = [0.0] + [s[m] - s[m - 1] for m in range(1, n)]
        collections = [gross * d for d in steps]
        fees = [fee * d for d in steps]
        setup, monthly = fixed_by_month(vendor, sum(b.accounts for b in buckets))
        fixed = [setup] + [monthly] * horizon
    net = [c - f - x for c, f, x in zip(collections, fees, fixed)]
    cumulative = list(itertools.accumulate(net))
    npv, payback = npv_and_payback(net, cumulative, timing.discount_rate)
    return Cash(vendor.vid, tuple(collections), tuple(fees), tuple(fixed), tuple(net), tuple(cumulative), npv, payback)


def fixed_by_month(vendor: Vendor, accounts: int) -> tuple[float, float]:
    """(fixed_0, fixed_m): setup and per-account costs at placement, then a month of the
    annual cost and the buyer's collectors."""
    setup = vendor.fees.setup_cost + vendor.fees.per_account * accounts
    return setup, (vendor.fees.annual_cost + staff_cost(vendor, accounts, 12)) / 12


def npv_and_payback(net: Sequence[float], cumulative: Sequence[float], rate: float) -> tuple[float, int | None]:
    """npv of net_m (m = 0..H) at `rate` a year, and the first month the running sum is above 0."""
    npv = math.fsum(x * v for x, v in zip(net, discount_factors(rate, len(net) - 1)))
    # Above 0 by more than the sums' rounding: a book that only breaks even is not "paid back".
    tolerance = 1e-12 * math.fsum(abs(x) for x in net)
    return npv, next((m for m, c in enumerate(cumulative) if c > tolerance), None)


def time_value(
    kept: float, setup: float, monthly: float, s: Sequence[float], rate: float
) -> tuple[float, int | None]:
    """npv and payback month of a vendor keeping `kept` (gross - fees over its whole curve,
    collected along S(0..H) = `s`), with `setup` at month 0 and `monthly` after: the months of
    `cash_flow` without building them (every vendor of a ranking needs these two figures)."""
    net = [-setup] + [kept * (s[m] - s[m - 1]) - monthly for m in range(1, len(s))]
    return npv_and_payback(net, list(itertools.accumulate(net)), rate)


@dataclass(frozen=True, slots=True)
class Present:
    """What a vendor's npv is for any recovery, its curve and costs held: npv = (net + fixed)
    x `per_collected` - `fixed_pv`, where net + fixed is gross - fees over the horizon. The
    Monte Carlo draws use it (flows are linear in the rates)."""

    per_collected: float  # sum_m d_m v_m / S(H): present value of one unit collected by H
    fixed_pv: float  # sum_m fixed_m v_m

    def npv(self, net: float, fixed: float) -> float:
        return (net + fixed) * self.per_collected - self.fixed_pv


def present(vendor: Vendor, accounts: int, horizon: int, timing: Timing) -> Present:
    if vendor.is_debt_buyer:
        return Present(1.0, 0.0)  # the price is paid at month 0: undiscounted
    v = discount_factors(timing.discount_rate, horizon)
    s = shares(vendor, timing, horizon)
    reach = s[-1]
    # S non-decreasing from S(0) = 0: when nothing is collected by H, nothing is in any month.
    per = math.fsum((s[m] - s[m - 1]) * v[m] for m in range(1, horizon + 1)) / reach if reach > 0 else 0.0
    setup, monthly = fixed_by_month(vendor, accounts)
    return Present(per, setup + monthly * math.fsum(v[1:]))
