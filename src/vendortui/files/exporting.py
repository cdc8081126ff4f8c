"""Write an export's documents into a folder (the documents come from `vendortui.render`)."""

from __future__ import annotations

from pathlib import Path

from vendortui.files.atomic import atomic_write


def write_export(docs: dict[str, str], out: Path) -> list[Path]:
    """Write every document into `out` (created if missing), each atomically; return the paths.

    Our files are overwritten; other files in the folder are left as they are.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"not a folder: {out}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in docs.items():
        path = out / name
        atomic_write(path, text)
        written.append(path)
    return written
