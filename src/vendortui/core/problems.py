"""A problem found in a user's file, reported as `path:line: key.path: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{_one_line(self.path)}:{self.line}: {_one_line(self.key)}: {_one_line(self.message)}"


# Characters that would break the one-line-per-problem output (str.splitlines() splits on
# all of them); a key or value quoted from the file may contain them, e.g. "a\nb".
_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    return _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def format_key(loc: tuple[str | int, ...]) -> str:
    """`("fees", "contingency", 0, "rate")` -> `fees.contingency[0].rate`; odd keys quoted."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.match(part) else '"' + part.replace('"', '\\"') + '"'
            text += f".{name}" if text else name
    return text or "(document)"


class ProblemsError(Exception):
    """Raised where a caller needs a file that has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
