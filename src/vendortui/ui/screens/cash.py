"""Cash by month (SPEC "Time value and evidence"): each vendor's cumulative net month by
month, its npv and the month it pays back, as a chart and a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from vendortui.core.timing import Cash
from vendortui.render.cash import payback_label
from vendortui.render.formatting import axis_ticks, money, short_money
from vendortui.render.tables import cash_table
from vendortui.render.text import plain_line
from vendortui.ui import bindings
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from vendortui.ui.state import AppState

# Plotext and Rich share these colour names: the legend below the chart matches its lines.
LINE_COLOURS = ("green", "cyan", "magenta", "yellow", "blue", "red")
NO_TIMING = ("No [timing] table in the template or portfolio file, so every figure counts the vendors' "
             "rates as written. Add one to see when the cash comes:\n\n"
             "    [timing]\n    discount_rate = 0.10   # a year, your cost of capital\n")


class CashScreen(StateScreen):
    """Cumulative net by month of the shortlist (or every vendor, on `v`), payback marked."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.CASH]
    SUB_TITLE = "Cash by month · when the money comes"

    def __init__(self) -> None:
        super().__init__()
        self.every_vendor = False
        self.charted: list[str] = []  # the vendor ids on the chart, for tests

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="cash-main"):
            yield Static(id="cash-note")
            with Vertical(id="cash-chart-box"):
                yield PlotextPlot(id="cash-chart")
                yield Static(id="cash-legend")
            yield Static(id="cash-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#cash-chart-box").border_title = "Cumulative net by month (● payback)"
        self.show_state(self.loaded)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)
        self.call_after_refresh(self._draw)

    def show_state(self, state: AppState | None) -> None:
        if state is not None:
            self._draw()

    def _flows(self) -> list[tuple[str, str, Cash]]:
        """(id, name, flows) in rank order: the shortlist (else the first three), or all."""
        report = self.loaded.report
        if self.every_vendor:
            return report.cash
        shown = {r.id for r in (report.shortlist or report.ranked[:3])}
        return [row for row in report.cash if row[0] in shown]

    def _draw(self) -> None:
        state = self.loaded
        timing = state.report.timing
        box = self.query_one("#cash-chart-box")
        note = self.query_one("#cash-note", Static)
        if timing is None:
            box.display = False
            note.update(Text(NO_TIMING))
            self.query_one("#cash-table", Static).update("")
            self.charted = []
            return
        box.display = True
        basis = state.report.rates_basis
        note.update(Text(f"Rates: {basis}. Month 0 is placement: setup costs and a debt buyer's price. "
                         "v: every vendor / the shortlist.", style="dim"))
        rows = self._flows()
        self.charted = [vid for vid, _, _ in rows]
        horizon = state.template.horizon_months
        currency = state.currency
        plot = self.query_one("#cash-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        legend = Text()
        values = [0.0]
        months = list(range(horizon + 1))
        for i, (_, name, cash) in enumerate(rows):
            colour = LINE_COLOURS[i % len(LINE_COLOURS)]
            values += cash.cumulative
            plt.plot(months, list(cash.cumulative), color=colour)
            if cash.payback_month is not None:
                plt.scatter([cash.payback_month], [cash.cumulative[cash.payback_month]], marker="●", color=colour)
            legend.append("━━ ", style=colour)
            legend.append(plain_line(name))
            legend.append(f"  npv {money(cash.npv, currency)}, pays back {payback_label(cash.payback_month)}\n",
                          style="dim")
        plt.horizontal_line(0)
        ticks = axis_ticks(min(values), max(values), count=max(2, min(6, (plot.size.height - 4) // 2)))
        plt.ylim(ticks[0], ticks[-1])
        plt.yticks(ticks, [short_money(t, currency) for t in ticks])
        plt.xlim(0, max(horizon, 1))
        plt.xticks(_month_ticks(horizon))
        plt.xlabel("months after placement")
        plt.ylabel(f"cumulative net, {currency}")
        self.query_one("#cash-legend", Static).update(legend)
        self.query_one("#cash-table", Static).update(
            cash_table(rows, horizon, currency, timing.discount_rate, basis, compact=True))
        plot.refresh()

    def action_every_vendor(self) -> None:
        self.every_vendor = not self.every_vendor
        self._draw()

    def action_back(self) -> None:
        self.app.pop_screen()


def _month_ticks(horizon: int) -> list[float]:
    step = 1 if horizon <= 12 else 3 if horizon <= 36 else 12
    return [float(m) for m in range(0, horizon + 1, step)]
