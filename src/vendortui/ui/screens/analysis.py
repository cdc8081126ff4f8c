"""The analysis screen: net recovery against recovery rate, weight flips, Monte Carlo."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from vendortui.core.analysis import AnalysisResult, analyze, rate_curve
from vendortui.render.analysis import flip_sentences
from vendortui.render.formatting import money
from vendortui.render.labels import break_even_label
from vendortui.render.text import plain_line, safe_line
from vendortui.ui import bindings
from vendortui.ui.screens.base import StateScreen

if TYPE_CHECKING:
    from vendortui.ui.state import ReviewState

CHART_RATES = [i / 100 for i in range(0, 61, 2)]
APP_RUNS = 2000


class AnalysisScreen(StateScreen):
    """Where the decision flips: net against recovery rate, weight flips, Monte Carlo."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.ANALYSIS]
    SUB_TITLE = "Analysis · where the decision flips"

    def __init__(self, state: ReviewState) -> None:
        super().__init__(state)
        self.review = state
        self.seed = 0
        self.result: AnalysisResult | None = None  # the last analysis shown, for tests
        self.sentences: list[str] = []
        self.shown_sentences: list[str] = []
        self.charted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="analysis-main"):
            yield PlotextPlot(id="chart")
            with VerticalScroll(id="analysis-side"):
                yield Static(id="flips")
                yield Static(id="monte-carlo")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#chart").border_title = "Net recovery vs portfolio recovery rate (shortlist)"
        self.query_one("#analysis-side").border_title = "Weight flips and Monte Carlo"
        self.show_state(self.review)

    def show_state(self, state: ReviewState | None) -> None:
        if state is None:
            return
        self.review = state
        self._draw_chart()
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def _draw_chart(self) -> None:
        state = self.review
        ws = state.ws
        plot = self.query_one("#chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        shown = [r for r in state.ranked if r.shortlisted] or state.ranked[:3]
        self.charted = [r.id for r in shown]
        for r in shown:
            points = rate_curve(r.vendor, ws.portfolio, ws.template.horizon_months, CHART_RATES)
            plt.plot([x * 100 for x, _ in points], [y for _, y in points], label=plain_line(r.vendor.name)[:24])
            be = r.projection.break_even_rate
            if 0 < be <= CHART_RATES[-1]:
                plt.scatter([be * 100], [0], marker="●")
        plt.horizontal_line(0)
        plt.xlabel("recovery rate, %")
        plt.ylabel(f"net, {state.currency}")
        plot.refresh()

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        state = self.review
        result = analyze(state.ws, runs=APP_RUNS, seed=self.seed)
        sentences = flip_sentences(result, state.template)
        self.app.call_from_thread(self._show, result, sentences)

    def _show(self, result: AnalysisResult, sentences: list[str]) -> None:
        self.result, self.sentences = result, sentences
        self.shown_sentences = list(sentences)
        state = self.review
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
        mc = Table(title=Text(f"Monte Carlo · {sim.runs:,} runs · seed {sim.seed}"),
                   title_justify="left", box=None, padding=(0, 1))
        for col in ("Vendor", "P(first)", "Net p10", "p50", "p90"):
            mc.add_column(col, justify="left" if col == "Vendor" else "right")
        for row in sorted(sim.vendors, key=lambda m: -(m.p_first or 0)):
            mc.add_row(
                safe_line(names.get(row.id, row.id)[:24]),
                Text("n/a" if row.p_first is None else f"{row.p_first * 100:.1f}%"),
                *(Text(money(x, currency) if x is not None else "n/a") for x in (row.net_p10, row.net_p50, row.net_p90)),
            )
        self.query_one("#monte-carlo", Static).update(mc)

    def action_rerun(self) -> None:
        self.seed += 1
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def action_back(self) -> None:
        self.app.pop_screen()
