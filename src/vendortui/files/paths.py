"""How a path is shown: relative to the current folder when it lies below it.

A problem then reads `sample_vendors/us/acme.toml:4: …` rather than a long absolute path
into the installed package; a path outside the current folder is left as it was given.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from vendortui.core.problems import Problem


def shown(path: Path) -> Path:
    """`path` relative to the current folder if it lies below it, `..` folded; else as given."""
    full = Path(os.path.abspath(path))  # folds `a/../b` without following links
    try:
        return full.relative_to(Path(os.path.abspath(os.curdir)))
    except ValueError:
        return path


def beside(anchor: Path, value: str) -> Path:
    """A path written in a file, relative to that file (`vendors = "../sample_vendors/uk"`),
    shown short when the short form names the same place (a link can make `..` differ)."""
    target = anchor.parent / value
    short = shown(target)
    try:
        return short if short == target or os.path.samefile(short, target) else target
    except OSError:
        return target


def no_such(target: Path, folder: bool, written_in: str) -> str:
    """The problem of a path written in a file that names nothing there."""
    what = "folder" if folder else "file"
    return f"no such {what}: {target} (paths are relative to the {written_in} file)"


def short_problem(problem: Problem) -> str:
    """A problem as the command line prints it: its file shown relative to the current folder
    when it lies there (`sample_vendors/us/acme.toml:4: …`), however it was named."""
    return str(replace(problem, path=str(shown(Path(problem.path)))) if problem.path else problem)
