"""Panel review (SPEC "Panel review"): several evaluators' sessions merged into one evaluation.

- A member's question score counts when the member has no `sections`, or they include the
  question's section. The merged score is the consensus score, else the mean of the counting
  members' scores; with none it is unscored (the criterion falls back to its desk score).
- `spread = max - min` of the counting scores; `flagged` when two or more scores and
  `spread >= 0.3 x scale`.
- A requirement an evaluator decides: the panel's decision, else the members' when all who
  decided agree, else pending and `disputed`. Overrides of automatic checks merge the same way.

The merged session is an ordinary `Session`: ranking, export, analysis and plans take it
unchanged and never know it came from a panel.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from vendortui.core.models import Template
from vendortui.core.session_models import Consensus, Override, Panel, Session

FLAG_SHARE = 0.3  # of the scale: members this far apart are flagged
MEMBERS_MAX = 100  # a board, not a crowd: each member's session is loaded and merged


@dataclass(frozen=True)
class Member:
    evaluator: str
    session: Session
    sections: frozenset[str] | None = None  # None: every section counts

    def counts(self, section: str) -> bool:
        return self.sections is None or section in self.sections


@dataclass(frozen=True)
class QuestionRow:
    """One scored question of one vendor, as `vendortui panel` lists it."""

    vendor: str
    question: str
    scores: dict[str, float]  # evaluator -> score, the counting members only
    notes: dict[str, str]
    mean: float | None
    spread: float | None
    flagged: bool
    consensus: Consensus | None
    score: float | None  # the merged score


@dataclass
class Merged:
    session: Session  # the panel's evaluation as one session
    rows: list[QuestionRow] = field(default_factory=list)
    disputed: list[tuple[str, str]] = field(default_factory=list)  # (vendor, requirement)

    def row(self, vendor: str, question: str) -> QuestionRow | None:
        return next((r for r in self.rows if r.vendor == vendor and r.question == question), None)


def panel_problems(panel: Panel, template: Template, vendor_ids: Collection[str]) -> list[tuple[tuple[str, ...], str]]:
    """What in a panel's agreements names nothing real, or lies outside the scale: a consensus
    or decision for a vendor not loaded, a question or requirement the template does not
    have, a consensus score above the scale. Each is a problem, and is left out of the merge."""
    found: list[tuple[tuple[str, ...], str]] = []
    questions = set(template.question_ids())
    requirements = {r.id for r in template.requirements}
    for table, known, what in (("consensus", questions, "question"), ("decisions", requirements, "requirement")):
        for vid, agreed in getattr(panel, table).items():
            if vid not in vendor_ids:
                found.append(((table, vid), f"no vendor {vid!r} among the vendors loaded"))
                continue
            for key, value in agreed.items():
                if key not in known:
                    found.append(((table, vid, key), f"no {what} {key!r} in template {template.id!r}"))
                elif isinstance(value, Consensus) and value.score > template.scale:
                    found.append(((table, vid, key, "score"),
                                  f"score {value.score:g} is outside the scale (0-{template.scale})"))
    return found


def without(panel: Panel, found: Sequence[tuple[tuple[str, ...], str]]) -> Panel:
    """A copy of the panel without the agreements `panel_problems` found wrong."""
    out = panel.model_copy(deep=True)
    for loc, _ in found:
        table = getattr(out, loc[0])
        if len(loc) == 2:
            table.pop(loc[1], None)
        elif loc[1] in table:
            table[loc[1]].pop(loc[2], None)
            if not table[loc[1]]:
                del table[loc[1]]
    return out


def spread_flag(scores: Sequence[float], scale: int) -> tuple[float | None, bool]:
    if not scores:
        return None, False
    spread = max(scores) - min(scores)
    return spread, len(scores) >= 2 and spread >= FLAG_SHARE * scale - 1e-12


def merge(template: Template, members: Sequence[Member], panel: Panel) -> Merged:
    """The members' sessions and the panel's agreements as one session, and every row."""
    section_of = {q.id: s.id for s, q in template.questions()}
    vendors = sorted({vid for m in members for vid in m.session.scores} | set(panel.consensus))
    rows: list[QuestionRow] = []
    scores: dict[str, dict[str, float]] = {}
    notes: dict[str, dict[str, str]] = {}
    for vid in vendors:
        for qid, section in section_of.items():
            given = {m.evaluator: m.session.scores[vid][qid] for m in members
                     if m.counts(section) and qid in m.session.scores.get(vid, {})}
            said = {m.evaluator: m.session.notes[vid][qid] for m in members
                    if m.counts(section) and qid in m.session.notes.get(vid, {})}
            agreed = panel.consensus.get(vid, {}).get(qid)
            if not given and agreed is None:
                if said:
                    notes.setdefault(vid, {})[qid] = _joined(said)
                continue
            values = [given[e] for e in sorted(given)]  # order-free: the same whatever the members' order
            mean = math.fsum(values) / len(values) if values else None
            spread, flagged = spread_flag(values, template.scale)
            merged = agreed.score if agreed is not None else mean
            if merged is not None:
                scores.setdefault(vid, {})[qid] = merged
            text = _joined(said)
            if agreed is not None:
                text = (text + "\n" if text else "") + f"Consensus ({agreed.by or 'panel'}): {agreed.reason}"
            if text:
                notes.setdefault(vid, {})[qid] = text
            rows.append(QuestionRow(vid, qid, dict(sorted(given.items())), dict(sorted(said.items())), mean, spread,
                                    flagged, agreed, merged))
    rows.sort(key=lambda r: (not r.flagged, r.vendor, r.question))
    decisions, disputed = _decisions(template, members, panel)
    overrides = _overrides(template, members, panel)
    session = Session(
        evaluator=", ".join(sorted(m.evaluator for m in members)),
        weights=dict(panel.weights), scores=scores, notes=notes,
        requirements=decisions, overrides=overrides,
        requirement_notes=_requirement_notes(members),
    )
    return Merged(session, rows, disputed)


def _joined(said: dict[str, str]) -> str:
    return "\n".join(f"{who}: {text}" for who, text in sorted(said.items()))


def _decisions(template: Template, members: Sequence[Member], panel: Panel) -> tuple[dict[str, dict[str, bool]], list[tuple[str, str]]]:
    decided_here = [r.id for r in template.requirements if not r.automatic]
    vendors = sorted({vid for m in members for vid in m.session.requirements} | set(panel.decisions))
    out: dict[str, dict[str, bool]] = {}
    disputed = []
    for vid in vendors:
        for rid in decided_here:
            agreed = panel.decisions.get(vid, {}).get(rid)
            if agreed is not None:
                out.setdefault(vid, {})[rid] = agreed.passed
                continue
            votes = {m.session.requirements[vid][rid] for m in members if rid in m.session.requirements.get(vid, {})}
            if len(votes) == 1:
                out.setdefault(vid, {})[rid] = votes.pop()
            elif len(votes) > 1:
                disputed.append((vid, rid))
    return out, disputed


def _overrides(template: Template, members: Sequence[Member], panel: Panel) -> dict[str, dict[str, Override]]:
    """Overrides of automatic checks: the panel's, else the members' when all who overrode agree."""
    automatic = {r.id for r in template.requirements if r.automatic}
    out: dict[str, dict[str, Override]] = {}
    for vid, by in panel.decisions.items():
        for rid, o in by.items():
            if rid in automatic:
                out.setdefault(vid, {})[rid] = o
    for vid in sorted({vid for m in members for vid in m.session.overrides}):
        for rid in automatic:
            if rid in out.get(vid, {}):
                continue
            given = [m.session.overrides[vid][rid] for m in members if rid in m.session.overrides.get(vid, {})]
            if given and len({o.passed for o in given}) == 1:
                out.setdefault(vid, {})[rid] = given[0]
    return out


def _requirement_notes(members: Sequence[Member]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for vid in sorted({vid for m in members for vid in m.session.requirement_notes}):
        for rid in sorted({rid for m in members for rid in m.session.requirement_notes.get(vid, {})}):
            said = {m.evaluator: m.session.requirement_notes[vid][rid] for m in members
                    if rid in m.session.requirement_notes.get(vid, {})}
            out.setdefault(vid, {})[rid] = _joined(said)
    return out


@dataclass
class PanelView:
    """What a review opened from a panel file knows beyond its merged session: the members,
    each question's row, the disputed requirements, and the panel file as loaded."""

    panel: Panel
    members: list[Member]
    merged: Merged
    saved: Panel | None = None  # the panel as last loaded or saved: a save writes what changed since

    def member_weights(self) -> dict[str, dict[str, float]]:
        return {m.evaluator: dict(m.session.weights) for m in self.members}
