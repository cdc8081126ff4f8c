"""One review: a template, a portfolio, the vendors and the evaluator's session, ranked.

The headless commands, the export and the app all rank through `Evaluation.rank`; where the
review came from (files, a session on disk) is the persistence layer's business
(`vendortui.files.workspace.Workspace` adds the paths).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vendortui.core.basis import Basis, basis_for
from vendortui.core.models import BusinessCase, Portfolio, Template, Vendor
from vendortui.core.money import Projection
from vendortui.core.panel import PanelView
from vendortui.core.problems import Problem
from vendortui.core.scoring import EvaluatorInputs, Ranked, effective_weights, rank
from vendortui.core.session_models import Session
from vendortui.core.terms import Terms
from vendortui.core.timing import Cash


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
    evidenced: bool = False  # --evidence: every figure and auto score on evidenced rates
    _projections: dict[str, Projection] | None = field(default=None, repr=False)
    _basis: Basis | None = field(default=None, repr=False)

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
            basis, buckets = self.basis(), self.portfolio.buckets
            self._projections = {v.vid: basis.project(v, buckets) for v in self.vendors}
        return self._projections

    def basis(self) -> Basis:
        """The rates every figure is on: claimed or evidenced, times each curve's share within
        the horizon (SPEC "Time value and evidence"). Raises `NoEvidence` for --evidence
        without an [evidence] table."""
        if self._basis is None:
            self._basis = basis_for(self.template.horizon_months, self.terms.timing, self.terms.evidence,
                                    self.vendors, self.portfolio.buckets, self.evidenced)
        return self._basis

    def cash(self) -> dict[str, Cash]:
        """Each vendor's flows by month, on the same basis as every figure; empty without [timing]."""
        basis, buckets = self.basis(), self.portfolio.buckets
        return {v.vid: c for v in self.vendors if (c := basis.cash(v, buckets)) is not None}

    def rank(self) -> list[Ranked]:
        return rank(self.template, self.portfolio, self.vendors, self.inputs(), self.projections())

    def vendor(self, vid: str) -> Vendor:
        return next(v for v in self.vendors if v.vid == vid)
