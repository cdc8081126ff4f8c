"""Text from a file, made safe to show on a terminal: the one way the app and the command
line's tables turn it into something to draw.

A Rich `Text`, never a markup string: `Acme [/bold] Recovery` is shown as written, and no
`[link=…]` or `[@click=…]` in a name ever acts. Control, bidi and invisible characters show
as escapes (`vendortui.core.characters`). Rich tables, Textual's `Static`, `Label` and
`DataTable` read a plain `str` as markup, so everything a file wrote goes through here first.
"""

from __future__ import annotations

from rich.text import Text

from vendortui.core.characters import escape_one_line, escape_unsafe


def safe(text: str, style: str = "") -> Text:
    """Multi-line file text (an answer, a summary, a note): newlines kept."""
    return Text(escape_unsafe(text), style=style)


def safe_line(text: str, style: str = "") -> Text:
    """File text for one line (a name, a title, a table cell): newlines shown as `\\n`."""
    return Text(escape_one_line(text), style=style)


def plain_line(text: str) -> str:
    """The same as a plain string, for places that take no markup (a window title, a cell
    of the ranking table)."""
    return escape_one_line(text)
