"""The board page that opens `shortlist.md` (SPEC "The recommendation (what a CFO signs)"): the
recommendation with its gain over today, a table of the shortlisted vendors, the plan over the
shortlist and what the plan over every eligible vendor would add, and the three largest risks.

It only formats `core.recommend.Recommendation` and the ranking: every figure is the core's.
Vendor names are untrusted: every one goes through `one_line` or a table cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vendortui.core.analysis import TippingPoint
from vendortui.core.models import BusinessCase
from vendortui.core.recommend import OpenItems, Recommendation
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.render.formatting import money, rate
from vendortui.render.labels import gain_label, ltv_basis_label
from vendortui.render.markdown import heading, one_line, table
from vendortui.render.plans import against_all, plan_sentence


def board_page(report: Report, analysed: bool = True, assumptions: str = "") -> list[str]:
    """The page a board reads first. `analysed`: look for tipping points near today's book
    (the report's analysis); `assumptions`: a sentence after the verdict."""
    rec, names, currency = report.recommendation, report.names, report.currency
    case = report.case.case if report.case is not None else None
    rows = {r.id: r for r in report.ranked}
    near = report.near_tipping if analysed else None
    out = [heading(2, "Recommendation"), ""]
    verdict = _verdict(rec, rows, names, currency, case, report.horizon)
    out += [one_line(" ".join([*verdict, *([assumptions] if assumptions else [])])), ""]
    out += [heading(3, "The shortlist"), ""]
    if rec.shortlist:
        with_gain = rec.status_quo is not None
        header = ["Rank", "Vendor", "Value", *(["Gain over today"] if with_gain else []), "Still open"]
        items = {o.vendor: o for o in rec.open_items}
        body = []
        for vid in rec.shortlist:
            r = rows[vid]
            gain = [gain_label(r.gain_vs_status_quo, currency)] if with_gain and r.gain_vs_status_quo is not None else []
            body.append([str(r.rank), names.get(vid, vid), money(r.value, currency), *gain, _open(items[vid])])
        out += table(header, body, right=(0, 2, *([3] if with_gain else []))) + [""]
        out += [one_line(_value_note(rec, rows, names, currency, case)), ""]
    else:
        out += ["No vendor is shortlisted: none is eligible with a value of 0 or more.", ""]
    out += [heading(3, "The plan"), ""]
    out += [one_line(_plan(rec, names, currency)), ""]
    out += [heading(3, "Three largest risks"), ""]
    out += [f"- {one_line(text)}" for text in _risks(rec, rows, names, currency, near)]
    return out + [""]


def _verdict(
    rec: Recommendation, rows: Mapping[str, Ranked], names: Mapping[str, str], currency: str,
    case: BusinessCase | None, horizon: int,
) -> list[str]:
    losses = _losses(rec, rows, names, currency)
    if rec.choice is None:
        if any(r.eligible for r in rows.values()):
            return ["No recommendation: every eligible vendor loses money on this book.", *losses]
        return ["No recommendation: no vendor is eligible yet."]
    chosen = rows[rec.choice]
    what = "business value" if case is not None else "net recovery"
    parts = [f"Recommended: {names.get(rec.choice, rec.choice)} (rank {chosen.rank}, total {chosen.total:.1f} / 100), "
             f"{what} {money(chosen.value, currency)} over {horizon} months."]
    if rec.status_quo is not None and rec.gain is not None:
        today = names.get(rec.status_quo, rec.status_quo)
        if rec.choice == rec.status_quo:
            parts.append(f"That is today's arrangement: keep {today}.")
        elif rec.gain >= 0:
            parts.append(f"It brings {money(rec.gain, currency)} more than today's arrangement, {today} "
                         f"({money(rows[rec.status_quo].value, currency)}).")
        else:
            parts.append(f"It brings {money(-rec.gain, currency)} less than today's arrangement, {today} "
                         f"({money(rows[rec.status_quo].value, currency)}): the case for change rests on "
                         "what the totals weigh beyond money.")
    else:
        parts.append("No status quo is named (status_quo in the template or portfolio file), so no gain over "
                     "today is stated.")
    return parts + losses


def _losses(rec: Recommendation, rows: Mapping[str, Ranked], names: Mapping[str, str], currency: str) -> list[str]:
    """The eligible vendors the value gate keeps off the shortlist, with what each loses."""
    if not rec.losses:
        return []
    return ["Eligible but not shortlisted, because each loses money on this book: "
            + "; ".join(f"{names.get(v, v)} (rank {rows[v].rank}, loses {money(-rows[v].projection.net, currency)})"
                        for v in rec.losses) + "."]


def _value_note(
    rec: Recommendation, rows: Mapping[str, Ranked], names: Mapping[str, str], currency: str, case: BusinessCase | None
) -> str:
    value = ("Value is the business value: net recovery plus the customers won back x LTV "
             f"({money(case.ltv, currency)}, {ltv_basis_label(case.ltv_basis)})") if case is not None else \
        "Value is the net recovery"
    if rec.status_quo is not None:
        today = rows[rec.status_quo]
        value += (f"; the gain over today is that value less the value of {names.get(rec.status_quo, rec.status_quo)} "
                  f"({money(today.value, currency)})")
    return value + "."


def _open(items: OpenItems) -> str:
    parts = []
    if items.decisions:
        parts.append(f"{items.decisions} requirement decision{'s' if items.decisions != 1 else ''}")
    if items.criteria:
        parts.append(f"{items.criteria} criteri{'a' if items.criteria != 1 else 'on'} unscored")
    if items.questions:
        parts.append(f"{items.questions} question{'s' if items.questions != 1 else ''} to score")
    return ", ".join(parts) or "nothing"


def _plan(rec: Recommendation, names: Mapping[str, str], currency: str) -> str:
    if rec.strategy is None:
        return f"No plan: {rec.no_plan or 'nobody to place the book with'}."
    text = "Over the shortlist" + (" and today's arrangement" if rec.status_quo else "") + ": "
    text += plan_sentence(rec.strategy.best, names, currency)
    return " ".join([text, against_all(rec, names, currency)]).rstrip()


def _risks(
    rec: Recommendation, rows: Mapping[str, Ranked], names: Mapping[str, str], currency: str,
    near: Sequence[TippingPoint] | None,
) -> list[str]:
    """Three risks, in the same order every time: the winback claim, the size of the book, what
    is open. `near` None: the analysis was not run, so the size of the book is not assessed."""
    claim = rec.claim
    if claim is None:
        first = "Winback claims: no shortlisted vendor's value rests on a winback above the business case's default."
    elif claim.share >= 1:  # without the claim the vendor would lose money: say that, not a share over 100%
        who = names.get(claim.vendor, claim.vendor)
        value = rows[claim.vendor].value
        first = (f"Winback claim: all of {who}'s value ({money(value, currency)}) rests on its own claim that "
                 f"{rate(claim.own, 0)} of resolved accounts stay customers; at the {rate(claim.assumed, 0)} assumed "
                 f"for the others it would be {money(value - claim.resting, currency)}.")
    else:
        first = (f"Winback claim: {rate(claim.share, 0)} of {names.get(claim.vendor, claim.vendor)}'s value "
                 f"({money(claim.resting, currency)}) rests on its own claim that {rate(claim.own, 0)} of resolved "
                 f"accounts stay customers, against the {rate(claim.assumed, 0)} assumed for the others.")
    if near is None:
        second = "Size of the book: not assessed (no analysis in this report)."
    elif near:
        t = near[0]
        second = (f"Size of the book: at {t.scale:.2f}x today's book ({money(t.balance, currency)}), "
                  f"{names.get(t.a, t.a)} starts to net more than {names.get(t.b, t.b)}.")
        if len(near) > 1:
            second += f" {len(near) - 1} more tipping point{'s' if len(near) > 2 else ''} lie within 2x."
    else:
        second = ("Size of the book: no tipping point between eligible vendors within 2x of today's book; the "
                  "order of their nets holds from half to twice its size.")
    decisions = sum(o.decisions for o in rec.open_items)
    questions = sum(o.questions for o in rec.open_items)
    criteria = sum(o.criteria for o in rec.open_items)
    if decisions or questions or criteria:
        what = [f"{decisions} requirement decision{'s' if decisions != 1 else ''}"] * bool(decisions)
        what += [f"{criteria} criteri{'a' if criteria != 1 else 'on'} with no score"] * bool(criteria)
        what += [f"{questions} question{'s' if questions != 1 else ''} to score"] * bool(questions)
        third = (f"Open decisions: {', '.join(what)} on the shortlist; a requirement that fails knocks a vendor out, "
                 "and scores still to come can change the order.")
    elif rec.open_items:
        third = "Open decisions: none; every shortlisted vendor is fully scored and decided."
    else:
        third = "Open decisions: no vendor is shortlisted yet."
    return [first, second, third]
