"""Pydantic models of the files the program writes and people share: review sessions (with
their history) and panel files. The same field rules as `models.py`: strict types, unknown
keys refused, figures bounded."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from vendortui.core.history_rules import possible_entry, sane_time
from vendortui.core.models import COUNT_MAX, SCALE_MAX, WEIGHT_MAX, BusinessCaseEdits, Id, Score, Strict, Text, Weight


class Override(Strict):
    """An evaluator's verdict on a requirement the profile would decide (an expired
    certificate): it replaces the automatic check, and the reason is required."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, populate_by_name=True)

    passed: bool = Field(alias="pass")
    reason: Text
    by: str = ""
    at: datetime | None = None


class HistoryEntry(Strict):
    """One change a save recorded: when, by whom, which vendor, what (a question, a requirement
    or a weight), the value before and after (absent: none). Never rewritten; `history_rules`."""

    at: Annotated[datetime, AfterValidator(sane_time)]
    by: Text
    vendor: Id | None = None
    question: str | None = None
    requirement: str | None = None
    weight: str | None = None
    old: float | bool | None = None
    new: float | bool | None = None

    @model_validator(mode="after")
    def _possible(self) -> HistoryEntry:
        return possible_entry(self, SCALE_MAX, WEIGHT_MAX)


class Session(Strict):
    template: str | None = None
    vendors: str | None = None
    portfolio: str | None = None
    evaluator: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    weights: dict[str, Weight] = Field(default_factory=dict)
    scores: dict[str, dict[str, Score]] = Field(default_factory=dict)
    notes: dict[str, dict[str, str]] = Field(default_factory=dict)
    requirements: dict[str, dict[str, bool]] = Field(default_factory=dict)
    overrides: dict[str, dict[str, Override]] = Field(default_factory=dict)  # automatic requirements
    requirement_notes: dict[str, dict[str, str]] = Field(default_factory=dict)
    business_case: BusinessCaseEdits | None = None
    blind: bool = False  # vendors shown as "Vendor A"..., no money on screen (`review --blind`)
    # A blind session's shuffle: its seed, and the vendors' keyed digests in alias order.
    blind_seed: Annotated[int, Field(ge=0, le=2**62)] | None = None
    blind_order: Annotated[list[Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]], Field(max_length=COUNT_MAX)] = Field(
        default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)


class Consensus(Strict):
    """A score the panel agreed on: it replaces the members' mean; the reason is required."""

    score: Score
    reason: Text
    by: str = ""
    at: datetime | None = None


class PanelMember(Strict):
    session: Text  # path, relative to the panel file
    sections: list[str] | None = None  # only these sections of this member count (None: all)


class Panel(Strict):
    """A panel file (`*.panel.toml`): members' sessions merged, with agreed scores and decisions."""

    template: str | None = None  # optional when every member names the same
    vendors: str | None = None
    portfolio: str | None = None
    weights: dict[str, Weight] = Field(default_factory=dict)
    members: Annotated[list[PanelMember], Field(min_length=1)]
    consensus: dict[str, dict[str, Consensus]] = Field(default_factory=dict)
    decisions: dict[str, dict[str, Override]] = Field(default_factory=dict)
