"""The filled RFP of one vendor (`<id>.md`): facts, portfolio, answers, scores, money.

Pure string building, no Rich or Textual: the documents are read in git diffs, on code
hosts and pasted into wikis, so they must render the same everywhere. Everything a vendor
or an evaluator typed is untrusted: it goes through `vendortui.render.markdown`, so that an
answer can never break a table, open a heading, a list or a code block, inject HTML, a link
or a remote image.
"""

from __future__ import annotations

import math
from datetime import date

from vendortui.core.evaluation import Evaluation
from vendortui.core.models import ALL_AGES, Band, Requirement, Vendor
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.core.session_models import Override
from vendortui.render.formatting import money, rate, score, unit_money
from vendortui.render.labels import (
    break_even_label,
    cost_ratio_label,
    currency_label,
    evidence_label,
    kind_label,
    number,
    staff_label,
    status_label,
    time_label,
    version_label,
)
from vendortui.render.markdown import Md, cell, heading, one_line, paragraphs, quoted, table
from vendortui.render.panels import question_panel_lines


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


def vendor_document(report: Report, r: Ranked, today: date) -> str:
    """One vendor's filled RFP: facts, portfolio, every answer with its score, the evaluation."""
    review, count = report.evaluation, len(report.ranked)
    t, v = review.template, r.vendor
    out = [heading(1, f"Filled RFP: {v.name}"), ""]
    out += [
        f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))} (template {one_line(t.id)})",
        f"- **Evaluator(s):** {one_line(review.session.evaluator) or 'not recorded'}",
        f"- **Exported:** {today.isoformat()}",
        f"- **Rank:** {r.rank} of {count}, {one_line(status_label(r, t, review.currency))}; total {r.total:.1f} / 100",
        "",
        heading(2, "Vendor"), "",
    ]
    out += table(["Field", "Value"], [
        ["Name", v.name], ["Id", v.vid], ["Kind", kind_label(v)], ["Summary", v.summary.strip() or "not given"],
        ["Regions", ", ".join(v.regions) or "none given"],
        ["Certifications", ", ".join(v.certifications) or "none given"],
        ["Contact", v.contact.strip() or "not given"],
    ])
    out += ["", heading(2, "Fees"), ""] + _fees(v, review.portfolio.currency)
    quoted_in = currency_label(v, review.portfolio.currency, review.terms.fx)
    if quoted_in:
        out += ["", one_line(quoted_in) + ": the amounts above are converted."]
    out += ["", heading(2, "Performance on similar portfolios"), ""] + _performance(v)
    out += ["", heading(2, "Portfolio"), ""] + portfolio_lines(review)
    out += ["", heading(2, "Answers"), ""] + _answers(review, r)
    out += [heading(2, "Requirements"), ""]
    if r.requirements:
        notes = review.session.requirement_notes.get(r.vendor.vid, {})
        overrides = review.session.overrides.get(r.vendor.vid, {})
        out += table(["Requirement", "Text", "Check", "Outcome", "Reason", "Note"], [
            [o.requirement.id, o.requirement.text, _check(o.requirement), o.status,
             _reason(o.reason, overrides.get(o.requirement.id) if o.requirement.automatic else None),
             notes.get(o.requirement.id, "")]
            for o in r.requirements
        ])
    else:
        out += ["The template has no requirements."]
    out += ["", heading(2, "Criterion scores"), ""] + _criteria(review, r)
    out += ["", f"Total: {r.total:.1f} / 100.", ""]
    out += [heading(2, "Money"), ""] + _money_breakdown(review, r)
    return "\n".join(out).rstrip("\n") + "\n"


def _reason(reason: str, override: Override | None) -> str:
    """An override says who made it and when, so a stakeholder can ask them."""
    if override is None:
        return reason
    who = [part for part in (override.by, override.at.date().isoformat() if override.at else "") if part]
    return f"{reason} ({', '.join(who)})" if who else reason


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


