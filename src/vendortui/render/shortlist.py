"""The shortlist and business case (`shortlist.md`), and the export's set of documents."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from vendortui.core.evaluation import Evaluation
from vendortui.core.models import Template
from vendortui.core.problems import Problem
from vendortui.core.report import SCENARIO_RATES, Report
from vendortui.core.scoring import Ranked
from vendortui.render.analysis import to_markdown as analysis_markdown
from vendortui.render.business import business_sections, recommendation
from vendortui.render.formatting import listing, money, rate, score
from vendortui.render.labels import (
    break_even_label,
    cost_ratio_label,
    evidence_label,
    gain_label,
    kind_label,
    knockout_label,
    number,
    status_label,
    time_label,
    version_label,
)
from vendortui.render.markdown import Md, cell, heading, one_line, table
from vendortui.render.panels import panel_section
from vendortui.render.rfp import portfolio_lines, vendor_document
from vendortui.render.timing import rates_assumption, rates_line, time_sections

SHORTLIST_FILE = "shortlist.md"
# A weight flip the board reads in words: at most half of the total weight on one criterion.
PLAUSIBLE_SHARE = 0.5


def shortlist_document(report: Report, today: date, with_analysis: bool = True) -> str:
    """The business case: who is shortlisted and why, who is out and why, the money."""
    review, ranked = report.evaluation, report.ranked
    t, p, cur = review.template, review.portfolio, review.portfolio.currency
    shortlist, knocked, todo = report.shortlist, report.knocked_out, report.open_items
    out = [heading(1, "Shortlist and business case"), ""]
    out += [
        f"- **Date:** {today.isoformat()}",
        f"- **Evaluator(s):** {one_line(review.session.evaluator) or 'not recorded'}",
        f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))} (template {one_line(t.id)})",
        f"- **Portfolio:** {one_line(p.name) or 'unnamed'}, {one_line(money(p.total_balance, cur))} "
        f"in {p.total_accounts:,} accounts",
        f"- **Horizon:** {t.horizon_months} months",
        *rates_line(report),
        f"- **Vendors compared:** {len(ranked)}, for a shortlist of {t.shortlist}",
        "",
    ]
    out += recommendation(report, with_analysis) + business_sections(report)
    out += [heading(2, "Summary"), ""]
    out += [_summary(t, ranked), ""]
    if review.panel is not None:
        out += panel_section(review, review.panel)
    out += [heading(2, "Portfolio"), ""] + portfolio_lines(review)
    out += ["", heading(2, "Weights"), ""] + _weights(review)
    out += ["", f"Scores run 0 to {t.scale}; the total is the weighted mean on 0 to 100.", ""]

    out += [heading(2, "Ranking"), ""]
    with_gain = report.status_quo is not None
    out += table(["Rank", "Vendor", "Kind", "Total", "Net recovery", *(["Gain over today"] if with_gain else []),
                  "Status"], [
        [str(r.rank), _link(r), kind_label(r.vendor), f"{r.total:.1f}", money(r.projection.net, cur),
         *([gain_label(r.gain_vs_status_quo, cur) if r.gain_vs_status_quo is not None else "n/a"] if with_gain else []),
         status_label(r, t, cur)]
        for r in ranked
    ])
    out += ["", heading(2, "Shortlist"), ""]
    if not shortlist:
        out += ["No vendor is eligible.", ""]
    for r in shortlist:
        out += [heading(3, f"{r.rank}. {r.vendor.name}"), ""]
        out += [
            f"- **Total:** {r.total:.1f} / 100",
            f"- **Net recovery:** {one_line(money(r.projection.net, cur))} over {t.horizon_months} months "
            f"(gross {one_line(money(r.projection.gross, cur))}, cost ratio {cost_ratio_label(r.projection.cost_ratio)}, "
            f"break-even {break_even_label(r)})",
            f"- **Strongest criteria:** {_strongest(review, r)}",
        ]
        out += [f"- **{head}:** {one_line(line)}" for head, line in
                (("Time value", time_label(r.projection, cur)), ("Evidence", evidence_label(r, cur))) if line]
        if r.incomplete or r.unscored_questions:
            out.append(f"- **Still open:** {_open_items(r)}")
        out.append("")
    out += [heading(2, "Knocked out"), ""]
    if not knocked:
        out += ["No vendor is knocked out.", ""]
    for r in knocked:
        out.append(f"- **{one_line(r.vendor.name)}** (rank {r.rank}, total {r.total:.1f}):")
        out += [f"  - {_knockout_reason(review, r, item)}" for item in r.knocked_out_by]
    if knocked:
        out.append("")

    out += [heading(2, "Money"), ""]
    out += table(["Vendor", "Gross", "Fees", "Fixed", "Net", "Cost ratio", "Break-even"], [
        [r.vendor.name, *(money(x, cur) for x in (r.projection.gross, r.projection.fees, r.projection.fixed,
                                                   r.projection.net)),
         cost_ratio_label(r.projection.cost_ratio), break_even_label(r)]
        for r in ranked
    ])
    out += ["", f"Over {t.horizon_months} months, with {rates_assumption(report)}. "
            "Net = gross - fees - fixed. The break-even rate is the portfolio-wide recovery rate below "
            "which net is negative (the OpEx tipping point). A debt buyer's gross and net are its "
            "purchase price, paid up front.", ""]
    out += [heading(2, "Net recovery at portfolio-wide recovery rates"), ""]
    out += table(["Vendor"] + [f"{rate(x, 0)} recovered" for x in SCENARIO_RATES], [
        [r.vendor.name] + [money(report.scenarios[r.id][x], cur) for x in SCENARIO_RATES]
        for r in ranked
    ])
    out += ["", "What each vendor would leave you if the whole portfolio recovered at that rate, under its "
            "fee structure; a debt buyer's is its purchase price whatever the rate.", ""]
    out += time_sections(report)


    if with_analysis:
        # the board's analysis: tipping points between eligible vendors only (recommend.board_scope)
        out += [analysis_markdown(report.board_analysis, cur, level=2, sections=("size", "weights", "monte_carlo"),
                                  most_share=PLAUSIBLE_SHARE).rstrip(), ""]

    out += [heading(2, "Still to score"), ""]
    if not todo:
        out += ["Nothing: every requirement is decided and every question scored.", ""]
    for r in todo:
        out.append(f"- **{one_line(r.vendor.name)}** (rank {r.rank}):")
        out += [f"  - {item}" for item in _todo_items(review, r)]
    if todo:
        out.append("")
    if review.problems:
        out += [heading(2, "Files left out"), "", "These files have problems and are not in this report:", ""]
        out += [f"- {one_line(_problem(pr))}" for pr in review.problems]
        out.append("")
    flagged = [f"{report.names[w.vendor]}: {w.message}" for w in report.ranking_warnings]
    if review.warnings or flagged:
        out += [heading(2, "Warnings"), "", "Valid, but likely wrong; check these before relying on the figures:", ""]
        out += [f"- {one_line(text)}" for text in flagged]
        out += [f"- {one_line(_problem(pr))}" for pr in review.warnings]
    return "\n".join(out).rstrip("\n") + "\n"


def _summary(t: Template, ranked: Sequence[Ranked]) -> str:
    """Three sentences a stakeholder reads first: who is in, who is out, what is still open."""
    shortlist = [r for r in ranked if r.shortlisted]
    knocked = [r for r in ranked if not r.eligible]
    todo = [r for r in ranked if r.pending or r.unscored_questions]
    summary = []
    if shortlist:
        summary.append(f"Shortlisted: {_names(shortlist)}.")
        if len(shortlist) < t.shortlist:
            summary.append(f"Only {len(shortlist)} eligible vendor{'s' if len(shortlist) != 1 else ''} "
                           f"with a value of 0 or more for {t.shortlist} places.")
    else:
        summary.append("No vendor is eligible: there is no shortlist.")
    losing = [r for r in ranked if r.loses and not r.shortlisted]
    if losing:
        summary.append(f"Eligible but not shortlisted, losing money on this book: {_names(losing)}.")
    if knocked:
        summary.append(f"Knocked out: {_names(knocked)}.")
    if todo:
        summary.append(f"{len(todo)} of {len(ranked)} vendors still have items to score or decide, "
                       "so totals and the shortlist may change.")
    else:
        summary.append("Every vendor is fully scored and decided.")
    return " ".join(summary)


def _weights(review: Evaluation) -> list[str]:
    t, weights = review.template, review.weights()
    weight_sum = math.fsum(weights.values())
    rows = []
    for cid, w in weights.items():
        c = t.criteria.get(cid)
        rule = []
        if c is not None and c.auto:
            rule.append(f"auto: {c.auto.replace('_', ' ')}")
        if c is not None and c.minimum is not None:
            rule.append(f"minimum {number(c.minimum)}")
        rows.append([t.criterion_title(cid), number(w), f"{100 * w / weight_sum:.1f}%", ", ".join(rule)])
    return table(["Criterion", "Weight", "Share", "Rule"], rows)


def _names(ranked: Sequence[Ranked]) -> str:
    return listing([one_line(r.vendor.name) for r in ranked])


def _link(r: Ranked) -> Md:
    return Md(f"[{cell(r.vendor.name)}]({r.id}.md)")


def _strongest(review: Evaluation, r: Ranked, count: int = 3) -> str:
    """The best-scored weighted criteria; ties go to the heavier weight, then template order."""
    weights = review.weights()
    scored = [cs for cid, cs in r.criteria.items() if weights.get(cid, 0) > 0 and cs.source != "missing"]
    best = sorted(scored, key=lambda cs: (-cs.score, -weights[cs.id]))[:count]
    if not best:
        return "none scored yet"
    return ", ".join(f"{one_line(review.template.criterion_title(cs.id))} ({score(cs.score)})" for cs in best)


def _open_items(r: Ranked) -> str:
    decisions = sum(1 for item in r.pending if item.startswith("requirement:"))
    criteria = sum(1 for item in r.pending if item.startswith("criterion:"))
    parts = []
    if decisions:
        parts.append(f"{decisions} requirement decision{'s' if decisions != 1 else ''}")
    if criteria:
        parts.append(f"{criteria} criteri{'a' if criteria != 1 else 'on'} with no score")
    if r.unscored_questions:
        n = len(r.unscored_questions)
        parts.append(f"{n} question{'s' if n != 1 else ''} to score")
    return ", ".join(parts)


def _knockout_reason(review: Evaluation, r: Ranked, item: str) -> str:
    """The label every output uses, with the criterion's score source or the requirement's text."""
    said = knockout_label(item, r, review.template)
    if item.startswith("criterion:"):
        return f"{one_line(said)} ({r.criteria[item.removeprefix('criterion:')].source})"
    outcome = next((o for o in r.requirements if o.requirement.id == item), None)
    text = f" (requirement: {one_line(outcome.requirement.text)})" if outcome and outcome.requirement.text else ""
    return one_line(said) + text


def _todo_items(review: Evaluation, r: Ranked) -> list[str]:
    t = review.template
    requirements = {req.id: req for req in t.requirements}
    items = []
    for entry in r.pending:
        kind, _, key = entry.partition(":")
        if kind == "requirement":
            req = requirements.get(key)
            text = f": {one_line(req.text)}" if req is not None and req.text else ""
            items.append(f"Requirement decision: {one_line(key)}{text}")
        else:
            items.append(f"Criterion with no score: {one_line(t.criterion_title(key))}")
    if r.unscored_questions:
        items.append(f"Questions to score ({len(r.unscored_questions)}): "
                     + ", ".join(one_line(q) for q in r.unscored_questions))
    return items


def _problem(problem: Problem) -> str:
    """File name only: the report travels, the absolute path of the reviewer's disk does not."""
    return str(Problem(Path(problem.path).name, problem.line, problem.key, problem.message, problem.level))


def export_documents(report: Report, today: date | None = None) -> dict[str, str]:
    """File name -> Markdown: `<id>.md` for every ranked vendor in rank order, then shortlist.md.

    shortlist.md carries the report's analysis (tipping points, weight flips, a Monte Carlo of
    a fixed number of draws from a fixed seed, so the same review always exports the same
    document). No vendor id can be `shortlist` (the loader reserves it), so no document
    replaces another.
    """
    today = today or date.today()
    docs = {f"{r.id}.md": vendor_document(report, r, today) for r in report.ranked}
    docs[SHORTLIST_FILE] = shortlist_document(report, today)
    return docs
