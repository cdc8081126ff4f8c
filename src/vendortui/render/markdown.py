"""Markdown from untrusted text: escaping that keeps tables, paragraphs and headings intact.

Everything a vendor or an evaluator typed goes through these helpers before it reaches a
document (the export, the analysis report), so that an answer can never break a table, open
a heading, a list or a code block, inject HTML, a link or a remote image. The only HTML we
emit is `<br>` for line breaks inside table cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


class Md(str):
    """Text that is already Markdown (our own bold, links): table cells pass it through."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_INLINE = re.compile(r"[\\`|\[\]<>]|&(?=#?[0-9A-Za-z]+;)")
_REPLACE = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_LINE_START = re.compile(r"^([#+\-*=_~]|\d{1,9}(?=[.)]))")


def clean(text: str) -> str:
    """Normalise line endings and neutralise control characters.

    A stray `\\r` would split lines differently in different renderers, and an ANSI escape
    sequence in an answer would reach the terminal of whoever `cat`s the file.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("\ufffd", text)


def escape_inline(text: str) -> str:
    """Escape what inline Markdown would act on in one line of untrusted text.

    `|` ends a table cell (escaped everywhere, so an answer cannot form a table of its own
    either); `<`/`>` would be raw HTML (a `<script>`, or `<br>` faking our own breaks);
    backticks open code spans that swallow the rest of a line; `[`/`]` make links and remote
    images (`![](https://tracker)`), which a vendor must not slip into a stakeholder's
    document; `\\` is escaped so that a vendor's backslash cannot cancel our escapes
    (`\\|` would otherwise end the cell). An `&` that starts an entity stays literal.
    Emphasis (`*`, `_`) is left alone: it cannot cross a cell or a paragraph, and vendors use it.
    """
    return _INLINE.sub(lambda m: _REPLACE.get(m[0], "\\" + m[0]), text)


def one_line(text: str) -> str:
    """Untrusted text for a place that holds one line (list item, prose, heading).

    Newlines there would end the list item or paragraph and let the rest start any block,
    so all whitespace is collapsed to single spaces.
    """
    return escape_inline(" ".join(clean(text).split()))


def heading(level: int, text: str) -> str:
    """A heading of ours; a trailing `#` in the text would be read as a closing sequence."""
    body = one_line(text)
    if body.endswith("#"):
        body = body[:-1] + "\\#"
    return "#" * level + " " + body


def cell(value: object) -> str:
    """A table cell: escaped, with line breaks as `<br>` (a newline would end the row).

    Runs of blank lines become one blank line (`<br><br>`); long lines stay as they are.
    """
    if isinstance(value, Md):
        return str(value)
    text = re.sub(r"\n\s*\n\s*", "\n\n", clean(str(value)).strip())
    return "<br>".join(escape_inline(line.strip()) for line in text.split("\n"))


def _block_safe(line: str) -> str:
    """Escape the first character of a line that would start a block.

    `#` a heading, `-` `+` `*` a list or a thematic break, `1.`/`1)` an ordered list, `=` or
    `-` a setext underline turning the line above into a heading, `~` a code fence, `_` a
    thematic break (`>` is already `&gt;`). Escaping them always is harmless: `\\-` renders
    as `-`.
    """
    m = _LINE_START.match(line)
    if not m:
        return line
    if m[1].isdigit():
        return m[1] + "\\" + line[len(m[1]):]
    return "\\" + line


def paragraphs(text: str) -> list[str]:
    """Untrusted multi-line text as Markdown paragraphs that stay paragraphs.

    Blank lines separate paragraphs, as the author wrote them; a single newline becomes a
    hard break (a trailing backslash, which editors do not strip like trailing spaces).
    Leading indentation is dropped: four spaces after a blank line would start a code block.
    """
    out: list[str] = []
    current: list[str] = []
    for raw in clean(text).split("\n") + [""]:
        line = raw.strip()
        if line:
            current.append(_block_safe(escape_inline(line)))
        elif current:
            out.append("\\\n".join(current))
            current = []
    return out


def table(header: Sequence[str], rows: Iterable[Sequence[object]], right: Iterable[int] = ()) -> list[str]:
    """A GFM table; every row must have the header's column count. `right`: numeric columns."""
    right = set(right)
    align = "|" + "".join("---:|" if i in right else "---|" for i in range(len(header)))
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", align]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"table row has {len(row)} cells for {len(header)} columns")
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return lines
