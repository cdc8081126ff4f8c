"""What a `[[history]]` entry may hold, beyond its types (the model in `models` applies these).

History is evidence of who changed what and when, so an entry that could not have been
written by a save is a problem: a time before this program's era or in the future, an
entry naming no subject or two, a value of the wrong type for its subject.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from pydantic_core import PydanticCustomError

E = TypeVar("E")

# No entry before this program's era, none later than now and a small clock skew between
# colleagues' machines (an entry from 2999 would sort after every real one).
HISTORY_FROM = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(days=1)


def sane_time(at: datetime) -> datetime:
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)  # a local time is read as UTC
    if aware < HISTORY_FROM:
        raise ValueError(f"{at.isoformat()} is before {HISTORY_FROM.year}: no save was made then")
    if aware > datetime.now(UTC) + CLOCK_SKEW:
        raise ValueError(f"{at.isoformat()} is in the future")
    return at


def entry_problem(vendor: str | None, subjects: dict[str, str | None], values: dict[str, float | bool | None],
                  score_max: float, weight_max: float) -> tuple[tuple[str, ...], str] | None:
    """Where and why an entry is impossible, or None: it names exactly one of question,
    requirement or weight; a vendor unless a weight; a score or weight is a number within
    its bounds, a requirement decision true or false."""
    named = [k for k, v in subjects.items() if v is not None]
    if len(named) != 1:
        return (), "an entry names one of question, requirement or weight"
    kind = named[0]
    if (vendor is None) != (kind == "weight"):
        return ("vendor",), "a question or requirement entry names its vendor; a weight entry none"
    for key, v in values.items():
        if v is None:
            continue
        if kind == "requirement":
            if not isinstance(v, bool):
                return (key,), "a requirement decision is true or false"
        elif isinstance(v, bool) or not 0 <= v <= (score_max if kind == "question" else weight_max):
            top = score_max if kind == "question" else weight_max
            return (key,), f"a {'score' if kind == 'question' else 'weight'} is a number from 0 to {top:g}"
    return None


def possible_entry(entry: E, score_max: float, weight_max: float) -> E:
    """The entry, or a validation error naming the key that makes it impossible."""
    e: Any = entry
    subjects = {"question": e.question, "requirement": e.requirement, "weight": e.weight}
    found = entry_problem(e.vendor, subjects, {"old": e.old, "new": e.new}, score_max, weight_max)
    if found is not None:
        raise PydanticCustomError("history", found[1], {"at": found[0]})
    return entry
