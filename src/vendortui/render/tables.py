"""Rich tables for the headless commands' `table` format (no Textual here).

Every cell, title and line is a `Text` built by `render.text`: Rich would read a plain
string as markup, and a vendor's name must never style, link or break the output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vendortui.core.defaults import RATES
from vendortui.core.evaluation import Evaluation
from vendortui.core.masking import mask
from vendortui.core.models import Template
from vendortui.core.panel import PanelView
from vendortui.core.plans import Plan
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.core.session_models import Session
from vendortui.render.analysis import flip_sentences
from vendortui.render.cash import Named, payback_label, table_months
from vendortui.render.formatting import money, rate, score
from vendortui.render.labels import break_even_label, break_even_text, gain_label, kind_label, status_label
from vendortui.render.panels import value, what
from vendortui.render.text import safe_line


def _console() -> Console:
    # Never markup or emoji codes from the text we print. The terminal's width, or COLUMNS when
    # set; a fixed width when piped without it.
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit() else 160
    return Console(width=width, markup=False, emoji=False, highlight=False)


def status_text(r: Ranked, template: Template, currency: str | None = None, blind: bool = False) -> Text:
    label = status_label(r, template, None if blind else currency)
    if blind:  # a knock-out reason may quote a figure
        label = mask(label, figures=True)
    if not r.eligible:
        return safe_line(label, style="red")
    return safe_line(label, style="yellow" if r.loses else "bold green" if r.shortlisted else "")


def money_text(amount: float, currency: str, style_negative: str = "bold red") -> Text:
    return Text(money(amount, currency), style=style_negative if amount < 0 else "")


# Columns a narrow terminal hides, first to last (as the app's shortlist does); the rank,
# the vendor, the net and the status always show. A column is hidden before a name is cut;
# the status wraps down to STATUS_MIN, then the name is cut with an ellipsis to VENDOR_MIN.
DROP_ORDER = ("Evidenced", "Payback", "Break-even", "Kind", "Gain over today", "NPV", "Business value", "Total")
VENDOR_MIN, VENDOR_MAX, STATUS_MIN = 14, 32, 16


def ranking_table(
    ranked: Sequence[Ranked], template: Template, currency: str, title: str | None = None, width: int | None = None,
    blind: bool = False,
) -> Table:
    """The ranking as a table at most `width` cells wide (None: every column); blind,
    without its money columns (net, break-even, business value)."""
    with_case = not blind and any(r.business is not None for r in ranked)
    columns: dict[str, list[Text]] = {"#": [], "Vendor": [], "Kind": [], "Total": []}
    if not blind:
        columns |= {"Net recovery": [], "Break-even": []}
    if with_case:
        columns["Business value"] = []
    with_gain = not blind and any(r.gain_vs_status_quo is not None for r in ranked)
    if with_gain:
        columns["Gain over today"] = []
    timed = not blind and any(r.projection.npv is not None for r in ranked)  # with [timing]
    weighed = not blind and any(r.projection.evidenced_net is not None for r in ranked)  # with [evidence]
    if timed:
        columns["NPV"], columns["Payback"] = [], []
    if weighed:  # what the evidence supports, and the claim's weight
        columns["Evidenced"] = []
    columns["Status"] = []
    for r in ranked:
        columns["#"].append(Text(str(r.rank)))
        columns["Vendor"].append(safe_line(r.vendor.name))
        columns["Kind"].append(Text(kind_label(r.vendor)))
        columns["Total"].append(Text(f"{r.total:.1f}"))
        if not blind:
            columns["Net recovery"].append(money_text(r.projection.net, currency))
            columns["Break-even"].append(Text(break_even_label(r)))
        if with_case:
            columns["Business value"].append(money_text(r.business.business_value, currency) if r.business else Text(""))
        if with_gain:
            gain = r.gain_vs_status_quo
            columns["Gain over today"].append(
                Text(gain_label(gain, currency), style="bold red" if gain < 0 else "") if gain is not None else Text(""))
        p = r.projection
        if timed:
            columns["NPV"].append(money_text(p.npv or 0.0, currency))
            columns["Payback"].append(Text(payback_label(p.payback_month, short=True)))
        if weighed:
            columns["Evidenced"].append(money_text(p.evidenced_net or 0.0, currency).append(
                f" {rate(p.evidence_weight, 0)}" if p.evidence_weight is not None else " bid", style="dim"))
        columns["Status"].append(status_text(r, template, currency, blind))
    shown, widths = _fit(columns, width)
    table = Table(title=safe_line(title) if title else None, header_style="bold", expand=False)
    for name in shown:
        if name == "Vendor":
            table.add_column(name, no_wrap=True, overflow="ellipsis", width=widths[name])
        elif name == "Status":
            table.add_column(name, width=widths[name])  # wraps: a long knock-out reason
        else:  # a figure never shrinks: its column shows whole or not at all
            table.add_column(name, justify="left" if name == "Kind" else "right", no_wrap=True, width=widths[name])
    for i in range(len(ranked)):
        table.add_row(*(columns[name][i] for name in shown))
    return table


def _fit(columns: dict[str, list[Text]], width: int | None) -> tuple[list[str], dict[str, int]]:
    """The columns that fit in `width` and their widths: DROP_ORDER's are hidden in turn until
    the rest fit with whole names and the status at STATUS_MIN (with all hidden, names may be
    cut to VENDOR_MIN); the room left goes to the status."""
    natural = {n: max([cell_len(n), *(c.cell_len for c in cells)]) for n, cells in columns.items()}
    natural["Vendor"] = min(natural["Vendor"], VENDOR_MAX)
    least = {n: min(w, STATUS_MIN) if n == "Status" else w for n, w in natural.items()}
    shown = list(columns)
    for name in (None, *DROP_ORDER):
        if name in shown:
            shown.remove(name)
        if name == DROP_ORDER[-1]:  # nothing left to hide: the name gives up room
            least["Vendor"] = min(natural["Vendor"], VENDOR_MIN)
        if width is None or sum(least[n] for n in shown) + 3 * len(shown) + 1 <= width:
            break
    widths = {n: natural[n] for n in shown}
    if width is not None:
        room = width - (3 * len(shown) + 1) - sum(natural[n] for n in shown if n not in ("Vendor", "Status"))
        widths["Vendor"] = max(least["Vendor"], min(natural["Vendor"], room - least["Status"]))
        widths["Status"] = max(least["Status"], min(natural["Status"], room - widths["Vendor"]))
    return shown, widths


def print_ranking(report: Report, ranked: Sequence[Ranked], blind: bool = False) -> None:
    """The ranking (`ranked`: the report's, or its first `--top`); blind, without money."""
    t = report.template
    title = f"{t.title} {t.version}".strip() + f" — {report.portfolio.name or 'portfolio'}"
    if report.evidenced:  # say which rates every figure is on
        title += " — evidenced rates"
    console = _console()
    console.print(ranking_table(ranked, t, report.currency, title, console.width, blind))


def print_cash(report: Report) -> None:
    """`vendortui cash` as a table: cumulative net at a few months, npv and payback."""
    timing = report.timing
    assert timing is not None, "the command checks for [timing] first"
    console = _console()
    console.print(cash_table(report.cash, report.horizon, report.currency, timing.discount_rate, report.rates_basis,
                             width=console.width))


def _say_rates(console: Console, report: Report) -> None:
    """With --evidence, every figure below is on evidenced rates: say so first."""
    if report.evidenced:
        console.print(Text("Figures on evidenced rates (--evidence): claims weighed by their similar portfolios.",
                           style="bold"))


def print_analysis(report: Report) -> None:
    """`vendortui analyze` as tables: rate curves, tipping points, weight flips, Monte Carlo."""
    console = _console()
    currency, result = report.currency, report.analysis
    names = result.names

    def name(vid: str | None, style: str = "") -> Text:
        return safe_line(names.get(vid, vid) if vid else "nobody", style)

    _say_rates(console, report)
    if result.leader:
        console.print(Text("Current leader: ").append_text(name(result.leader, "bold")))
    else:
        console.print(Text("No vendor is eligible."))

    curves = Table(title=Text("Net at a portfolio-wide recovery rate"), header_style="bold")
    curves.add_column("Vendor", no_wrap=True)
    curves.add_column("Break-even", justify="right")
    for r in RATES:
        curves.add_column(f"{r:.0%}", justify="right")
    for v in result.vendors:
        cells = [money_text(v.net_at_rate[r], currency, "red") for r in RATES]
        curves.add_row(safe_line(v.name, style="" if v.eligible else "dim"), Text(break_even_text(v.kind, v.break_even_rate)), *cells)
    console.print(curves)

    tips = Table(title=Text("Portfolio-size tipping points (every bucket scaled by the same factor)"), header_style="bold")
    tips.add_column("Vendor", no_wrap=True)
    tips.add_column("nets more than", no_wrap=True)
    tips.add_column("above scale", justify="right")
    tips.add_column("balance", justify="right")
    for t in result.size_tipping_points:
        tips.add_row(name(t.a), name(t.b), Text(f"{t.scale:.2f}x"), Text(money(t.balance, currency)))
    if not result.size_tipping_points:
        tips.add_row(Text("none"), Text(""), Text(""), Text(""))
    console.print(tips)

    flips = Table(title=Text("Weight sensitivity (other weights held)"), header_style="bold")
    flips.add_column("Criterion", no_wrap=True)
    for label in ("Weight", "Share", "Flips", "Share"):
        flips.add_column(label, justify="right")
    flips.add_column("New leader", no_wrap=True)
    for f in result.weight_sensitivity:
        flips.add_row(
            safe_line(result.titles.get(f.criterion, f.criterion)),
            Text(f"{f.weight:g}"),
            Text(f"{f.share:.1%}"),
            Text("-" if f.flip_weight is None else "at 0" if f.flip_weight == 0 else f"{f.direction} {f.flip_weight:.4g}"),
            Text("-" if f.flip_share is None else f"{f.flip_share:.1%}"),
            Text("none") if f.new_leader is None else name(f.new_leader),
        )
    console.print(flips)
    for sentence in flip_sentences(result, report.template):
        console.print(Text("  • ").append_text(safe_line(sentence)))

    mc = result.monte_carlo
    draws = Table(title=Text(f"Monte Carlo: {mc.runs} runs, seed {mc.seed}"), header_style="bold")
    draws.add_column("Vendor", no_wrap=True)
    timed = any(d.npv_p50 is not None for d in mc.vendors)
    for label in ("P(first)", "Net P10", "Net P50", "Net P90", *(("NPV P10", "NPV P50", "NPV P90") if timed else ())):
        draws.add_column(label, justify="right")
    for d in mc.vendors:
        spread = (d.net_p10, d.net_p50, d.net_p90, *((d.npv_p10, d.npv_p50, d.npv_p90) if timed else ()))
        figures = [Text("n/a" if x is None else money(x, currency)) for x in spread]
        draws.add_row(name(d.id), Text("n/a" if d.p_first is None else f"{d.p_first:.1%}"), *figures)
    console.print(draws)
    if mc.runs and mc.no_leader:
        console.print(Text(f"No vendor was eligible with a value of 0 or more in {mc.no_leader:.1%} of runs."))


def print_plans(report: Report, plans: Sequence[Plan]) -> None:
    """`vendortui plan` as tables: each plan's segments, then the cut-offs side by side."""
    from vendortui.render.plans import ages_label, plan_sentence

    console = _console()
    currency, names = report.currency, report.names
    _say_rates(console, report)
    for p in plans:
        title = f"Cut-off {p.cutoff} days" if p.cutoff is not None else "Best placement plan"
        table = Table(title=Text(title), title_justify="left", header_style="bold")
        table.add_column("Vendor", no_wrap=True, max_width=32)
        table.add_column("Ages", no_wrap=True)
        for col in ("Gross", "Fees", "Fixed", "Net"):
            table.add_column(col, justify="right", no_wrap=True)
        for s in p.segments:
            table.add_row(safe_line(names.get(s.vendor, s.vendor)), Text(ages_label(s)), Text(money(s.gross, currency)),
                          Text(money(s.fees, currency)), Text(money(s.fixed, currency)), money_text(s.net, currency))
        console.print(table)
        console.print(safe_line(plan_sentence(p, names, currency)))
        console.print()


def print_rows(review: Evaluation, view: PanelView) -> None:
    names = {v.vid: v.name for v in review.vendors}
    evaluators = [m.evaluator for m in view.members]
    t = Table(title=safe_line(f"Panel: {', '.join(evaluators)}"), title_justify="left", header_style="bold")
    t.add_column("Vendor", no_wrap=True, max_width=28)
    t.add_column("Question", no_wrap=True)
    for who in evaluators:
        t.add_column(safe_line(who), justify="right", no_wrap=True, min_width=5, max_width=18)
    for col in ("Mean", "Spread", "Consensus", "Score"):
        t.add_column(col, justify="right", no_wrap=True, min_width=len(col))
    for r in view.merged.rows:
        t.add_row(
            safe_line(names.get(r.vendor, r.vendor), style="bold red" if r.flagged else ""), safe_line(r.question),
            *(Text(score(r.scores[w]) if w in r.scores else "-") for w in evaluators),
            Text(score(r.mean) if r.mean is not None else "-"),
            Text((score(r.spread) if r.spread is not None else "-") + (" ⚑" if r.flagged else ""),
                 style="bold red" if r.flagged else ""),
            Text(score(r.consensus.score) if r.consensus else ""),
            Text(score(r.score) if r.score is not None else "-", style="bold"),
        )
    console = _console()
    console.print(t)
    flagged = sum(r.flagged for r in view.merged.rows)
    console.print(Text(f"{len(view.merged.rows)} scored questions, {flagged} flagged (spread of 30% of the scale "
                       f"or more); {len(view.merged.disputed)} requirement decisions disputed.", style="dim"))


def print_history(session: Session) -> None:
    t = Table(title=safe_line(f"History of {session.evaluator or 'the session'}"), title_justify="left",
              header_style="bold")
    for col in ("When", "By", "What", "Old", "New"):
        t.add_column(col, no_wrap=col not in ("What", "By"))
    for e in session.history:
        t.add_row(Text(e.at.isoformat(timespec="seconds")), safe_line(e.by or "-"), safe_line(what(e)),
                  safe_line(value(e.old)), safe_line(value(e.new)))
    console = _console()
    console.print(t)
    if not session.history:
        console.print(Text("No change recorded yet: each save records what changed.", style="dim"))


def cash_table(
    rows: Sequence[Named], horizon: int, currency: str, discount_rate: float, basis: str, compact: bool = False,
    width: int | None = None,
) -> Table:
    """Cumulative net at the months `table_months` picks, then npv and payback; `compact`:
    no rules between columns (the app's screen is narrower than a terminal's output). Within
    `width` cells, the months between the first and the horizon are thinned until it fits."""
    months = table_months(horizon)
    figure = max([9, *(cell_len(money(x, currency)) for _, _, c in rows for x in (*c.cumulative, c.npv))]) + 3
    while width is not None and len(months) > 2 and 29 + figure * (len(months) + 1) + 10 > width:
        months.pop(len(months) // 2)  # the middle month goes first: month 0 and the horizon stay
    title = Text(f"Cumulative net by month ({basis} rates); npv at {discount_rate:.1%} a year")
    table = Table(title=title, title_justify="left", header_style="bold", box=None if compact else box.HEAVY_HEAD)
    table.add_column("Vendor", no_wrap=True, overflow="ellipsis", max_width=26)
    for m in months:
        table.add_column(f"M{m}", justify="right", no_wrap=True, min_width=9)
    table.add_column("NPV", justify="right", no_wrap=True, min_width=9)
    table.add_column("Payback", justify="right", no_wrap=True)
    for _, name, cash in rows:
        cells = [Text(money(cash.cumulative[m], currency), style="red" if cash.cumulative[m] < 0 else "")
                 for m in months]
        table.add_row(safe_line(name), *cells, Text(money(cash.npv, currency), style="bold"),
                      Text(payback_label(cash.payback_month, short=True)))
    return table
