"""Scores, eligibility, ranking and the shortlist (SPEC: "Scores and ranking")."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal, Mapping, Sequence

from vendortui.core.models import Portfolio, Requirement, Template, Vendor
from vendortui.core.money import Projection, project

Status = Literal["pass", "fail", "pending"]
Source = Literal["questions", "desk", "auto", "missing"]


@dataclass(frozen=True)
class Evaluation:
    """The evaluator's input to a ranking: weights, question scores, requirement decisions."""

    weights: Mapping[str, float]
    scores: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    decisions: Mapping[str, Mapping[str, bool]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RequirementOutcome:
    requirement: Requirement
    status: Status
    reason: str


@dataclass(frozen=True, slots=True)
class CriterionScore:
    id: str
    score: float  # clamped to 0..scale; 0 when missing
    source: Source
    scored_questions: int = 0
    questions: int = 0


@dataclass(slots=True)  # not frozen: a weight key press builds thousands, and frozen fields cost
class Ranked:
    rank: int
    vendor: Vendor
    projection: Projection
    criteria: dict[str, CriterionScore]
    total: float
    eligible: bool
    knocked_out_by: list[str]
    incomplete: bool
    pending: list[str]  # "requirement:<id>" awaiting a decision, "criterion:<id>" unscored
    requirements: list[RequirementOutcome]
    unscored_questions: list[str]
    shortlisted: bool

    @property
    def id(self) -> str:
        return self.vendor.vid

    @property
    def status(self) -> str:
        """One line for tables: shortlisted, eligible, or knocked out by what."""
        if not self.eligible:
            return "knocked out: " + ", ".join(self.knocked_out_by)
        text = "shortlisted" if self.shortlisted else "eligible"
        return text + (" (incomplete)" if self.incomplete else "")


def effective_weights(template: Template, *overrides: Mapping[str, float]) -> dict[str, float]:
    """Template weights, overridden key by key by the session, then the command line."""
    weights = {cid: template.weights.get(cid, 0.0) for cid in template.criterion_ids()}
    for layer in overrides:
        weights.update(layer)
    return weights


def _check(req: Requirement, certs: set[str], regions: set[str], decision: bool | None) -> RequirementOutcome:
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
    return RequirementOutcome(req, "pass" if decision else "fail", "evaluator decision")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def evaluator_score(
    template: Template, vendor: Vendor, cid: str, scores: Mapping[str, float], questions: Sequence | None = None
) -> CriterionScore:
    """Question-weighted mean of scored questions, else the desk score, else missing.

    `questions`, the criterion's questions, may be passed in when scoring many vendors.
    """
    if questions is None:
        questions = [q for s in template.sections if s.criterion == cid for q in s.questions]
    scored = [(q.weight, scores[q.id]) for q in questions if q.id in scores]
    if scored:
        total_weight = math.fsum(w for w, _ in scored)
        mean = (
            math.fsum(w * s for w, s in scored) / total_weight
            if total_weight > 0
            else math.fsum(s for _, s in scored) / len(scored)
        )
        return CriterionScore(cid, _clamp(mean, template.scale), "questions", len(scored), len(questions))
    if cid in vendor.scores:
        return CriterionScore(cid, _clamp(vendor.scores[cid], template.scale), "desk", 0, len(questions))
    return CriterionScore(cid, 0.0, "missing", 0, len(questions))


def _clamp(value: float, scale: int) -> float:
    return min(max(value, 0.0), float(scale))


def auto_scores(
    kind: str, scale: int, projections: Mapping[str, Projection], pool: Sequence[str]
) -> dict[str, float | None]:
    """Scores derived from the projection; None where the vendor keeps its evaluator score.

    Best and lowest are taken over `pool`, the vendors that pass every requirement.
    """
    out: dict[str, float | None] = {}
    if kind == "cost_ratio":
        ratios = [projections[v].cost_ratio for v in pool]
        positive = [r for r in ratios if r is not None and 0 < r < math.inf]
        lowest = min(positive) if positive else None
        for vid, p in projections.items():
            r = p.cost_ratio
            if r is None:
                out[vid] = None
            elif r == 0:
                out[vid] = float(scale)
            elif lowest is None or r == math.inf:
                out[vid] = 0.0
            else:
                out[vid] = scale * lowest / r
        return out
    metric = (lambda p: p.net) if kind == "net_recovery" else (lambda p: p.gross)
    best = max((metric(projections[v]) for v in pool), default=0.0)
    for vid, p in projections.items():
        if best <= 0:
            out[vid] = 0.0
        elif kind == "net_recovery":
            out[vid] = scale * max(p.net, 0.0) / best
        else:
            out[vid] = scale * p.gross / best
    return out


def total_score(weights: Mapping[str, float], scores: Mapping[str, float], scale: int) -> float:
    """100 x sum_c w_c s_c / (scale x sum_c w_c), in [0, 100].

    Each w_c x s_c is rounded on its own, so full marks can come out a hair above 100
    (100.00000000000001 with weights 1 and 31.67 on scale 3); the SPEC's range is enforced.
    """
    weight_sum = math.fsum(weights.values())
    if weight_sum <= 0:
        raise ValueError("all weights are 0: at least one criterion needs a positive weight")
    total = 100 * math.fsum(w * scores.get(c, 0.0) for c, w in weights.items()) / (scale * weight_sum)
    return min(max(total, 0.0), 100.0)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What a ranking knows of a vendor before the weights: scores, checks, open items.

    Changing a weight (the most frequent edit, on every key press) reuses these and only
    recomputes totals and the order; question scores and decisions re-assess.
    """

    vendor: Vendor
    projection: Projection
    criteria: dict[str, CriterionScore]
    knocked_out_by: list[str]
    pending_requirements: list[str]
    requirements: list[RequirementOutcome]
    unscored_questions: list[str]
    # Worked out once for every re-ordering: the ties' order, and the criteria with no score.
    tiebreak: tuple = field(init=False, repr=False, compare=False)
    missing: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        v = self.vendor
        object.__setattr__(self, "tiebreak", (-round(self.projection.net, 6), v.name.casefold(), v.vid))
        object.__setattr__(self, "missing", tuple(cid for cid, cs in self.criteria.items() if cs.source == "missing"))


def assess(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    projections: Mapping[str, Projection] | None = None,
) -> list[Assessment]:
    """Criterion scores (auto ones included), requirement outcomes and knock-outs."""
    if projections is None:
        projections = {v.vid: project(v, portfolio, template.horizon_months) for v in vendors}
    criteria_ids = list(dict.fromkeys([*template.criterion_ids(), *evaluation.weights]))
    by_criterion = {cid: [q for s in template.sections if s.criterion == cid for q in s.questions] for cid in criteria_ids}

    outcomes = {v.vid: _outcomes(template, v, evaluation.decisions.get(v.vid, {})) for v in vendors}
    pool = [v.vid for v in vendors if all(o.status != "fail" for o in outcomes[v.vid])]
    autos = {
        cid: auto_scores(c.auto, template.scale, projections, pool)
        for cid, c in template.criteria.items()
        if c.auto and cid in criteria_ids
    }
    minimums = [(cid, c.minimum) for cid, c in template.criteria.items() if c.minimum is not None]
    in_order = [(s.criterion, q.id) for s, q in template.questions()]

    out = []
    for v in vendors:
        scores = evaluation.scores.get(v.vid, {})
        crit: dict[str, CriterionScore] = {}
        for cid in criteria_ids:
            auto = autos.get(cid, {}).get(v.vid)
            if auto is not None:
                crit[cid] = CriterionScore(cid, _clamp(auto, template.scale), "auto")
            else:
                crit[cid] = evaluator_score(template, v, cid, scores, by_criterion[cid])
        knocked = [o.requirement.id for o in outcomes[v.vid] if o.status == "fail"]
        for cid, minimum in minimums:
            cs = crit.get(cid)
            if cs and cs.source != "missing" and cs.score < minimum:
                knocked.append(f"criterion:{cid}")
        pending = [f"requirement:{o.requirement.id}" for o in outcomes[v.vid] if o.status == "pending"]
        counted = {cid for cid, cs in crit.items() if cs.source in ("questions", "desk", "missing")}
        unscored = [qid for cid, qid in in_order if cid in counted and qid not in scores]
        out.append(Assessment(v, projections[v.vid], crit, knocked, pending, outcomes[v.vid], unscored))
    return out


def order(template: Template, assessments: Sequence[Assessment], weights: Mapping[str, float]) -> list[Ranked]:
    """Totals under `weights`, then the order: eligible first, by total, net, name.

    Runs on every weight key press, so it only does arithmetic on what `assess` prepared.
    """
    weight_sum = math.fsum(weights.values())
    if weight_sum <= 0:
        raise ValueError("all weights are 0: at least one criterion needs a positive weight")
    minimums = {cid for cid, c in template.criteria.items() if c.minimum is not None}
    counted = {cid for cid, w in weights.items() if w > 0} | minimums  # a missing one is pending
    weighted = list(weights.items())
    denominator = template.scale * weight_sum
    fsum = math.fsum
    rows = []
    for a in assessments:
        crit = a.criteria
        total = 100 * fsum([w * crit[c].score for c, w in weighted if c in crit]) / denominator
        total = min(max(total, 0.0), 100.0)
        pending = a.pending_requirements
        if a.missing:
            pending = pending + [f"criterion:{cid}" for cid in a.missing if cid in counted]
        rows.append(((bool(a.knocked_out_by), -round(total, 9), *a.tiebreak), a, total, pending))
    rows.sort(key=lambda row: row[0])

    ranked = []
    eligible_seen = 0
    for i, (_, a, total, pending) in enumerate(rows, start=1):
        eligible = not a.knocked_out_by
        shortlisted = eligible and eligible_seen < template.shortlist
        eligible_seen += eligible
        ranked.append(
            Ranked(
                rank=i, vendor=a.vendor, projection=a.projection, criteria=a.criteria, total=total,
                eligible=eligible, knocked_out_by=a.knocked_out_by, incomplete=bool(pending), pending=pending,
                requirements=a.requirements, unscored_questions=a.unscored_questions, shortlisted=shortlisted,
            )
        )
    return ranked


def rank(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: Evaluation,
    projections: Mapping[str, Projection] | None = None,
) -> list[Ranked]:
    """Score, check and order every vendor; the first `shortlist` eligible are shortlisted."""
    return order(template, assess(template, portfolio, vendors, evaluation, projections), evaluation.weights)


def _outcomes(template: Template, vendor: Vendor, decisions: Mapping[str, bool]) -> list[RequirementOutcome]:
    if not template.requirements:
        return []
    certs = {_norm(c) for c in vendor.certifications}
    regions = {_norm(r) for r in vendor.regions}
    return [_check(r, certs, regions, decisions.get(r.id)) for r in template.requirements]


def _has_minimum(template: Template, cid: str) -> bool:
    c = template.criteria.get(cid)
    return c is not None and c.minimum is not None
