"""The placement plan: who should work which ages of the book, against the best single vendor,
and where to draw the cut-off for involving a partner (SPEC "Placement plans")."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from vendortui.core.defaults import MAX_OPTIONS
from vendortui.core.plans import DEFAULT_CUTOFFS, Plan, Strategy
from vendortui.render.formatting import axis_ticks, money, short_money
from vendortui.render.plans import against_all, ages_label, plan_sentence
from vendortui.render.text import safe_line
from vendortui.ui import bindings
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from vendortui.core.recommend import Recommendation
    from vendortui.ui.state import AppState

OPTIONS_MAX = 6  # `+` stops here: more segments than this is not a plan anyone would run


class PlanScreen(StateScreen):
    """The recommendation's plan: the best waterfall of up to K options over the shortlist and
    today's arrangement (as in `shortlist.md`), what the plan over every eligible vendor would
    add, and the best plan at each cut-off."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PLAN]
    SUB_TITLE = "Placement plan · who works which ages"

    def __init__(self) -> None:
        super().__init__()
        self.max_options = MAX_OPTIONS
        self.result: Strategy | None = None  # the strategy shown, for tests
        self.error: str | None = None
        self.chosen: Recommendation | None = None  # the recommendation whose plan is shown

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plan-main"):
            yield Static(id="plan-best")
            yield Static(id="plan-cutoffs")
            with Vertical(id="plan-chart-box"):
                yield PlotextPlot(id="plan-chart")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#plan-chart-box").border_title = "Net by cut-off"
        self.show_state(self.loaded)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)

    def show_state(self, state: AppState | None) -> None:
        if state is None:
            return
        self.query_one("#plan-best", Static).update(Text("Finding the best plan…", style="dim"))
        self.find_plans()

    @work(thread=True, exclusive=True, group="plan")
    def find_plans(self) -> None:
        state = self.loaded
        chosen = state.report.recommendation_at(self.max_options)
        found: Strategy | str = chosen.strategy if chosen.strategy is not None else chosen.no_plan or "no vendor to place with"
        self.app.call_from_thread(self._show, found, chosen)

    def _show(self, found: Strategy | str, chosen: Recommendation | None = None) -> None:
        self.chosen = chosen
        if isinstance(found, str):
            self.result, self.error = None, found
            self.query_one("#plan-best", Static).update(Text(f"No plan: {found}.", style="bold red"))
            self.query_one("#plan-cutoffs", Static).update("")
            return
        self.result, self.error = found, None
        state = self.loaded
        names = {v.vid: v.name for v in state.ws.vendors}
        currency = state.currency
        best = found.best
        head = Text()
        head.append(f"Best plan over the shortlist and today's arrangement, up to {found.max_options} "
                    f"option{'s' if found.max_options != 1 else ''} (+/- to change)\n", style="bold underline")
        head.append_text(safe_line(plan_sentence(best, names, currency)))
        if chosen is not None and (said := against_all(chosen, names, currency)):
            head.append("\n")
            head.append_text(safe_line(said, style="yellow" if chosen.more > 0 else "dim"))
        self.query_one("#plan-best", Static).update(Group(head, _segments(best, names, currency)))
        cutoffs = _cutoff_table(found, names, currency)
        if found.keep is not None:
            cutoffs = Group(cutoffs, cutoffs_note(state.template.cutoffs))
        self.query_one("#plan-cutoffs", Static).update(cutoffs)
        self._draw_chart(found)

    def _draw_chart(self, found: Strategy) -> None:
        box = self.query_one("#plan-chart-box")
        box.display = bool(found.by_cutoff)
        if not found.by_cutoff:
            return
        plot = self.query_one("#plan-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        labels = [f"{p.cutoff}d" for p in found.by_cutoff]
        nets = [p.net for p in found.by_cutoff]
        plt.bar(labels, nets, color="cyan")
        plt.hline(found.best.single_best_net, color="magenta")
        values = [*nets, found.best.single_best_net, 0.0]
        ticks = axis_ticks(min(values), max(values), count=4)
        plt.ylim(ticks[0], ticks[-1])
        plt.yticks(ticks, [short_money(t, self.loaded.currency) for t in ticks])
        plt.xlabel("cut-off (days past due); the line: the best single vendor")
        plot.refresh()

    def action_options(self, step: int) -> None:
        value = max(1, min(OPTIONS_MAX, self.max_options + step))
        if value != self.max_options:
            self.max_options = value
            self.show_state(self.loaded)

    def action_back(self) -> None:
        self.app.pop_screen()


def _segments(plan: Plan, names: dict[str, str], currency: str) -> Group:
    """The segments, then the total and the best single vendor; the money never shrinks."""
    cells = [[money(x, currency) for x in (s.gross, s.fees, s.fixed, s.net)] for s in plan.segments]
    total = money(plan.net, currency)
    widths = [max(len(col), *(len(row[i]) for row in cells), len(total) if i == 3 else 0)
              for i, col in enumerate(("Gross", "Fees", "Fixed", "Net"))]
    table = Table(box=None, padding=(0, 1), header_style="bold", expand=True)
    table.add_column("Vendor", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("Ages", no_wrap=True)
    for col, width in zip(("Gross", "Fees", "Fixed", "Net"), widths):
        table.add_column(col, justify="right", no_wrap=True, min_width=width)
    for s, row in zip(plan.segments, cells):
        table.add_row(safe_line(names.get(s.vendor, s.vendor)), Text(ages_label(s)), *(Text(c) for c in row[:3]),
                      Text(row[3], style="bold red" if s.net < 0 else "bold"))
    table.add_row(Text("Total", style="bold"), Text(""), Text(""), Text(""), Text(""), Text(total, style="bold"))
    parts: list[Table | Text] = [table]
    if plan.single_best is not None:
        line = Text("Best single vendor: ", style="dim")
        line.append_text(safe_line(names.get(plan.single_best, plan.single_best), style="dim"))
        line.append(f", {money(plan.single_best_net, currency)} net", style="dim")
        parts.append(line)
    return Group(*parts)


def _cutoff_table(found: Strategy, names: dict[str, str], currency: str) -> Group | Text:
    if found.keep is None:
        return Text("\nNo in-house vendor to keep the younger accounts: no cut-off to compare.", style="dim")
    keeper = names.get(found.keep, found.keep)
    title = Text("\nCut-off for involving a partner: ", style="bold underline")
    title.append_text(safe_line(keeper, style="bold underline"))
    title.append(" keeps the younger accounts", style="bold underline")
    table = Table(box=None, padding=(0, 1), header_style="bold")
    table.add_column("Cut-off", no_wrap=True)
    table.add_column("Kept", no_wrap=True)
    table.add_column("Then")
    table.add_column("Net", justify="right", no_wrap=True)
    table.add_column("Gain", justify="right", no_wrap=True)
    top = max((p.net for p in found.by_cutoff), default=None)
    for p in found.by_cutoff:
        kept = p.segments[0] if p.segments and p.segments[0].vendor == p.kept else None
        rest = p.segments[1:] if kept else p.segments
        then = Text(", ").join(safe_line(f"{names.get(s.vendor, s.vendor)} {ages_label(s)}") for s in rest)
        style = "bold green" if p.net == top else ""
        table.add_row(Text(f"{p.cutoff} days", style=style), Text(ages_label(kept) if kept else "nothing"), then,
                      Text(money(p.net, currency), style=style), Text(money(p.gain, currency)))
    return Group(title, table)


def cutoffs_note(template_cutoffs: list[int] | None) -> Text:
    if template_cutoffs:
        return Text(f"Cut-offs from the template: {', '.join(str(c) for c in template_cutoffs)} days.", style="dim")
    return Text(f"Cut-offs {', '.join(str(c) for c in DEFAULT_CUTOFFS)} days (a template's cutoffs = [...] "
                "sets others).", style="dim")
