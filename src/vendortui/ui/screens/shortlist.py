"""The home screen: the ranked shortlist, the live weights, and the highlighted vendor."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from vendortui.core.formatting import money, rate
from vendortui.ui.first_frame import FirstFrame
from vendortui.ui.widgets.detail import VendorDetail, detail_body, detail_head
from vendortui.ui.widgets.ranking_table import Cell, Column, RankingTable
from vendortui.ui.widgets.weights import WeightsPanel

if TYPE_CHECKING:
    from vendortui.core.scoring import Ranked

COLUMNS = (
    Column("#", "rank", right=True),
    Column("Vendor", "vendor", shrink=2, min_width=16),
    Column("Kind", "kind"),
    Column("Total", "total", right=True),
    Column("Net recovery", "net", right=True),
    Column("Break-even", "breakeven", right=True),
    Column("Status", "status", shrink=1, min_width=len("★ shortlisted ◐")),  # only knock-out lists are cut
)


def status_cell(r: Ranked) -> Cell:
    if not r.eligible:
        return Cell.of("✗ " + ", ".join(r.knocked_out_by), "red")
    return _eligible_cell(r.shortlisted, r.incomplete)


@lru_cache(maxsize=4)
def _eligible_cell(shortlisted: bool, incomplete: bool) -> Cell:
    parts = [("★ shortlisted", "bold green") if shortlisted else ("  eligible", "")]
    if incomplete:
        parts.append((" ◐", "bold yellow"))  # explained in the status bar
    return Cell(tuple(parts))


def fixed_cells(r: Ranked, currency: str) -> tuple[Cell, Cell, Cell, Cell]:
    """Name, kind, net and break-even: no weight, score or decision changes them."""
    net = r.projection.net
    return (
        Cell.of(r.vendor.name),
        Cell.of(r.vendor.kind.replace("_", "-")),
        Cell.of(money(net, currency), "bold red" if net < 0 else "", right=True),
        Cell.of(rate(r.projection.break_even_rate), right=True),
    )


def ranking_cells(r: Ranked, currency: str, fixed: tuple[Cell, ...] | None = None) -> tuple[Cell, ...]:
    name, kind, net, breakeven = fixed or fixed_cells(r, currency)
    return (
        Cell.of(str(r.rank), right=True),
        name,
        kind,
        Cell.of(f"{r.total:.1f}", "bold", right=True),
        net,
        breakeven,
        status_cell(r),
    )


def _changing(r: Ranked) -> tuple:
    """What weights, scores and decisions can change in a row (net and the rest cannot)."""
    return r.rank, f"{r.total:.1f}", r.eligible, r.shortlisted, r.incomplete, tuple(r.knocked_out_by)


def subtitle(state) -> str:
    t = state.template
    return f"{t.title} {t.version}".strip() + f" · {state.ws.portfolio.name or 'portfolio'}"


def table_title(state) -> str:
    return f"Ranking · shortlist of {state.template.shortlist}"


def weights_args(state) -> tuple:
    t, weights = state.template, state.weights()
    return weights, {c: t.criterion_title(c) for c in weights}, {c: t.weights.get(c, 0.0) for c in weights}


def status_text(state) -> Text:
    ws = state.ws
    text = Text()
    text.append("Session: ")
    text.append(str(ws.session_path) if ws.session_path else "not saved (ctrl+s)", style="bold")
    if state.dirty:
        text.append(" ● unsaved changes", style="yellow")
    if ws.session.evaluator:
        text.append(f" · evaluator {ws.session.evaluator}")
    text.append(f" · {len(ws.vendors)} vendors · portfolio {money(ws.portfolio.total_balance, state.currency)}")
    if any(r.incomplete for r in state.ranked):
        text.append(" · ◐ incomplete: something still to score or decide", style="yellow")
    if ws.problems:
        text.append(f" · ⚠ {len(ws.problems)} file problem{'s' if len(ws.problems) != 1 else ''} (p)", style="bold red")
    return text


def first_frame_of(state) -> FirstFrame:
    """What this screen shows when it opens on `state`, for the next run's first frame."""
    top = state.ranked[0] if state.ranked else None
    detail = (top.id, detail_head(top), detail_body(top, state.template, state.currency)) if top else None
    return FirstFrame(
        ids=[r.id for r in state.ranked],
        cells=[ranking_cells(r, state.currency) for r in state.ranked],
        table_title=table_title(state),
        weights=weights_args(state),
        detail=detail,
        status=status_text(state),
        subtitle=subtitle(state),
    )


