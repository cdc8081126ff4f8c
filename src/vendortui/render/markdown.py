"""Markdown from untrusted text: it can never make the document's own structure.

Everything a vendor or an evaluator typed goes through these helpers before it reaches a
document (the export, the analysis report). Whatever it holds, it can create no heading,
table row, list item, link, image, HTML, code block or autolinked URL, and no line that
reads as ours (a forged `**Score:**`): Markdown's punctuation is escaped, web and mail
addresses are shown in code spans (never clickable), and control, bidi and invisible
characters are shown as escapes (`vendortui.core.characters`), so none can hide in front of
a line. The only HTML we emit is `<br>` for line breaks inside table cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from vendortui.core.characters import escape_unsafe


class Md(str):
    """Text that is already Markdown (our own bold, links): table cells pass it through."""


# Backslash first: a vendor's `\` must not cancel our escapes. `*` and `_` (emphasis, and a
# forged bold `**Score:**`), `~` (strikethrough, fences), `[` `]` (links, images, footnotes),
# `|` (cells), backticks (code), `<` `>` (HTML, autolinks) and `&` before an entity.
_INLINE = re.compile(r"[\\`*_~|\[\]<>]|&(?=#?[0-9A-Za-z]+;)")
_REPLACE = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# Text in which no character needs escaping in a cell: no Markdown punctuation, no line
# break, and neither `.`, `:` nor `@`, without which nothing can read as an address.
_PLAIN = re.compile(r"[A-Za-z0-9 $%,()+#'\"!?;/=-]*")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_LINE_START = re.compile(r"^([#+\-=]|\d{1,9}(?=[.)]))")
# What a renderer could turn into a link on its own: a scheme, `www.`, an e-mail address, a
# bare domain name (linkify's fuzzy links: the common top-level domains and every two-letter
# country code; ids such as `cx.portal` or `req.pci` stay text). Found in linear time: a
# vendor's answer may be a megabyte with no space in it.
_SCHEMES = "https?|s?ftps?|mailto|file|javascript|vbscript|data|tel|sms|ircs?|git|ssh|news|nntp|xmpp|magnet|wss?"
_TLDS = frozenset({
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "io", "ai", "app", "dev", "co",
    "me", "tv", "xyz", "online", "site", "shop", "store", "tech", "link", "click", "example",
})
_STARTS = re.compile(rf"(?i)(?<![a-z0-9])(?:(?:{_SCHEMES}):|www\.)")
_RUN = re.compile(r"[A-Za-z0-9.-]+")
_NOT_ADDRESS = re.compile(r"[\s<>]")
_AT = re.compile("@")
_TRAILING = "().,;:!?'\"[]"
_LOCAL = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-")


def _address_end(text: str, start: int) -> int:
    """Where an address starting at `start` ends: at a space or `<>`, less closing punctuation."""
    stop = _NOT_ADDRESS.search(text, start)
    end = stop.start() if stop else len(text)
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _is_domain(run: str) -> bool:
    labels = run.strip(".-").split(".")
    tld = labels[-1].lower()
    return len(labels) >= 2 and all(labels) and (tld in _TLDS or (len(tld) == 2 and tld.isalpha()))


def addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web or mail address in `text`, in order, not overlapping."""
    if "." not in text and ":" not in text:
        return []  # every address has a scheme's colon or a domain's dot (this runs on every text)
    # A scheme or `www.` with nothing after it is English ("our customers' data: encryption
    # at rest"), not an address: no renderer links it.
    spans = [(m.start(), end) for m in _STARTS.finditer(text) if (end := _address_end(text, m.start())) > m.end()]
    for at in (m.start() for m in _AT.finditer(text)):
        start = at
        while start > 0 and at - start < 256 and text[start - 1] in _LOCAL:
            start -= 1
        domain = _RUN.match(text, at + 1)
        if start < at and domain and "." in domain.group().strip("."):
            spans.append((start, domain.end() - (len(domain.group()) - len(domain.group().rstrip(".")))))
    for m in _RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if "." in m.group() and before not in ("@", "/", ":") and _is_domain(m.group()):  # a domain has a dot
            end = m.end() - (len(m.group()) - len(m.group().rstrip(".-")))
            if text.startswith("/", end):
                end = _address_end(text, end)
            spans.append((m.start(), end))
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end > start and (not out or start >= out[-1][1]):
            out.append((start, end))
    return out


def clean(text: str) -> str:
    """Normalise line endings and show unsafe characters as escapes.

    A stray `\\r` would split lines differently in different renderers, an ANSI escape
    sequence would reach the terminal of whoever `cat`s the file, and a zero-width or bidi
    character could hide in front of a line or make text read backwards.
    """
    return escape_unsafe(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


def _code_span(text: str) -> str:
    """`text` shown verbatim and never as a link; a `|` stays inside a table cell."""
    text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# An export repeats the same short texts (vendor names, labels, figures, the template's
# questions) in every document: short texts are escaped once. Long ones are not kept, and
# once a memo holds _MEMO_SIZE texts it takes no more, so it stays at a few megabytes.
_MEMO_CHARS = 512
_MEMO_SIZE = 8192


def _memo_short(escape: Callable[[str], str]) -> Callable[[str], str]:
    """`escape`, remembering its result for short texts (it must be a pure function)."""
    known: dict[str, str] = {}

    def memo(text: str) -> str:
        done = known.get(text)
        if done is None:
            done = escape(text)
            if len(text) <= _MEMO_CHARS and len(known) < _MEMO_SIZE:
                known[text] = done
        return done

    memo.__doc__ = escape.__doc__
    return memo


@_memo_short
def escape_inline(text: str) -> str:
    """Escape what inline Markdown would act on in one line of untrusted text; addresses
    go into code spans."""
    out = []
    last = 0
    for start, end in addresses(text):
        out.append(_escape_plain(text[last:start]))
        out.append(_code_span(text[start:end]))
        last = end
    out.append(_escape_plain(text[last:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return _INLINE.sub(lambda m: _REPLACE.get(m[0], "\\" + m[0]), text)


@_memo_short
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
    text = str(value)
    if _PLAIN.fullmatch(text):  # most cells are figures ($1,234, 0 of 4): nothing to escape
        return text.strip()
    return _cell_text(text)


@_memo_short
def _cell_text(value: str) -> str:
    text = _BLANK_LINES.sub("\n\n", clean(value).strip())
    return "<br>".join(escape_inline(line.strip()) for line in text.split("\n"))


def _block_safe(line: str) -> str:
    """Escape the first character of a line that would start a block.

    `#` a heading, `-` `+` a list or a thematic break, `1.`/`1)` an ordered list, `=` or
    `-` a setext underline turning the line above into a heading (`*`, `_`, `~`, `>` and
    `|` are escaped everywhere already). Escaping them always is harmless: `\\-` renders
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
    for raw in [*clean(text).split("\n"), ""]:
        line = raw.strip()
        if line:
            current.append(_block_safe(escape_inline(line)))
        elif current:
            out.append("\\\n".join(current))
            current = []
    return out


def quoted(text: str) -> list[str]:
    """Untrusted multi-line text as one block quote, so that a reader sees at a glance whose
    words these are: the lines to write, with `>` alone between paragraphs."""
    out: list[str] = []
    for para in paragraphs(text):
        if out:
            out.append(">")
        out += ["> " + line for line in para.split("\n")]
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
