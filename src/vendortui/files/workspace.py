"""Everything a review needs, resolved from the command-line options and the session.

The CLI commands and the app both start here: which template, vendors and portfolio to use
(option, else the session's, else the template's `vendors`, else the bundled samples), the evaluator's session, weight
overrides, and every problem met on the way. Good vendors are kept when others are bad.
Blinding and masking are imported by the blind review only: an open review never needs them.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from vendortui.core import checks
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import DEFAULT_CRITERIA, Portfolio, PortfolioFile, Template, Vendor
from vendortui.core.panel import PanelView
from vendortui.core.problems import WHOLE_FILE, Problem, ProblemsError, format_key
from vendortui.core.report import RankingWarning
from vendortui.core.session_models import Panel, Session
from vendortui.core.terms import book_terms, in_book_terms
from vendortui.core.vendor_checks import VendorRun
from vendortui.core.weights import weights_problem
from vendortui.files import samples
from vendortui.files.loading import load_file, load_folder, load_portfolio
from vendortui.files.options import LoadOptions, UsageError, check_paths, wants_blind
from vendortui.files.paths import beside, no_such
from vendortui.files.reading import Source, folder_files
from vendortui.files.sessions import relative_to

if TYPE_CHECKING:
    from vendortui.core.blinding import Blinding

__all__ = ["LoadOptions", "UsageError", "Workspace", "known_weights", "open_workspace"]


@dataclass
class Workspace:
    """A review as loaded from files: the evaluation, the paths it came from and the session's
    fingerprint. The evaluation's parts are read (and in the app edited) through the workspace."""

    evaluation: Evaluation
    template_path: Path = Path()
    vendors_dir: Path = Path()
    portfolio_path: Path | None = None  # None: the template's own [portfolio]
    session_path: Path | None = None
    session_fingerprint: str | None = None
    vendor_paths: dict[str, Path] = field(default_factory=dict)
    saved: Session | None = None  # the session as last loaded or saved: what history is taken against
    panel_path: Path | None = None  # opened from a panel file (`Evaluation.panel` holds its members)
    panel_fingerprint: str | None = None
    blinding: Blinding | None = None  # a blind review: vendors under aliases, no money shown
    hidden_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (name, id), when blind

    @property
    def blind(self) -> bool:
        return self.blinding is not None

    def locate_inputs(self, session_path: Path) -> None:
        """Every input the review was opened with, relative to where the session is saved:
        `rank --session` then ranks on exactly what the app showed, and the app reopens it."""
        folder = session_path.parent.resolve()
        self.session.template = relative_to(self.template_path, folder)
        self.session.vendors = relative_to(self.vendors_dir, folder)
        self.session.portfolio = relative_to(self.portfolio_path, folder)

    @property
    def template(self) -> Template:
        return self.evaluation.template

    @property
    def portfolio(self) -> Portfolio:
        return self.evaluation.portfolio

    @property
    def currency(self) -> str:
        return self.evaluation.currency

    @property
    def vendors(self) -> list[Vendor]:
        return self.evaluation.vendors

    @vendors.setter
    def vendors(self, vendors: list[Vendor]) -> None:
        self.evaluation.vendors = vendors

    @property
    def session(self) -> Session:
        return self.evaluation.session

    @session.setter
    def session(self, session: Session) -> None:
        self.evaluation.session = session

    @property
    def panel(self) -> PanelView | None:
        return self.evaluation.panel

    @property
    def problems(self) -> list[Problem]:
        return self.evaluation.problems

    @property
    def warnings(self) -> list[Problem]:
        return self.evaluation.warnings

    def ranking_problems(self, warnings: list[RankingWarning]) -> list[Problem]:
        """The report's ranking warnings (a shortlisted vendor losing money), by vendor file;
        blind, by alias and with no figure."""
        found = [
            Problem(str(self.vendor_paths.get(w.vendor, w.vendor)), 1, format_key(w.key), w.message, "warning")
            for w in warnings
        ]
        return [self.blind_problem(p) for p in found] if self.blind else found

    def panel_for_file(self, panel: Panel | None = None) -> Panel:
        """The panel (the review's, or `panel`) as its file keeps it: by vendor id, also when
        it is reviewed blind."""
        from vendortui.core.blinding import rekeyed_panel

        if panel is None:
            assert self.panel is not None
            panel = self.panel.panel
        return rekeyed_panel(panel, self.blinding.to_real) if self.blinding is not None else panel

    def blind_problem(self, problem: Problem) -> Problem:
        """A problem as a blind review shows it: a vendor's file by its alias (a path names
        the vendor), without the vendor's name (the file's name, for a file that could not be
        read), and without figures (a net recovery, a fee)."""
        from vendortui.core.masking import mask

        assert self.blinding is not None
        key = self._alias_by_path.get(problem.path)
        names: list[tuple[str, str]] = []
        path, message = problem.path, problem.message
        in_folder = key is not None or Path(problem.path).parent == self.vendors_dir
        if in_folder:  # a message may name another file of the folder ("id 'x' is also used by ...")
            message = message.replace(str(self.vendors_dir) + os.sep, "").replace(str(self.vendors_dir), "")
            message = _TOKEN.sub(lambda m: "a vendor file" if m.group().endswith(".toml") else m.group(), message)
        if key is not None:
            path = self.blinding.shown(key)
            names = [self.hidden_names[key]] if key in self.hidden_names else []
        elif in_folder:
            # A file not read: whose it is is unknown, so what it holds is not quoted, and its
            # name (which may be the vendor's) is masked wherever the file's words could stand.
            # A problem with the file as a whole is in our words only, its key too: the name
            # masked there would garble them ("fifo.toml": "a FIFO" read "a the vendor").
            path = "a vendor file"
            message = _QUOTED.sub("'…'", message)
            if problem.key != WHOLE_FILE:
                names = [(Path(problem.path).stem, Path(problem.path).stem)]
        return dataclasses.replace(problem, path=path, key=mask(problem.key, names, "vendor"),
                                   message=mask(message, names, "the vendor", figures=True))

    @cached_property
    def _alias_by_path(self) -> dict[str, str]:
        return {str(path): key for key, path in self.vendor_paths.items()}


