"""Write an export's documents into a folder, all or nothing, and never over someone's file.

The documents come from `vendortui.render`. The folder keeps a manifest of the files this
tool wrote, with each one's fingerprint (`.vendortui-export`): a file of the same name that is
not listed there, or was changed since, is the user's and is never overwritten (unless
`force`); a link is never followed. The new set is written into a temporary folder first
(inside the target folder, or beside it when it does not exist yet); only when all of it is
on disk is it moved in, file by file, with the files it replaces kept aside until the last
one is in: any failure puts the previous export back, so
the folder holds the whole old export or the whole new one, and no temporary file remains.
"""

from __future__ import annotations

import os
import shutil
import stat
import tomllib
from pathlib import Path

import tomli_w

from vendortui.files.atomic import digest, sync_folder, temporary_name, write_new

MANIFEST = ".vendortui-export"


class ExportError(Exception):
    """The export could not be written, or would replace a file the tool did not write."""


def _manifest(out: Path) -> dict[str, str]:
    try:
        data = tomllib.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
    except (OSError, ValueError):
        return {}


def _owned(path: Path, recorded: str | None) -> bool:
    """A regular file (not a link) whose bytes are what this tool last wrote there."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or recorded is None:
            return False
        return digest(path.read_bytes()) == recorded
    except OSError:
        return False


def check_targets(docs: dict[str, str], out: Path, force: bool = False) -> None:
    """Raise ExportError naming the files the export would replace that are not its own."""
    if os.path.islink(out):
        raise ExportError(f"{out} is a link: give the folder itself")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if not out.exists():
        return
    recorded = _manifest(out)
    foreign = []
    for name in docs:
        target = out / name
        if not os.path.lexists(target):
            continue
        if target.is_dir() and not target.is_symlink():
            raise ExportError(f"{target} is a folder: the export cannot write {name}")
        if not force and not _owned(target, recorded.get(name)):
            foreign.append(name)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise ExportError(f"{out} holds {shown}, not written by vendortui (or changed since): not overwriting "
                          "(choose another folder, or --force)")


def write_export(docs: dict[str, str], out: Path, force: bool = False) -> list[Path]:
    """Write every document into `out` as one set; returns the paths written."""
    out = Path(out)
    check_targets(docs, out, force)
    data = {name: text.encode("utf-8") for name, text in docs.items()}
    manifest = tomli_w.dumps({"files": {name: digest(b) for name, b in data.items()}}).encode("utf-8")
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # Staged where the files will go: inside an existing folder (it may be a mount point,
        # another device than its parent, where a rename from beside it fails), beside a new one.
        staging = temporary_name(out / ".export") if out.is_dir() else temporary_name(out)
        os.mkdir(staging)  # the mode a plain mkdir gives (the kernel applies the umask)
    except OSError as e:
        raise ExportError(f"cannot write in {parent}: {e.strerror or e}") from None
    try:
        try:
            for name, content in data.items():
                write_new(staging / name, content)
            write_new(staging / MANIFEST, manifest)
        except OSError as e:
            raise ExportError(f"cannot write the export: {e.strerror or e}") from None
        if not out.exists():
            try:
                os.rename(staging, out)
            except OSError as e:
                raise ExportError(f"cannot create {out}: {e.strerror or e}") from None
            sync_folder(parent)
            return [out / name for name in docs]
        _move_in(staging, out, [*data, MANIFEST], stale=_stale(out, docs))
        return [out / name for name in docs]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stale(out: Path, docs: dict[str, str]) -> list[str]:
    """Files of an earlier export that this one no longer has (a vendor removed since)."""
    recorded = _manifest(out)
    return [name for name, fingerprint in recorded.items()
            if name not in docs and name != MANIFEST and "/" not in name and _owned(out / name, fingerprint)]


def _move_in(staging: Path, out: Path, names: list[str], stale: list[str]) -> None:
    """Replace the files one by one, keeping what they replace aside (hard links, no copy)
    until all are in; on a failure, put everything back as it was."""
    kept = staging / ".replaced"
    kept.mkdir()
    done: list[tuple[str, bool]] = []  # (name, whether an old file was kept aside)
    try:
        for name in stale:
            os.link(out / name, kept / name)
            os.unlink(out / name)
            done.append((name, True))
        for name in names:
            had = os.path.lexists(out / name)
            if had:
                os.link(out / name, kept / name, follow_symlinks=False)
            os.replace(staging / name, out / name)  # a link there is replaced, never followed
            done.append((name, had))
    except OSError as e:
        for name, had in reversed(done):
            try:
                if had:
                    os.replace(kept / name, out / name)
                else:
                    os.unlink(out / name)
            except OSError:
                pass
        raise ExportError(f"cannot write the export into {out}: {e.strerror or e}; the previous files are kept") from None
    sync_folder(out)
