"""The home screen: the ranked shortlist, the live weights, and the highlighted vendor."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from vendortui.core.formatting import money, rate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vendortui.core.scoring import Ranked
from vendortui.ui.widgets.detail import VendorDetail
from vendortui.ui.widgets.ranking_table import RankingTable
from vendortui.ui.widgets.weights import WeightsPanel

COLUMNS = (("#", "rank"), ("Vendor", "vendor"), ("Kind", "kind"), ("Total", "total"),
           ("Net recovery", "net"), ("Break-even", "breakeven"), ("Status", "status"))


def status_cell(r: Ranked) -> Text:
    if not r.eligible:
        return Text("✗ " + ", ".join(r.knocked_out_by), style="red")
    text = Text("★ shortlisted" if r.shortlisted else "  eligible", style="bold green" if r.shortlisted else "")
    if r.incomplete:
        text.append(" ◐", style="bold yellow")  # explained in the status bar
    return text


def ranking_cells(r: Ranked, currency: str) -> tuple:
    net = r.projection.net
    return (
        Text(str(r.rank), justify="right"),
        r.vendor.name,
        r.vendor.kind.replace("_", "-"),
        Text(f"{r.total:.1f}", justify="right", style="bold"),
        Text(money(net, currency), justify="right", style="bold red" if net < 0 else ""),
        Text(rate(r.projection.break_even_rate), justify="right"),
        status_cell(r),
    )


def _changing(r: Ranked) -> tuple:
    """What weights, scores and decisions can change in a row (net and the rest cannot)."""
    return r.rank, f"{r.total:.1f}", r.eligible, r.shortlisted, r.incomplete, tuple(r.knocked_out_by)


class ShortlistScreen(Screen):
    _ready = False  # set once the table has its columns; a fast load may finish first

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, tuple] = {}  # what each row shows now, by vendor id
    BINDINGS = [
        Binding("enter", "open_review", "Review vendor", id="open-review", tooltip="Score the highlighted vendor's answers"),
        Binding("w", "focus_weights", "Weights", id="focus-weights", tooltip="Change the criteria weights live"),
        Binding("a", "analysis", "Analysis", id="analysis", tooltip="Tipping points, weight flips, Monte Carlo"),
        Binding("e", "export", "Export", id="export", tooltip="Write filled RFPs and shortlist.md"),
        Binding("p", "problems", "Problems", id="problems", tooltip="List the files with problems"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield RankingTable(id="ranking", cursor_type="row", zebra_stripes=True)
                yield WeightsPanel(id="weights")
            with VerticalScroll(id="detail-pane"):
                yield VendorDetail(id="detail")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.query_one("#weights").border_title = "Weights (w)"
        self.query_one("#detail-pane").border_title = "Vendor"
        table.focus()
        self._ready = True
        self.refresh_from_state()

    # --- rendering from the state --------------------------------------------------------
    def refresh_from_state(self) -> None:
        if not self._ready:
            return
        state = self.app.state
        status = self.query_one("#status", Static)
        if state is None:
            error = self.app.load_error
            if error is None:
                # A still message, not the animated indicator: its repaints would compete
                # with the loading thread for the interpreter.
                status.update("Loading vendors…")
            else:
                lines = error if isinstance(error, str) else "\n".join(str(p) for p in error)
                status.update(Text(f"Cannot open the review:\n{lines}", style="bold red"))
            return
        t = state.template
        self.app.sub_title = f"{t.title} {t.version}".strip() + f" · {state.ws.portfolio.name or 'portfolio'}"
        self._fill_table(state)
        weights = self.query_one(WeightsPanel)
        weights.show(state.weights(), {c: t.criterion_title(c) for c in state.weights()},
                     {c: t.weights.get(c, 0.0) for c in state.weights()})
        self._show_detail()
        self._show_status()

    def _fill_table(self, state) -> None:
        table = self.query_one("#ranking", DataTable)
        keep = self.highlighted_id()
        if self._shown.keys() == {r.id for r in state.ranked} and table.row_count == len(self._shown):
            self._update_rows(table, state)
        else:
            table.clear()
            self._shown = {}
            for r in state.ranked:
                table.add_row(*ranking_cells(r, state.currency), key=r.id)
                self._shown[r.id] = _changing(r)
        if state.ranked:
            row = table.get_row_index(keep) if keep in self._shown else 0
            table.move_cursor(row=row, animate=False)
        table.border_title = f"Ranking · shortlist of {state.template.shortlist}"

    def _update_rows(self, table: DataTable, state) -> None:
        """Same vendors, new order: update only the cells that changed, then sort.

        Re-adding every row makes the table re-measure every cell; at 1,000 vendors that
        alone would miss the 50 ms a weight key press has.
        """
        changes = []
        for r in state.ranked:
            new = _changing(r)
            if new != self._shown[r.id]:
                cells = ranking_cells(r, state.currency)
                changes += [(r.id, "rank", cells[0]), (r.id, "total", cells[3]), (r.id, "status", cells[6])]
                self._shown[r.id] = new
        table.update_cells(changes)
        table.sort("rank", key=lambda cell: int(cell.plain))

    def _show_status(self) -> None:
        state = self.app.state
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
        self.query_one("#status", Static).update(text)

    def highlighted_id(self) -> str | None:
        table = self.query_one("#ranking", DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:  # cursor outside the rows while the table refills
            return None

    def _show_detail(self) -> None:
        state = self.app.state
        if state is None:
            return
        vid = self.highlighted_id()
        r = state.ranked_vendor(vid) if vid else None
        self.query_one(VendorDetail).show(r, state.template, state.currency)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
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
        self.query_one("#ranking", DataTable).focus()

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
