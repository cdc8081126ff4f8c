"""`vendortui cash`: cumulative net by month per vendor (SPEC "Time value and evidence"), as
JSON, CSV and a Rich table. The flows are the core's (`timing.Cash`); nothing is computed here
beyond picking which months a table has room for.

JSON: `{"months": [0..H], "vendors": [{"id", "name", "net_by_month", "cumulative", "npv",
"payback_month"}]}`, vendors in rank order. CSV: one row per vendor and month.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from vendortui.core.timing import Cash
from vendortui.render.formatting import money
from vendortui.render.rows import _cell, _money, json_line
from vendortui.render.text import safe_line

Named = tuple[str, str, Cash]  # (id, name, flows), in rank order


def cash_json(rows: Sequence[Named], horizon: int) -> dict[str, Any]:
    return {"months": list(range(horizon + 1)), "vendors": [_vendor_json(row) for row in rows]}


def _vendor_json(row: Named) -> dict[str, Any]:
    vid, name, cash = row
    return {"id": vid, "name": name, "net_by_month": [_money(x) for x in cash.net],
            "cumulative": [_money(x) for x in cash.cumulative], "npv": _money(cash.npv),
            "payback_month": cash.payback_month}


def cash_json_text(rows: Sequence[Named], horizon: int) -> str:
    """`cash_json` as strict JSON text, one vendor a line (as `rank --format json`)."""
    vendors = ",\n    ".join(json_line(_vendor_json(row)) for row in rows)
    body = f"[\n    {vendors}\n  ]" if rows else "[]"
    return f'{{\n  "months": {json_line(list(range(horizon + 1)))},\n  "vendors": {body}\n}}\n'


CSV_COLUMNS = ("id", "name", "month", "collections", "fees", "fixed", "net", "cumulative", "npv", "payback_month")


def cash_csv(rows: Sequence[Named]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for vid, name, cash in rows:
        payback = "" if cash.payback_month is None else cash.payback_month
        for m in cash.months:
            figures = (cash.collections[m], cash.fees[m], cash.fixed[m], cash.net[m], cash.cumulative[m], cash.npv)
            writer.writerow([_cell(vid), _cell(name), m, *(_money(x) for x in figures), payback])
    return out.getvalue()


def table_months(horizon: int) -> list[int]:
    """The months a table shows: 0, 1, then each quarter, and always the horizon."""
    months = [m for m in (0, 1) if m <= horizon] + list(range(3, horizon + 1, 3))
    if months[-1] != horizon:
        months.append(horizon)
    return months


def payback_label(month: int | None, short: bool = False) -> str:
    if month is None:
        return "never"
    if short:
        return "now" if month == 0 else f"{month} mo"
    return "at once" if month == 0 else f"month {month}"


def cash_table(
    rows: Sequence[Named], horizon: int, currency: str, discount_rate: float, basis: str, compact: bool = False
) -> Table:
    """Cumulative net at the months `table_months` picks, then npv and payback; `compact`:
    no rules between columns (the app's screen is narrower than a terminal's output)."""
    months = table_months(horizon)
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
