"""Days-past-due ranges ("61-90", "366+") and the banded-rate lookup over them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

_CLOSED = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_OPEN = re.compile(r"^\s*(\d+)\s*\+\s*$")


@dataclass(frozen=True, order=True)
class AgeRange:
    """An inclusive range of days past due; `high` is None for an open-ended range."""

    low: int
    high: int | None

    @classmethod
    def parse(cls, text: str) -> "AgeRange":
        if not isinstance(text, str):
            raise ValueError(f"age range must be a string like \"61-90\" or \"366+\", got {text!r}")
        if m := _CLOSED.match(text):
            low, high = int(m.group(1)), int(m.group(2))
            if low > high:
                raise ValueError(f"age range {text!r} is reversed: {low} is after {high}")
            return cls(low, high)
        if m := _OPEN.match(text):
            return cls(int(m.group(1)), None)
        raise ValueError(f"malformed age range {text!r}: expected \"LOW-HIGH\" or \"LOW+\" in days")

    def contains(self, day: int) -> bool:
        return self.low <= day and (self.high is None or day <= self.high)

    def overlaps(self, other: "AgeRange") -> bool:
        first, second = sorted((self, other), key=lambda r: r.low)
        return first.high is None or second.low <= first.high

    def __str__(self) -> str:
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high}"


def first_overlap(ranges: Sequence[AgeRange]) -> tuple[int, int] | None:
    """Indices of the first pair of ranges that overlap, or None."""
    for i, a in enumerate(ranges):
        for j in range(i + 1, len(ranges)):
            if a.overlaps(ranges[j]):
                return i, j
    return None


def band_index(ranges: Iterable[AgeRange], day: int) -> int | None:
    """Index of the range containing `day` (a bucket's lower bound), or None."""
    for i, r in enumerate(ranges):
        if r.contains(day):
            return i
    return None
