"""The analysis screen: net recovery against recovery rate, weight flips, Monte Carlo."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from vendortui.core.formatting import money, rate

CHART_RATES = [i / 100 for i in range(0, 61, 2)]
APP_RUNS = 2000


class AnalysisScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="analysis-back", tooltip="Back to the shortlist"),
        Binding("m", "rerun", "Re-run Monte Carlo", id="analysis-rerun", tooltip="Draw again with the next seed"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.seed = 0
        self.result = None  # the last analysis shown, for tests and for re-use
        self.sentences: list[str] = []
        self.shown_sentences: list[str] = []
        self.charted: list[str] = []

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Header()
        with Horizontal(id="analysis-main"):
            yield PlotextPlot(id="chart")
            with VerticalScroll(id="analysis-side"):
                yield Static(id="flips")
                yield Static(id="monte-carlo")
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = "Analysis · where the decision flips"
        self.query_one("#chart").border_title = "Net recovery vs portfolio recovery rate (shortlist)"
        self.query_one("#analysis-side").border_title = "Weight flips and Monte Carlo"
        self.refresh_from_state()

    def refresh_from_state(self) -> None:
        if self.app.state is None:
            return
        self._draw_chart()
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def _draw_chart(self) -> None:
        from vendortui.core.analysis import rate_curve

        state = self.app.state
        ws = state.ws
        plot = self.query_one("#chart")
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        shown = [r for r in state.ranked if r.shortlisted] or state.ranked[:3]
        self.charted = [r.id for r in shown]
        for r in shown:
            points = rate_curve(r.vendor, ws.portfolio, ws.template.horizon_months, CHART_RATES)
            plt.plot([x * 100 for x, _ in points], [y for _, y in points], label=r.vendor.name[:24])
            be = r.projection.break_even_rate
            if 0 < be <= CHART_RATES[-1]:
                plt.scatter([be * 100], [0], marker="●")
        plt.horizontal_line(0)
        plt.xlabel("recovery rate, %")
        plt.ylabel(f"net, {state.currency}")
        plot.refresh()

    @work(thread=True, exclusive=True, group="analysis")
    def run_analysis(self) -> None:
        from vendortui.core.analysis import analyze, flip_sentences

        state = self.app.state
        result = analyze(state.ws, runs=APP_RUNS, seed=self.seed)
        sentences = flip_sentences(result, state.template)
        self.app.call_from_thread(self._show, result, sentences)

    def _show(self, result, sentences: list[str]) -> None:
        self.result, self.sentences = result, sentences
        self.shown_sentences = list(sentences)
        state = self.app.state
        currency = state.currency
        names = {v.vid: v.name for v in state.ws.vendors}
        flips = Text()
        flips.append("Where the leader changes\n", style="bold underline")
        for s in sentences or ["No weight change alone makes another vendor the leader."]:
            flips.append(f"• {s}\n")
        flips.append("\nBreak-even (OpEx tipping point)\n", style="bold underline")
        for r in state.ranked:
            flips.append(f"{r.vendor.name[:28]:<28} {rate(r.projection.break_even_rate):>8}\n")
        self.query_one("#flips", Static).update(flips)

        sim = result.monte_carlo
        mc = Table(title=f"Monte Carlo · {sim.runs:,} runs · seed {sim.seed}",
                   title_justify="left", box=None, padding=(0, 1))
        for col in ("Vendor", "P(first)", "Net p10", "p50", "p90"):
            mc.add_column(col, justify="left" if col == "Vendor" else "right")
        for row in sorted(sim.vendors, key=lambda m: -(m.p_first or 0)):
            mc.add_row(
                names.get(row.id, row.id)[:24],
                "n/a" if row.p_first is None else f"{row.p_first * 100:.1f}%",
                *(money(x, currency) if x is not None else "n/a" for x in (row.net_p10, row.net_p50, row.net_p90)),
            )
        self.query_one("#monte-carlo", Static).update(mc)

    def action_rerun(self) -> None:
        self.seed += 1
        self.query_one("#monte-carlo", Static).update(Text("Running Monte Carlo…", style="dim"))
        self.run_analysis()

    def action_back(self) -> None:
        self.app.pop_screen()
