"""`vendortui validate`: check any mix of files and folders, each file's type recognised.

Beyond each file on its own, it checks what relates files to each other: vendor ids unique
within a folder, every vendor's bands covering each template's portfolio, and a session's
scores and weights against its template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vendortui.core import checks
from vendortui.core.problems import Problem
from vendortui.core.terms import book_terms
from vendortui.core.vendor_checks import VendorRun
from vendortui.files.loading import Loaded, UniqueIds, load_file, load_folder
from vendortui.files.paths import beside, no_such
from vendortui.files.reading import folder_files


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(self.counts.items()))
        return f"{self.files} file{'s' if self.files != 1 else ''} checked ({kinds or 'none valid'})"


def toml_files(path: Path) -> list[Path]:
    """The files a check reads: every `*.toml` below a folder but the folders themselves
    (a FIFO, a device or a link to one is listed, and reported by the reader)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_symlink() or not p.is_dir())
    return [path]


def validate(paths: Iterable[Path], extra_templates: Iterable[Path] = (), portfolio: Path | None = None,
             vendors: Path | None = None) -> Report:
    """Check files and folders; `extra_templates` and `portfolio` (from --template and
    --portfolio) are the references vendors' bands and scores are checked against. `vendors`
    (--vendors) is read as a review reads it: its own `*.toml`, not its subfolders."""
    report = Report()
    loaded: list[Loaded] = []
    units = [toml_files(path) for path in paths]
    if vendors is not None:
        units.append(folder_files(vendors) if vendors.is_dir() else [vendors])
    for files in units:
        ids = UniqueIds()  # ids are unique within a folder
        here: dict[str, Loaded] = {}
        for file in files:
            item = load_file(file)
            report.files += 1
            report.problems += item.problems
            if item.model is None:
                continue
            if item.kind == "vendor":
                clashes, evicted = ids.admit(item)
                report.problems += clashes
                if evicted is not None:
                    here.pop(evicted, None)
                if clashes:
                    continue
            here[item.source.path] = item
        for item in here.values():
            kind = item.kind or "file"
            report.counts[kind] = report.counts.get(kind, 0) + 1
            loaded.append(item)

    templates = [i.model for i in loaded if i.kind == "template"]
    for extra in extra_templates:
        item = load_file(extra, "template")
        report.problems += item.problems  # a reference that does not load is a problem, not silence
        if item.model is not None:
            templates.append(item.model)
    books = [i.model for i in loaded if i.kind == "portfolio"]
    if portfolio is not None:
        item = load_file(portfolio, "portfolio")
        report.problems += item.problems
        if item.model is not None:
            books.append(item.model)
    vendor_ids = [i.model.vid for i in loaded if i.kind == "vendor"]
    timing = next((t.timing for t in templates if t.timing is not None), None)
    run = VendorRun([(t, t.portfolio, book_terms(t)) for t in templates],
                    [(b.portfolio, book_terms(*templates, b)) for b in books],  # whichever template a book is used with
                    timing, name_templates=True)
    for item in loaded:
        if item.kind == "template" and item.model.vendors is not None:
            folder = beside(Path(item.source.path), item.model.vendors)
            if not folder.is_dir():
                report.problems.append(item.source.problem(("vendors",), no_such(folder, True, "template")))
        if item.kind in ("template", "portfolio"):
            book_of = item.model.portfolio
            report.warnings += [item.source.problem(loc, msg).as_warning()
                                for loc, msg in checks.business_case_warnings(item.model.business_case, book_of)]
            if vendor_ids:  # a status quo names a vendor of the run: checked when vendors are in it
                report.problems += [item.source.problem(loc, msg)
                                    for loc, msg in checks.status_quo_problems(item.model.status_quo, vendor_ids)]
        if item.kind == "vendor":
            report.problems += [item.source.problem(loc, msg) for loc, msg in run.problems(item.model)]
            report.warnings += [item.source.problem(loc, msg).as_warning() for loc, msg in run.warnings(item.model)]
        elif item.kind == "panel":
            from vendortui.files.panels import check_panel

            report.problems += check_panel(item)
        elif item.kind == "session":
            report.problems += _session_paths(item)
            report.problems += _history_vendors(item)
            if not item.model.template:
                continue
            session_template = Path(item.source.path).parent / item.model.template
            if session_template.is_file():
                t = load_file(session_template, "template").model
                if t is not None:
                    for loc, msg in checks.session_against_template(item.model, t):
                        report.problems.append(item.source.problem(loc, msg))
    report.problems = list(dict.fromkeys(report.problems))
    report.warnings = list(dict.fromkeys(report.warnings))
    return report


def _history_vendors(item: Loaded) -> list[Problem]:
    """A session's `[[history]]` names vendors of its vendor folder (a blind session's may be
    aliases: left to the template check)."""
    session = item.model
    if not session.history or session.blind or not session.vendors:
        return []
    folder = Path(item.source.path).parent / session.vendors
    if not folder.is_dir():
        return []  # `_session_paths` says so
    good, _ = load_folder(folder, "vendor")
    known = {g.model.vid for g in good} | {p.stem for p in folder_files(folder)}
    return [item.source.problem(loc, msg) for loc, msg in checks.history_vendors(session, known)]


def _session_paths(item: Loaded) -> list[Problem]:
    """A session's template, vendors and portfolio paths (relative to it) must exist:
    otherwise the session validates but cannot be opened."""
    found = []
    base = Path(item.source.path).parent
    for key, want_dir in (("template", False), ("vendors", True), ("portfolio", False)):
        value = getattr(item.model, key)
        if not value:
            continue
        target = base / value
        ok = target.is_dir() if want_dir else target.is_file()
        if not ok:
            found.append(item.source.problem((key,), no_such(target, want_dir, "session")))
    return found