_TOKEN = re.compile(r"[^\s'\"():,;]++")
_QUOTED = re.compile(r"'[^'\n]*'")


def known_weights(weights: dict[str, float] | None, template: Template) -> dict[str, float]:
    """--weights against the template: a criterion it does not know is a usage error."""
    known = set(template.criterion_ids()) | set(DEFAULT_CRITERIA)
    unknown = sorted(set(weights or {}) - known)
    if unknown:
        raise UsageError(f"--weights: unknown criterion {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return dict(weights or {})


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{what} not found: {path}")
    return path


def _named_vendors(template_path: Path, tmpl: Template, source: Source) -> Path | None:
    """The folder the template names for its bidders; a problem of the template when missing."""
    if tmpl.vendors is None:
        return None
    folder = beside(template_path, tmpl.vendors)
    if not folder.is_dir():
        raise ProblemsError([source.problem(("vendors",), no_such(folder, True, "template"))])
    return folder


def open_workspace(options: LoadOptions, parallel: bool = False) -> Workspace:
    """Resolve and load everything. Raises UsageError (exit 2) or ProblemsError (exit 1)
    only when nothing sensible can be ranked; other problems are collected."""
    check_paths(options)
    if options.panel:
        from vendortui.core.blinding import assign, rekeyed, rekeyed_panel, seed_from
        from vendortui.files.panels import read_panel

        opened = read_panel(options)
        ws = open_workspace(dataclasses.replace(opened.options, blind=False), parallel)
        vendor_ids = [v.vid for v in ws.vendors]
        # A member who scored blind keyed the scores by alias: the panel merges by vendor.
        opened.sessions = [(path, _by_vendor(session, vendor_ids), item) for path, session, item in opened.sessions]
        blinding = None
        if wants_blind(options, False):  # the whole panel under aliases, merged as such
            blinding = assign(vendor_ids, seed_from(str(Path(options.panel).resolve())))
            opened.sessions = [(path, rekeyed(session, blinding.to_alias), item)
                               for path, session, item in opened.sessions]
            opened.loaded = dataclasses.replace(opened.loaded, model=rekeyed_panel(opened.loaded.model, blinding.to_alias))
            _blind(ws, blinding)
        # A vendor whose file is broken is still known (its own problem says what is wrong).
        known = {v.vid for v in ws.vendors} | {p.stem for p in folder_files(ws.vendors_dir)}
        ws.session, ws.evaluation.panel, agreements = opened.merged(ws.template, known)
        ws.problems.extend(agreements)
        ws.saved = ws.session.model_copy(deep=True)
        ws.panel_path, ws.panel_fingerprint = opened.path, opened.fingerprint
        return ws
    problems: list[Problem] = []
    session_model = Session()
    session_path = Path(options.session) if options.session else None
    session_print = None
    session_source = None  # kept to name lines if the session does not fit the template
    if session_path is not None and session_path.exists():
        loaded = load_file(session_path, "session")
        if loaded.model is None:
            raise ProblemsError(loaded.problems)
        session_model = loaded.model
        session_source = loaded.source
        session_print = loaded.source.fingerprint  # the bytes parsed: no second read to race with
    base = session_path.parent if session_path else Path(".")

    def from_session(value: str | None) -> Path | None:
        return (base / value) if value else None

    template_path = (
        Path(options.template) if options.template else from_session(session_model.template) or samples.default_template()
    )
    template_loaded = load_file(_existing(template_path, "template"), "template")
    if template_loaded.model is None:
        raise ProblemsError(template_loaded.problems)
    tmpl: Template = template_loaded.model

    portfolio_path = Path(options.portfolio) if options.portfolio else from_session(session_model.portfolio)
    book_file: PortfolioFile | None = None
    case_source = template_loaded.source  # where the business case is written, for its warning
    quo_source = template_loaded.source  # where the status quo is named, for its problem
    if portfolio_path is not None:
        loaded = load_portfolio(_existing(portfolio_path, "portfolio"))
        if loaded.model is None:
            raise ProblemsError(loaded.problems)
        book_file = loaded.model
        if book_file.business_case is not None:
            case_source = loaded.source
        if book_file.status_quo is not None:
            quo_source = loaded.source
        book: Portfolio = book_file.portfolio
    elif tmpl.portfolio is not None:
        book = tmpl.portfolio
    else:
        raise UsageError(f"template {template_path} has no [portfolio]: pass --portfolio FILE")
    terms = book_terms(tmpl, book_file)
    if options.evidence and terms.evidence is None:
        raise UsageError("--evidence needs an [evidence] table (k = placements of evidence at which a claim "
                         "carries half weight) in the template or portfolio file")

    if session_source is not None:
        found = checks.session_against_template(session_model, tmpl)
        if found:
            raise ProblemsError([session_source.problem(loc, msg) for loc, msg in found])

    vendors_path = (
        Path(options.vendors) if options.vendors else from_session(session_model.vendors)
        or _named_vendors(template_path, tmpl, template_loaded.source) or samples.vendors_dir()
    )
    if not _existing(vendors_path, "vendors folder").is_dir():
        raise UsageError(f"--vendors must be a folder: {vendors_path}")
    run = VendorRun.review(tmpl, book, terms)
    good, met = load_folder(
        vendors_path, "vendor", check=run.problems, parallel=parallel,
        warn=lambda v, raw: run.warnings(v),
    )
    problems += [p for p in met if not p.is_warning]
    warnings = [p for p in met if p.is_warning]
    warnings += [case_source.problem(loc, msg).as_warning()
                 for loc, msg in checks.business_case_warnings(terms.business_case, book)]
    warnings += [template_loaded.source.problem(loc, msg).as_warning() for loc, msg in checks.npv_warnings(tmpl, terms.timing)]
    # From here on a vendor's money is in the book's currency, its collectors costed.
    kept: list[Vendor] = [in_book_terms(loaded.model, book.currency, terms) for loaded in good]
    paths: dict[str, Path] = {loaded.model.vid: Path(loaded.source.path) for loaded in good}
    unknown = checks.status_quo_problems(terms.status_quo, [v.vid for v in kept])
    if unknown:  # the run carries on, with no gain over today
        problems += [quo_source.problem(loc, msg) for loc, msg in unknown]
        terms = replace(terms, status_quo=None)

    evaluation = Evaluation(
        template=tmpl, portfolio=book, vendors=kept, session=session_model, terms=terms,
        cli_weights=known_weights(options.weights, tmpl), problems=problems, warnings=warnings,
        evidenced=options.evidence,
    )
    ws = Workspace(
        evaluation, template_path=template_path, vendors_dir=vendors_path, portfolio_path=portfolio_path,
        session_path=session_path, session_fingerprint=session_print, vendor_paths=paths,
    )
    # A blind session may name vendors by alias: its entries are checked against the template only.
    if session_source is not None and session_model.history and not session_model.blind:
        known = {v.vid for v in kept} | {p.stem for p in folder_files(vendors_path)}
        ws.problems.extend(session_source.problem(loc, msg) for loc, msg in checks.history_vendors(session_model, known))
    if wants_blind(options, session_model.blind):
        _start_blind(ws)
    ws.saved = ws.session.model_copy(deep=True)
    problem = weights_problem(evaluation.weights())
    if problem:
        raise UsageError(problem)
    return ws


def _start_blind(ws: Workspace) -> None:
    """Open the review blind: a session started blind keeps its shuffle (seed and order);
    one that already scored vendors by name cannot turn blind."""
    from vendortui.core.blinding import assign, has_vendor_entries, rekeyed, seed_from

    session = ws.session
    if not session.blind:
        if has_vendor_entries(session):
            raise UsageError(f"{ws.session_path} was scored with the vendors' names: a blind review needs a "
                             "session of its own, e.g. --session blind.session.toml")
        session.blind = True
    upgrade = session.blind_seed is None  # a blind session of an earlier version keyed by vendor id
    if session.blind_seed is None:
        where = ws.session_path.resolve() if ws.session_path else f"{ws.vendors_dir.resolve()}|{ws.template_path.resolve()}"
        session.blind_seed = seed_from(str(where))
    blinding = assign([v.vid for v in ws.vendors], session.blind_seed, session.blind_order)
    session.blind_order = blinding.order
    if upgrade:
        ws.session = rekeyed(session, blinding.to_alias)
    _blind(ws, blinding)


def _blind(ws: Workspace, blinding: Blinding) -> None:
    """Every vendor under its alias, answers masked; the files' problems named by alias."""
    from vendortui.core.blinding import blinded

    keys = blinding.to_alias
    ws.hidden_names = {keys[v.vid]: (v.name, v.vid) for v in ws.vendors}
    ws.vendors = [blinded(v, keys[v.vid], blinding.shown(keys[v.vid])) for v in ws.vendors]
    ws.vendor_paths = {keys[vid]: path for vid, path in ws.vendor_paths.items() if vid in keys}
    ws.blinding = blinding
    quo = ws.evaluation.terms.status_quo  # today's arrangement, under its alias too (its gain stays hidden)
    if quo is not None:
        ws.evaluation.terms = replace(ws.evaluation.terms, status_quo=keys.get(quo))
    ws.evaluation.problems = [ws.blind_problem(p) for p in ws.problems]
    ws.evaluation.warnings = [ws.blind_problem(p) for p in ws.warnings]


def _by_vendor(session: Session, ids: list[str]) -> Session:
    """A blind member's session keyed by vendor id again (its own shuffle), for a panel."""
    from vendortui.core.blinding import assign, rekeyed

    if not session.blind or session.blind_seed is None:
        return session
    return rekeyed(session, assign(ids, session.blind_seed, session.blind_order).to_real)
