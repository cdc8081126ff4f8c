"""Messages that carry an evaluator's edits up to the app, which alone changes the review.

Screens and widgets post these ("messages up"); the app applies each to the review state,
marks the session changed, schedules the autosave and hands the new state back down to
every screen ("attributes down").
"""

from __future__ import annotations

from textual.message import Message


class Edit(Message):
    """Any change to the review an evaluator makes."""


class ScoreSet(Edit):
    def __init__(self, vendor_id: str, question_id: str, value: float | None) -> None:
        super().__init__()
        self.vendor_id, self.question_id, self.value = vendor_id, question_id, value


class NoteSet(Edit):
    """A note on a question, or on a requirement (`on_requirement`)."""

    def __init__(self, vendor_id: str, key: str, text: str, on_requirement: bool = False) -> None:
        super().__init__()
        self.vendor_id, self.key, self.text, self.on_requirement = vendor_id, key, text, on_requirement


class RequirementDecided(Edit):
    """The evaluator's pass or fail on a requirement they decide (None: not decided)."""

    def __init__(self, vendor_id: str, requirement_id: str, passed: bool | None) -> None:
        super().__init__()
        self.vendor_id, self.requirement_id, self.passed = vendor_id, requirement_id, passed


class RequirementOverridden(Edit):
    """An automatic requirement's verdict replaced, with the reason (None: the check again)."""

    def __init__(self, vendor_id: str, requirement_id: str, passed: bool | None, reason: str) -> None:
        super().__init__()
        self.vendor_id, self.requirement_id = vendor_id, requirement_id
        self.passed, self.reason = passed, reason


class WeightSet(Edit):
    def __init__(self, criterion: str, value: float) -> None:
        super().__init__()
        self.criterion, self.value = criterion, value


class WeightsReset(Edit):
    pass


class BusinessCaseSet(Edit):
    """One input of the business case changed (`involuntary_churn_per_month`, `ltv`, `cac`
    or `winback`), already checked against its bounds."""

    def __init__(self, key: str, value: float) -> None:
        super().__init__()
        self.key = key
        self.value = value


class ConsensusSet(Edit):
    """The panel's agreed score for a question (None: back to the members' mean), with why."""

    def __init__(self, vendor_id: str, question_id: str, value: float | None, reason: str) -> None:
        super().__init__()
        self.vendor_id, self.question_id = vendor_id, question_id
        self.value, self.reason = value, reason
