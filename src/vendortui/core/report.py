"""The ranking as plain data: the JSON and CSV rows of `vendortui rank` (SPEC names)."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any, Sequence

from vendortui.core.scoring import Ranked


def _money(x: float) -> float:
    return round(x, 6) if math.isfinite(x) else x


def _ratio(x: float | None) -> float | None:
    return None if x is None else round(x, 10) if math.isfinite(x) else x


def ranking_rows(ranked: Sequence[Ranked]) -> list[dict[str, Any]]:
    rows = []
    for r in ranked:
        p = r.projection
        rows.append(
            {
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
                "net": _money(p.net),
                "cost_ratio": _ratio(p.cost_ratio),
                "break_even_rate": _ratio(p.break_even_rate),
                "shortlisted": r.shortlisted,
                "requirements": {o.requirement.id: o.status for o in r.requirements},
                "unscored_questions": len(r.unscored_questions),
            }
        )
    return rows


def ranking_json(ranked: Sequence[Ranked]) -> str:
    """A JSON list, one vendor object per line.

    Infinite ratios (nothing recovered; never breaks even) are written as `Infinity`.
    `indent=` would switch json to its pure-Python encoder, several times slower on
    thousands of vendors; one compact object per line stays readable and diffable.
    """
    rows = ranking_rows(ranked)
    if not rows:
        return "[]"
    return "[\n" + ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows) + "\n]"


def ranking_csv(ranked: Sequence[Ranked]) -> str:
    rows = ranking_rows(ranked)
    criteria = list(rows[0]["criteria"]) if rows else []
    columns = [
        "rank", "id", "name", "kind", "eligible", "knocked_out_by", "incomplete", "pending", "total",
        *[f"criteria.{c}" for c in criteria],
        "gross", "fees", "fixed", "net", "cost_ratio", "break_even_rate", "shortlisted",
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
        flat["cost_ratio"] = "" if row["cost_ratio"] is None else row["cost_ratio"]
        writer.writerow([_cell(flat[c]) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
