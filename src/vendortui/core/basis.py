"""The rates the money model works on (SPEC "Time value and evidence"): the vendor's claimed
rates, or with `--evidence` the evidenced ones, times S_v(H), the share of them its curve
collects within the horizon (with `[timing]`; 1 without).

Every figure goes through one `Basis` (the point projection, plans, tipping points and the
Monte Carlo draws), so a 6-month horizon counts S(6) of the collections everywhere. With
neither `[timing]` nor `--evidence` it hands back no rates at all, and the money model runs
exactly as before on the vendor's bands.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from vendortui.core.curves import Evidence, Timing
from vendortui.core.evidence import evidence_weight, evidenced_rate, evidenced_rates, priors
from vendortui.core.models import Bucket, Vendor
from vendortui.core.money import Projection, band_rate, project_buckets
from vendortui.core.timing import Cash, Present, cash_flow, fixed_by_month, present, shares, time_value


class NoEvidence(ValueError):
    """`--evidence` asked for, but no `[evidence]` table says how much a placement weighs."""


@dataclass(frozen=True)
class Basis:
    horizon: int = 12
    timing: Timing | None = None
    evidence: Evidence | None = None
    evidenced: bool = False  # --evidence: every figure and auto score on evidenced rates
    prior: Mapping[int, float] = field(default_factory=dict)  # prior_b by the bucket's lower bound
    # S_v(0..H) by vendor id, worked out once per run (every figure and draw reads it)
    _shares: dict[str, list[float]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def neutral(self) -> bool:
        """Nothing to change: the vendors' bands as they are."""
        return self.timing is None and not self.evidenced

    def reach(self, vendor: Vendor) -> float:
        """S_v(H) with [timing]; 1 without."""
        if self.timing is None:
            return 1.0
        return self.shares(vendor)[-1]

    def shares(self, vendor: Vendor) -> list[float]:
        """S_v(0..H) (with [timing])."""
        found = self._shares.get(vendor.vid)
        if found is None:
            found = self._shares[vendor.vid] = shares(vendor, self.timing, self.horizon)
        return found

    def weight(self, vendor: Vendor) -> float | None:
        return evidence_weight(vendor, self.evidence) if self.evidence is not None else None

    def stated(self, vendor: Vendor, buckets: Sequence[Bucket], evidenced: bool) -> list[float]:
        """Each bucket's rate before the curve: claimed, or evidenced."""
        if evidenced and self.evidence is not None:
            return evidenced_rates(vendor, buckets, self.evidence, self.prior)
        return [band_rate(vendor.performance.recovery, b.age.low) for b in buckets]

    def rates(self, vendor: Vendor, buckets: Sequence[Bucket], evidenced: bool | None = None) -> list[float] | None:
        """The rates the money model uses, one per bucket; None when the vendor's bands stand
        as they are (nothing to apply, or a debt buyer, whose price is neither)."""
        evidenced = self.evidenced if evidenced is None else evidenced
        if vendor.is_debt_buyer or (self.timing is None and not evidenced):
            return None
        reach = self.reach(vendor)
        return [r * reach for r in self.stated(vendor, buckets, evidenced)]

    def affine(self, vendor: Vendor, bucket: Bucket) -> tuple[float, float]:
        """(a, c): a claimed rate x (its `low`, its `high`) becomes a x + c here."""
        reach = self.reach(vendor)
        z = self.weight(vendor) if self.evidenced else None
        if z is None:
            return reach, 0.0
        return reach * z, reach * (1 - z) * self.prior[bucket.age.low]

    def cash(self, vendor: Vendor, buckets: Sequence[Bucket]) -> Cash | None:
        """The vendor's flows by month (None without [timing])."""
        if self.timing is None:
            return None
        if vendor.is_debt_buyer:
            return cash_flow(vendor, buckets, self.horizon, self.timing)
        stated = self.stated(vendor, buckets, self.evidenced)
        return cash_flow(vendor, buckets, self.horizon, self.timing, stated, self.shares(vendor))

    def present(self, vendor: Vendor, accounts: int) -> Present | None:
        return present(vendor, accounts, self.horizon, self.timing) if self.timing is not None else None

    def project(self, vendor: Vendor, buckets: Sequence[Bucket]) -> Projection:
        """The money model on these rates, with npv and payback (with [timing]) and the
        evidence weight and evidenced net (with [evidence])."""
        npv: float | None = None
        payback: int | None = None
        if self.neutral or vendor.is_debt_buyer:
            p = project_buckets(vendor, buckets, self.horizon)
            cash = self.cash(vendor, buckets)  # a debt buyer's price at month 0
            if cash is not None:
                npv, payback = cash.npv, cash.payback_month
        else:  # the stated rates once, for the projection and the months (this runs for every vendor)
            stated = self.stated(vendor, buckets, self.evidenced)
            reach = self.reach(vendor)
            p = project_buckets(vendor, buckets, self.horizon, [r * reach for r in stated])
            if self.timing is not None:
                kept = math.fsum(row.balance * r * (1 - row.contingency_rate) for row, r in zip(p.buckets, stated))
                setup, monthly = fixed_by_month(vendor, sum(b.accounts for b in buckets))
                npv, payback = time_value(kept, setup, monthly, self.shares(vendor), self.timing.discount_rate)
        extra: dict[str, Any] = {}
        if self.timing is not None:
            extra.update(npv=npv, payback_month=payback)
        if self.evidence is not None:
            z = self.weight(vendor)
            evidenced_net = p.net
            if z is not None and not self.evidenced:  # the money model's net on other rates, fixed costs held
                reach = self.reach(vendor)
                # p's rows hold the claimed rate x S(H) and the contingency of each bucket
                kept = math.fsum(row.balance * evidenced_rate(z, row.recovery_rate / reach if reach else 0.0,
                                                             self.prior[row.age.low]) * reach * (1 - row.contingency_rate)
                                 for row in p.buckets)
                evidenced_net = kept - p.fixed
            extra.update(evidence_weight=z, evidenced_net=evidenced_net)
        return replace(p, **extra) if extra else p


def basis_for(
    horizon: int,
    timing: Timing | None,
    evidence: Evidence | None,
    vendors: Sequence[Vendor],
    buckets: Sequence[Bucket],
    evidenced: bool = False,
) -> Basis:
    """The run's basis; the priors come from every vendor loaded. Raises NoEvidence when
    `evidenced` is asked for without an `[evidence]` table."""
    if evidenced and evidence is None:
        raise NoEvidence("--evidence needs an [evidence] table (k = placements at which a claim carries half "
                         "weight) in the template or portfolio file")
    prior = priors(vendors, buckets) if evidence is not None else {}
    return Basis(horizon, timing, evidence, evidenced, prior)
