"""The user's settings: `config.toml` in the platform's config folder
(`$XDG_CONFIG_HOME/vendortui/config.toml` on Linux), or the file `--config` names.

    theme = "gruvbox"
    evaluator = "Sam Okafor"   # the name a new session is saved under, so saving doesn't ask

    [keymap]                   # binding id = key(s), comma-separated; ids are listed in help
    help = "f1"
    open-review = "enter,o"

A bad entry is a problem like any file's (`path:line: key: message`) and is left out; the
good entries still apply. Which binding ids and themes exist is the app's to say: the
caller passes them in, so this module never imports the interface.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vendortui.core.characters import has_unsafe
from vendortui.core.problems import Problem
from vendortui.files.reading import Source, read_toml

APP_NAME = "vendortui"
CONFIG_ENV = "VENDORTUI_CONFIG"  # a path that replaces the default location (scripts, tests)
MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAME = re.compile(r"^[a-z0-9_]+$")
NAME_MAX = 200


@dataclass(frozen=True)
class UserConfig:
    """The settings that were read (defaults for what the file leaves out or gets wrong)."""

    path: Path | None = None  # the file read; None: no file
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    theme: str | None = None
    evaluator: str = ""
    problems: tuple[Problem, ...] = ()


def default_path() -> Path:
    """Where the settings live: `$VENDORTUI_CONFIG`, else the platform's user config folder."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs  # only when there is no override: it is the app's one use of it

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def load_config(
    path: Path | str | None = None,
    binding_ids: Collection[str] = (),
    themes: Collection[str] = (),
    explicit: bool = False,
    contexts: Sequence[tuple[str, Mapping[str, str]]] = (),
) -> UserConfig:
    """The settings in `path` (default: `default_path()`). A missing default file is no
    problem; a missing file the user named (`explicit`) is one. Keymap ids are checked
    against `binding_ids` and the theme against `themes` when those are given; with
    `contexts` (each a name and its binding ids' default keys), a remapping that puts two
    actions on one key in one context is a problem, and is left out."""
    target = Path(path) if path is not None else default_path()
    if not explicit and not os.path.lexists(target):
        return UserConfig()
    source, problems = read_toml(target)
    if source.data is None:
        return UserConfig(path=target, problems=tuple(problems))
    found: list[Problem] = []
    data = source.data
    for key in data:
        if key not in ("keymap", "theme", "evaluator"):
            found.append(source.problem((key,), _unknown(key, ("keymap", "theme", "evaluator"), "setting")))
    keymap = _keymap(source, data.get("keymap"), binding_ids, found)
    keymap = _without_clashes(source, keymap, contexts, found)
    theme = _theme(source, data.get("theme"), themes, found)
    evaluator = _evaluator(source, data.get("evaluator"), found)
    return UserConfig(target, keymap, theme, evaluator, tuple(found))


def _keymap(source: Source, value: object, ids: Collection[str], found: list[Problem]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        found.append(source.problem(("keymap",), "must be a table of binding id = \"key\" lines"))
        return {}
    keymap = {}
    for bid, keys in value.items():
        loc = ("keymap", bid)
        if ids and bid not in ids:
            found.append(source.problem(loc, _unknown(bid, ids, "binding id") + " (help lists them)"))
        elif not isinstance(keys, str) or not keys.strip():
            found.append(source.problem(loc, 'must be a key, or keys separated by commas, in quotes: "f1" or "enter,o"'))
        elif (bad := _bad_key(keys)) is not None:
            found.append(source.problem(loc, bad))
        else:
            keymap[bid] = ",".join(k.strip() for k in keys.split(","))
    return keymap


def _without_clashes(source: Source, keymap: dict[str, str], contexts: Sequence[tuple[str, Mapping[str, str]]],
                     found: list[Problem]) -> dict[str, str]:
    """The keymap less each entry that gives a key already taken in one of its contexts
    (by a binding left as it is, or an entry before it): pressing the key would do one of
    the two actions, and the screen would say the other."""
    keymap = dict(keymap)
    for name, defaults in contexts:
        owner = {_canon(k): bid for bid, keys in defaults.items() if bid not in keymap for k in keys.split(",")}
        for bid in [b for b in keymap if b in defaults]:
            taken = next(((k, owner[_canon(k)]) for k in keymap[bid].split(",") if owner.get(_canon(k), bid) != bid), None)
            if taken is not None:
                found.append(source.problem(("keymap", bid), f"{taken[0]!r} is already the key of {taken[1]} in {name}: "
                                                             "two actions on one key; give one of them another key"))
                del keymap[bid]
                owner.update({_canon(k): bid for k in defaults[bid].split(",") if _canon(k) not in owner})
                continue
            owner.update({_canon(k): bid for k in keymap[bid].split(",")})
    return keymap


def _canon(key: str) -> str:
    """`?` and `question_mark` are one key (the long names are what Textual uses)."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        return unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
    return key


def _bad_key(keys: str) -> str | None:
    """Why `keys` is not a list of key names Textual understands, or None."""
    for key in keys.split(","):
        key = key.strip()
        if has_unsafe(key) or not key:
            return f"not a key name: {keys!r}"
        *modifiers, name = key.split("+")
        if any(m not in MODIFIERS for m in modifiers):
            return f"{key!r}: modifiers are {', '.join(sorted(MODIFIERS))}, joined with +, as in ctrl+s"
        if len(name) != 1 and not _KEY_NAME.match(name):
            return f"{key!r}: key names are lower case, as in f1, enter, pageup, question_mark"
    return None


def _theme(source: Source, value: object, themes: Collection[str], found: list[Problem]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        found.append(source.problem(("theme",), "must be a theme's name in quotes, e.g. \"gruvbox\""))
        return None
    if themes and value not in themes:
        found.append(source.problem(("theme",), _unknown(value, themes, "theme")))
        return None
    return value


def _evaluator(source: Source, value: object, found: list[Problem]) -> str:
    if value is None:
        return ""
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if not name or has_unsafe(name) or len(name) > NAME_MAX:
        found.append(source.problem(("evaluator",), f"must be your name in quotes, up to {NAME_MAX} characters"))
        return ""
    return name


def _unknown(name: str, known: Collection[str], what: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"no {what} {name!r}{hint}"
