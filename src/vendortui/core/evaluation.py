"""One review: a template, a portfolio, the vendors and the evaluator's session, ranked.

The headless commands, the export and the app all rank through `Evaluation.rank`; where the
review came from (files, a session on disk) is the persistence layer's business
(`vendortui.files.workspace.Workspace` adds the paths).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vendortui.core.models import BusinessCase, Portfolio, Template, Vendor
from vendortui.core.money import Projection, project
from vendortui.core.panel import PanelView
from vendortui.core.problems import Problem
from vendortui.core.scoring import EvaluatorInputs, Ranked, effective_weights, rank
from vendortui.core.session_models import Session
from vendortui.core.terms import Terms


@dataclass
class Evaluation:
    template: Template
    portfolio: Portfolio
    vendors: list[Vendor]
    session: Session = field(default_factory=Session)
    terms: Terms = field(default_factory=Terms)  # collector cost, rates, business case; vendors already in them
    panel: PanelView | None = None  # opened from a panel file: the members behind the merged session
    cli_weights: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    _projections: dict[str, Projection] | None = field(default=None, repr=False)

    @property
    def currency(self) -> str:
        return self.portfolio.currency

    def weights(self) -> dict[str, float]:
        """The template's weights, then the session's, then the command line's."""
        return effective_weights(self.template, self.session.weights, self.cli_weights)

    def inputs(self) -> EvaluatorInputs:
        overrides = {
            vid: {rid: (o.passed, o.reason) for rid, o in by_requirement.items()}
            for vid, by_requirement in self.session.overrides.items()
        }
        return EvaluatorInputs(
            self.weights(), self.session.scores, self.session.requirements, overrides, self.business_case(),
            self.terms.status_quo,
        )

    def business_case(self) -> BusinessCase | None:
        """The template's or portfolio's business case, with the session's edits."""
        edits = self.session.business_case
        return edits.applied_to(self.terms.business_case) if edits is not None else self.terms.business_case

    def projections(self) -> dict[str, Projection]:
        """The money of every vendor; it depends on files only, not on weights or scores,
        so it is computed once and reused by every re-ranking (a weight key press)."""
        if self._projections is None:
            horizon = self.template.horizon_months
            self._projections = {v.vid: project(v, self.portfolio, horizon) for v in self.vendors}
        return self._projections

    def rank(self) -> list[Ranked]:
        return rank(self.template, self.portfolio, self.vendors, self.inputs(), self.projections())

    def vendor(self, vid: str) -> Vendor:
        return next(v for v in self.vendors if v.vid == vid)
