"""Everything a review needs, resolved from the command-line options and the session.

The CLI commands and the app both start here: which template, vendors and portfolio to use
(option, else the session's, else the bundled samples), the evaluator's session, weight
overrides, and every problem met on the way. Good vendors are kept when others are bad.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vendortui.core import checks, samples
from vendortui.core.loading import load_file, load_folder, load_portfolio
from vendortui.core.money import Projection, project
from vendortui.core.models import DEFAULT_CRITERIA, Portfolio, Session, Template, Vendor
from vendortui.core.problems import Problem, ProblemsError
from vendortui.core.scoring import Evaluation, Ranked, effective_weights, rank
from vendortui.core.sessions import fingerprint


if TYPE_CHECKING:
    from vendortui.core.cache import FolderCache, Inputs


class UsageError(Exception):
    """A bad option or a missing file: exit code 2."""


@dataclass
class Workspace:
    template: Template
    template_path: Path
    portfolio: Portfolio
    vendors: list[Vendor]
    vendors_dir: Path
    session: Session
    session_path: Path | None
    session_fingerprint: str | None = None
    cli_weights: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    vendor_paths: dict[str, Path] = field(default_factory=dict)
    portfolio_path: Path | None = None  # None: the template's own [portfolio]
    vendor_cache: FolderCache | None = field(default=None, repr=False)  # save() it when idle
    inputs: Inputs | None = field(default=None, repr=False)  # with the cache: what was read
    _projections: dict[str, Projection] | None = field(default=None, repr=False)

    def weights(self) -> dict[str, float]:
        return effective_weights(self.template, self.session.weights, self.cli_weights)

    def evaluation(self) -> Evaluation:
        return Evaluation(self.weights(), self.session.scores, self.session.requirements)

    def projections(self) -> dict[str, Projection]:
        """The money of every vendor; it depends on files only, not on weights or scores,
        so it is computed once and reused by every re-ranking (a weight key press)."""
        if self._projections is None:
            horizon = self.template.horizon_months
            self._projections = {v.vid: project(v, self.portfolio, horizon) for v in self.vendors}
        return self._projections

    def rank(self) -> list[Ranked]:
        return rank(self.template, self.portfolio, self.vendors, self.evaluation(), self.projections())

    def vendor(self, vid: str) -> Vendor:
        return next(v for v in self.vendors if v.vid == vid)


def parse_weights(text: str | None, template: Template) -> dict[str, float]:
    """`customer_focus=30,compliance=25` -> a dict; unknown criteria are usage errors."""
    if not text:
        return {}
    known = set(template.criterion_ids()) | set(DEFAULT_CRITERIA)
    weights: dict[str, float] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise UsageError(f"--weights: {item!r} is not criterion=value")
        if name not in known:
            raise UsageError(f"--weights: unknown criterion {name!r} (known: {', '.join(sorted(known))})")
        try:
            number = float(value)
        except ValueError:
            raise UsageError(f"--weights: {name}={value!r} is not a number") from None
        if not (number >= 0) or number == float("inf"):
            raise UsageError(f"--weights: {name} must be a non-negative number")
        weights[name] = number
    return weights


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{what} not found: {path}")
    return path


def open_workspace(
    vendors: str | Path | None = None,
    template: str | Path | None = None,
    portfolio: str | Path | None = None,
    session: str | Path | None = None,
    weights: str | None = None,
    parallel: bool = False,
    cache: bool = False,
) -> Workspace:
    """Resolve and load everything. Raises UsageError (exit 2) or ProblemsError (exit 1)
    only when nothing sensible can be ranked; other problems are collected.

    With `cache` (the app), unchanged vendor files come from the cache of validated files;
    the caller saves `ws.vendor_cache` when it has time to spare."""
    if cache:  # the app's; the headless commands do not pay for importing it
        import time

        from vendortui.core.cache import FolderCache, Inputs, cache_dir, digest, folder_stamps
    problems: list[Problem] = []
    session_model = Session()
    session_path = Path(session) if session else None
    session_print = None
    session_source = None  # kept to name lines if the session does not fit the template
    if session_path is not None:
        if session_path.is_dir():
            raise UsageError(f"--session names a folder: {session_path}")
        if session_path.exists():
            loaded = load_file(session_path, "session")
            if loaded.model is None:
                raise ProblemsError(loaded.problems)
            session_model = loaded.model
            session_source = loaded.source
            session_print = fingerprint(session_path)
        elif not session_path.parent.exists():
            raise UsageError(f"folder for --session not found: {session_path.parent}")
    base = session_path.parent if session_path else Path(".")

    def from_session(value: str | None) -> Path | None:
        return (base / value) if value else None

    template_path = Path(template) if template else from_session(session_model.template) or samples.default_template()
    digests: dict[str, str | None] = {}  # for the app's cache: each file as it was before it was read
    if cache:
        digests[os.path.abspath(template_path)] = digest(template_path)
    template_loaded = load_file(_existing(template_path, "template"), "template")
    if template_loaded.model is None:
        raise ProblemsError(template_loaded.problems)
    tmpl: Template = template_loaded.model

    portfolio_path = Path(portfolio) if portfolio else from_session(session_model.portfolio)
    if portfolio_path is not None:
        if cache:
            digests[os.path.abspath(portfolio_path)] = digest(portfolio_path)
        loaded = load_portfolio(_existing(portfolio_path, "portfolio"))
        if loaded.model is None:
            raise ProblemsError(loaded.problems)
        book: Portfolio = loaded.model
    elif tmpl.portfolio is not None:
        book = tmpl.portfolio
    else:
        raise UsageError(f"template {template_path} has no [portfolio]: pass --portfolio FILE")

    if session_source is not None:
        found = checks.session_against_template(session_model, tmpl)
        if found:
            raise ProblemsError([session_source.problem(loc, msg) for loc, msg in found])

    vendors_path = Path(vendors) if vendors else from_session(session_model.vendors) or samples.vendors_dir()
    if not _existing(vendors_path, "vendors folder").is_dir():
        raise UsageError(f"--vendors must be a folder: {vendors_path}")
    folder_cache = inputs = None
    if cache:
        inputs = Inputs(digests, os.path.abspath(vendors_path), {}, time.time())
        inputs.stamps = folder_stamps(vendors_path)
        folder_cache = FolderCache(vendors_path, "vendor", cache_dir())
    good, folder_problems = load_folder(
        vendors_path, "vendor", check=lambda v: checks.vendor_against_template(v, tmpl, book),
        parallel=parallel, cache=folder_cache,
    )
    problems += folder_problems
    kept: list[Vendor] = [loaded.model for loaded in good]
    paths: dict[str, Path] = {loaded.model.vid: Path(loaded.source.path) for loaded in good}

    cli_weights = parse_weights(weights, tmpl)
    ws = Workspace(
        template=tmpl, template_path=template_path, portfolio=book, vendors=kept,
        vendors_dir=vendors_path, session=session_model, session_path=session_path,
        session_fingerprint=session_print, cli_weights=cli_weights, problems=problems,
        vendor_paths=paths, portfolio_path=portfolio_path, vendor_cache=folder_cache, inputs=inputs,
    )
    if sum(ws.weights().values()) <= 0:
        raise UsageError("all weights are 0: at least one criterion needs a positive weight")
    return ws
