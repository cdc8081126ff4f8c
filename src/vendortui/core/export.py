"""Markdown export: a filled RFP per vendor (`<id>.md`) and the business case (`shortlist.md`).

Pure string building, no rich or Textual: the documents are read in git diffs, on code
hosts and pasted into wikis, so they must render the same everywhere. Everything a vendor
or an evaluator typed is untrusted: it goes through the escaping helpers below, so that an
answer can never break a table, open a heading, a list or a code block, inject HTML, a link
or a remote image. The only HTML we emit is `<br>` for line breaks inside table cells.

`write_export` writes our files and nothing else: files already in the folder that are not
ours this time (a vendor removed since the last export) are left alone, because the folder
may be the user's own; `shortlist.md` links to every file of this export.
"""

from __future__ import annotations

import math
import os
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from vendortui.core.formatting import SYMBOLS, money, rate, score
from vendortui.core.markdown import Md, cell, heading, one_line, paragraphs, table
from vendortui.core.models import ALL_AGES, Band, Template, Vendor
from vendortui.core.money import net_at_rate
from vendortui.core.problems import Problem, ProblemsError
from vendortui.core.scoring import Ranked
from vendortui.core.sessions import atomic_write

if TYPE_CHECKING:
    from vendortui.core.analysis import AnalysisResult

SHORTLIST_FILE = "shortlist.md"
SCENARIO_RATES = (0.10, 0.20, 0.30, 0.40, 0.50)
EXPORT_RUNS = 1000
KIND_LABELS = {"agency": "agency", "software": "software", "in_house": "in-house team", "debt_buyer": "debt buyer"}


# --- Numbers -------------------------------------------------------------------------------


def unit_money(amount: float, currency: str) -> str:
    """A unit price keeps its cents (`$0.80` per account), which `money` rounds away."""
    if amount == round(amount):
        return money(amount, currency)
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"


