"""The analysis as JSON, Markdown and sentences (`vendortui analyze`, shortlist.md, the app)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from vendortui.core.analysis import AnalysisResult
from vendortui.core.defaults import RATES
from vendortui.core.models import Template
from vendortui.render.formatting import listing, money
from vendortui.render.labels import break_even_text
from vendortui.render.markdown import Md, heading, one_line, table


def _num(x: float | None, digits: int = 6) -> float | None:
    """A figure for JSON: None (null) when undefined or infinite (never breaks even)."""
    return None if x is None or not math.isfinite(x) else round(x, digits)


def to_data(result: AnalysisResult) -> dict[str, Any]:
    """The JSON document as plain data. Infinite break-even rates (never breaks even) are
    `null`, as `vendortui rank --format json` writes them: strict JSON."""
    mc = result.monte_carlo
    return {
        "leader": result.leader,
        "vendors": [
            {
                "id": v.id,
                "name": v.name,
                "eligible": v.eligible,
                "net": _num(v.net),
                "break_even_rate": _num(v.break_even_rate, 10),
                "net_at_rate": {f"{r:.2f}": _num(n) for r, n in v.net_at_rate.items()},
            }
            for v in result.vendors
        ],
        "size_tipping_points": [
            {"a": t.a, "b": t.b, "scale": _num(t.scale, 10), "balance": _num(t.balance), "accounts": _num(t.accounts)}
            for t in result.size_tipping_points
        ],
        "weight_sensitivity": [
            {
                "criterion": f.criterion,
                "weight": f.weight,
                "share": _num(f.share, 10),
                "flip_weight": _num(f.flip_weight, 10),
                "flip_share": _num(f.flip_share, 10),
                "direction": f.direction,
                "new_leader": f.new_leader,
            }
            for f in result.weight_sensitivity
        ],
        "monte_carlo": {
            "runs": mc.runs,
            "seed": mc.seed,
            "no_leader": mc.no_leader,
            "vendors": [
                {
                    "id": d.id,
                    "p_first": d.p_first,
                    "net_p10": _num(d.net_p10),
                    "net_p50": _num(d.net_p50),
                    "net_p90": _num(d.net_p90),
                    # with [timing]: the npv of the same draws
                    **({"npv_p10": _num(d.npv_p10), "npv_p50": _num(d.npv_p50), "npv_p90": _num(d.npv_p90)}
                       if d.npv_p50 is not None else {}),
                }
                for d in mc.vendors
            ],
        },
    }


def to_json(result: AnalysisResult) -> str:
    return json.dumps(to_data(result), indent=2, ensure_ascii=True, allow_nan=False)


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _weight(x: float) -> str:
    return f"{x:.4g}" if x != int(x) else f"{int(x)}"


def flip_sentences(result: AnalysisResult, template: Template | None = None, most_share: float | None = None) -> list[str]:
    """One sentence per criterion whose weight can change the leader, e.g. "Customer focus
    above 55.0% of the total weight (raw weight 3.667, now 1 = 25.0%) makes Gamma the leader
    instead of Alpha." Criterion titles come from `template` when given, else the result;
    with `most_share`, only flips at that share of the total weight or less."""
    names = result.names
    title = template.criterion_title if template is not None else (lambda c: result.titles.get(c, c))
    leader = names.get(result.leader, result.leader) if result.leader else "nobody"
    out = []
    for f in result.weight_sensitivity:
        if f.flip_weight is None or f.new_leader is None or f.flip_share is None:
            continue
        if most_share is not None and f.flip_share > most_share:
            continue
        where = "at 0% of the total weight" if f.flip_weight == 0 else f"{f.direction} {_pct(f.flip_share)} of the total weight"
        out.append(
            f"{title(f.criterion)} {where} (raw weight {_weight(f.flip_weight)}, "
            f"now {_weight(f.weight)} = {_pct(f.share)}) makes {names.get(f.new_leader, f.new_leader)} "
            f"the leader instead of {leader}."
        )
    return out


SECTIONS = ("rates", "size", "weights", "monte_carlo")


def to_markdown(
    result: AnalysisResult,
    currency: str,
    level: int = 1,
    sections: Sequence[str] = SECTIONS,
    most_share: float | None = None,
) -> str:
    """Sections with tables, and the weight flips in words.

    `level` is the heading level of the title (sections one below); `sections` picks which
    to write; the size tipping points are those of the analysis's pairs (the shortlist report's
    analysis looks at the pairs a board reads, and says so); with `most_share`, the flips in words are those at that
    share of the total weight or less, and the others are named in one sentence (a board
    reads no weighting where one criterion outweighs all the others together). Vendor names
    are untrusted: they are escaped.
    """
    def name(vid: str | None) -> str:
        return one_line(result.names.get(vid, vid)) if vid else "nobody"

    sub = level + 1
    lines = [heading(level, "Analysis" if level == 1 else "Where the decision flips"), ""]
    lines.append(f"Current leader: **{name(result.leader)}**." if result.leader else "No vendor is eligible.")

    if "rates" in sections:
        lines += ["", heading(sub, "Net at a portfolio-wide recovery rate"), ""]
        lines.append("The net if the whole portfolio recovered at one rate, under each vendor's fees and costs.")
        lines.append("")
        lines += table(
            ["Vendor", "Break-even", *(f"{r:.0%}" for r in RATES)],
            ([Md(name(v.id)), break_even_text(v.kind, v.break_even_rate), *(money(v.net_at_rate[r], currency) for r in RATES)]
             for v in result.vendors),
            right=range(1, 2 + len(RATES)),
        )

    if "size" in sections:
        points = result.size_tipping_points
        lines += ["", heading(sub, "Portfolio-size tipping points"), ""]
        involving = result.tipping_scope.involving
        if involving is not None:
            lines += ["Only the pairs with " + listing([name(v.id) for v in result.vendors if v.id in involving] or ["nobody"])
                      + " are listed; `vendortui analyze` lists every pair.", ""]
        if points:
            lines.append("With every bucket scaled by the same factor, the first vendor nets more than the second above it.")
            lines.append("")
            lines += table(
                ["Vendor", "Overtakes", "Scale", "Balance"],
                ([Md(name(t.a)), Md(name(t.b)), f"{t.scale:.2f}x", money(t.balance, currency)] for t in points),
                right=(2, 3),
            )
        else:
            lines.append("No vendor overtakes another as the portfolio grows or shrinks.")

    if "weights" in sections:
        lines += ["", heading(sub, "Weight sensitivity"), ""]
        lines += table(
            ["Criterion", "Weight", "Share", "Flips at", "Share", "New leader"],
            (
                [
                    result.titles.get(f.criterion, f.criterion),
                    _weight(f.weight),
                    _pct(f.share),
                    "-" if f.flip_weight is None else "at 0" if f.flip_weight == 0 else f"{f.direction} {_weight(f.flip_weight)}",
                    "-" if f.flip_share is None else _pct(f.flip_share),
                    Md("none") if f.new_leader is None else Md(name(f.new_leader)),
                ]
                for f in result.weight_sensitivity
            ),
            right=(1, 2, 4),
        )
        lines.append("")
        lines += [f"- {one_line(s)}" for s in flip_sentences(result, most_share=most_share)] or [
            "No single weight change within reach moves the lead." if most_share is not None
            else "No single weight change moves the lead."]
        beyond = [f for f in result.weight_sensitivity
                  if most_share is not None and f.flip_share is not None and f.new_leader is not None
                  and f.flip_share > most_share]
        if beyond:
            lines += ["", "The other flips need one criterion to carry more than "
                      f"{_pct(most_share or 0)} of the total weight ("
                      + ", ".join(f"{one_line(result.titles.get(f.criterion, f.criterion))} {_pct(f.flip_share or 0)}"
                                  for f in beyond) + "): no plausible weighting."]

    if "monte_carlo" in sections:
        mc = result.monte_carlo
        lines += ["", heading(sub, "Monte Carlo"), ""]
        if mc.runs:
            lines.append(f"{mc.runs:,} runs, seed {mc.seed}: recovery rates drawn within each vendor's low-high ranges.")
        else:
            lines.append("Not run (0 runs).")
        if mc.runs and mc.no_leader:
            lines.append(f"No vendor was eligible with a value of 0 or more in {_pct(mc.no_leader)} of runs.")
        lines.append("")
        blank = "n/a"
        timed = any(d.npv_p50 is not None for d in mc.vendors)
        lines += table(
            ["Vendor", "P(first)", "Net P10", "Net P50", "Net P90", *(("NPV P10", "NPV P50", "NPV P90") if timed else ())],
            (
                [
                    Md(name(d.id)),
                    blank if d.p_first is None else _pct(d.p_first),
                    *(blank if x is None else money(x, currency) for x in (d.net_p10, d.net_p50, d.net_p90)),
                    *((blank if x is None else money(x, currency) for x in (d.npv_p10, d.npv_p50, d.npv_p90))
                      if timed else ()),
                ]
                for d in mc.vendors
            ),
            right=range(1, 8 if timed else 5),
        )
    return "\n".join(lines) + "\n"
