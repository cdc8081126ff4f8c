"""Time value and evidence in `shortlist.md` (SPEC "Time value and evidence"): which rates the
figures rest on ("claimed" or "evidenced"), cash by month with npv and payback, and how much
of each claim its evidence shows. Every figure is the report's; this module only writes it.
"""

from __future__ import annotations

from vendortui.core.report import Report
from vendortui.render.cash import table_months
from vendortui.render.formatting import money, rate
from vendortui.render.labels import payback_words
from vendortui.render.markdown import heading, one_line, table


def rates_line(report: Report) -> list[str]:
    """The header line that says which rates every figure of the document is on: claimed or
    evidenced (none without [evidence], where only the claims exist)."""
    evidence = report.evaluation.terms.evidence
    if report.evidenced and evidence is not None:
        return [f"- **Rates:** evidenced: each vendor's claimed rates weighed by its similar portfolios "
                f"(n / (n + {evidence.k:g})), the rest the median claim of the vendors compared"]
    if evidence is not None:
        return ["- **Rates:** claimed by the vendors (the evidenced figures are beside them; `--evidence` ranks on those)"]
    return []


def time_sections(report: Report) -> list[str]:
    """Cash by month of every vendor (with [timing]) and the evidence behind each claim (with
    [evidence]); nothing without those tables."""
    out: list[str] = []
    timing, cur = report.timing, report.currency
    if timing is not None and report.cash:
        months = table_months(report.horizon)
        out += [heading(2, "Cash by month"), ""]
        out += table(["Vendor", *(f"Month {m}" for m in months), "NPV", "Pays back"], [
            [name, *(money(cash.cumulative[m], cur) for m in months), money(cash.npv, cur),
             payback_words(cash.payback_month)]
            for _, name, cash in report.cash
        ], right=range(1, len(months) + 2))
        out += ["", f"Cumulative net at the end of each month on {report.rates_basis} rates, each vendor's recovery "
                "spread along its liquidation curve (its own, else the template's, else evenly over the months "
                "its rates were measured over); setup costs and a debt buyer's price at month 0. NPV discounts "
                f"each month at {rate(timing.discount_rate)} a year; a vendor pays back in the first month its "
                "running net is above zero.", ""]
    evidence = report.evaluation.terms.evidence
    if evidence is not None:
        out += [heading(2, "Claims and their evidence"), ""]
        rows = []
        for r in report.ranked:
            p = r.projection
            weight = "firm bid" if p.evidence_weight is None else rate(p.evidence_weight, 0)
            similar = "" if r.vendor.is_debt_buyer else str(r.vendor.performance.similar_portfolios)
            rows.append([r.vendor.name, similar, weight, money(p.net, cur), money(p.evidenced_net or 0.0, cur)])
        net_label = "Net (evidenced)" if report.evidenced else "Net (claimed)"
        out += table(["Vendor", "Similar portfolios", "Weight of the claim", net_label, "Evidenced net"], rows,
                     right=(1, 2, 3, 4))
        out += ["", one_line(f"A claim with n comparable placements weighs n / (n + {evidence.k:g}); the rest of each "
                             "rate is the median claim of the vendors compared for that age. A debt buyer's price is "
                             "a firm bid, not a claim."), ""]
    return out


def rates_assumption(report: Report) -> str:
    """The rates the figures rest on, as an assumption: "each vendor's own recovery rates by age"..."""
    said = ("each vendor's recovery rates by age weighed by its evidence" if report.evidenced
            else "each vendor's own recovery rates by age")
    if report.timing is not None:
        said += f", collected along its liquidation curve (NPV at {rate(report.timing.discount_rate)} a year)"
    return said