def _ratio(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "∞" if math.isinf(value) else rate(value)


def _break_even(r: Ranked) -> str:
    return "n/a" if r.vendor.is_debt_buyer else rate(r.projection.break_even_rate)


def _number(value: float) -> str:
    """Weights and scores as typed: `25`, `2.5`, `1000000` (not `25.0` or `1e+06`)."""
    return format(value, ".12g")


def _kind(vendor: Vendor) -> str:
    return KIND_LABELS.get(vendor.kind, vendor.kind)


def _version(template: Template) -> str:
    return f"version {template.version}" if template.version else "no version"


def _bands(bands: list[Band], what: str) -> list[str]:
    has_range = any(b.low is not None or b.high is not None for b in bands)
    header = ["Age (days past due)", what] + (["Low", "High"] if has_range else [])
    rows = []
    for b in bands:
        row = ["all ages" if b.age == ALL_AGES else str(b.age), rate(b.rate)]
        if has_range:
            row += [rate(b.low) if b.low is not None else "", rate(b.high) if b.high is not None else ""]
        rows.append(row)
    return table(header, rows)


# --- The filled RFP ------------------------------------------------------------------------


def vendor_document(ws, r: Ranked, count: int, today: date) -> str:
    """One vendor's filled RFP: facts, portfolio, every answer with its score, the evaluation."""
    t, v = ws.template, r.vendor
    out = [heading(1, f"Filled RFP: {v.name}"), ""]
    out += [
        f"- **RFP:** {one_line(t.title)}, {one_line(_version(t))} (template {one_line(t.id)})",
        f"- **Evaluator(s):** {one_line(ws.session.evaluator) or 'not recorded'}",
        f"- **Exported:** {today.isoformat()}",
        f"- **Rank:** {r.rank} of {count}, {one_line(r.status)}; total {r.total:.1f} / 100",
        "",
        heading(2, "Vendor"), "",
    ]
    out += table(["Field", "Value"], [
        ["Name", v.name], ["Id", v.vid], ["Kind", _kind(v)], ["Summary", v.summary.strip() or "not given"],
        ["Regions", ", ".join(v.regions) or "none given"],
        ["Certifications", ", ".join(v.certifications) or "none given"],
        ["Contact", v.contact.strip() or "not given"],
    ])
    out += ["", heading(2, "Fees"), ""] + _fees(v, ws.portfolio.currency)
    out += ["", heading(2, "Performance on similar portfolios"), ""] + _performance(v)
    out += ["", heading(2, "Portfolio"), ""] + _portfolio(ws)
    out += ["", heading(2, "Answers"), ""] + _answers(ws, r)
    out += [heading(2, "Requirements"), ""]
    if r.requirements:
        out += table(["Requirement", "Text", "Check", "Outcome", "Reason"], [
            [o.requirement.id, o.requirement.text, _check(o.requirement), o.status, o.reason]
            for o in r.requirements
        ])
    else:
        out += ["The template has no requirements."]
    out += ["", heading(2, "Criterion scores"), ""] + _criteria(ws, r)
    out += ["", f"Total: {r.total:.1f} / 100.", ""]
    out += [heading(2, "Money"), ""] + _money_breakdown(ws, r)
    return "\n".join(out).rstrip("\n") + "\n"


def _fees(v: Vendor, cur: str) -> list[str]:
    f = v.fees
    rows = []
    if not v.is_debt_buyer:
        single = rate(f.contingency[0].rate) if len(f.contingency) == 1 else "none"
        rows.append(["Contingency", "by age, below" if len(f.contingency) > 1 else single])
    rows += [
        ["Annual cost", money(f.annual_cost, cur)], ["Setup cost", money(f.setup_cost, cur)],
        ["Per account", unit_money(f.per_account, cur)],
    ]
    if v.is_debt_buyer:
        rows.append(["Purchase price", "paid once, per dollar of balance, by age, below"])
    out = table(["Fee", "Value"], rows)
    if v.is_debt_buyer and f.purchase_price:
        out += ["", "Purchase price by age:", ""] + _bands(f.purchase_price, "Price (share of balance)")
    if not v.is_debt_buyer and len(f.contingency) > 1:
        out += ["", "Contingency by age:", ""] + _bands(f.contingency, "Contingency")
    return out


def _performance(v: Vendor) -> list[str]:
    perf = v.performance
    n = perf.similar_portfolios
    line = f"Figures from {n} similar portfolio{'' if n == 1 else 's'}." if n else "No similar portfolios stated."
    if v.is_debt_buyer:
        line += " For a debt buyer they are what it expects to collect after the sale; they do not change your money."
    out = [line, ""]
    out += _bands(perf.recovery, "Recovery rate") if perf.recovery else ["No recovery rates given."]
    if perf.references:
        out += ["", "References:", ""] + [f"- {one_line(ref)}" for ref in perf.references]
    return out


def _answers(ws, r: Ranked) -> list[str]:
    """Every section and question in template order: question, answer, the evaluator's score and note."""
    t, v, weights = ws.template, r.vendor, ws.weights()
    scores = ws.session.scores.get(v.vid, {})
    notes = ws.session.notes.get(v.vid, {})
    out: list[str] = []
    for i, section in enumerate(t.sections, start=1):
        cid = section.criterion
        out += [heading(3, f"{i}. {section.title or section.id}"), ""]
        line = f"Criterion: {one_line(t.criterion_title(cid))}, weight {_number(weights.get(cid, 0))}"
        if cid in r.criteria:
            line += f"; score {score(r.criteria[cid].score)} / {t.scale} ({r.criteria[cid].source})"
        out += [line, ""]
        for j, q in enumerate(section.questions, start=1):
            out += [heading(4, f"{i}.{j} {q.id}"), ""]
            out += [f"**Question** (weight {_number(q.weight)}): {one_line(q.text)}", ""]
            if q.guidance.strip():
                out += [f"*Scoring guidance:* {one_line(q.guidance)}", ""]
            out += ["**Answer:**", ""]
            for para in paragraphs(v.answers.get(q.id, "")) or ["*No answer given.*"]:
                out += [para, ""]
            given = scores.get(q.id)
            out += ["**Score:** " + (f"{_number(given)} / {t.scale}" if given is not None else "not scored"), ""]
            note = paragraphs(notes.get(q.id, ""))
            if note:
                note[0] = f"**Note:** {note[0]}"
                out += [x for para in note for x in (para, "")]
    known = set(t.question_ids())
    extra = [qid for qid in v.answers if qid not in known]
    if extra:
        out += [heading(3, "Answers to questions not in this template"), ""]
        for qid in extra:
            out += [f"**{one_line(qid)}:**", ""]
            out += [x for para in paragraphs(v.answers[qid]) or ["*No answer given.*"] for x in (para, "")]
    return out


def _criteria(ws, r: Ranked) -> list[str]:
    t, weights = ws.template, ws.weights()
    weight_sum = math.fsum(weights.values())
    rows = []
    for cid, cs in r.criteria.items():
        w = weights.get(cid, 0)
        minimum = t.criteria[cid].minimum if cid in t.criteria else None
        rows.append([
            t.criterion_title(cid), _number(w), f"{100 * w / weight_sum:.1f}%" if weight_sum else "",
            f"{score(cs.score)} / {t.scale}", cs.source,
            "" if cs.source == "auto" else f"{cs.scored_questions} of {cs.questions}",
            "" if minimum is None else _number(minimum),
        ])
    return table(["Criterion", "Weight", "Share", "Score", "Source", "Questions scored", "Minimum"], rows)


def _check(req) -> str:
    parts = []
    if req.certification is not None:
        parts.append(f"certification: {req.certification}")
    if req.region is not None:
        parts.append(f"region: {req.region}")
    return "; ".join(parts) or "evaluator decides"


def _portfolio(ws) -> list[str]:
    p, cur = ws.portfolio, ws.portfolio.currency
    rows = [[str(b.age), money(b.balance, cur), f"{b.accounts:,}"] for b in p.buckets]
    rows.append([Md("**Total**"), money(p.total_balance, cur), f"{p.total_accounts:,}"])
    name = one_line(p.name) or "Unnamed portfolio"
    lines = [f"{name}, in {one_line(p.currency)}, over {ws.template.horizon_months} months.", ""]
    return lines + table(["Age (days past due)", "Balance", "Accounts"], rows)


def _money_breakdown(ws, r: Ranked) -> list[str]:
    cur, p = ws.portfolio.currency, r.projection
    buyer = r.vendor.is_debt_buyer
    rows = [
        [str(b.age), money(b.balance, cur), rate(b.recovery_rate), rate(b.contingency_rate),
         money(b.gross, cur), money(b.fees, cur), money(b.fixed, cur), money(b.net, cur)]
        for b in p.buckets
    ]
    rows.append([Md("**Total**"), money(ws.portfolio.total_balance, cur), "", "",
                 money(p.gross, cur), money(p.fees, cur), money(p.fixed, cur), Md(f"**{cell(money(p.net, cur))}**")])
    lines = table(["Age (days past due)", "Balance", "Purchase price" if buyer else "Recovery rate",
                   "Contingency", "Gross", "Fees", "Fixed", "Net"], rows)
    lines.append("")
    if buyer:
        lines.append("A debt buyer pays the purchase price once, up front: gross and net are that price, with no "
                     "fees or running costs, whatever is later recovered. There is no cost ratio or break-even rate.")
    else:
        lines.append(f"Cost ratio (fees and fixed costs / gross): {_ratio(p.cost_ratio)}. "
                     f"Break-even recovery rate: {_break_even(r)}.")
    return lines


# --- The shortlist report ------------------------------------------------------------------


def shortlist_document(ws, ranked: Sequence[Ranked], today: date, analysis: "AnalysisResult | None" = None) -> str:
    """The business case: who is shortlisted and why, who is out and why, the money."""
    t, p, cur = ws.template, ws.portfolio, ws.portfolio.currency
    shortlist = [r for r in ranked if r.shortlisted]
    knocked = [r for r in ranked if not r.eligible]
    todo = [r for r in ranked if r.pending or r.unscored_questions]
    out = [heading(1, "Shortlist and business case"), ""]
    out += [
        f"- **Date:** {today.isoformat()}",
        f"- **Evaluator(s):** {one_line(ws.session.evaluator) or 'not recorded'}",
        f"- **RFP:** {one_line(t.title)}, {one_line(_version(t))} (template {one_line(t.id)})",
        f"- **Portfolio:** {one_line(p.name) or 'unnamed'}, {one_line(money(p.total_balance, cur))} "
        f"in {p.total_accounts:,} accounts",
        f"- **Horizon:** {t.horizon_months} months",
        f"- **Vendors compared:** {len(ranked)}, for a shortlist of {t.shortlist}",
        "",
        heading(2, "Summary"), "",
    ]
    out += [_summary(t, ranked), ""]
    out += [heading(2, "Portfolio"), ""] + _portfolio(ws)
    out += ["", heading(2, "Weights"), ""] + _weights(ws)
    out += ["", f"Scores run 0 to {t.scale}; the total is the weighted mean on 0 to 100.", ""]

    out += [heading(2, "Ranking"), ""]
    out += table(["Rank", "Vendor", "Kind", "Total", "Net recovery", "Status"], [
        [str(r.rank), _link(r), _kind(r.vendor), f"{r.total:.1f}", money(r.projection.net, cur), r.status]
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
            f"(gross {one_line(money(r.projection.gross, cur))}, cost ratio {_ratio(r.projection.cost_ratio)}, "
            f"break-even {_break_even(r)})",
            f"- **Strongest criteria:** {_strongest(ws, r)}",
        ]
        if r.incomplete or r.unscored_questions:
            out.append(f"- **Still open:** {_open_items(r)}")
        out.append("")
    out += [heading(2, "Knocked out"), ""]
    if not knocked:
        out += ["No vendor is knocked out.", ""]
    for r in knocked:
        out.append(f"- **{one_line(r.vendor.name)}** (rank {r.rank}, total {r.total:.1f}):")
        out += [f"  - {_knockout_reason(ws, r, item)}" for item in r.knocked_out_by]
    if knocked:
        out.append("")

    out += [heading(2, "Money"), ""]
    out += table(["Vendor", "Gross", "Fees", "Fixed", "Net", "Cost ratio", "Break-even"], [
        [r.vendor.name, *(money(x, cur) for x in (r.projection.gross, r.projection.fees, r.projection.fixed,
                                                   r.projection.net)),
         _ratio(r.projection.cost_ratio), _break_even(r)]
        for r in ranked
    ])
    out += ["", f"Over {t.horizon_months} months, with each vendor's own recovery rates by age. "
            "Net = gross - fees - fixed. The break-even rate is the portfolio-wide recovery rate below "
            "which net is negative (the OpEx tipping point). A debt buyer's gross and net are its "
            "purchase price, paid up front.", ""]
    out += [heading(2, "Net recovery at portfolio-wide recovery rates"), ""]
    out += table(["Vendor"] + [f"{rate(x, 0)} recovered" for x in SCENARIO_RATES], [
        [r.vendor.name] + [money(net_at_rate(r.vendor, p, t.horizon_months, x), cur) for x in SCENARIO_RATES]
        for r in ranked
    ])
    out += ["", "What each vendor would leave you if the whole portfolio recovered at that rate, under its "
            "fee structure; a debt buyer's is its purchase price whatever the rate.", ""]

    if analysis is not None:
        shortlisted = {r.id for r in shortlist}
        from vendortui.core.analysis import to_markdown as analysis_markdown

        out += [analysis_markdown(analysis, cur, level=2, sections=("size", "weights", "monte_carlo"),
                                  pair_filter=lambda tp: tp.a in shortlisted or tp.b in shortlisted).rstrip(), ""]

    out += [heading(2, "Still to score"), ""]
    if not todo:
        out += ["Nothing: every requirement is decided and every question scored.", ""]
    for r in todo:
        out.append(f"- **{one_line(r.vendor.name)}** (rank {r.rank}):")
        out += [f"  - {item}" for item in _todo_items(ws, r)]
    if todo:
        out.append("")
    if ws.problems:
        out += [heading(2, "Files left out"), "", "These files have problems and are not in this report:", ""]
        out += [f"- {one_line(_problem(pr))}" for pr in ws.problems]
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
                           f"for {t.shortlist} places.")
    else:
        summary.append("No vendor is eligible: there is no shortlist.")
    if knocked:
        summary.append(f"Knocked out: {_names(knocked)}.")
    if todo:
        summary.append(f"{len(todo)} of {len(ranked)} vendors still have items to score or decide, "
                       "so totals and the shortlist may change.")
    else:
        summary.append("Every vendor is fully scored and decided.")
    return " ".join(summary)


def _weights(ws) -> list[str]:
    t, weights = ws.template, ws.weights()
    weight_sum = math.fsum(weights.values())
    rows = []
    for cid, w in weights.items():
        c = t.criteria.get(cid)
        rule = []
        if c is not None and c.auto:
            rule.append(f"auto: {c.auto.replace('_', ' ')}")
        if c is not None and c.minimum is not None:
            rule.append(f"minimum {_number(c.minimum)}")
        rows.append([t.criterion_title(cid), _number(w), f"{100 * w / weight_sum:.1f}%", ", ".join(rule)])
    return table(["Criterion", "Weight", "Share", "Rule"], rows)


def _names(ranked: Sequence[Ranked]) -> str:
    names = [one_line(r.vendor.name) for r in ranked]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _link(r: Ranked) -> Md:
    return Md(f"[{cell(r.vendor.name)}]({r.id}.md)")


def _strongest(ws, r: Ranked, count: int = 3) -> str:
    """The best-scored weighted criteria; ties go to the heavier weight, then template order."""
    weights = ws.weights()
    scored = [cs for cid, cs in r.criteria.items() if weights.get(cid, 0) > 0 and cs.source != "missing"]
    best = sorted(scored, key=lambda cs: (-cs.score, -weights[cs.id]))[:count]
    if not best:
        return "none scored yet"
    return ", ".join(f"{one_line(ws.template.criterion_title(cs.id))} ({score(cs.score)})" for cs in best)


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


def _knockout_reason(ws, r: Ranked, item: str) -> str:
    t = ws.template
    if item.startswith("criterion:"):
        cid = item.removeprefix("criterion:")
        cs = r.criteria[cid]
        minimum = t.criteria[cid].minimum
        return (f"{one_line(t.criterion_title(cid))} scored {score(cs.score)}, below the minimum of "
                f"{_number(minimum)} ({cs.source})")
    outcome = next((o for o in r.requirements if o.requirement.id == item), None)
    if outcome is None:
        return one_line(item)
    text = f" (requirement: {one_line(outcome.requirement.text)})" if outcome.requirement.text else ""
    return f"{one_line(item)}: {one_line(outcome.reason)}{text}"


def _todo_items(ws, r: Ranked) -> list[str]:
    t = ws.template
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
    return str(Problem(Path(problem.path).name, problem.line, problem.key, problem.message))


# --- Entry points --------------------------------------------------------------------------


def export_documents(
    ws, ranked: Sequence[Ranked] | None = None, today: date | None = None, runs: int = EXPORT_RUNS, seed: int = 0
) -> dict[str, str]:
    """File name -> Markdown: `<id>.md` for every ranked vendor in rank order, then shortlist.md.

    shortlist.md carries the analysis (tipping points, weight flips, a Monte Carlo of `runs`
    draws with a fixed `seed`, so the same review always exports the same document).

    A vendor whose id is `shortlist` would overwrite the report: that is a data problem
    (exit 1) naming the vendor's file, not a silent loss.
    """
    if ranked is None:
        ranked = ws.rank()
    today = today or date.today()
    clash = [r for r in ranked if f"{r.id}.md" == SHORTLIST_FILE]
    if clash:
        path = str(ws.vendor_paths.get(clash[0].id, f"{clash[0].id}.toml"))
        raise ProblemsError([Problem(path, 0, "id", f"vendor id {clash[0].id!r} clashes with the export's "
                                     f"{SHORTLIST_FILE}; give the vendor another id")])
    docs = {f"{r.id}.md": vendor_document(ws, r, len(ranked), today) for r in ranked}
    from vendortui.core.analysis import analyze_ranking

    result = analyze_ranking(ws.template, ws.portfolio, ws.vendors, ws.evaluation(), ranked, runs, seed)
    docs[SHORTLIST_FILE] = shortlist_document(ws, ranked, today, result)
    return docs


def write_export(ws, out: Path, today: date | None = None) -> list[Path]:
    """Write every document into `out` (created if missing), each atomically; return the paths.

    Our files are overwritten; other files in the folder are left as they are.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"not a folder: {out}")
    docs = export_documents(ws, today=today)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in docs.items():
        path = out / name
        _replace(path, text)
        written.append(path)
    return written


def _replace(path: Path, text: str) -> None:
    """Write atomically, keeping the mode a plain write would give.

    `atomic_write` renames a `mkstemp` file, which is private (0600); a report is meant to
    be shared, so the file keeps its existing mode, or gets the umask default when new
    (`touch` creates it with that mode, without touching the process umask).
    """
    path.touch()
    mode = stat.S_IMODE(path.stat().st_mode)
    atomic_write(path, text)
    os.chmod(path, mode)
