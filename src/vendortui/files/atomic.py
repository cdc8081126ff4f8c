"""The one atomic file writer and the one file hash, for sessions, exports and skeletons.

A write goes to a new temporary file in the target's folder (created with O_EXCL and
O_NOFOLLOW, so a planted link or a guessed name can never be written through), is flushed
and fsynced, then renamed over the target: a crash or a full disk mid-write leaves the
previous file whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class DanglingLink(OSError):
    """The path is a symbolic link to a file that does not exist."""


def refuse_dangling(path: Path) -> None:
    """A link to nothing is never written through: that would create a file wherever it
    points (another folder, another user's), which nobody chose."""
    if os.path.islink(path) and not os.path.exists(path):
        raise DanglingLink(f"{path} is a link to {os.readlink(path)}, which does not exist: not writing through it")


def digest(data: bytes) -> str:
    """sha256 of some bytes, in hex: how a file's content is fingerprinted."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of a file's bytes, or None when it does not exist."""
    try:
        return digest(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def temporary_name(path: Path) -> Path:
    """A fresh hidden name beside `path` that nobody can have guessed."""
    return path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")


def write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """Create `path` (it must not exist, and is never a link followed) holding `data`,
    flushed to disk. Without `mode` the file gets the permissions a plain write would
    (0666 less the umask, applied by the kernel)."""
    fd = os.open(path, _FLAGS, 0o666 if mode is None else mode)
    try:
        if mode is not None:
            os.fchmod(fd, mode)  # exactly `mode`, whatever the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)  # a file half written (a full disk) is not left behind
        raise
    os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` atomically, keeping the file's permissions if it exists.

    A symbolic link at `path` is followed: its target is replaced and the link is kept, so
    a session shared through a link stays shared. A link to nothing is refused (DanglingLink).
    """
    path = Path(path)
    refuse_dangling(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        mode: int | None = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    tmp = temporary_name(path)
    try:
        write_new(tmp, data, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)
