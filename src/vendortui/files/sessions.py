"""Review sessions on disk: atomic saves that never lose data, and conflict detection.

A save writes a temporary file in the session's folder, flushes and fsyncs it, then
atomically replaces the target, so a crash mid-write leaves the previous file intact. A file
someone commented by hand keeps its comments and layout (`toml_edit`). A
session that changed on disk since it was loaded (a colleague's edit, a `git pull`) is never
overwritten silently: `save` raises `SessionConflict` and the caller offers reload or save-as.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from vendortui.core.history import changes, merge_for_overwrite
from vendortui.core.names import same_name
from vendortui.core.session_models import Session

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
from vendortui.files.atomic import atomic_write, digest, file_digest, refuse_dangling
from vendortui.files.toml_edit import edit_in_place, has_comment


class SessionConflict(Exception):
    """The file changed on disk since it was loaded or last saved."""


class NotYourSession(Exception):
    """The file on disk is another evaluator's session: never replaced by someone else's."""


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
    data: dict[str, Any] = whole_numbers(session.model_dump(exclude_none=True, by_alias=True))
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


def whole_numbers(value: Any) -> Any:
    """Write 30.0 as 30: the file is read and diffed by people."""
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def recovery_path(path: Path | None, suffix: str = ".session.toml") -> Path:
    """Where unsaved edits go when the file itself cannot take them: beside it, a new name
    of the same kind (`board.recovered-….panel.toml` for a panel)."""
    base = path.with_name(path.name.removesuffix(suffix)) if path else Path("review")
    stamp = now().strftime("%Y%m%dT%H%M%S")
    candidate = base.with_name(f"{base.name}.recovered-{stamp}{suffix}")
    n = 1
    while os.path.lexists(candidate):
        n += 1
        candidate = base.with_name(f"{base.name}.recovered-{stamp}-{n}{suffix}")
    return candidate


def save_on_exit(session: Session, path: Path | None, expected: str | None, baseline: Session | None,
                 locate: Callable[[Path], None]) -> Path | None:
    """Save when nobody can be asked (the process is ending): to `path` if it takes the
    save without a conflict, else to a recovered copy beside it. `locate` records the
    review's inputs relative to the file written, so it reopens. Returns where it went."""
    targets = ([path] if path is not None else []) + [recovery_path(path)]
    for target in targets:
        locate(target)
        try:
            save_session(session, target, expected if target == path else None, baseline=baseline)
        except (SessionConflict, NotYourSession, OSError):
            continue
        return target
    return None  # nowhere left to write: the process is ending regardless


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
    session: Session, path: Path, expected: str | None, *, force: bool = False, baseline: Session | None = None,
    onto_other: bool = False,
) -> str:
    """Save atomically; returns the new fingerprint.

    `expected` is the fingerprint the caller last saw (None: the file did not exist). Unless
    `force`, a file that no longer matches it raises SessionConflict and is left untouched;
    with `force` and a `baseline`, what was written there meanwhile is kept
    (`core.history.merge_for_overwrite`). Another evaluator's file is never written
    (NotYourSession, even with `force`). A link is followed: the file it points to is
    replaced, and the link kept; a link to nothing is refused (DanglingLink). With
    `baseline` (the session as last loaded or saved), what changed since is appended to the
    session's `[[history]]`, only if the file is written, each entry naming the evaluator.
    `onto_other`: the file is not the one `baseline` was loaded from (a save-as onto an
    existing file): a forced save replaces its values with the session's, and keeps its history.
    """
    target = writable_target(path)
    with locked(target):
        current, on_disk, raw = _current(target)
        if on_disk is not None:
            owner = _owner(on_disk)
            if owner and not same_name(owner, session.evaluator):
                raise NotYourSession(f"{path} is {owner}'s session: save yours under another name")
        if not force and current != expected:
            raise SessionConflict(f"{path} changed on disk since it was loaded")
        snapshot = session.model_copy(deep=True)
        before = baseline
        if force and on_disk is not None and (onto_other or (current != expected and baseline is not None)):
            theirs = _as_session(on_disk)
            if theirs is not None:  # a broken file has nothing to keep: the user's version replaces it
                since = baseline if baseline is not None and not onto_other else theirs
                _assign(session, merge_for_overwrite(since, session, theirs))
                before = theirs
        stamp = now()
        by = session.evaluator.strip()
        # Without an evaluator there is nobody to record: the first save under a name records.
        added = changes(before, session, stamp, by) if before is not None and by else []
        if session.created is None:
            session.created = stamp
        session.updated = stamp
        session.history.extend(added)
        try:
            text = session_to_toml(session)
            if raw is not None and on_disk is not None and has_comment(raw):  # a person wrote in it
                text = edit_in_place(raw, tomli.loads(text)) or text
            atomic_write(target, text)
        except BaseException:
            _assign(session, snapshot)
            raise
    return digest(text.encode("utf-8"))


def writable_target(path: Path) -> Path:
    """The file a save replaces: `path`, or the file a link there points to. A link whose
    target does not exist is refused: writing through it would create a file wherever it
    points, which the user never chose."""
    refuse_dangling(path)
    return Path(os.path.realpath(path))


def _current(target: Path) -> tuple[str | None, dict[str, Any] | None, str | None]:
    """The file's fingerprint, its TOML and its text (None when missing, not TOML, not text)."""
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None, None, None
    try:
        text = data.decode("utf-8-sig")
        return digest(data), tomli.loads(text), text
    except UnicodeDecodeError:
        return digest(data), None, None
    except (tomli.TOMLDecodeError, RecursionError):  # not TOML, or nested past what tomli reads
        return digest(data), None, text


def _owner(data: dict[str, Any]) -> str:
    owner = data.get("evaluator")
    return owner.strip() if isinstance(owner, str) else ""


def _as_session(data: dict[str, Any]) -> Session | None:
    try:
        return Session.model_validate(data)
    except (ValidationError, RecursionError):
        return None


def _assign(session: Session, other: Session) -> None:
    """Make `session` hold `other`'s values: callers keep a reference to the one object."""
    for key in Session.model_fields:
        setattr(session, key, getattr(other, key))
