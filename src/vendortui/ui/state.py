"""The review being edited in the app: the workspace, the ranking, and unsaved changes.

Only the app changes it (handling the edit messages screens post); screens read it. Each
change re-ranks through the core exactly once and marks the session as changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vendortui.core.models import BusinessCase, BusinessCaseEdits, Template
from vendortui.core.panel import merge
from vendortui.core.problems import Problem
from vendortui.core.report import Report, build_report
from vendortui.core.scoring import Assessment, Ranked, Scorer, order
from vendortui.core.session_models import Consensus, Override
from vendortui.core.weights import weights_problem
from vendortui.files.sessions import now
from vendortui.files.workspace import Workspace


def loaded_state(ws: Workspace, evaluator: str = "") -> AppState:
    """The app's state for a workspace just loaded (blind already, when it is: the workspace
    opened it under aliases). Weights given with --weights start the review as the
    evaluator's own (so the session has changed)."""
    merged = bool(ws.evaluation.cli_weights)
    if merged:
        ws.session.weights.update(ws.evaluation.cli_weights)
        ws.evaluation.cli_weights = {}
    return AppState(ws, evaluator, dirty=merged)


@dataclass
class AppState:
    ws: Workspace
    evaluator: str = ""  # who is editing (--evaluator, else the settings file's): consensus is recorded under it
    dirty: bool = False
    report: Report = field(init=False)  # the ranking as it stands and what follows from it
    assessed: int = field(default=0, init=False)  # bumped when scores and checks are worked out again
    _assessments: list[Assessment] | None = field(default=None, repr=False)
    _by_id: dict[str, Ranked] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.rerank()

    def rerank(self, reassess: bool = True) -> None:
        """Re-rank through the core. A weight change only re-orders: scores, checks and
        auto scores do not depend on weights, so the last assessment is reused."""
        ws = self.ws
        if reassess or self._assessments is None:
            projections = ws.evaluation.projections()
            scorer = Scorer(ws.template, ws.vendors, ws.evaluation.inputs())
            self._assessments = scorer.assess([projections[v.vid] for v in ws.vendors])
            self.assessed += 1
        ranked = order(ws.template, self._assessments, self.weights(), ws.evaluation.terms.status_quo)
        self.report = build_report(ws.evaluation, ranked=ranked)
        self._by_id = {r.id: r for r in self.report.ranked}

    @property
    def ranked(self) -> list[Ranked]:
        return self.report.ranked

    def warnings(self) -> list[Problem]:
        """The files' warnings, and those of the ranking as it stands (a shortlisted vendor
        losing money)."""
        return [*self.ws.warnings, *self.ws.ranking_problems(self.report.ranking_warnings)]

    def ranked_vendor(self, vid: str) -> Ranked:
        return self._by_id[vid]

    def has_vendor(self, vid: str) -> bool:
        return vid in self._by_id

    @property
    def template(self) -> Template:
        return self.ws.template

    @property
    def currency(self) -> str:
        return self.ws.currency

    @property
    def session_path(self) -> Path | None:
        """Where edits are saved: the panel file of a panel, else the session."""
        return self.ws.panel_path or self.ws.session_path

    # --- weights -------------------------------------------------------------------------
    def weights(self) -> dict[str, float]:
        return self.ws.evaluation.weights()

    def set_weight(self, cid: str, value: float) -> bool:
        """Set one raw weight; refuses (False) to make every weight 0."""
        weights = self.weights()
        weights[cid] = max(0.0, value)
        if weights_problem(weights):
            return False
        self.ws.session.weights = weights
        self._changed(reassess=False)
        return True

    def reset_weights(self) -> None:
        self.ws.session.weights = {}
        self._changed(reassess=False)

    # --- scores, notes, decisions ----------------------------------------------------------
    def score(self, vid: str, qid: str) -> float | None:
        return self.ws.session.scores.get(vid, {}).get(qid)

    def set_score(self, vid: str, qid: str, value: float | None) -> None:
        scores = self.ws.session.scores.setdefault(vid, {})
        if value is None:
            scores.pop(qid, None)
        else:
            scores[qid] = value
        self._changed()

    def note(self, vid: str, qid: str) -> str:
        return self.ws.session.notes.get(vid, {}).get(qid, "")

    def set_note(self, vid: str, key: str, text: str, on_requirement: bool = False) -> None:
        table = self.ws.session.requirement_notes if on_requirement else self.ws.session.notes
        notes = table.setdefault(vid, {})
        if text.strip():
            notes[key] = text.strip()
        else:
            notes.pop(key, None)
        self.dirty = True

    def requirement_note(self, vid: str, rid: str) -> str:
        return self.ws.session.requirement_notes.get(vid, {}).get(rid, "")

    def decide(self, vid: str, rid: str, passed: bool | None) -> None:
        decisions = self.ws.session.requirements.setdefault(vid, {})
        if passed is None:
            decisions.pop(rid, None)
        else:
            decisions[rid] = passed
        self._changed()

    def override(self, vid: str, rid: str, passed: bool | None, reason: str) -> None:
        """Replace an automatic check's verdict (None: back to the check), recording who and when."""
        overrides = self.ws.session.overrides.setdefault(vid, {})
        if passed is None:
            overrides.pop(rid, None)
        else:
            overrides[rid] = Override.model_validate(
                {"pass": passed, "reason": reason, "by": self.ws.session.evaluator, "at": now()}
            )
        self._changed()

    def set_business_case(self, key: str, value: float) -> None:
        """Change one input of the business case (kept in the session); business values and
        any `auto = "business_value"` criterion follow."""
        edits = self.ws.session.business_case or BusinessCaseEdits()
        self.ws.session.business_case = BusinessCaseEdits.model_validate({**edits.model_dump(), key: value})
        self._changed()

    @property
    def blind(self) -> bool:
        """Vendors under aliases (the workspace opened them so) and no money on any screen."""
        return self.ws.blind

    def business_case(self) -> BusinessCase | None:
        return self.ws.evaluation.business_case()

    def set_consensus(self, vid: str, qid: str, value: float | None, reason: str, by: str) -> None:
        """Record the panel's agreed score (None removes it) and merge the members again."""
        view = self.ws.panel
        if view is None:
            return
        agreed = view.panel.consensus.setdefault(vid, {})
        if value is None:
            agreed.pop(qid, None)
        else:
            agreed[qid] = Consensus(score=value, reason=reason, by=by, at=now())
        merged = merge(self.ws.template, view.members, view.panel)
        view.merged = merged
        session = self.ws.session
        session.scores, session.notes = merged.session.scores, merged.session.notes
        self._changed()

    def _changed(self, reassess: bool = True) -> None:
        self.dirty = True
        self.rerank(reassess)
