"""`vendortui cash`: cumulative net by month per vendor (SPEC "Time value and evidence"), as
JSON and CSV (the Rich table is in `render.tables`, so the export never loads Rich). The flows
are the core's (`timing.Cash`); nothing is computed here beyond picking which months a table
has room for.

JSON: `{"months": [0..H], "vendors": [{"id", "name", "net_by_month", "cumulative", "npv",
"payback_month"}]}`, vendors in rank order. CSV: one row per vendor and month.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from vendortui.core.timing import Cash
from vendortui.render.rows import _cell, _money, json_line

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
