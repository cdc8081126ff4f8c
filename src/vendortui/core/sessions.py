"""Review sessions on disk: atomic saves that never lose data, and conflict detection.

A save writes a temporary file in the session's folder, flushes and fsyncs it, then
atomically replaces the target, so a crash mid-write leaves the previous file intact. A
session that changed on disk since it was loaded (a colleague's edit, a `git pull`) is never
overwritten silently: `save` raises `SessionConflict` and the caller offers reload or save-as.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import tomli_w

from vendortui.core.models import Session


class SessionConflict(Exception):
    """The file changed on disk since it was loaded or last saved."""


def fingerprint(path: Path) -> str | None:
    """A digest of the file's bytes, or None when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def relative_to(path: Path | str | None, folder: Path) -> str | None:
    """Store paths relative to the session file, so a session can move with its files."""
    if path is None:
        return None
    path = Path(path).resolve()
    try:
        return os.path.relpath(path, folder.resolve())
    except ValueError:  # another drive on Windows
        return str(path)


def session_to_toml(session: Session) -> str:
    data: dict[str, Any] = _whole_numbers(session.model_dump(exclude_none=True))
    # Empty tables are noise in a file users read and diff in git.
    for key in ("weights", "scores", "notes", "requirements"):
        if isinstance(data.get(key), dict):
            data[key] = {k: v for k, v in data[key].items() if v != {}}
            if not data[key]:
                del data[key]
    return tomli_w.dumps(data)


def _whole_numbers(value: Any) -> Any:
    """Write 30.0 as 30: the file is read and diffed by people."""
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private; keep the mode the file had, or the usual one.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def save_session(session: Session, path: Path, expected: str | None, *, force: bool = False) -> str:
    """Save atomically; returns the new fingerprint.

    `expected` is the fingerprint the caller last saw (None: the file did not exist). Unless
    `force`, a file that no longer matches it raises SessionConflict and is left untouched.
    """
    current = fingerprint(path)
    if not force and current != expected:
        raise SessionConflict(f"{path} changed on disk since it was loaded")
    stamp = now()
    if session.created is None:
        session.created = stamp
    session.updated = stamp
    text = session_to_toml(session)
    atomic_write(path, text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
