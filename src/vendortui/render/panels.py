"""A panel's questions and a session's history: JSON, tables and Markdown.

`vendortui panel --format json` is a list, flagged first, then by vendor and question id:
`{"vendor", "question", "scores": {evaluator: score}, "mean", "spread", "flagged",
"consensus" (the agreed score, or null), "reason", "score" (the merged score)}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vendortui.core.evaluation import Evaluation
from vendortui.core.panel import PanelView, QuestionRow
from vendortui.core.session_models import HistoryEntry
from vendortui.render.formatting import score
from vendortui.render.markdown import heading, one_line, table
from vendortui.render.rows import json_line


def _num(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def row_object(row: QuestionRow) -> dict[str, Any]:
    c = row.consensus
    return {
        "vendor": row.vendor, "question": row.question,
        "scores": {who: _num(s) for who, s in row.scores.items()},
        "mean": _num(row.mean), "spread": _num(row.spread), "flagged": row.flagged,
        "consensus": _num(c.score) if c else None, "reason": c.reason if c else None,
        "by": c.by if c else None, "score": _num(row.score),
    }


def rows_json(rows: Sequence[QuestionRow]) -> str:
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join("  " + json_line(row_object(r)) for r in rows) + "\n]\n"


def history_object(e: HistoryEntry) -> dict[str, Any]:
    return e.model_dump(mode="json", exclude_none=True)


def history_json(entries: Sequence[HistoryEntry]) -> str:
    return "[\n" + ",\n".join("  " + json_line(history_object(e)) for e in entries) + "\n]\n" if entries else "[]\n"


def what(e: HistoryEntry) -> str:
    if e.question:
        return f"{e.vendor} · {e.question}"
    if e.requirement:
        return f"{e.vendor} · {e.requirement}"
    return f"weight {e.weight}"


def value(v: float | bool | str | None) -> str:
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "pass" if v else "fail"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def question_panel_lines(view: PanelView, vendor: str, question: str) -> list[str]:
    """For a filled RFP: each member's score and note on this question, the mean, the spread,
    the flag and the consensus with its reason (Markdown lines, or none)."""
    row = view.merged.row(vendor, question)
    if row is None:
        return []
    rows = [[who, score(s), row.notes.get(who, "")] for who, s in row.scores.items()]
    out = table(["Member", "Score", "Note"], rows) if rows else []
    facts = []
    if row.mean is not None:
        facts.append(f"mean {score(row.mean)}")
    if row.spread is not None:
        facts.append(f"spread {score(row.spread)}" + (" (flagged: the members disagree)" if row.flagged else ""))
    if row.consensus is not None:
        c = row.consensus
        who = ", ".join(p for p in (c.by, c.at.date().isoformat() if c.at else "") if p)
        facts.append(f"consensus {score(c.score)}" + (f" ({who})" if who else "") + f": {c.reason}")
    if facts:
        text = "; ".join(facts)
        out += ["", "Panel: " + one_line(text) + ("" if text.endswith((".", "!", "?")) else ".")]
    return out + [""] if out else []


def panel_section(review: Evaluation, view: PanelView) -> list[str]:
    """For shortlist.md: the members and their sections, the disputed questions and
    requirements, and each member's weights beside the panel's."""
    t = review.template
    names = {v.vid: v.name for v in review.vendors}
    out = [heading(2, "Panel"), ""]
    out += table(["Member", "Counts on"], [
        [m.evaluator, ", ".join(sorted(m.sections)) if m.sections is not None else "every section"]
        for m in view.members
    ]) + [""]
    flagged = [r for r in view.merged.rows if r.flagged and r.consensus is None]
    if flagged:
        out += ["Questions still disputed (no consensus yet):", ""]
        out += table(["Vendor", "Question", "Scores", "Spread"], [
            [names.get(r.vendor, r.vendor), r.question, ", ".join(f"{w} {score(s)}" for w, s in r.scores.items()),
             score(r.spread or 0)] for r in flagged
        ]) + [""]
    else:
        out += ["No question stays disputed: every flagged one has a consensus.", ""]
    if view.merged.disputed:
        out += ["Requirement decisions the members disagree on (pending until the panel decides): "
                + one_line(", ".join(f"{names.get(v, v)} {rid}" for v, rid in view.merged.disputed)) + ".", ""]
    weights = review.weights()
    criteria = list(weights)
    member_weights = view.member_weights()
    rows = [["Panel", *(f"{weights.get(c, 0):g}" for c in criteria)]]
    rows += [[who, *(f"{w.get(c, t.weights.get(c, 0)):g}" for c in criteria)] for who, w in member_weights.items()]
    out += table(["Weights", *(t.criterion_title(c) for c in criteria)], rows) + [""]
    return out
