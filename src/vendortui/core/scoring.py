"""Scores, eligibility, ranking and the shortlist (SPEC: "Scores and ranking").

Each rule is one function here (the auto scores in `autos.auto_scores`): the total (`total`), a
knock-out by a minimum (`below_minimum`) and the order (`order_key`). The point ranking and
every Monte Carlo draw (`Scorer.leader`) call the same functions; they differ only in how
much they build around them. Requirements are checked in `requirements.py`; the shortlist's
value gate is `gated_in` (SPEC "The recommendation").
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from vendortui.core.autos import auto_scores
from vendortui.core.business import Business, business, retained_per_resolved
from vendortui.core.business import value as value_of
from vendortui.core.models import BusinessCase, Portfolio, Question, Template, Vendor
from vendortui.core.money import Projection, project
from vendortui.core.requirements import RequirementOutcome, requirement_outcomes
from vendortui.core.weights import weights_problem

Source = Literal["questions", "desk", "auto", "missing"]


@dataclass(frozen=True)
class EvaluatorInputs:
    """The evaluator's input to a ranking: weights, question scores, requirement decisions,
    and overrides of automatic requirements (pass, reason)."""

    weights: Mapping[str, float]
    scores: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    decisions: Mapping[str, Mapping[str, bool]] = field(default_factory=dict)
    overrides: Mapping[str, Mapping[str, tuple[bool, str]]] = field(default_factory=dict)
    business_case: BusinessCase | None = None  # the case in force (template, portfolio, session)
    status_quo: str | None = None  # today's arrangement: every vendor's gain is taken against it


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
    business: Business | None = None  # with a business case
    gain_vs_status_quo: float | None = None  # value minus the status quo's, when one is named

    @property
    def id(self) -> str:
        return self.vendor.vid

    @property
    def value(self) -> float:
        """Business value with a business case, else net: what the shortlist's gate reads."""
        return value_of(self.projection.net, self.business)

    @property
    def loses(self) -> bool:
        """An eligible vendor whose value is below 0: it keeps its rank, off the shortlist."""
        return self.eligible and not gated_in(self.value)


# --------------------------------------------------------------------------- the rules


def effective_weights(template: Template, *overrides: Mapping[str, float]) -> dict[str, float]:
    """Template weights, overridden key by key by the session, then the command line."""
    weights = {cid: template.weights.get(cid, 0.0) for cid in template.criterion_ids()}
    for layer in overrides:
        weights.update(layer)
    return weights


def clamp(value: float, scale: int) -> float:
    return min(max(value, 0.0), float(scale))


def total(weighted: Sequence[tuple[str, float]], scores: Mapping[str, float], denominator: float) -> float:
    """100 x sum_c w_c s_c / (scale x sum_c w_c), in [0, 100]; `denominator` is
    scale x sum_c w_c. Each w_c s_c is rounded on its own, so full marks can come out a hair
    above 100 (weights 1 and 31.67 on scale 3): the SPEC's range is enforced."""
    return total_of([w * scores[c] for c, w in weighted if c in scores], denominator)


def total_of(terms: list[float], denominator: float) -> float:
    """`total` from its terms w_c s_c, in any order (fsum is exactly rounded)."""
    value = 100 * math.fsum(terms) / denominator
    return min(max(value, 0.0), 100.0)


def denominator(weights: Mapping[str, float], scale: int) -> float:
    problem = weights_problem(weights)
    if problem:
        raise ValueError(problem)
    return scale * math.fsum(weights.values())


def total_score(weights: Mapping[str, float], scores: Mapping[str, float], scale: int) -> float:
    """The total of one vendor's criterion scores under `weights`."""
    return total(list(weights.items()), scores, denominator(weights, scale))


def below_minimum(score: float, source: Source, minimum: float | None) -> bool:
    """A scored criterion below its minimum knocks the vendor out; a missing one is pending."""
    return minimum is not None and source != "missing" and score < minimum


def tiebreak(vendor: Vendor, net: float) -> tuple[float, str, str]:
    return (-round(net, 6), vendor.name.casefold(), vendor.vid)


def order_key(knocked: bool, total_value: float, ties: tuple[float, str, str]) -> tuple[bool, float, float, str, str]:
    """Eligible first, then by total descending, then net descending, then name."""
    return (knocked, -round(total_value, 9), *ties)


