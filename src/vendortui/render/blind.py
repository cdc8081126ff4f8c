"""The blind export (SPEC "Panel review", `blind`): the review is already under aliases
(`core.blinding`: names replaced in the answers, money masked), so this writes `vendor-a.md`...
and a `shortlist.md` of scores and statuses only: no fees, recoveries, portfolio balances or
business case, and no figure in a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vendortui.core.evaluation import Evaluation
from vendortui.core.masking import mask
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.render.formatting import score
from vendortui.render.labels import kind_label, status_label, version_label
from vendortui.render.markdown import heading, one_line, quoted, table

SHORTLIST_FILE = "shortlist.md"


def file_name(key: str) -> str:
    """"vendor-a" -> "vendor-a.md"."""
    return f"{key}.md"


def hidden(text: str) -> str:
    """Our own text about a vendor (a knock-out reason quoting a figure), money masked."""
    return mask(text, figures=True)


def blind_documents(report: Report, today: date) -> dict[str, str]:
    """File name -> Markdown: `vendor-a.md`... in rank order, then shortlist.md."""
    review, ranked = report.evaluation, report.ranked
    docs = {file_name(r.id): _vendor(review, r, len(ranked), today) for r in ranked}
    docs[SHORTLIST_FILE] = _shortlist(review, ranked, today)
    return docs


def _vendor(review: Evaluation, r: Ranked, count: int, today: date) -> str:
    t, v = review.template, r.vendor
    name = v.name
    out = [heading(1, f"Filled RFP: {name}"), "",
           f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))}",
           f"- **Exported:** {today.isoformat()} (blind: names and money figures hidden)",
           f"- **Rank:** {r.rank} of {count}, {one_line(hidden(status_label(r, t)))}; total {r.total:.1f} / 100",
           f"- **Kind:** {kind_label(v)}", "", heading(2, "Answers"), ""]
    scores = review.session.scores.get(v.vid, {})
    for i, section in enumerate(t.sections, start=1):
        out += [heading(3, f"{i}. {section.title or section.id}"), ""]
        for j, q in enumerate(section.questions, start=1):
            out += [heading(4, f"{i}.{j} {q.id}"), "", f"**Question:** {one_line(q.text)}", "", "**Answer:**", ""]
            out += [*(quoted(v.answers.get(q.id, "")) or ["*No answer given.*"]), ""]
            given = scores.get(q.id)
            out += ["**Score:** " + (f"{score(given)} / {t.scale}" if given is not None else "not scored"), ""]
    out += [heading(2, "Requirements"), ""]
    out += table(["Requirement", "Outcome"], [[o.requirement.id, o.status] for o in r.requirements]) or ["None."]
    out += ["", heading(2, "Criterion scores"), ""]
    out += table(["Criterion", "Score", "Source"], [
        [t.criterion_title(cid), f"{score(cs.score)} / {t.scale}", cs.source] for cid, cs in r.criteria.items()
    ])
    return "\n".join(out).rstrip("\n") + "\n"


def _shortlist(review: Evaluation, ranked: Sequence[Ranked], today: date) -> str:
    t = review.template
    out = [heading(1, "Shortlist (blind)"), "",
           f"- **Date:** {today.isoformat()}",
           f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))}",
           "- **Blind:** vendors are shown as Vendor A, B... in an order drawn for this review; no money "
           "figure is shown.", "",
           heading(2, "Ranking"), ""]
    out += table(["Rank", "Vendor", "Kind", "Total", "Status"], [
        [str(r.rank), r.vendor.name, kind_label(r.vendor), f"{r.total:.1f}", hidden(status_label(r, t))]
        for r in ranked
    ])
    return "\n".join(out).rstrip("\n") + "\n"
