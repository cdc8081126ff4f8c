"""What a save changed, as `[[history]]` entries (SPEC "Panel review": every save appends what
changed; history is never rewritten): question scores, requirement decisions and weights."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from vendortui.core.models import HistoryEntry, Session


def changes(before: Session, after: Session, at: datetime) -> list[HistoryEntry]:
    """One entry per changed score, decision or weight, in vendor, then id order."""
    out: list[HistoryEntry] = []
    for vid in sorted(set(before.scores) | set(after.scores)):
        out += [HistoryEntry(at=at, vendor=vid, question=qid, old=old, new=new)
                for qid, old, new in _diff(before.scores.get(vid, {}), after.scores.get(vid, {}))]
    for vid in sorted(set(before.requirements) | set(after.requirements)):
        out += [HistoryEntry(at=at, vendor=vid, requirement=rid, old=old, new=new)
                for rid, old, new in _diff(before.requirements.get(vid, {}), after.requirements.get(vid, {}))]
    for vid in sorted(set(before.overrides) | set(after.overrides)):
        old_o, new_o = before.overrides.get(vid, {}), after.overrides.get(vid, {})
        for rid in sorted(set(old_o) | set(new_o)):
            was = old_o[rid].passed if rid in old_o else None
            now = new_o[rid].passed if rid in new_o else None
            if was != now:
                out.append(HistoryEntry(at=at, vendor=vid, requirement=rid, old=was, new=now))
    out += [HistoryEntry(at=at, weight=cid, old=old, new=new) for cid, old, new in _diff(before.weights, after.weights)]
    return out


def _diff(old: Mapping[str, float | bool], new: Mapping[str, float | bool]) -> list[tuple[str, float | bool | None, float | bool | None]]:
    return [(key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]