def _answers(review: Evaluation, r: Ranked) -> list[str]:
    """Every section and question in template order: question, answer, the evaluator's score and note."""
    t, v, weights = review.template, r.vendor, review.weights()
    scores = review.session.scores.get(v.vid, {})
    notes = review.session.notes.get(v.vid, {})
    out: list[str] = []
    for i, section in enumerate(t.sections, start=1):
        cid = section.criterion
        out += [heading(3, f"{i}. {section.title or section.id}"), ""]
        line = f"Criterion: {one_line(t.criterion_title(cid))}, weight {number(weights.get(cid, 0))}"
        if cid in r.criteria:
            line += f"; score {score(r.criteria[cid].score)} / {t.scale} ({r.criteria[cid].source})"
        out += [line, ""]
        for j, q in enumerate(section.questions, start=1):
            out += [heading(4, f"{i}.{j} {q.id}"), ""]
            out += [f"**Question** (weight {number(q.weight)}): {one_line(q.text)}", ""]
            if q.guidance.strip():
                out += [f"*Scoring guidance:* {one_line(q.guidance)}", ""]
            out += ["**Answer:**", ""]
            out += [*(quoted(v.answers.get(q.id, "")) or ["*No answer given.*"]), ""]
            given = scores.get(q.id)
            out += ["**Score:** " + (f"{number(given)} / {t.scale}" if given is not None else "not scored"), ""]
            if review.panel is not None:  # the members' notes are in its table: no merged note again
                out += question_panel_lines(review.panel, v.vid, q.id)
                continue
            note = paragraphs(notes.get(q.id, ""))
            if note:
                note[0] = f"**Note:** {note[0]}"
                out += [x for para in note for x in (para, "")]
    known = set(t.question_ids())
    extra = [qid for qid in v.answers if qid not in known]
    if extra:
        out += [heading(3, "Answers to questions not in this template"), ""]
        for qid in extra:  # the id is the vendor's: plain text, never a bold label like ours
            out += [f"Answer given for {one_line(qid)}:", ""]
            out += [*(quoted(v.answers[qid]) or ["*No answer given.*"]), ""]
    return out


def _criteria(review: Evaluation, r: Ranked) -> list[str]:
    t, weights = review.template, review.weights()
    weight_sum = math.fsum(weights.values())
    rows = []
    for cid, cs in r.criteria.items():
        w = weights.get(cid, 0)
        minimum = t.criteria[cid].minimum if cid in t.criteria else None
        rows.append([
            t.criterion_title(cid), number(w), f"{100 * w / weight_sum:.1f}%" if weight_sum else "",
            f"{score(cs.score)} / {t.scale}", cs.source,
            "" if cs.source == "auto" else f"{cs.scored_questions} of {cs.questions}",
            "" if minimum is None else number(minimum),
        ])
    return table(["Criterion", "Weight", "Share", "Score", "Source", "Questions scored", "Minimum"], rows)


def _check(req: Requirement) -> str:
    parts = []
    if req.certification is not None:
        parts.append(f"certification: {req.certification}")
    if req.region is not None:
        parts.append(f"region: {req.region}")
    return "; ".join(parts) or "evaluator decides"


def portfolio_lines(review: Evaluation) -> list[str]:
    p, cur = review.portfolio, review.portfolio.currency
    rows = [[str(b.age), money(b.balance, cur), f"{b.accounts:,}"] for b in p.buckets]
    rows.append([Md("**Total**"), money(p.total_balance, cur), f"{p.total_accounts:,}"])
    name = one_line(p.name) or "Unnamed portfolio"
    lines = [f"{name}, in {one_line(p.currency)}, over {review.template.horizon_months} months.", ""]
    return lines + table(["Age (days past due)", "Balance", "Accounts"], rows)


def _money_breakdown(review: Evaluation, r: Ranked) -> list[str]:
    cur, p = review.portfolio.currency, r.projection
    buyer = r.vendor.is_debt_buyer
    rows = [
        [str(b.age), money(b.balance, cur), rate(b.recovery_rate), rate(b.contingency_rate),
         money(b.gross, cur), money(b.fees, cur), money(b.fixed, cur), money(b.net, cur)]
        for b in p.buckets
    ]
    rows.append([Md("**Total**"), money(review.portfolio.total_balance, cur), "", "",
                 money(p.gross, cur), money(p.fees, cur), money(p.fixed, cur), Md(f"**{cell(money(p.net, cur))}**")])
    lines = table(["Age (days past due)", "Balance", "Purchase price" if buyer else "Recovery rate",
                   "Contingency", "Gross", "Fees", "Fixed", "Net"], rows)
    lines.append("")
    staff = staff_label(r.vendor, p, review.template.horizon_months, cur)
    if staff:
        lines += [f"Fixed costs include {one_line(staff)}.", ""]
    if buyer:
        lines.append("A debt buyer pays the purchase price once, up front: gross and net are that price, with no "
                     "fees or running costs, whatever is later recovered. There is no cost ratio or break-even rate.")
    else:
        lines.append(f"Cost ratio (fees and fixed costs / gross): {cost_ratio_label(p.cost_ratio)}. "
                     f"Break-even recovery rate: {break_even_label(r)}.")
    extra = [line for line in (time_label(p, cur), evidence_label(r, cur)) if line]
    if extra:  # with [timing] the rates above are what arrives within the horizon
        lines += ["", *(f"{one_line(line)}." for line in extra)]
    return lines
