"""Review sessions on disk: atomic saves that never lose data, and conflict detection.

A save writes a temporary file in the session's folder, flushes and fsyncs it, then
atomically replaces the target, so a crash mid-write leaves the previous file intact. A
session that changed on disk since it was loaded (a colleague's edit, a `git pull`) is never
overwritten silently: `save` raises `SessionConflict` and the caller offers reload or save-as.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from vendortui.core.history import changes
from vendortui.core.models import Session

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
from vendortui.files.atomic import atomic_write, digest, file_digest


class SessionConflict(Exception):
    """The file changed on disk since it was loaded or last saved."""


def fingerprint(path: Path) -> str | None:
    """A digest of the file's bytes, or None when it does not exist."""
    return file_digest(path)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


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
    data: dict[str, Any] = _whole_numbers(session.model_dump(exclude_none=True, by_alias=True))
    # Empty tables are noise in a file users read and diff in git.
    for key in ("weights", "scores", "notes", "requirements", "overrides", "requirement_notes"):
        if isinstance(data.get(key), dict):
            data[key] = {k: v for k, v in data[key].items() if v != {}}
            if not data[key]:
                del data[key]
    if not data.get("history"):
        data.pop("history", None)
    if not data.get("blind"):
        data.pop("blind", None)
    if not data.get("blind_order"):
        data.pop("blind_order", None)
    return tomli_w.dumps(data)


def _whole_numbers(value: Any) -> Any:
    """Write 30.0 as 30: the file is read and diffed by people."""
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def recovery_path(path: Path | None) -> Path:
    """Where unsaved edits go when the session itself cannot take them: beside it, a new name."""
    base = path.with_name(path.name.removesuffix(".session.toml")) if path else Path("review")
    stamp = now().strftime("%Y%m%dT%H%M%S")
    candidate = base.with_name(f"{base.name}.recovered-{stamp}.session.toml")
    n = 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}.recovered-{stamp}-{n}.session.toml")
    return candidate


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the advisory lock of a session file (`.<name>.lock` beside it) for a
    check-and-replace: of two processes saving at once, the second sees the first's file."""
    if fcntl is None:  # no advisory locks on this platform: the check is still made
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the lock file stays (removing it would race)


def save_session(
    session: Session, path: Path, expected: str | None, *, force: bool = False, baseline: Session | None = None
) -> str:
    """Save atomically; returns the new fingerprint.

    `expected` is the fingerprint the caller last saw (None: the file did not exist). Unless
    `force`, a file that no longer matches it raises SessionConflict and is left untouched.
    A link is followed: the file it points to is replaced, and the link kept. With
    `baseline` (the session as last loaded or saved), what changed since is appended to the
    session's `[[history]]`, only if the file is written.
    """
    target = Path(os.path.realpath(path))
    with locked(target):
        current = fingerprint(target)
        if not force and current != expected:
            raise SessionConflict(f"{path} changed on disk since it was loaded")
        stamp = now()
        added = changes(baseline, session, stamp) if baseline is not None else []
        before = (session.created, session.updated)
        if session.created is None:
            session.created = stamp
        session.updated = stamp
        session.history.extend(added)
        try:
            text = session_to_toml(session)
            atomic_write(target, text)
        except BaseException:
            del session.history[len(session.history) - len(added):]
            session.created, session.updated = before
            raise
    return digest(text.encode("utf-8"))
