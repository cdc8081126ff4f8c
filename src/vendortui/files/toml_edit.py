"""Rewrite a TOML file a person commented by hand to hold new data, in place, with tomlkit.

A session the program wrote has no comment, and is written whole (tomli-w: the layout is
ours). One a person wrote or annotated keeps its comments and layout: only the values that
differ are replaced, added or removed. What tomlkit writes must read back as exactly the new
data, else the caller writes the file whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import tomli

# A TOML string on one line (basic, with escapes, or literal): what a `#` inside is part of.
# Single-character classes and one escape form, so the match is linear in what it reads.
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*+"|\'[^\'\n]*+\'')


def has_comment(text: str) -> bool:
    """Whether a line holds a `#` outside a string: a comment someone wrote. (tomli-w writes
    every string on one line, so a file it wrote never matches. A TOML line ends at a line
    feed only, not at the other breaks `str.splitlines` knows, which a string may hold.)"""
    return any("#" in _STRING.sub("", line) for line in text.split("\n") if "#" in line)


def edit_in_place(text: str, new: Mapping[str, Any]) -> str | None:
    """`text` edited to hold `new` (plain TOML data), keeping its comments and layout; None
    when tomlkit cannot read or edit it so that it reads back as `new`."""
    import tomlkit  # here: only a commented file needs it, and `rank` never saves
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(text)
        _edit(doc, doc.unwrap(), new)
        edited = tomlkit.dumps(doc)
        edited += "" if edited.endswith("\n") else "\n"  # a table added last ends its line
        if tomli.loads(edited) != new:
            return None
    except (TOMLKitError, tomli.TOMLDecodeError, ValueError, TypeError, RecursionError):
        return None
    return edited


def _edit(node: Any, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        del node[key]
    for key, value in new.items():
        before = old.get(key)
        if key in old and before == value:
            continue
        if isinstance(value, Mapping) and isinstance(before, Mapping):
            _edit(node[key], before, value)  # a table: only what changed in it
        else:
            node[key] = value
