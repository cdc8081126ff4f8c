"""Claims weighed by their evidence (SPEC "Time value and evidence", `[evidence] k`).

- `z_v = n_v / (n_v + k)`, n_v the vendor's `similar_portfolios` (0 when absent); a debt
  buyer, whose price is a firm bid and not a claim, has none.
- `prior_b` = the median of the claimed r_u(b) over every vendor loaded in the run that is
  not a debt buyer (knocked out or not).
- The evidenced rate is `z_v x r_v(b) + (1 - z_v) x prior_b`: a claim with no comparable
  placements behind it counts as the field's median; with many, as itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from vendortui.core.curves import Evidence
from vendortui.core.models import Bucket, Vendor
from vendortui.core.money import band_rate


def evidence_weight(vendor: Vendor, evidence: Evidence) -> float | None:
    """z_v; None for a debt buyer."""
    if vendor.is_debt_buyer:
        return None
    n = vendor.performance.similar_portfolios
    return n / (n + evidence.k)


def priors(vendors: Sequence[Vendor], buckets: Sequence[Bucket]) -> dict[int, float]:
    """prior_b by the bucket's lower bound (the day its rate is read at); empty when every
    vendor is a debt buyer (then nobody's rate is evidenced)."""
    claimants = [v for v in vendors if not v.is_debt_buyer]
    if not claimants:
        return {}
    return {
        b.age.low: statistics.median(band_rate(v.performance.recovery, b.age.low) for v in claimants)
        for b in buckets
    }


def evidenced_rate(weight: float, claimed: float, prior: float) -> float:
    return weight * claimed + (1 - weight) * prior


def evidenced_rates(
    vendor: Vendor, buckets: Sequence[Bucket], evidence: Evidence, prior: Mapping[int, float]
) -> list[float]:
    """Each bucket's evidenced rate (a debt buyer's claimed rates, which nothing uses)."""
    claimed = [band_rate(vendor.performance.recovery, b.age.low) for b in buckets]
    z = evidence_weight(vendor, evidence)
    if z is None:
        return claimed
    return [evidenced_rate(z, r, prior[b.age.low]) for r, b in zip(claimed, buckets)]