def evaluator_score(
    template: Template, vendor: Vendor, cid: str, scores: Mapping[str, float], questions: Sequence[Question] | None = None
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
        return CriterionScore(cid, clamp(mean, template.scale), "questions", len(scored), len(questions))
    if cid in vendor.scores:
        return CriterionScore(cid, clamp(vendor.scores[cid], template.scale), "desk", 0, len(questions))
    return CriterionScore(cid, 0.0, "missing", 0, len(questions))


# --------------------------------------------------------------------------- assessing


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
    business: Business | None
    # Worked out once for every re-ordering: plain scores, the ties' order, unscored criteria.
    scores: dict[str, float] = field(init=False, repr=False, compare=False)
    ties: tuple[float, str, str] = field(init=False, repr=False, compare=False)
    missing: tuple[str, ...] = field(init=False, repr=False, compare=False)
    worth: float = field(init=False, repr=False, compare=False)  # the value the shortlist's gate reads

    def __post_init__(self) -> None:
        object.__setattr__(self, "worth", value_of(self.projection.net, self.business))
        object.__setattr__(self, "scores", {cid: cs.score for cid, cs in self.criteria.items()})
        object.__setattr__(self, "ties", tiebreak(self.vendor, self.projection.net))
        object.__setattr__(self, "missing", tuple(cid for cid, cs in self.criteria.items() if cs.source == "missing"))


_Drawn = tuple[str, float | None, float | None, list[float | None], list[bool]]  # see Scorer._fixed_parts
_Fixed = tuple[float, list[list[float]], list[bool], list[_Drawn]]


class Scorer:
    """The part of a ranking that no projection changes: requirement outcomes, evaluator
    scores, open items. `assess` adds the projection's part (auto scores, minimums on them);
    Monte Carlo calls `leader` once per draw with new money and the same rules."""

    def __init__(self, template: Template, vendors: Sequence[Vendor], evaluation: EvaluatorInputs) -> None:
        self.template = template
        self.vendors = list(vendors)
        self.weights = dict(evaluation.weights)
        self.criteria_ids = list(dict.fromkeys([*template.criterion_ids(), *evaluation.weights]))
        self.autos = {
            cid: c.auto for cid, c in template.criteria.items() if c.auto is not None and cid in self.criteria_ids
        }
        self.minimums = {cid: c.minimum for cid, c in template.criteria.items() if c.minimum is not None}
        by_criterion = {
            cid: [q for s in template.sections if s.criterion == cid for q in s.questions] for cid in self.criteria_ids
        }
        self.question_criterion = {q.id: s.criterion for s, q in template.questions()}
        self.outcomes: list[list[RequirementOutcome]] = []
        self.evaluator: list[dict[str, CriterionScore]] = []
        self.unscored: list[list[str]] = []
        for v in self.vendors:
            decisions = evaluation.decisions.get(v.vid, {})
            overrides = evaluation.overrides.get(v.vid)
            self.outcomes.append(requirement_outcomes(template.requirements, v, decisions, overrides))
            scores = evaluation.scores.get(v.vid, {})
            crit = {cid: evaluator_score(template, v, cid, scores, by_criterion[cid]) for cid in self.criteria_ids}
            self.evaluator.append(crit)
            self.unscored.append([qid for qid in self.question_criterion if qid not in scores])
        self.failed = [any(o.status == "fail" for o in outcomes) for outcomes in self.outcomes]
        self.pool = [i for i, failed in enumerate(self.failed) if not failed]
        self.case = evaluation.business_case
        self.retain = [retained_per_resolved(v, self.case) for v in self.vendors]
        self._fixed: _Fixed | None = None  # `leader`'s unchanging part, on its first call

    def values(self, net: Sequence[float], resolved: Sequence[float]) -> list[float]:
        """Business value per vendor: net + resolved accounts x winback x LTV (net without a case)."""
        return [n + r * k for n, r, k in zip(net, resolved, self.retain)]

    def auto_values(
        self, gross: Sequence[float], net: Sequence[float], ratio: Sequence[float | None], value: Sequence[float],
        npv: Sequence[float] | None = None,
    ) -> dict[str, list[float | None]]:
        """Each auto criterion's clamped score per vendor (None: keeps its evaluator score)."""
        scale = self.template.scale
        return {
            cid: [None if s is None else clamp(s, scale)
                  for s in auto_scores(kind, scale, gross, net, ratio, self.pool, value, npv)]
            for cid, kind in self.autos.items()
        }

    def assess(self, projections: Sequence[Projection]) -> list[Assessment]:
        """Criterion scores (auto ones included), requirement outcomes and knock-outs."""
        net = [p.net for p in projections]
        value = self.values(net, [p.resolved_accounts for p in projections])
        npv = [p.net if p.npv is None else p.npv for p in projections]
        autos = self.auto_values([p.gross for p in projections], net, [p.cost_ratio for p in projections], value, npv)
        case = self.case
        out = []
        for i, v in enumerate(self.vendors):
            crit = dict(self.evaluator[i])
            for cid, values in autos.items():
                if (s := values[i]) is not None:
                    crit[cid] = CriterionScore(cid, s, "auto")
            knocked = [o.requirement.id for o in self.outcomes[i] if o.status == "fail"]
            knocked += [f"criterion:{cid}" for cid, m in self.minimums.items()
                        if cid in crit and below_minimum(crit[cid].score, crit[cid].source, m)]
            pending = [f"requirement:{o.requirement.id}" for o in self.outcomes[i] if o.status == "pending"]
            counted = {cid for cid, cs in crit.items() if cs.source != "auto"}
            unscored = [qid for qid in self.unscored[i] if self.question_criterion[qid] in counted]
            worth = business(v, projections[i], case) if case is not None else None
            out.append(Assessment(v, projections[i], crit, knocked, pending, self.outcomes[i], unscored, worth))
        return out

    def leader(
        self, gross: Sequence[float], net: Sequence[float], ratio: Sequence[float | None], resolved: Sequence[float],
        npv: Sequence[float] | None = None,
    ) -> int | None:
        """Index of the vendor `leader_of` would name (the first eligible vendor whose value
        passes the shortlist's gate), or None: the same rules as `assess` and `order`, without
        building rows. What no draw changes (evaluator scores and their minimums) is worked out once."""
        denom, fixed_terms, knocked, drawn = self.fixed_parts()
        worth = self.values(net, resolved)
        autos = self.auto_values(gross, net, ratio, worth, npv)
        per_criterion = [(autos[cid], weight, minimum, base, below) for cid, weight, minimum, base, below in drawn]
        best: tuple[Any, ...] | None = None
        best_i = None
        for i in self.pool:
            if knocked[i] or not gated_in(worth[i]):  # a vendor that loses money is never recommended
                continue
            terms, out = list(fixed_terms[i]), False
            for values, weight, minimum, base, below in per_criterion:
                s = values[i]
                if s is None:  # no auto score this draw: the evaluator's score and its verdict
                    s, out = base[i], out or below[i]
                else:
                    out = out or below_minimum(s, "auto", minimum)
                if weight is not None and s is not None:
                    terms.append(weight * s)
            if out:
                continue
            t = total_of(terms, denom)
            if best is not None and -round(t, 9) > best[1]:  # order_key: a lower total cannot lead
                continue
            key = order_key(False, t, tiebreak(self.vendors[i], net[i]))
            if best is None or key < best:
                best, best_i = key, i
        return best_i

    def reweighted(self, weights: Mapping[str, float]) -> Scorer:
        """This scorer under other weights for the same criteria: no requirement outcome or
        evaluator score depends on a weight, so only what `leader` keeps is worked out again."""
        if weights.keys() != self.weights.keys():
            raise ValueError("reweighted: the same criteria, other weights")
        other = copy.copy(self)
        other.weights, other._fixed = dict(weights), None
        return other

    def leader_at(self, projections: Sequence[Projection]) -> int | None:
        """`leader` over one projection per vendor (in this scorer's order)."""
        return self.leader([p.gross for p in projections], [p.net for p in projections],
                           [p.cost_ratio for p in projections], [p.resolved_accounts for p in projections],
                           [p.net if p.npv is None else p.npv for p in projections])

    def fixed_parts(self) -> _Fixed:
        """What no draw changes, worked out on the first call and kept. Per vendor: the terms
        and minimum verdict of criteria no draw scores; per auto criterion: (id, weight,
        minimum, the evaluator scores, their minimum verdicts)."""
        if self._fixed is not None:
            return self._fixed
        denom = denominator(self.weights, self.template.scale)
        fixed_terms: list[list[float]] = []
        knocked: list[bool] = []
        for crit in self.evaluator:
            fixed_terms.append([w * crit[c].score for c, w in self.weights.items() if c not in self.autos and c in crit])
            knocked.append(any(below_minimum(crit[c].score, crit[c].source, m)
                               for c, m in self.minimums.items() if c not in self.autos and c in crit))
        drawn: list[_Drawn] = []
        for cid in self.autos:
            minimum = self.minimums.get(cid)
            base = [crit[cid].score if cid in crit else None for crit in self.evaluator]
            below = [cid in crit and below_minimum(crit[cid].score, crit[cid].source, minimum) for crit in self.evaluator]
            drawn.append((cid, self.weights.get(cid), minimum, base, below))
        self._fixed = denom, fixed_terms, knocked, drawn
        return self._fixed


def assess(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: EvaluatorInputs,
    projections: Mapping[str, Projection] | None = None,
) -> list[Assessment]:
    """Criterion scores (auto ones included), requirement outcomes and knock-outs."""
    if projections is None:
        projections = {v.vid: project(v, portfolio, template.horizon_months) for v in vendors}
    return Scorer(template, vendors, evaluation).assess([projections[v.vid] for v in vendors])


def gated_in(worth: float) -> bool:
    """The shortlist's value gate: 0 or more, in whole cents (a sum that lands a hair below
    0 through rounding is not a loss)."""
    return round(worth, 2) >= 0


def order(
    template: Template, assessments: Sequence[Assessment], weights: Mapping[str, float], status_quo: str | None = None
) -> list[Ranked]:
    """Totals under `weights`, then the order: eligible first, by total, net, name. The
    shortlist is the first `shortlist` eligible vendors whose value passes the gate (all the
    eligible with `shortlist_losses`); with a `status_quo`, each vendor's gain over it.

    Runs on every weight key press, so it only does arithmetic on what `assess` prepared.
    """
    denom = denominator(weights, template.scale)
    minimums = {cid for cid, c in template.criteria.items() if c.minimum is not None}
    counted = {cid for cid, w in weights.items() if w > 0} | minimums  # a missing one is pending
    weighted = list(weights.items())
    rows = []
    for a in assessments:
        points = total(weighted, a.scores, denom)
        pending = a.pending_requirements
        if a.missing:
            pending = pending + [f"criterion:{cid}" for cid in a.missing if cid in counted]
        rows.append((order_key(bool(a.knocked_out_by), points, a.ties), a, points, pending))
    rows.sort(key=lambda row: row[0])

    today = next((a.worth for a in assessments if a.vendor.vid == status_quo), None)
    ranked = []
    taken = 0
    for i, (_, a, points, pending) in enumerate(rows, start=1):
        eligible = not a.knocked_out_by
        worth = a.worth
        shortlisted = eligible and taken < template.shortlist and (template.shortlist_losses or gated_in(worth))
        taken += shortlisted
        ranked.append(
            Ranked(
                rank=i, vendor=a.vendor, projection=a.projection, criteria=a.criteria, total=points,
                eligible=eligible, knocked_out_by=a.knocked_out_by, incomplete=bool(pending), pending=pending,
                requirements=a.requirements, unscored_questions=a.unscored_questions, shortlisted=shortlisted,
                business=a.business, gain_vs_status_quo=None if today is None else worth - today,
            )
        )
    return ranked


def rank(
    template: Template,
    portfolio: Portfolio,
    vendors: Sequence[Vendor],
    evaluation: EvaluatorInputs,
    projections: Mapping[str, Projection] | None = None,
) -> list[Ranked]:
    """Score, check and order every vendor; the shortlist passes the value gate (`order`)."""
    assessments = assess(template, portfolio, vendors, evaluation, projections)
    return order(template, assessments, evaluation.weights, evaluation.status_quo)


def leader_of(ranked: Sequence[Ranked]) -> str | None:
    """The vendor a recommendation would lead with: the first eligible one that does not lose
    money on the book (the analysis's "current leader", Monte Carlo's P(first))."""
    return next((r.id for r in ranked if r.eligible and not r.loses), None)
