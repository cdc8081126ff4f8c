"""Everything a review needs, resolved from the command-line options and the session.

The CLI commands and the app both start here: which template, vendors and portfolio to use
(option, else the session's, else the template's `vendors`, else the bundled samples), the evaluator's session, weight
overrides, and every problem met on the way. Good vendors are kept when others are bad.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vendortui.core import checks
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import DEFAULT_CRITERIA, Portfolio, PortfolioFile, Session, Template, Vendor
from vendortui.core.panel import PanelView
from vendortui.core.problems import Problem, ProblemsError, format_key
from vendortui.core.report import RankingWarning
from vendortui.core.terms import book_terms, in_book_terms
from vendortui.core.weights import weights_problem
from vendortui.files import samples
from vendortui.files.loading import load_file, load_folder, load_portfolio
from vendortui.files.options import LoadOptions, UsageError, check_paths
from vendortui.files.paths import beside, no_such
from vendortui.files.reading import Source

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
        """The report's ranking warnings (a shortlisted vendor losing money), by vendor file."""
        return [
            Problem(str(self.vendor_paths.get(w.vendor, w.vendor)), 1, format_key(w.key), w.message, "warning")
            for w in warnings
        ]


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
        from vendortui.files.panels import read_panel

        opened = read_panel(options)
        ws = open_workspace(opened.options, parallel)
        ws.session, ws.evaluation.panel = opened.merged(ws.template)
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
    if portfolio_path is not None:
        loaded = load_portfolio(_existing(portfolio_path, "portfolio"))
        if loaded.model is None:
            raise ProblemsError(loaded.problems)
        book_file = loaded.model
        if book_file.business_case is not None:
            case_source = loaded.source
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
    ids = checks.TemplateIds.of([tmpl])
    good, met = load_folder(
        vendors_path, "vendor", check=lambda v: checks.vendor_against_template(v, tmpl, book, terms), parallel=parallel,
        warn=lambda v, raw: checks.vendor_warnings(v, book, ids, terms.timing),
    )
    problems += [p for p in met if not p.is_warning]
    warnings = [p for p in met if p.is_warning]
    warnings += [case_source.problem(loc, msg).as_warning()
                 for loc, msg in checks.business_case_warnings(terms.business_case, book)]
    warnings += [template_loaded.source.problem(loc, msg).as_warning() for loc, msg in checks.npv_warnings(tmpl, terms.timing)]
    # From here on a vendor's money is in the book's currency, its collectors costed.
    kept: list[Vendor] = [in_book_terms(loaded.model, book.currency, terms) for loaded in good]
    paths: dict[str, Path] = {loaded.model.vid: Path(loaded.source.path) for loaded in good}

    evaluation = Evaluation(
        template=tmpl, portfolio=book, vendors=kept, session=session_model, terms=terms,
        cli_weights=known_weights(options.weights, tmpl), problems=problems, warnings=warnings,
        evidenced=options.evidence,
    )
    ws = Workspace(
        evaluation, template_path=template_path, vendors_dir=vendors_path, portfolio_path=portfolio_path,
        session_path=session_path, session_fingerprint=session_print, vendor_paths=paths,
    )
    ws.saved = session_model.model_copy(deep=True)
    problem = weights_problem(evaluation.weights())
    if problem:
        raise UsageError(problem)
    return ws
