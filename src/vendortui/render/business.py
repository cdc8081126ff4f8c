"""The opening of `shortlist.md`: the business case in seed 000's order, and a one-paragraph
recommendation that states its assumptions for a board reader who reads nothing else.

1. What involuntary churn costs: revenue at risk and replacement cost.
3. The recommended placement plan and cut-off.
4. Each shortlisted vendor's net recovery, customers won back, retained value and business
   value, with CAC avoided shown apart (it is not added).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vendortui.core.models import BusinessCase
from vendortui.core.report import Report
from vendortui.core.scoring import Ranked
from vendortui.render.formatting import money, rate
from vendortui.render.markdown import heading, one_line, table
from vendortui.render.plans import plan_sentence, strategy_markdown
from vendortui.render.timing import rates_assumption


def business_sections(report: Report) -> list[str]:
    figures, cur, names, plan = report.case, report.currency, report.names, report.placement
    out = [heading(2, "Step 1: what involuntary churn costs"), ""]
    if figures is None:
        out += ["No business case given: add `[business_case]` (involuntary churn a month, LTV, CAC, winback) to "
                "the template or portfolio file to value the customers each vendor keeps.", ""]
    else:
        case = figures.case
        out += table(["Measure", "A year", "How"], [
            ["Revenue at risk", money(figures.revenue_at_risk, cur),
             f"{case.involuntary_churn_per_month:,.0f} subscribers a month x 12 x LTV {money(case.ltv, cur)}"],
            ["Replacement cost", money(figures.replacement_cost, cur),
             f"{case.involuntary_churn_per_month:,.0f} a month x 12 x CAC {money(case.cac, cur)}"],
        ], right=(1,)) + [""]
    out += [heading(2, "Step 3: placement plan and cut-off"), ""]
    out += [f"No plan: {one_line(plan)}.", ""] if isinstance(plan, str) else strategy_markdown(plan, names, cur)
    out += [heading(2, "Step 4: what the shortlist brings"), ""]
    shortlist = report.shortlist
    if not shortlist:
        out += ["No vendor is eligible.", ""]
    elif figures is None:
        out += table(["Vendor", "Net recovery"], [[r.vendor.name, money(r.projection.net, cur)] for r in shortlist],
                     right=(1,)) + [""]
    else:
        rows = []
        for r in shortlist:
            b = r.business
            assert b is not None  # a case gives every ranked vendor its business figures
            rows.append([r.vendor.name, money(r.projection.net, cur), rate(report.winback(r.vendor) or 0.0, 0),
                         f"{b.won_back:,.0f}", money(b.retained_value, cur), money(b.business_value, cur),
                         money(b.cac_avoided, cur)])
        out += table(["Vendor", "Net recovery", "Winback", "Customers won back", "Retained value", "Business value",
                      "CAC avoided (not added)"], rows, right=(1, 2, 3, 4, 5, 6)) + [""]
        out += ["Business value = net recovery + customers won back x LTV; customers won back = accounts resolved x "
                "winback (a debt buyer resolves none: sold accounts leave). CAC avoided is what replacing those "
                "customers would have cost, shown apart so it is not counted twice.", ""]
    return out


def recommendation(report: Report) -> list[str]:
    """One paragraph: what to do, what it brings, and every assumption behind the figures."""
    review, ranked, plan = report.evaluation, report.ranked, report.placement
    t, cur, case = review.template, report.currency, report.case.case if report.case else None
    names: Mapping[str, str] = report.names
    leader = report.leader
    if leader is None:
        return [heading(2, "Recommendation"), "", "No vendor is eligible: no recommendation can be made yet.", ""]
    parts = [f"Shortlist {_names([r for r in ranked if r.shortlisted])}, led by {leader.vendor.name} "
             f"(total {leader.total:.1f} / 100, net recovery {money(leader.projection.net, cur)}"]
    if leader.business is not None:
        parts[-1] += f", business value {money(leader.business.business_value, cur)}"
    parts[-1] += ")."
    if not isinstance(plan, str) and len(plan.best.segments) > 1:
        parts.append(f"Place the book as a waterfall: {plan_sentence(plan.best, names, cur)}")
    assumptions = [f"a {t.horizon_months}-month horizon", rates_assumption(report),
                   f"the book of {money(review.portfolio.total_balance, cur)} in {review.portfolio.total_accounts:,} accounts"]
    if review.terms.collector_cost is not None:
        assumptions.append(f"our collectors at {money(review.terms.collector_cost, cur)} a year")
    if case is not None:
        assumptions.append(_case_assumptions(case, cur))
    parts.append("Assumptions: " + "; ".join(assumptions) + ".")
    open_items = sum(1 for r in ranked if r.shortlisted and (r.incomplete or r.unscored_questions))
    if open_items:
        parts.append(f"{open_items} of the shortlisted vendors still have questions to score or requirements to decide.")
    return [heading(2, "Recommendation"), "", one_line(" ".join(parts)), ""]


def _case_assumptions(case: BusinessCase, cur: str) -> str:
    return (f"{case.involuntary_churn_per_month:,.0f} subscribers lost to failed payments a month, LTV "
            f"{money(case.ltv, cur)}, CAC {money(case.cac, cur)}, and {rate(case.winback, 0)} of resolved accounts "
            "staying customers unless the vendor gives its own winback")


def _names(rs: Sequence[Ranked]) -> str:
    names = [r.vendor.name for r in rs]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
