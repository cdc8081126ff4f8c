"""Messages that carry an evaluator's edits up to the app, which alone changes the review.

Screens and widgets post these ("messages up"); the app's one handler applies each to the
state (`Edit.apply`), marks the session changed, schedules the autosave, and the screens,
watching the app's state, redraw ("attributes down").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.message import Message

if TYPE_CHECKING:
    from vendortui.ui.state import AppState


class Edit(Message):
    """Any change to the review an evaluator makes."""

    done: ClassVar[str] = ""  # said once the edit is applied, where the screen alone would not show it

    def apply(self, state: AppState) -> str | None:
        """Change `state`; a reason when the edit is refused (nothing changed then)."""
        raise NotImplementedError


class ScoreSet(Edit):
    def __init__(self, vendor_id: str, question_id: str, value: float | None) -> None:
        super().__init__()
        self.vendor_id, self.question_id, self.value = vendor_id, question_id, value

    def apply(self, state: AppState) -> str | None:
        state.set_score(self.vendor_id, self.question_id, self.value)
        return None


class NoteSet(Edit):
    """A note on a question, or on a requirement (`on_requirement`)."""

    def __init__(self, vendor_id: str, key: str, text: str, on_requirement: bool = False) -> None:
        super().__init__()
        self.vendor_id, self.key, self.text, self.on_requirement = vendor_id, key, text, on_requirement

    def apply(self, state: AppState) -> str | None:
        state.set_note(self.vendor_id, self.key, self.text, self.on_requirement)
        return None


class RequirementDecided(Edit):
    """The evaluator's pass or fail on a requirement they decide (None: not decided)."""

    def __init__(self, vendor_id: str, requirement_id: str, passed: bool | None) -> None:
        super().__init__()
        self.vendor_id, self.requirement_id, self.passed = vendor_id, requirement_id, passed

    def apply(self, state: AppState) -> str | None:
        state.decide(self.vendor_id, self.requirement_id, self.passed)
        return None


class RequirementOverridden(Edit):
    """An automatic requirement's verdict replaced, with the reason (None: the check again)."""

    def __init__(self, vendor_id: str, requirement_id: str, passed: bool | None, reason: str) -> None:
        super().__init__()
        self.vendor_id, self.requirement_id = vendor_id, requirement_id
        self.passed, self.reason = passed, reason

    def apply(self, state: AppState) -> str | None:
        state.override(self.vendor_id, self.requirement_id, self.passed, self.reason)
        return None


class WeightSet(Edit):
    def __init__(self, criterion: str, value: float) -> None:
        super().__init__()
        self.criterion, self.value = criterion, value

    def apply(self, state: AppState) -> str | None:
        if not state.set_weight(self.criterion, self.value):
            return "At least one criterion must keep a positive weight."
        return None


class WeightsReset(Edit):
    done = "Weights reset to the template's."

    def apply(self, state: AppState) -> str | None:
        state.reset_weights()
        return None


class BusinessCaseSet(Edit):
    """One input of the business case changed (`involuntary_churn_per_month`, `ltv`, `cac`
    or `winback`), already checked against its bounds."""

    def __init__(self, key: str, value: float) -> None:
        super().__init__()
        self.key = key
        self.value = value

    def apply(self, state: AppState) -> str | None:
        state.set_business_case(self.key, self.value)
        return None


class ConsensusSet(Edit):
    """The panel's agreed score for a question (None: back to the members' mean), with why;
    recorded under the state's evaluator."""

    def __init__(self, vendor_id: str, question_id: str, value: float | None, reason: str) -> None:
        super().__init__()
        self.vendor_id, self.question_id = vendor_id, question_id
        self.value, self.reason = value, reason

    def apply(self, state: AppState) -> str | None:
        state.set_consensus(self.vendor_id, self.question_id, self.value, self.reason, state.evaluator or "panel")
        return None
