"""Blind scoring (SPEC "Panel review", `blind`): vendors as "Vendor A", "Vendor B"... in id
order, their names replaced by the alias in their answers, and no money figure anywhere.

`export --blind` writes `vendor-a.md`... and a `shortlist.md` of scores and statuses only: no
fees, recoveries, portfolio balances or business case, and amounts in the answers are masked.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from datetime import date

from vendortui.core.evaluation import Evaluation
from vendortui.core.models import Vendor
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.render.formatting import score
from vendortui.render.labels import kind_label, status_label, version_label
from vendortui.render.markdown import heading, one_line, quoted, table

SHORTLIST_FILE = "shortlist.md"
AMOUNT = "[amount]"
# A money figure: a currency sign or code before or after a number ("$4,000", "£2.50",
# "USD 1.2m", "30,000 EUR", "12 dollars").
_MONEY = re.compile(
    r"(?i)(?:[$£€¥]\s?|\b(?:usd|gbp|eur|cad|aud|chf|jpy)\s?)\d[\d,.]*(?:\s?(?:k|m|bn|million|thousand|billion)\b)?"
    r"|\b\d[\d,.]*\s?(?:k|m|bn|million|thousand|billion)?\s?(?:usd|gbp|eur|cad|aud|chf|jpy|dollars?|pounds?|euros?|pence|cents?)\b"
    r"|\b\d[\d,.]*\s?(?:p|c)\b(?= per| a | an |/)"
)


def alias(index: int) -> str:
    """0 -> "Vendor A", 25 -> "Vendor Z", 26 -> "Vendor AA"."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return f"Vendor {letters}"


def aliases(ids: Sequence[str]) -> dict[str, str]:
    """Every vendor's alias, in id order (so an alias never depends on the ranking)."""
    return {vid: alias(i) for i, vid in enumerate(sorted(ids))}


def file_name(name: str) -> str:
    return name.lower().replace(" ", "-") + ".md"


# First words too common to stand for a vendor on their own ("Digital Recovery Ltd").
_GENERIC = frozenset({
    "the", "our", "your", "in-house", "in", "house", "digital", "secondary", "customer", "customers",
    "collection", "collections", "recovery", "recoveries", "capital", "payments", "payment", "national",
    "first", "global", "united", "credit", "debt", "legal", "group", "services",
})


def name_forms(name: str, vid: str) -> list[str]:
    """The ways an answer may name the vendor: its full name, its id, the name cut after two
    or more words ("Harbor Capital"), and a distinctive first word ("Harbor", also in
    "HarborPay"). Longest first, so the full name is replaced before its parts."""
    words = name.split()
    forms = {name, vid, vid.replace("-", " ")}
    forms.update(" ".join(words[:k]) for k in range(2, len(words)))
    for first in (words[0] if words else "", vid.split("-")[0]):
        if len(first) >= 4 and first.casefold() not in _GENERIC:
            forms.add(first)
    return sorted((f for f in forms if f.strip()), key=len, reverse=True)


def masked(text: str, names: Sequence[str], shown_as: str) -> str:
    """`text` with the vendor's names (`names`: its name, then its id) replaced by its alias
    and every money figure masked."""
    forms = name_forms(names[0], names[1]) if len(names) >= 2 else list(names)
    for form in forms:
        tail = r"\w*" if " " not in form else ""  # a name glued to a word: HarborPay
        text = re.sub(r"(?<!\w)" + re.escape(form) + tail, shown_as, text, flags=re.IGNORECASE)
    return _MONEY.sub(AMOUNT, text)


def blinded(vendor: Vendor, shown_as: str) -> Vendor:
    """The vendor as a blind review shows it: the alias for its name, its answers masked, and
    nothing that would name it (summary, contact, references)."""
    own = [vendor.name, vendor.vid]
    performance = vendor.performance.model_copy(update={"references": []})
    answers = {qid: masked(text, own, shown_as) for qid, text in vendor.answers.items()}
    return vendor.model_copy(update={"name": shown_as, "summary": "", "contact": "", "answers": answers,
                                     "performance": performance})


def blind_documents(report: Report, today: date) -> dict[str, str]:
    """File name -> Markdown: `vendor-a.md`... in rank order, then shortlist.md."""
    review, ranked = report.evaluation, report.ranked
    shown = aliases([r.id for r in ranked])
    docs = {file_name(shown[r.id]): _vendor(review, r, shown[r.id], len(ranked), today) for r in ranked}
    docs[SHORTLIST_FILE] = _shortlist(review, ranked, shown, today)
    return docs


def _vendor(review: Evaluation, r: Ranked, name: str, count: int, today: date) -> str:
    t, v = review.template, r.vendor
    own = [v.name, v.vid]
    out = [heading(1, f"Filled RFP: {name}"), "",
           f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))}",
           f"- **Exported:** {today.isoformat()} (blind: names and money figures hidden)",
           f"- **Rank:** {r.rank} of {count}, {one_line(masked(status_label(r, t), own, name))}; total {r.total:.1f} / 100",
           f"- **Kind:** {kind_label(v)}", "", heading(2, "Answers"), ""]
    scores = review.session.scores.get(v.vid, {})
    for i, section in enumerate(t.sections, start=1):
        out += [heading(3, f"{i}. {section.title or section.id}"), ""]
        for j, q in enumerate(section.questions, start=1):
            out += [heading(4, f"{i}.{j} {q.id}"), "", f"**Question:** {one_line(q.text)}", "", "**Answer:**", ""]
            out += [*(quoted(masked(v.answers.get(q.id, ""), own, name)) or ["*No answer given.*"]), ""]
            given = scores.get(q.id)
            out += ["**Score:** " + (f"{score(given)} / {t.scale}" if given is not None else "not scored"), ""]
    out += [heading(2, "Requirements"), ""]
    out += table(["Requirement", "Outcome"], [[o.requirement.id, o.status] for o in r.requirements]) or ["None."]
    out += ["", heading(2, "Criterion scores"), ""]
    out += table(["Criterion", "Score", "Source"], [
        [t.criterion_title(cid), f"{score(cs.score)} / {t.scale}", cs.source] for cid, cs in r.criteria.items()
    ])
    return "\n".join(out).rstrip("\n") + "\n"


def _shortlist(review: Evaluation, ranked: Sequence[Ranked], shown: dict[str, str], today: date) -> str:
    t = review.template
    out = [heading(1, "Shortlist (blind)"), "",
           f"- **Date:** {today.isoformat()}",
           f"- **RFP:** {one_line(t.title)}, {one_line(version_label(t))}",
           "- **Blind:** vendors are shown as Vendor A, B... in id order; no money figure is shown.", "",
           heading(2, "Ranking"), ""]
    out += table(["Rank", "Vendor", "Kind", "Total", "Status"], [
        [str(r.rank), shown[r.id], kind_label(r.vendor), f"{r.total:.1f}",
         masked(status_label(r, t), [r.vendor.name, r.id], shown[r.id])]
        for r in ranked
    ])
    return "\n".join(out).rstrip("\n") + "\n"
