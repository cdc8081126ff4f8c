"""The home screen: the ranked shortlist, the live weights, and the highlighted vendor."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from vendortui.core.problems import Problem
from vendortui.render.formatting import money
from vendortui.render.labels import KIND_LABELS, break_even_label, status_short
from vendortui.render.text import plain_line
from vendortui.ui import bindings
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.detail import VendorDetail
from vendortui.ui.widgets.footer import KeyFooter
from vendortui.ui.widgets.ranking_table import Cell, Column, RankingTable
from vendortui.ui.widgets.weights import WeightsPanel

if TYPE_CHECKING:
    from vendortui.core.models import Template
    from vendortui.core.report import Report
    from vendortui.core.scoring import Ranked
    from vendortui.ui.state import AppState

# What decides the order (rank, name, total, net, status) stays on screen at any width; the
# kind and the break-even rate, also in the detail pane, give way first.
COLUMNS = (
    Column("#", "rank", right=True),
    Column("Vendor", "vendor", shrink=1, min_width=20),
    Column("Kind", "kind", drop=2),
    Column("Total", "total", right=True),
    Column("Net recovery", "net", right=True),
    Column("Break-even", "breakeven", right=True, drop=1),
    Column("Status", "status", shrink=2, min_width=len("★ shortlisted ◐")),  # the full reason: detail pane
)
SHORT = 30  # rows: below this the weights are one compact block


def status_cell(r: Ranked, template: Template, currency: str | None = None) -> Cell:
    """`currency` None: a blind review, which says a loss-maker loses money without the figure."""
    if not r.eligible:
        return Cell.of("✗ " + plain_line(status_short(r, template)), "red")
    if r.loses:  # off the shortlist by the value gate (or on it by rank alone): say so
        return Cell.of("▼ " + plain_line(status_short(r, template, currency)), "bold yellow")
    return _eligible_cell(r.shortlisted, r.incomplete)


@lru_cache(maxsize=4)
def _eligible_cell(shortlisted: bool, incomplete: bool) -> Cell:
    parts = [("★ shortlisted", "bold green") if shortlisted else ("  eligible", "")]
    if incomplete:
        parts.append((" ◐", "bold yellow"))  # explained in the status bar
    return Cell(tuple(parts))


def fixed_cells(r: Ranked, currency: str, blind: bool = False, today: bool = False) -> tuple[Cell, Cell, Cell, Cell]:
    """Name, kind, net and break-even: no weight, score or decision changes them. A blind
    review shows no money. `today`: the status quo, marked after its name."""
    net = r.projection.net
    name = Cell((("⌂ ", "bold cyan"), (plain_line(r.vendor.name), ""))) if today else Cell.of(plain_line(r.vendor.name))
    if blind:
        hidden = Cell.of("hidden", "dim", right=True)
        return name, Cell.of(KIND_LABELS[r.vendor.kind]), hidden, hidden
    return (
        name,
        Cell.of(KIND_LABELS[r.vendor.kind]),
        Cell.of(money(net, currency), "bold red" if net < 0 else "", right=True),
        Cell.of(break_even_label(r), right=True),
    )


def ranking_cells(rank: int, total: str, fixed: tuple[Cell, ...], status: Cell) -> tuple[Cell, ...]:
    """A row: its rank and total (`total` as shown), the cells edits never change (name, kind,
    net, break-even) and its status."""
    name, kind, net, breakeven = fixed
    return (Cell.of(str(rank), right=True), name, kind, Cell.of(total, "bold", right=True), net, breakeven, status)


def subtitle(state: AppState) -> str:
    """The lifetime value lost a year first (the business case, when there is one), then the RFP
    and the book."""
    t = state.template
    case = None if state.blind else state.report.case
    risk = f"Lifetime value lost {money(case.revenue_at_risk, state.currency)}/yr · " if case is not None else ""
    return plain_line(risk + f"{t.title} {t.version}".strip() + f" · {state.ws.portfolio.name or 'portfolio'}")


def weights_args(state: AppState) -> tuple[dict[str, float], dict[str, str], dict[str, float]]:
    t, weights = state.template, state.weights()
    return weights, {c: t.criterion_title(c) for c in weights}, {c: t.weights.get(c, 0.0) for c in weights}


def status_text(state: AppState) -> Text:
    ws = state.ws
    text = Text()
    if ws.session_path:
        text.append("Session ")
        text.append(plain_line(str(ws.session_path)), style="bold")
    else:
        text.append("Not saved (ctrl+s)", style="bold")
    if state.dirty:
        text.append(" ● unsaved", style="yellow")
    if ws.session.evaluator:
        text.append(f" · {plain_line(ws.session.evaluator)}")
    # Problems and warnings before the counts: on a narrow screen the end of the line is cut,
    # and `p`, which lists them, is not in the footer.
    if ws.problems:
        text.append(f" · ⚠ {len(ws.problems):,} file problem{'s' if len(ws.problems) != 1 else ''} (p)", style="bold red")
    warnings = state.warnings()
    if warnings:
        text.append(f" · {len(warnings):,} warning{'s' if len(warnings) != 1 else ''} (p)", style="yellow")
    if state.blind:
        text.append(" · blind: names and money hidden", style="bold")
        text.append(f" · {len(ws.vendors):,} vendors")
    else:
        if state.business_case() is not None:
            text.append(" · business case (b)")
        text.append(f" · {len(ws.vendors):,} vendors · book {money(ws.portfolio.total_balance, state.currency)}")
    if any(r.incomplete for r in state.ranked):
        text.append(" · ◐ still to score or decide", style="yellow")
    return text


def shortlist_layout(table: RankingTable) -> ComposeResult:
    """The shortlist's widgets around `table` (the bench's bare apps use it too)."""
    yield Header()
    with Horizontal(id="main"):
        with Vertical(id="left"):
            yield table
            yield WeightsPanel(id="weights")
        with VerticalScroll(id="detail-pane"):
            yield VendorDetail(id="detail")
    yield Static(id="status")
    yield KeyFooter()


class ShortlistScreen(StateScreen):
    """The ranking, the weights and the highlighted vendor; the shell is drawn before the
    review has loaded (with a "Loading" line) and filled in when the app hands it the state."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.SHORTLIST]

    def __init__(self, files_to_load: int | None = None, config_problems: Sequence[Problem] = ()) -> None:
        super().__init__()
        self.files_to_load = files_to_load  # how many vendor files are being read, when known
        self.config_problems = list(config_problems)  # the settings file's, listed with the files'
        self._shown: dict[str, tuple[object, ...]] = {}  # what each row shows now, by vendor id
        self._fixed: dict[str, tuple[Cell, ...]] = {}  # each row's cells that edits never change
        # Each row's status cell and what it was drawn from: a weight only moves the shortlist
        # and what is incomplete; the reasons a vendor is out or loses money come from its
        # assessment, which only other edits redo (`AppState.assessed`).
        self._status_cells: dict[str, tuple[tuple[object, ...], Cell]] = {}
        self._shown_ws: object = None  # the workspace those rows came from: a reload starts afresh
        self._status: Text | str | None = None

    def compose(self) -> ComposeResult:
        yield from shortlist_layout(RankingTable(COLUMNS, id="ranking"))

    def on_mount(self) -> None:
        self.query_one("#weights").border_title = "Weights (w)"
        self.query_one("#detail-pane").border_title = "Vendor (d)"
        self.query_one(RankingTable).focus()
        self.show_state(self.state)

    def on_resize(self, event: events.Resize) -> None:
        """Fit the terminal: the detail pane behind `d` when narrow, compact weights when short."""
        short = event.size.height < SHORT
        self.set_class(short, "-short")
        self.query_one(WeightsPanel).compact = short
        self.fit_footer(event.size.width)

    def action_toggle_detail(self) -> None:
        self.toggle_class("-show-detail")
        if self.has_class("-show-detail"):
            self.query_one("#detail-pane").focus()
        else:
            self.query_one(RankingTable).focus()

    def action_close_detail(self) -> None:
        if self.has_class("-show-detail"):
            self.action_toggle_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        narrow = self.has_class("-narrow")
        if action == "toggle_detail":
            return narrow  # at full width the pane is always there
        if action == "close_detail":
            return narrow and self.has_class("-show-detail")
        # A narrow footer keeps room for the weight keys, help and quit while weights are edited.
        editing = narrow and isinstance(self.focused, WeightsPanel)
        return not (editing and action in ("open_review", "analysis", "plan", "business", "export", "problems"))

    @property
    def load_error(self) -> list[Problem] | str | None:
        """Why the review did not load (the app's), shown in place of the ranking."""
        error: list[Problem] | str | None = getattr(self.app, "load_error", None)
        return error

    # --- rendering from the state --------------------------------------------------------
    def show_state(self, state: AppState | None) -> None:
        if state is None:
            self._show_not_loaded()
            return
        self.sub_title = subtitle(state)
        self._fill_table(state)
        self.query_one(WeightsPanel).show(*weights_args(state))
        self._show_detail()
        self._set_status(status_text(state))

    def _show_not_loaded(self) -> None:
        error = self.load_error
        if error is None:
            n = self.files_to_load
            what = "vendors" if n is None else f"{n:,} vendor file{'s' if n != 1 else ''}"
            self._set_status(Text(f"Loading {what}…", style="dim"))
            return
        self.query_one(RankingTable).set_rows([], {})
        self._shown, self._fixed, self._shown_ws = {}, {}, None
        self.query_one(VendorDetail).show(None, None, "")
        lines = plain_line(error) if isinstance(error, str) else "\n".join(str(p) for p in error)
        self._set_status(Text(f"Cannot open the review:\n{lines}", style="bold red"))

    def _fill_table(self, state: AppState) -> None:
        """Hand the table the new order and the cells of only the rows that changed."""
        table = self.query_one(RankingTable)
        if state.ws is not self._shown_ws:
            self._shown, self._fixed, self._status_cells, self._shown_ws = {}, {}, {}, state.ws
        changed = {}
        ids = []
        shown, fixed, statuses = self._shown, self._fixed, self._status_cells
        currency = None if state.blind else state.currency
        for r in state.ranked:
            vid = r.id
            ids.append(vid)
            total = f"{r.total:.1f}"
            # What an edit can change in a row: rank, total, the shortlist, what is open, and
            # (with the assessment: scores, decisions, the case) whether and why it is out.
            now = (r.rank, total, r.shortlisted, r.incomplete, state.assessed)
            if shown.get(vid) == now:
                continue
            shown[vid] = now
            cells = fixed.get(vid)
            if cells is None:
                today = vid == state.ws.evaluation.terms.status_quo
                cells = fixed[vid] = fixed_cells(r, state.currency, state.blind, today)
            status = statuses.get(vid)
            if status is None or status[0] != now[2:]:
                status = statuses[vid] = now[2:], status_cell(r, state.template, currency)
            changed[vid] = ranking_cells(r.rank, total, cells, status[1])
        if len(shown) != len(ids):
            kept = set(ids)
            self._shown = {k: v for k, v in shown.items() if k in kept}
            self._fixed = {k: v for k, v in fixed.items() if k in kept}
            self._status_cells = {k: v for k, v in statuses.items() if k in kept}
        table.set_rows(ids, changed)
        # Which rates every figure is on: the bidders' claims, or weighed by their evidence.
        rates = " · evidenced rates" if state.report.evidenced else ""
        table.border_title = f"Ranking · shortlist of {state.template.shortlist}{rates}"

    def _set_status(self, text: Text | str) -> None:
        if text != self._status:  # unchanged text: no repaint, no layout
            self._status = text
            self.query_one("#status", Static).update(text)

    def highlighted_id(self) -> str | None:
        return self.query_one(RankingTable).highlighted_id

    def _show_detail(self) -> None:
        state = self.state
        if state is None:
            return
        vid = self.highlighted_id()
        r = state.ranked_vendor(vid) if vid else None
        self.query_one(VendorDetail).show(r, state.template, state.currency, state.blind, state.ws.evaluation.terms.status_quo)

    def on_ranking_table_highlighted(self, event: RankingTable.Highlighted) -> None:
        self._show_detail()

    def on_ranking_table_selected(self, event: RankingTable.Selected) -> None:
        self.action_open_review()

    # --- weights --------------------------------------------------------------------------
    def action_focus_weights(self) -> None:
        self.query_one(WeightsPanel).focus()

    def on_weights_panel_leave(self, message: WeightsPanel.Leave) -> None:
        self.query_one(RankingTable).focus()

    # --- other screens -------------------------------------------------------------------------
    def action_open_review(self) -> None:
        vid = self.highlighted_id()
        if self.state is None or vid is None:
            return
        from vendortui.ui.screens.answers import AnswersScreen

        self.app.push_screen(AnswersScreen(vid))

    def action_analysis(self) -> None:
        if self.state is None or self._money_hidden():
            return
        from vendortui.ui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen())

    def action_business(self) -> None:
        if self.state is None or self._money_hidden():
            return
        from vendortui.ui.screens.business import BusinessScreen

        self.app.push_screen(BusinessScreen())

    def _money_hidden(self) -> bool:
        """A blind review shows no money: the money screens say so instead of opening."""
        if self.state is not None and self.state.blind:
            self.notify("A blind review hides every money figure: open the session without blind for this.",
                        severity="warning", markup=False)
            return True
        return False

    def action_cash(self) -> None:
        if self.state is None or self._money_hidden():
            return
        from vendortui.ui.screens.cash import CashScreen

        self.app.push_screen(CashScreen())

    def action_plan(self) -> None:
        if self.state is None or self._money_hidden():
            return
        from vendortui.ui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen())

    def action_problems(self) -> None:
        from vendortui.ui.screens.problems import ProblemsScreen

        found = [*self.config_problems]
        if self.state is not None:
            found += [*self.state.ws.problems, *self.state.warnings()]
        elif isinstance(self.load_error, list):
            found += self.load_error
        self.app.push_screen(ProblemsScreen(found))

    def action_export(self) -> None:
        state = self.state
        if state is None:
            return
        from vendortui.ui.screens.dialogs import PromptScreen

        base = state.session_path.parent if state.session_path else Path(".")
        self.app.push_screen(
            PromptScreen("Export Markdown into folder", str(base / "export"), "enter export · escape cancel"),
            self._export_to,
        )

    def _export_to(self, value: str | None) -> None:
        state = self.state
        if not value or state is None:
            return
        out = Path(value).expanduser()
        self.notify(f"Exporting {len(state.ranked):,} vendors to {plain_line(str(out))}…", markup=False)
        self._export(state.report, state.blind, out)

    @work(thread=True, group="export")
    def _export(self, report: Report, blind: bool, out: Path) -> None:
        """Off the UI thread: 1,000 vendors take seconds to write, and the review stays usable
        meanwhile. `report` is the ranking as it stood when asked (an edit makes a new one)."""
        from vendortui.files.exporting import ExportError, write_export
        from vendortui.render.shortlist import export_documents

        try:
            if blind:
                from datetime import date

                from vendortui.render.blind import blind_documents

                docs = blind_documents(report, date.today())
            else:
                docs = export_documents(report)
            written = write_export(docs, out)
        except ExportError as e:
            self.app.call_from_thread(self.notify, f"Export not written: {plain_line(str(e))}", severity="error",
                                      timeout=10, markup=False)
            return
        self.app.call_from_thread(self.notify, f"Exported {len(written)} files to {plain_line(str(out))}", markup=False)
