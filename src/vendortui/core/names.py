"""When two written names are the same person's: `Priya  Natarajan`, `priya natarajan` and
`Priya Natarajan` followed by a zero-width space all are. Used wherever a name decides
something (a panel member counted once, a session's owner), never to show a name."""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """The name compatibility-normalised (NFKC: fullwidth letters are letters), with format
    characters (zero-width spaces and joiners, soft hyphens, direction marks) removed,
    whitespace collapsed, and case folded."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", " ".join(text.split()).casefold())


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
