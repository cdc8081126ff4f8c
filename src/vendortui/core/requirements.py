"""Requirements (SPEC "Scores and ranking"): each checked against the vendor's profile
(a certification, a region), or decided by the evaluator; an evaluator's override, with its
reason, replaces an automatic check. A failed requirement knocks the vendor out; one still
to decide is pending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from vendortui.core.models import Requirement, Vendor

Status = Literal["pass", "fail", "pending"]


@dataclass(frozen=True, slots=True)
class RequirementOutcome:
    requirement: Requirement
    status: Status
    reason: str


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def requirement_outcomes(
    requirements: Sequence[Requirement],
    vendor: Vendor,
    decisions: Mapping[str, bool],
    overrides: Mapping[str, tuple[bool, str]] | None = None,
) -> list[RequirementOutcome]:
    """Each requirement checked against the vendor's profile, or by the evaluator's decision;
    an evaluator's override (with its reason) replaces an automatic check."""
    if not requirements:
        return []
    certs = {_norm(c) for c in vendor.certifications}
    regions = {_norm(r) for r in vendor.regions}
    out = []
    for r in requirements:
        override = (overrides or {}).get(r.id)
        if override is not None and r.automatic:
            passed, reason = override
            out.append(RequirementOutcome(r, "pass" if passed else "fail", f"overridden by the evaluator: {reason}"))
        else:
            out.append(requirement_outcome(r, certs, regions, decisions.get(r.id)))
    return out


def requirement_outcome(req: Requirement, certs: set[str], regions: set[str], decision: bool | None) -> RequirementOutcome:
    """`certs` and `regions`: the vendor's, normalised (spaces collapsed, case folded)."""
    if req.automatic:
        missing = []
        if req.certification is not None and _norm(req.certification) not in certs:
            missing.append(f"no {req.certification} certification")
        if req.region is not None and _norm(req.region) not in regions:
            missing.append(f"not in region {req.region}")
        if missing:
            return RequirementOutcome(req, "fail", "; ".join(missing))
        return RequirementOutcome(req, "pass", "certified" if req.certification else "in region")
    if decision is None:
        return RequirementOutcome(req, "pending", "awaiting the evaluator's decision")
    return RequirementOutcome(req, "pass" if decision else "fail", "passed by the evaluator" if decision else "failed by the evaluator")
