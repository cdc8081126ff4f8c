"""A problem (or a warning) found in a user's file: `path:line: key.path: message`.

A problem keeps the file out of the review (exit code 1); a warning flags what is valid but
likely wrong and changes nothing (`validate --strict` makes warnings problems). Either prints
on one line, whatever the file held: control, bidi and invisible characters quoted from it
show as escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vendortui.core.characters import escape_one_line

Loc = tuple[str | int, ...]  # a key path in a file: ("fees", "contingency", 0, "rate")

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

Level = Literal["problem", "warning"]

# The key of a problem with a file as a whole (not a folder's regular file, too big, not UTF-8,
# empty, nested too deeply): the file was not read, and the message is our own words. A key
# read from a file never spells it so: `format_key` quotes a key with brackets.
WHOLE_FILE = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    key: str
    message: str
    level: Level = "problem"

    @property
    def is_warning(self) -> bool:
        return self.level == "warning"

    def __str__(self) -> str:
        head = f"{escape_one_line(self.path)}:{self.line}: {escape_one_line(self.key)}: "
        return head + ("warning: " if self.is_warning else "") + escape_one_line(self.message)

    def as_warning(self) -> Problem:
        return Problem(self.path, self.line, self.key, self.message, "warning")


def format_key(loc: tuple[str | int, ...]) -> str:
    """`("fees", "contingency", 0, "rate")` -> `fees.contingency[0].rate`; odd keys quoted."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.match(part) else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
            text += f".{name}" if text else name
    return text or "(document)"


class ProblemsError(Exception):
    """Raised where a caller needs a file that has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
