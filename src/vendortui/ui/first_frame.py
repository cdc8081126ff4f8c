"""The shortlist as the last run left it, shown at once while the review loads.

Opening a folder of 1,000 vendors means reading, validating and ranking them all before the
first row can be drawn. When nothing has changed since the last run (the same options, the
same template, portfolio and session bytes, and the same vendor files, by the stamps the
vendor cache trusts), the first frame is known already: it is kept next to the vendor cache
and drawn straight away. The review loads behind it as always and then draws the same
frame from the real ranking; keys pressed meanwhile wait for it and are then replayed.

The frame holds only what the screen shows: cells, texts and Rich renderables, never
models, so reading it needs neither pydantic nor the core. It is written when the review
has loaded with no problems and no unsaved changes, and again on quitting after a save.
Any doubt (a file changed, added or removed, another version of vendortui, a damaged
frame) means no frame, and the app starts as it would without one.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vendortui.core.cache import cache_dir, digest, folder_stamps, read_private, write_private

_PACKAGE = Path(__file__).resolve().parent.parent  # vendortui/: the frame depends on all of it
_OPTION_PATHS = ("vendors", "template", "portfolio", "session")


@dataclass
class FirstFrame:
    ids: list[str]
    cells: list[tuple]  # RankingTable cells, row by row
    table_title: str
    weights: tuple  # WeightsPanel.show's arguments
    detail: tuple[str, Any, Any] | None  # the top vendor's id, detail head and body
    status: Any  # the status bar's Text
    subtitle: str


def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(options: dict, evaluator: str | None) -> tuple:
    paths = tuple(os.path.abspath(options[k]) if options.get(k) else None for k in _OPTION_PATHS)
    return paths + (options.get("weights"), evaluator)


def _frame_file(key: tuple) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"frame-{hashlib.sha256(repr(key).encode()).hexdigest()[:24]}.pickle"


def save_first_frame(options: dict, evaluator: str | None, ws: Any, frame: FirstFrame) -> bool:
    """Keep `frame` for the next run with these options; False when it is not safe to."""
    key = _key(options, evaluator)
    file = _frame_file(key)
    if file is None or ws.problems:
        return False
    session = key[_OPTION_PATHS.index("session")]
    if session != (os.path.abspath(ws.session_path) if ws.session_path else None):
        return False  # saved under another name: these options do not open that session
    inputs = ws.inputs
    if inputs is None or not inputs.settled:
        return False  # loaded without the cache, or a vendor file this fresh could change unseen
    files = dict(inputs.files)
    if ws.session_path:
        files[os.path.abspath(ws.session_path)] = ws.session_fingerprint  # as last loaded or saved
    recorded = {"files": files, "vendors": inputs.vendors, "stamps": inputs.stamps}
    payload = {"version": _code_version(), "key": key, "inputs": recorded, "frame": frame}
    return write_private(file, payload)


def load_first_frame(options: dict, evaluator: str | None) -> FirstFrame | None:
    """The frame kept by the last run with these options, if nothing it shows has changed."""
    key = _key(options, evaluator)
    file = _frame_file(key)
    if file is None:
        return None
    payload = read_private(file)
    try:
        if payload["key"] != key or payload["version"] != _code_version():
            return None
        inputs = payload["inputs"]
        if any(digest(p) != expected for p, expected in inputs["files"].items()):
            return None
        if folder_stamps(inputs["vendors"]) != inputs["stamps"]:
            return None
        frame = payload["frame"]
        return frame if isinstance(frame, FirstFrame) else None
    except Exception:  # damaged, or from another layout of this file: start without it
        return None
