"""Rich tables for the headless commands' `table` format (no Textual here)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vendortui.core.analysis import RATES, AnalysisResult
from vendortui.core.review import Review
from vendortui.core.scoring import Ranked
from vendortui.render.analysis import flip_sentences
from vendortui.render.formatting import money, rate
from vendortui.render.labels import break_even_label, kind_label, status_label


def status_text(r: Ranked) -> Text:
    if not r.eligible:
        return Text(status_label(r), style="red")
    return Text(status_label(r), style="bold green" if r.shortlisted else "")


def ranking_table(ranked: Sequence[Ranked], currency: str, title: str | None = None) -> Table:
    table = Table(title=title, header_style="bold", expand=False)
    table.add_column("#", justify="right")
    table.add_column("Vendor", no_wrap=True)
    table.add_column("Kind")
    table.add_column("Total", justify="right")
    table.add_column("Net recovery", justify="right")
    table.add_column("Break-even", justify="right")
    table.add_column("Status", no_wrap=True)
    for r in ranked:
        net = r.projection.net
        table.add_row(
            str(r.rank),
            r.vendor.name,
            kind_label(r.vendor),
            f"{r.total:.1f}",
            Text(money(net, currency), style="bold red" if net < 0 else ""),
            break_even_label(r),
            status_text(r),
        )
    return table


def print_ranking(review: Review, ranked: Sequence[Ranked]) -> None:
    console = Console() if sys.stdout.isatty() else Console(width=160)
    t = review.template
    title = f"{t.title} {t.version}".strip() + f" — {review.portfolio.name or 'portfolio'}"
    console.print(ranking_table(ranked, review.currency, title))


def print_analysis(review: Review, result: AnalysisResult) -> None:
    """`vendortui analyze` as tables: rate curves, tipping points, weight flips, Monte Carlo."""

    console = Console() if sys.stdout.isatty() else Console(width=160)
    currency = review.currency
    names = result.names

    def name(vid: str | None) -> str:
        return names.get(vid, vid) if vid else "nobody"

    leader = f"Current leader: [bold]{name(result.leader)}[/]" if result.leader else "No vendor is eligible."
    console.print(leader)

    curves = Table(title="Net at a portfolio-wide recovery rate", header_style="bold")
    curves.add_column("Vendor", no_wrap=True)
    curves.add_column("Break-even", justify="right")
    for r in RATES:
        curves.add_column(f"{r:.0%}", justify="right")
    for v in result.vendors:
        cells = [Text(money(v.net_at_rate[r], currency), style="red" if v.net_at_rate[r] < 0 else "") for r in RATES]
        label = Text(v.name, style="" if v.eligible else "dim")
        curves.add_row(label, rate(v.break_even_rate), *cells)
    console.print(curves)

    tips = Table(title="Portfolio-size tipping points (every bucket scaled by the same factor)", header_style="bold")
    tips.add_column("Vendor", no_wrap=True)
    tips.add_column("nets more than", no_wrap=True)
    tips.add_column("above scale", justify="right")
    tips.add_column("balance", justify="right")
    for t in result.size_tipping_points:
        tips.add_row(name(t.a), name(t.b), f"{t.scale:.2f}x", money(t.balance, currency))
    if not result.size_tipping_points:
        tips.add_row("none", "", "", "")
    console.print(tips)

    flips = Table(title="Weight sensitivity (other weights held)", header_style="bold")
    flips.add_column("Criterion", no_wrap=True)
    flips.add_column("Weight", justify="right")
    flips.add_column("Share", justify="right")
    flips.add_column("Flips", justify="right")
    flips.add_column("Share", justify="right")
    flips.add_column("New leader", no_wrap=True)
    for f in result.weight_sensitivity:
        flips.add_row(
            result.titles.get(f.criterion, f.criterion),
            f"{f.weight:g}",
            f"{f.share:.1%}",
            "-" if f.flip_weight is None else "at 0" if f.flip_weight == 0 else f"{f.direction} {f.flip_weight:.4g}",
            "-" if f.flip_share is None else f"{f.flip_share:.1%}",
            "none" if f.new_leader is None else name(f.new_leader),
        )
    console.print(flips)
    for sentence in flip_sentences(result, review.template):
        console.print(f"  • {sentence}")

    mc = result.monte_carlo
    draws = Table(title=f"Monte Carlo: {mc.runs} runs, seed {mc.seed}", header_style="bold")
    draws.add_column("Vendor", no_wrap=True)
    draws.add_column("P(first)", justify="right")
    draws.add_column("Net P10", justify="right")
    draws.add_column("Net P50", justify="right")
    draws.add_column("Net P90", justify="right")
    for d in mc.vendors:
        figures = [("n/a" if x is None else money(x, currency)) for x in (d.net_p10, d.net_p50, d.net_p90)]
        draws.add_row(name(d.id), "n/a" if d.p_first is None else f"{d.p_first:.1%}", *figures)
    console.print(draws)
    if mc.runs and mc.no_leader:
        console.print(f"No vendor was eligible in {mc.no_leader:.1%} of runs.")
