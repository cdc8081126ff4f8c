"""The analysis screen: net recovery against recovery rate, weight flips, Monte Carlo."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from vendortui.core.analysis import AnalysisResult, rate_curve
from vendortui.core.defaults import MONTE_CARLO_RUNS, MONTE_CARLO_SEED
from vendortui.render.analysis import flip_sentences
from vendortui.render.formatting import axis_ticks, money, short_money
from vendortui.render.labels import break_even_label
from vendortui.render.text import plain_line, safe_line
from vendortui.ui import bindings
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from vendortui.ui.state import AppState

CHART_RATES = [i / 100 for i in range(0, 61, 2)]
# Plotext and Rich share these colour names: the legend below the chart matches its lines.
LINE_COLOURS = ("green", "cyan", "magenta", "yellow", "blue", "red")
P_FIRST = ("P(first): the share of the draws in which the vendor ranks first on total score "
           "(not on net), each vendor's recovery rates drawn within its low-high range.")
class AnalysisScreen(StateScreen):
    """Where the decision flips: net against recovery rate, weight flips, Monte Carlo."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ANALYSIS]
    SUB_TITLE = "Analysis · where the decision flips"

    def __init__(self) -> None:
        super().__init__()
        self.seed = MONTE_CARLO_SEED
        self.result: AnalysisResult | None = None  # the last analysis shown, for tests
        self.sentences: list[str] = []
        self.shown_sentences: list[str] = []
        self.charted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="analysis-main"):
            with Vertical(id="chart-box"):
                yield PlotextPlot(id="chart")
                yield Static(id="legend")
            with VerticalScroll(id="analysis-side"):
                yield Static(id="flips")
                yield Static(id="monte-carlo")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#chart-box").border_title = "Net recovery vs portfolio recovery rate (shortlist)"
        self.query_one("#analysis-side").border_title = "Weight flips and Monte Carlo"
        self.show_state(self.loaded)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)  # narrow: the chart above the figures (app.tcss)
        self.call_after_refresh(self._draw_chart)  # as many axis ticks as the new height holds

    def show_state(self, state: AppState | None) -> None:
        if state is None:
            return
        self._draw_chart()
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def _draw_chart(self) -> None:
        state = self.loaded
        ws = state.ws
        plot = self.query_one("#chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        shown = [r for r in state.ranked if r.shortlisted] or state.ranked[:3]
        self.charted = [r.id for r in shown]
        legend = Text()
        values: list[float] = [0.0]
        for i, r in enumerate(shown):
            colour = LINE_COLOURS[i % len(LINE_COLOURS)]
            points = rate_curve(r.vendor, ws.portfolio, ws.template.horizon_months, CHART_RATES)
            nets = [y for _, y in points]
            values += nets
            plt.plot([x * 100 for x, _ in points], nets, color=colour)
            be = r.projection.break_even_rate
            if 0 < be <= CHART_RATES[-1]:
                plt.scatter([be * 100], [0], marker="●", color=colour)
            legend.append("━━ ", style=colour)
            legend.append(plain_line(r.vendor.name))
            legend.append(f"  (break-even {break_even_label(r)})\n", style="dim")
        plt.horizontal_line(0)
        # Two rows per tick at least: ticks closer than that share a row, and plotext would
        # print either label there. The axis title and tick labels below take about 4 rows.
        ticks = axis_ticks(min(values), max(values), count=max(2, min(6, (plot.size.height - 4) // 2)))
        plt.ylim(ticks[0], ticks[-1])  # every tick inside the plot, none on the x-axis' row
        plt.yticks(ticks, [short_money(t, state.currency) for t in ticks])
        plt.xlabel("recovery rate, %")
        plt.ylabel(f"net, {state.currency}")
        self.query_one("#legend", Static).update(legend)
        plot.refresh()

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        state = self.loaded
        # The board's analysis: this screen shows no tipping points, and seeking them between
        # every pair of 1,000 vendors would take seconds of the interpreter the screen shares.
        result = state.report.with_draws(MONTE_CARLO_RUNS, self.seed).board_analysis
        sentences = flip_sentences(result, state.template)
        self.app.call_from_thread(self._show, result, sentences)

    def _show(self, result: AnalysisResult, sentences: list[str]) -> None:
        self.result, self.sentences = result, sentences
        self.shown_sentences = list(sentences)
        state = self.loaded
        currency = state.currency
        names = {v.vid: v.name for v in state.ws.vendors}
        flips = Text()
        flips.append("Where the leader changes\n", style="bold underline")
        for s in sentences or ["No weight change alone makes another vendor the leader."]:
            flips.append(f"• {plain_line(s)}\n")
        flips.append("\nBreak-even (OpEx tipping point)\n", style="bold underline")
        for r in state.ranked:
            flips.append(f"{plain_line(r.vendor.name)[:28]:<28} {break_even_label(r):>8}\n")
        self.query_one("#flips", Static).update(flips)

        sim = result.monte_carlo
        mc = Table(title=Text(f"Monte Carlo · {sim.runs:,} runs · seed {sim.seed} (m: next seed)"),
                   title_justify="left", box=None, padding=(0, 1), caption=Text(P_FIRST, style="dim"),
                   caption_justify="left")
        mc.add_column("Vendor", no_wrap=True, overflow="ellipsis", max_width=26)
        for col in ("P(first)", "Net p10", "p50", "p90"):
            mc.add_column(col, justify="right", no_wrap=True)
        for row in sorted(sim.vendors, key=lambda m: -(m.p_first or 0)):
            mc.add_row(
                safe_line(names.get(row.id, row.id)),
                Text("n/a" if row.p_first is None else f"{row.p_first * 100:.1f}%"),
                *(Text(money(x, currency) if x is not None else "n/a") for x in (row.net_p10, row.net_p50, row.net_p90)),
            )
        self.query_one("#monte-carlo", Static).update(mc)

    def action_rerun(self) -> None:
        self.seed += 1
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_figures":
            return self.has_class("-narrow")  # at full width both are always there
        return True

    def action_toggle_figures(self) -> None:
        self.toggle_class("-show-figures")
        if self.has_class("-show-figures"):
            self.query_one("#analysis-side").focus()  # arrows scroll the figures
        else:
            self.call_after_refresh(self._draw_chart)

    def action_back(self) -> None:
        self.app.pop_screen()
