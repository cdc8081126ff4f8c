"""The opening of `shortlist.md`: the board page (`render.board`) with the assumptions behind
its figures, then the business case in seed 000's order.

1. What involuntary churn costs: the lifetime value lost a year and the replacement cost.
2. What a grace period and better dunning keep before any placement (added to no vendor).
3. The recommended placement plan (over the shortlist and the status quo) and cut-off.
4. Each shortlisted vendor's net recovery, customers won back, retained value, business value
   and gain over today, with CAC avoided shown apart (it is not added).

Every LTV figure says what the LTV counts (`ltv_basis`).
"""

from __future__ import annotations

from vendortui.core.models import BusinessCase
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.render.board import board_page
from vendortui.render.formatting import money, rate
from vendortui.render.labels import LIFETIME_VALUE_LOST, gain_label, ltv_basis_label
from vendortui.render.markdown import heading, one_line, table
from vendortui.render.plans import strategy_markdown
from vendortui.render.timing import rates_assumption


def business_sections(report: Report) -> list[str]:
    figures, cur, names, rec = report.case, report.currency, report.names, report.recommendation
    out = [heading(2, "Step 1: what involuntary churn costs"), ""]
    if figures is None:
        out += ["No business case given: add `[business_case]` (involuntary churn a month, LTV, CAC, winback) to "
                "the template or portfolio file to value the customers each vendor keeps.", ""]
    else:
        case = figures.case
        out += table(["Measure", "A year", "How"], [
            [LIFETIME_VALUE_LOST, money(figures.revenue_at_risk, cur),
             f"{case.involuntary_churn_per_month:,.0f} subscribers a month x 12 x {_ltv(case, cur)}"],
            ["Replacement cost", money(figures.replacement_cost, cur),
             f"{case.involuntary_churn_per_month:,.0f} a month x 12 x CAC {money(case.cac, cur)}"],
        ], right=(1,)) + [""]
        out += ["The lifetime value of a year's subscribers lost to failed payments: what is at stake, not a "
                "year's revenue.", ""]
    out += [heading(2, "Step 2: grace period and dunning"), ""]
    if figures is None:
        out += ["No business case given: no churn for a grace period or better dunning to keep.", ""]
    elif figures.case.grace_cure == 0:
        out += [one_line("No grace period or dunning improvement is counted: set grace_cure in [business_case] (the "
                         "share of involuntary churn they keep before any placement) to value it."), ""]
    else:
        case = figures.case
        out += table(["Measure", "A year", "How"], [
            ["Subscribers kept by dunning", f"{figures.kept_by_dunning:,.0f}",
             f"{case.involuntary_churn_per_month:,.0f} a month x 12 x grace cure {rate(case.grace_cure, 0)}"],
            ["Dunning value", money(figures.dunning_value, cur),
             f"{figures.kept_by_dunning:,.0f} x {_ltv(case, cur)}"],
        ], right=(1,)) + [""]
        out += ["Kept before any account is placed, whoever is chosen: added to no vendor's value.", ""]
    out += [heading(2, "Step 3: placement plan and cut-off"), ""]
    if rec.strategy is None:
        out += [f"No plan: {one_line(rec.no_plan or 'nobody to place the book with')}.", ""]
    else:
        over = "the shortlisted vendors" + (" and today's arrangement" if rec.status_quo else "")
        out += strategy_markdown(rec.strategy, names, cur, over)
    out += [heading(2, "Step 4: what the shortlist brings"), ""]
    shortlist = report.shortlist
    if not shortlist:
        out += ["No vendor is eligible.", ""]
    elif figures is None:
        with_gain = rec.status_quo is not None
        out += table(["Vendor", "Net recovery", *(["Gain over today"] if with_gain else [])],
                     [[r.vendor.name, money(r.projection.net, cur), *_gain(r, cur, with_gain)] for r in shortlist],
                     right=(1, 2)) + [""]
    else:
        with_gain = rec.status_quo is not None
        rows = []
        for r in shortlist:
            b = r.business
            assert b is not None  # a case gives every ranked vendor its business figures
            rows.append([r.vendor.name, money(r.projection.net, cur), rate(report.winback(r.vendor) or 0.0, 0),
                         f"{b.won_back:,.0f}", money(b.retained_value, cur), money(b.business_value, cur),
                         *_gain(r, cur, with_gain), money(b.cac_avoided, cur)])
        out += table(["Vendor", "Net recovery", "Winback", "Customers won back", "Retained value", "Business value",
                      *(["Gain over today"] if with_gain else []), "CAC avoided (not added)"], rows,
                     right=range(1, 8)) + [""]
        out += [one_line(f"Business value = net recovery + customers won back x LTV ({ltv_basis_label(figures.case.ltv_basis)}); "
                "customers won back = accounts resolved x winback (a debt buyer resolves none: sold accounts leave). "
                "CAC avoided is what replacing those customers would have cost, shown apart so it is not counted "
                "twice."), ""]
    return out


def _ltv(case: BusinessCase, cur: str) -> str:
    """`LTV $420 (on revenue)`: every LTV figure says what it counts."""
    return f"LTV {money(case.ltv, cur)} ({ltv_basis_label(case.ltv_basis).removeprefix('LTV ')})"


def _gain(r: Ranked, cur: str, with_gain: bool) -> list[str]:
    if not with_gain:
        return []
    return [gain_label(r.gain_vs_status_quo, cur) if r.gain_vs_status_quo is not None else "n/a"]


def recommendation(report: Report, with_analysis: bool = True) -> list[str]:
    """The board page, with every assumption behind its figures after the verdict. Without the
    analysis, no tipping point is sought (the risk then says so)."""
    review, cur = report.evaluation, report.currency
    t, case = review.template, report.case.case if report.case else None
    assumptions = [f"a {t.horizon_months}-month horizon", rates_assumption(report),
                   f"the book of {money(review.portfolio.total_balance, cur)} in {review.portfolio.total_accounts:,} accounts"]
    if review.terms.collector_cost is not None:
        assumptions.append(f"our collectors at {money(review.terms.collector_cost, cur)} a year")
    if case is not None:
        assumptions.append(_case_assumptions(case, cur))
    return board_page(report, with_analysis, "Assumptions: " + "; ".join(assumptions) + ".")


def _case_assumptions(case: BusinessCase, cur: str) -> str:
    return (f"{case.involuntary_churn_per_month:,.0f} subscribers lost to failed payments a month, "
            f"{_ltv(case, cur)}, CAC {money(case.cac, cur)}, and {rate(case.winback, 0)} of resolved accounts "
            "staying customers unless the vendor gives its own winback")
