"""Rich tables for the headless commands' `table` format (no Textual here)."""

from __future__ import annotations

import sys
from typing import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vendortui.core.formatting import money, rate
from vendortui.core.scoring import Ranked


def status_text(r: Ranked) -> Text:
    if not r.eligible:
        return Text("knocked out: " + ", ".join(r.knocked_out_by), style="red")
    label = Text("shortlisted" if r.shortlisted else "eligible", style="bold green" if r.shortlisted else "")
    if r.incomplete:
        label.append(" (incomplete)", style="yellow")
    return label


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
            r.vendor.kind.replace("_", "-"),
            f"{r.total:.1f}",
            Text(money(net, currency), style="bold red" if net < 0 else ""),
            rate(r.projection.break_even_rate),
            status_text(r),
        )
    return table


def print_ranking(ws, ranked: Sequence[Ranked]) -> None:
    console = Console() if sys.stdout.isatty() else Console(width=160)
    t = ws.template
    title = f"{t.title} {t.version}".strip() + f" — {ws.portfolio.name or 'portfolio'}"
    console.print(ranking_table(ranked, ws.portfolio.currency, title))
