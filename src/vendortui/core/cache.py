"""A cache of validated vendor files, so the app opens a big folder without re-parsing it.

Parsing and validating 1,000 TOML files takes about a third of a second; reading their
validated models back takes a tenth of that. An entry is used only while its file is
unchanged: same modification time (to the nanosecond), size, inode and change time, the
signals git's index trusts. A file modified less than RACY_SECONDS before it was read is not
cached, since a second edit within the file system's timestamp resolution could keep all four.

Only files with no problems of their own are cached; checks that relate a vendor to the
template, the portfolio or the other files still run on every load. The cache is keyed by
the code that validated the entries: a new version of vendortui, Python or pydantic, or an
edit to the models, starts afresh. A missing, unreadable or foreign cache is ignored, never an
error: it is only ever a shortcut.

Where: $VENDORTUI_CACHE_DIR, else $XDG_CACHE_HOME/vendortui, else ~/.cache/vendortui.
VENDORTUI_CACHE=off turns it off. The files are pickles, so the folder is the user's own
(mode 0700) and a file anyone else could have written is never loaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RACY_SECONDS = 2.0
_CODE_FILES = ("models.py", "ages.py", "checks.py", "loading.py")

Stamp = tuple[int, int, int, int]  # mtime_ns, size, inode, ctime_ns


def cache_dir() -> Path | None:
    """Where caches live, or None when caching is turned off."""
    if os.environ.get("VENDORTUI_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get("VENDORTUI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vendortui"


def code_version() -> str:
    """Changes whenever what a cached model means could change."""
    import pydantic

    from vendortui import __version__

    digest = hashlib.sha256(f"{__version__}|{sys.version}|{pydantic.VERSION}".encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def stamp(st: os.stat_result) -> Stamp:
    """What says a file is unchanged: modified at the same nanosecond, same size, same inode,
    and no change to its metadata either (ctime moves on any write, even one that restores
    mtime)."""
    return st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns


def digest(path: Path | str | None) -> str | None:
    """sha256 of a file's bytes; None when there is no such file."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else None
    except OSError:
        return None


def folder_stamps(folder: Path | str) -> dict[str, Stamp]:
    """The stamp of every file a folder load reads (`*.toml`), by name."""
    with os.scandir(folder) as entries:
        return {e.name: stamp(e.stat()) for e in entries if e.name.endswith(".toml")}


@dataclass
class Inputs:
    """What a review was loaded from, taken just before each file was read: a frame kept
    from this review is valid while these are unchanged (and never if they changed since)."""

    files: dict[str, str | None]  # template and portfolio file -> digest
    vendors: str
    stamps: dict[str, Stamp]
    taken: float  # time.time() when the stamps were taken

    @property
    def settled(self) -> bool:
        """No vendor file had been modified in the RACY_SECONDS before it was read."""
        return all(self.taken - st[0] / 1e9 >= RACY_SECONDS for st in self.stamps.values())


class FolderCache:
    """The validated models of one folder's good files, by file name."""

    def __init__(self, folder: Path | str, kind: str, directory: Path | None) -> None:
        self.folder = Path(folder).resolve()
        self.kind = kind
        self.file: Path | None = None
        self._entries: dict[str, tuple[Stamp, Any]] = {}
        self._seen: dict[str, tuple[Stamp, Any]] = {}  # this load's entries: what is saved
        self._stamps: dict[str, Stamp] = {}  # taken before each miss was read
        self._read_at: dict[str, float] = {}
        self._version = ""
        if directory is None:
            return
        key = hashlib.sha256(f"{kind}|{self.folder}".encode()).hexdigest()[:24]
        self.file = directory / f"{kind}-{key}.pickle"
        try:
            self._version = code_version()
            self._entries = self._read(self.file)
        except Exception:  # only ever a shortcut: a bad cache is an empty one
            self._entries = {}

    def _read(self, file: Path) -> dict[str, tuple[Stamp, Any]]:
        saved = read_private(file)
        if (
            not isinstance(saved, dict)
            or saved.get("version") != self._version
            or saved.get("folder") != str(self.folder)
            or saved.get("kind") != self.kind
        ):
            return {}
        return saved["entries"]

    def lookup(self, path: Path) -> Any | None:
        """The cached model for this file if it is unchanged, else None (read it)."""
        if self.file is None:
            return None
        try:
            now = stamp(os.stat(path))
        except OSError:
            return None
        entry = self._entries.get(path.name)
        if entry is not None and entry[0] == now:
            self._seen[path.name] = entry
            return entry[1]
        self._stamps[path.name] = now
        self._read_at[path.name] = time.time()
        return None

    def store(self, path: Path, model: Any) -> None:
        """Remember a freshly validated model, unless the file changed too recently to trust."""
        taken = self._stamps.get(path.name)
        if taken is None or self._read_at[path.name] - taken[0] / 1e9 < RACY_SECONDS:
            return
        self._seen[path.name] = (taken, model)

    @property
    def changed(self) -> bool:
        if self.file is None:
            return False
        if self._seen.keys() != self._entries.keys():
            return True
        return any(self._entries[name] is not entry for name, entry in self._seen.items())

    def save(self) -> None:
        """Write this load's entries (atomically), if they differ from what was read."""
        if self.file is None or not self._version or not self.changed:
            return
        payload = {"version": self._version, "folder": str(self.folder), "kind": self.kind, "entries": self._seen}
        if write_private(self.file, payload):
            self._entries = dict(self._seen)


def read_private(file: Path) -> Any | None:
    """Unpickle a file this user wrote, else None (missing, foreign, unreadable or corrupt)."""
    try:
        st = file.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None  # written by someone else, or writable by others: never unpickled
        with open(file, "rb") as f:
            return pickle.load(f)
    except Exception:
        return None


def write_private(file: Path, payload: Any) -> bool:
    """Pickle atomically into a file only this user can read; False if it could not be."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
        return True
    except Exception:  # a read-only home, a full disk: the next start just does the work
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False
