"""What a save changed, as `[[history]]` entries (SPEC "Panel review": every save appends what
changed; history is never rewritten): question scores, requirement decisions and weights;
and how a save that overwrites a file changed on disk meanwhile keeps what was written there.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from vendortui.core.session_models import HistoryEntry, Session

V = TypeVar("V")


def changes(before: Session, after: Session, at: datetime, by: str) -> list[HistoryEntry]:
    """One entry per changed score, decision or weight, in vendor, then id order, each
    recording who made it (`by`, the session's evaluator)."""
    out: list[HistoryEntry] = []
    for vid in sorted(set(before.scores) | set(after.scores)):
        out += [HistoryEntry(at=at, by=by, vendor=vid, question=qid, old=old, new=new)
                for qid, old, new in _diff(before.scores.get(vid, {}), after.scores.get(vid, {}))]
    for vid in sorted(set(before.requirements) | set(after.requirements)):
        out += [HistoryEntry(at=at, by=by, vendor=vid, requirement=rid, old=old, new=new)
                for rid, old, new in _diff(before.requirements.get(vid, {}), after.requirements.get(vid, {}))]
    for vid in sorted(set(before.overrides) | set(after.overrides)):
        old_o, new_o = before.overrides.get(vid, {}), after.overrides.get(vid, {})
        for rid in sorted(set(old_o) | set(new_o)):
            was = old_o[rid].passed if rid in old_o else None
            now = new_o[rid].passed if rid in new_o else None
            if was != now:
                out.append(HistoryEntry(at=at, by=by, vendor=vid, requirement=rid, old=was, new=now))
    out += [HistoryEntry(at=at, by=by, weight=cid, old=old, new=new)
            for cid, old, new in _diff(before.weights, after.weights)]
    return out


def _diff(old: Mapping[str, float | bool], new: Mapping[str, float | bool]) -> list[tuple[str, float | bool | None, float | bool | None]]:
    return [(key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


# --------------------------------------------------------------------------- overwrite merge

_NESTED = ("scores", "notes", "requirements", "overrides", "requirement_notes")
_PLAIN = ("template", "vendors", "portfolio", "business_case", "blind")


def merge_for_overwrite(baseline: Session, mine: Session, theirs: Session) -> Session:
    """The session to write when the user overwrites a file changed on disk since `baseline`
    (the session as they loaded or last saved it), keeping what was written there meanwhile.

    The rule, value by value (a score, a note, a decision, an override, a weight, a path):
    what the user changed since `baseline` is theirs to overwrite and takes the user's
    value (a removal included); what the user left alone takes the file's value, so a
    colleague's scores written meanwhile survive. History is append-only: the file's
    entries first, in their order, then any of the user's the file no longer holds, so no
    entry ever written is dropped. What this save changes on the file is appended by the
    caller, taken against `theirs`. `created` is the earlier of the two."""
    data: dict[str, Any] = {"evaluator": mine.evaluator or theirs.evaluator}
    for key in _NESTED:
        data[key] = _nested(getattr(baseline, key), getattr(mine, key), getattr(theirs, key))
    data["weights"] = _flat(baseline.weights, mine.weights, theirs.weights)
    for key in _PLAIN:
        base, own, disk = getattr(baseline, key), getattr(mine, key), getattr(theirs, key)
        data[key] = own if own != base else disk
    stamps = [t for t in (mine.created, theirs.created) if t is not None]
    data["created"] = min(stamps) if stamps else None
    data["updated"] = mine.updated or theirs.updated
    on_disk = list(theirs.history)
    data["history"] = on_disk + [e for e in mine.history if e not in on_disk]
    return Session.model_construct(**data).model_copy(deep=True)


def _flat(base: Mapping[str, V], own: Mapping[str, V], disk: Mapping[str, V]) -> dict[str, V]:
    out = dict(disk)
    for key in set(base) | set(own):
        if key in own and (key not in base or own[key] != base[key]):
            out[key] = own[key]  # set or changed by the user
        elif key not in own and key in base:
            out.pop(key, None)  # removed by the user
    return out


def _nested(base: Mapping[str, Mapping[str, V]], own: Mapping[str, Mapping[str, V]],
            disk: Mapping[str, Mapping[str, V]]) -> dict[str, dict[str, V]]:
    out = {vid: dict(values) for vid, values in disk.items()}
    for vid in set(base) | set(own):
        merged = _flat(base.get(vid, {}), own.get(vid, {}), disk.get(vid, {}))
        if merged:
            out[vid] = merged
        else:
            out.pop(vid, None)
    return out