def shortlist_layout(table) -> ComposeResult:
    """The shortlist's widgets around `table` (the bench's bare apps use it too)."""
    yield Header()
    with Horizontal(id="main"):
        with Vertical(id="left"):
            yield table
            yield WeightsPanel(id="weights")
        with VerticalScroll(id="detail-pane"):
            yield VendorDetail(id="detail")
    yield Static(id="status")
    yield Footer()


def show_frame(root, frame: FirstFrame) -> None:
    """Fill the widgets of `shortlist_layout` under `root` from a frame (the ranking too,
    when it is a RankingTable: the bench fills a stock DataTable itself)."""
    for table in root.query(RankingTable):
        table.set_rows(frame.ids, dict(zip(frame.ids, frame.cells)))
        table.border_title = frame.table_title
    root.query_one(WeightsPanel).show(*frame.weights)
    if frame.detail is not None:
        root.query_one(VendorDetail).show_prepared(*frame.detail)
    root.query_one("#status", Static).update(frame.status)


class ShortlistScreen(Screen):
    _ready = False  # set once the table has its columns; a fast load may finish first

    BINDINGS = [
        Binding("enter", "open_review", "Review vendor", id="open-review", tooltip="Score the highlighted vendor's answers"),
        Binding("w", "focus_weights", "Weights", id="focus-weights", tooltip="Change the criteria weights live"),
        Binding("a", "analysis", "Analysis", id="analysis", tooltip="Tipping points, weight flips, Monte Carlo"),
        Binding("e", "export", "Export", id="export", tooltip="Write filled RFPs and shortlist.md"),
        Binding("p", "problems", "Problems", id="problems", tooltip="List the files with problems"),
    ]

    def __init__(self, frame: FirstFrame | None = None) -> None:
        super().__init__()
        self.frame = frame  # the last run's first frame, shown until the review has loaded
        self._shown: dict[str, tuple] = {}  # what each row shows now, by vendor id
        self._fixed: dict[str, tuple] = {}  # each row's cells that edits never change
        self._shown_ws = None  # the workspace those rows came from: a reload starts afresh
        self._status: Text | str | None = None

    def compose(self) -> ComposeResult:
        yield from shortlist_layout(RankingTable(COLUMNS, id="ranking"))

    def on_mount(self) -> None:
        table = self.query_one(RankingTable)
        self.query_one("#weights").border_title = "Weights (w)"
        self.query_one("#detail-pane").border_title = "Vendor"
        table.focus()
        self._ready = True
        if self.app.state is None and self.frame is not None:
            self._show_frame(self.frame)
        else:
            self.refresh_from_state()

    def _show_frame(self, frame: FirstFrame) -> None:
        self.app.sub_title = frame.subtitle
        show_frame(self, frame)
        self._status = frame.status

    # --- rendering from the state --------------------------------------------------------
    def refresh_from_state(self) -> None:
        if not self._ready:
            return
        state = self.app.state
        if state is None:
            error = self.app.load_error
            if error is None:
                if self.frame is None:
                    # A still message, not the animated indicator: its repaints would compete
                    # with the loading thread for the interpreter.
                    self._set_status("Loading vendors…")
            else:
                if self.frame is not None:  # the last run's rows are not this review's
                    self.frame = None
                    self.query_one(RankingTable).set_rows([], {})
                    self.query_one(VendorDetail).show(None, None, "")
                lines = error if isinstance(error, str) else "\n".join(str(p) for p in error)
                self._set_status(Text(f"Cannot open the review:\n{lines}", style="bold red"))
            return
        self.frame = None
        self.app.sub_title = subtitle(state)
        self._fill_table(state)
        self.query_one(WeightsPanel).show(*weights_args(state))
        self._show_detail()
        self._show_status()

    def _fill_table(self, state) -> None:
        """Hand the table the new order and the cells of only the rows that changed."""
        table = self.query_one(RankingTable)
        if state.ws is not self._shown_ws:
            self._shown, self._fixed, self._shown_ws = {}, {}, state.ws
        changed = {}
        fixed = self._fixed
        for r in state.ranked:
            now = _changing(r)
            if self._shown.get(r.id) != now:
                cells = fixed.get(r.id)
                if cells is None:
                    cells = fixed[r.id] = fixed_cells(r, state.currency)
                changed[r.id] = ranking_cells(r, state.currency, cells)
                self._shown[r.id] = now
        if len(self._shown) != len(state.ranked):
            ids = {r.id for r in state.ranked}
            self._shown = {k: v for k, v in self._shown.items() if k in ids}
            self._fixed = {k: v for k, v in self._fixed.items() if k in ids}
        table.set_rows([r.id for r in state.ranked], changed)
        table.border_title = table_title(state)

    def _set_status(self, text: Text | str) -> None:
        if text != self._status:  # unchanged text: no repaint, no layout
            self._status = text
            self.query_one("#status", Static).update(text)

    def _show_status(self) -> None:
        self._set_status(status_text(self.app.state))

    def highlighted_id(self) -> str | None:
        return self.query_one(RankingTable).highlighted_id

    def _show_detail(self) -> None:
        state = self.app.state
        if state is None:
            return
        vid = self.highlighted_id()
        r = state.ranked_vendor(vid) if vid else None
        self.query_one(VendorDetail).show(r, state.template, state.currency)

    def on_ranking_table_highlighted(self, event: RankingTable.Highlighted) -> None:
        self._show_detail()

    def on_ranking_table_selected(self, event: RankingTable.Selected) -> None:
        self.action_open_review()

    # --- weights --------------------------------------------------------------------------
    def action_focus_weights(self) -> None:
        self.query_one(WeightsPanel).focus()

    def on_weights_panel_changed(self, message: WeightsPanel.Changed) -> None:
        state = self.app.state
        if state is None:
            return
        if not state.set_weight(message.criterion, message.value):
            self.notify("At least one criterion must keep a positive weight.", severity="warning")
            return
        self.app.edited()

    def on_weights_panel_reset(self, message: WeightsPanel.Reset) -> None:
        if self.app.state is not None:
            self.app.state.reset_weights()
            self.app.edited()
            self.notify("Weights reset to the template's.")

    def on_weights_panel_leave(self, message: WeightsPanel.Leave) -> None:
        self.query_one(RankingTable).focus()

    # --- other screens -------------------------------------------------------------------------
    def action_open_review(self) -> None:
        vid = self.highlighted_id()
        if self.app.state is None or vid is None:
            return
        from vendortui.ui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(vid))

    def action_analysis(self) -> None:
        if self.app.state is None:
            return
        from vendortui.ui.screens.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen())

    def action_problems(self) -> None:
        if self.app.state is None:
            return
        from vendortui.ui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.app.state.ws.problems))

    def action_export(self) -> None:
        state = self.app.state
        if state is None:
            return
        from pathlib import Path

        from vendortui.ui.screens.dialogs import PromptScreen

        def chosen(value: str | None) -> None:
            if not value:
                return
            from vendortui.core.export import write_export

            out = Path(value).expanduser()
            if out.exists() and not out.is_dir():
                self.notify(f"{out} is a file: choose a folder", severity="error")
                return
            from vendortui.core.problems import ProblemsError

            try:
                written = write_export(state.ws, out)
            except OSError as e:
                self.notify(f"Export failed: {e.strerror or e}", severity="error", timeout=8)
                return
            except ProblemsError as e:
                self.notify(f"Export failed: {e.problems[0]}", severity="error", timeout=8)
                return
            self.notify(f"Exported {len(written)} files to {out}")

        base = state.session_path.parent if state.session_path else Path(".")
        self.app.push_screen(PromptScreen("Export Markdown into folder", str(base / "export"), "enter export · escape cancel"), chosen)
