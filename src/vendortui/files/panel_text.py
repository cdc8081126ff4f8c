"""Edit a panel file people wrote, in place: only the values that changed, with tomlkit.

A panel file is written and commented by hand (who agreed what, and why); the program
changes its weights, consensus and decisions. Rewriting it whole (tomli-w) would strip
every comment and turn `25` into `25.0`. Files the program writes itself (a new panel from
`panel --init`, sessions) stay tomli-w: their layout is ours. A session someone commented by
hand is edited in place too, whole values at a time (`toml_edit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import tomli
import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import InlineTable, Table

from vendortui.core.session_models import Panel


def edit_panel_text(raw: bytes, baseline: Panel, panel: Panel) -> str | None:
    """The file's text (`raw`, as on disk now) with what changed from `baseline` to `panel`
    edited in; None when the file is not TOML any more (the caller writes the panel whole)."""
    try:
        doc = tomlkit.parse(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, TOMLKitError, tomli.TOMLDecodeError):
        return None
    try:
        _edit_flat(doc, ("weights",), baseline.weights, panel.weights)
        for table in ("consensus", "decisions"):
            base: Mapping[str, Mapping[str, Any]] = getattr(baseline, table)
            own: Mapping[str, Mapping[str, Any]] = getattr(panel, table)
            for vid in sorted(set(base) | set(own)):
                _edit_flat(doc, (table, vid), base.get(vid, {}), own.get(vid, {}))
            _drop_if_empty(doc, (table,))
        text = tomlkit.dumps(doc)
        tomli.loads(text)  # what tomlkit wrote must read back
    except (ValueError, TypeError, TOMLKitError):  # a layout it cannot edit: the panel is written whole
        return None
    return text


def _edit_flat(doc: Any, keys: tuple[str, ...], base: Mapping[str, Any], own: Mapping[str, Any]) -> None:
    changed = [k for k in sorted(set(base) | set(own)) if base.get(k) != own.get(k)]
    if not changed:
        return
    for key in changed:
        if key in own:
            _container(doc, keys)[key] = _item(own[key])
        else:
            node = _find(doc, keys)
            if node is not None and key in node:
                del node[key]
    _drop_if_empty(doc, keys)


def _item(value: Any) -> Any:
    """A value as the file should hold it: whole numbers as integers, an agreement inline."""
    if hasattr(value, "model_dump"):
        data = value.model_dump(exclude_none=True, by_alias=True)
        table = tomlkit.inline_table()
        table.update({k: _item(v) for k, v in data.items() if v != ""})
        return table
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _find(doc: Any, keys: tuple[str, ...]) -> Any:
    node = doc
    for key in keys:
        if not hasattr(node, "keys") or key not in node:
            return None
        node = node[key]
    return node


def _container(doc: Any, keys: tuple[str, ...]) -> Any:
    """The table at `keys`, created as `[a.b]` headers (no empty `[a]` above them)."""
    node = doc
    for depth, key in enumerate(keys):
        if key not in node:  # inside an inline table only an inline table may go
            inline = isinstance(node, InlineTable)
            node[key] = tomlkit.inline_table() if inline else tomlkit.table(is_super_table=depth < len(keys) - 1)
        node = node[key]
    return node


def _drop_if_empty(doc: Any, keys: tuple[str, ...]) -> None:
    node = _find(doc, keys)
    if node is None or len(node) or not keys:
        return
    parent = _find(doc, keys[:-1]) if len(keys) > 1 else doc
    if isinstance(node, Table) or hasattr(node, "keys"):
        del parent[keys[-1]]
