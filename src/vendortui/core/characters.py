"""Which characters of a file's text may reach a screen or a document as they are.

Vendor files are written by the bidders, who gain by confusing the evaluator. A control
character can clear or retitle a terminal (ESC, C1), a bidi override can make text read
backwards, and an invisible character can make two names look alike or hide a forged line.
Every output shows these as visible escapes (`\\x1b`, `\\u202e`): the one rule is here.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (U+0085 NEL included).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings, overrides and isolates, and the direction marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Characters that show nothing: zero-width spaces and joiners, word joiner and invisible
# operators, the byte-order mark, soft hyphen, Mongolian vowel separator, Hangul fillers,
# the line and paragraph separators (line breaks no terminal shows as such), and tags.
_INVISIBLE = "\u00ad\u034f\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u3164\ufeff\uffa0\U000e0000-\U000e007f"

_UNSAFE = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
_UNSAFE_OR_BREAK = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}\t\n]")
_BLANK = re.compile(f"[\\s{_BIDI}{_INVISIBLE}]*")


def visible_escape(char: str) -> str:
    """`\\x1b`, `\\u202e`, `\\U000e0041`: how an unsafe character is shown."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_unsafe(text: str) -> str:
    """The text with every control, bidi and invisible character shown as an escape;
    newlines and tabs are kept."""
    return _UNSAFE.sub(lambda m: visible_escape(m.group()), text)


def escape_one_line(text: str) -> str:
    """As `escape_unsafe`, and newlines and tabs shown as `\\n` and `\\t` too: for the
    places that hold one line (a table cell, a problem line, a title)."""
    def show(m: re.Match[str]) -> str:
        c = m.group()
        return "\\n" if c == "\n" else "\\t" if c == "\t" else visible_escape(c)

    return _UNSAFE_OR_BREAK.sub(show, text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def is_blank(text: str) -> bool:
    """Nothing a reader could see: only spaces, invisible and direction characters."""
    return _BLANK.fullmatch(text) is not None
