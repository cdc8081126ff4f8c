"""The ranking as plain data: the JSON and CSV rows of `vendortui rank` (SPEC names).

JSON is strict RFC 8259: an infinite or undefined figure is `null` (the vendor's `kind` says
which), never `NaN` or `Infinity`, and strings are ASCII with escapes, so no control or
bidi character from a vendor file reaches a terminal raw. CSV text cells are neutralised:
one that a spreadsheet would read as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import IO, Any

from vendortui.core.characters import escape_one_line, has_unsafe
from vendortui.core.scoring import Ranked


def _money(x: float) -> float | None:
    return round(x, 6) if math.isfinite(x) else None


def _ratio(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 10)


def json_line(value: Any) -> str:
    """One strict JSON value on one line (ASCII only: escapes for everything else)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=False)


def ranking_rows(ranked: Sequence[Ranked], blind: bool = False) -> list[dict[str, Any]]:
    return [ranking_row(r, blind) for r in ranked]


# What a blind ranking leaves empty (null): every money figure, and the ratios made of them.
BLIND_HIDDEN = ("gross", "fees", "fixed", "staff", "net", "cost_ratio", "break_even_rate", "resolved_accounts",
                "won_back", "retained_value", "cac_avoided", "business_value", "gain_vs_status_quo",
                "npv", "payback_month", "evidence_weight", "evidenced_net")


def ranking_row(r: Ranked, blind: bool = False) -> dict[str, Any]:
    """One vendor's object, as `rank --format json` writes it (SPEC's field names); blind,
    the money fields are null."""
    row = _row(r)
    if blind:
        row.update((key, None) for key in BLIND_HIDDEN if key in row)
    return row


def _row(r: Ranked) -> dict[str, Any]:
    p = r.projection
    return {
        "rank": r.rank,
        "id": r.id,
        "name": r.vendor.name,
        "kind": r.vendor.kind,
        "eligible": r.eligible,
        "knocked_out_by": list(r.knocked_out_by),
        "incomplete": r.incomplete,
        "pending": list(r.pending),
        "total": round(r.total, 6),
        "criteria": {cid: round(c.score, 6) for cid, c in r.criteria.items()},
        "gross": _money(p.gross),
        "fees": _money(p.fees),
        "fixed": _money(p.fixed),
        "staff": _money(p.staff),
        "collectors": p.collectors,
        "net": _money(p.net),
        "cost_ratio": _ratio(p.cost_ratio),
        "break_even_rate": _ratio(p.break_even_rate),
        "shortlisted": r.shortlisted,
        "requirements": {o.requirement.id: o.status for o in r.requirements},
        "unscored_questions": len(r.unscored_questions),
        **business_fields(r),
        **({"gain_vs_status_quo": _money(r.gain_vs_status_quo)} if r.gain_vs_status_quo is not None else {}),
        **time_fields(r),
    }


BUSINESS_FIELDS = ("resolved_accounts", "won_back", "retained_value", "cac_avoided", "business_value")


def business_fields(r: Ranked) -> dict[str, float | None]:
    """SPEC's business fields, when the review has a business case (else none)."""
    b = r.business
    if b is None:
        return {}
    return {name: _money(getattr(b, name)) for name in BUSINESS_FIELDS}


def time_fields(r: Ranked) -> dict[str, Any]:
    """SPEC "Time value and evidence": `npv` and `payback_month` with [timing],
    `evidence_weight` and `evidenced_net` with [evidence] (else none)."""
    p = r.projection
    out: dict[str, Any] = {}
    if p.npv is not None:
        out.update(npv=_money(p.npv), payback_month=p.payback_month)
    if p.evidenced_net is not None:
        out.update(evidence_weight=_ratio(p.evidence_weight), evidenced_net=_money(p.evidenced_net))
    return out


TIME_FIELDS = ("npv", "payback_month", "evidence_weight", "evidenced_net")


def write_ranking_json(ranked: Sequence[Ranked], stream: IO[str], blind: bool = False) -> None:
    """Stream the JSON list row by row: ten thousand vendors never sit in memory twice.

    One compact object per line: `indent=` would switch json to its pure-Python encoder,
    several times slower on thousands of vendors, and a line per vendor stays diffable."""
    if not ranked:
        stream.write("[]\n")
        return
    stream.write("[\n")
    for i, r in enumerate(ranked):
        stream.write(("  " if i == 0 else ",\n  ") + json_line(ranking_row(r, blind)))
    stream.write("\n]\n")


def ranking_csv(ranked: Sequence[Ranked], blind: bool = False) -> str:
    rows = ranking_rows(ranked, blind)
    criteria = list(rows[0]["criteria"]) if rows else []
    columns = [
        "rank", "id", "name", "kind", "eligible", "knocked_out_by", "incomplete", "pending", "total",
        *[f"criteria.{c}" for c in criteria],
        "gross", "fees", "fixed", "net", "cost_ratio", "break_even_rate", "shortlisted",
        *(BUSINESS_FIELDS if rows and "business_value" in rows[0] else ()),
        *(("gain_vs_status_quo",) if rows and "gain_vs_status_quo" in rows[0] else ()),
        *(c for c in TIME_FIELDS if rows and c in rows[0]),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        flat = dict(row)
        for c in criteria:
            flat[f"criteria.{c}"] = row["criteria"][c]
        flat["knocked_out_by"] = ";".join(row["knocked_out_by"])
        flat["pending"] = ";".join(row["pending"])
        for c in ("cost_ratio", "payback_month", "evidence_weight"):
            if c in flat and flat[c] is None:
                flat[c] = ""
        writer.writerow([_cell(flat[c]) for c in columns])
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Numbers stay numbers; text is shown safely and can never start a formula."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = escape_one_line(value) if has_unsafe(value) or "\r" in value else value
        return "'" + text if value.startswith(_FORMULA_START) else text
    return value
