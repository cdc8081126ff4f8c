"""The words for kinds, statuses and sources, and the figures every output spells alike.

One label per thing, used by the app, the command line's tables and the Markdown export,
so a debt buyer is "debt buyer" everywhere and a knock-out reads the same on every screen.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from vendortui.render.formatting import money, rate

if TYPE_CHECKING:  # the app's shell imports these labels before the models are built
    from vendortui.core.models import Kind, Template, Vendor
    from vendortui.core.money import Projection
    from vendortui.core.scoring import Ranked

KIND_LABELS: dict[Kind, str] = {
    "agency": "agency",
    "software": "software",
    "in_house": "in-house team",
    "debt_buyer": "debt buyer",
}

LIFETIME_VALUE_LOST = "Lifetime value lost a year"  # revenue_at_risk, named for what it is (not a year's revenue)

SOURCE_LABELS = {"questions": "scored", "desk": "desk", "auto": "auto", "missing": "missing"}


def kind_label(vendor: Vendor) -> str:
    return KIND_LABELS[vendor.kind]


def status_label(r: Ranked, template: Template, currency: str | None = None) -> str:
    """One line: shortlisted, eligible, or knocked out and why, in words; a loss-maker says
    what it loses (`currency` None: no figure, for a blind review)."""
    if not r.eligible:
        return "knocked out: " + "; ".join(knockout_label(item, r, template) for item in r.knocked_out_by)
    text = loss_label(r, currency) if r.loses else "shortlisted" if r.shortlisted else "eligible"
    return text + (" (incomplete)" if r.incomplete else "")


def loss_label(r: Ranked, currency: str | None, short: bool = False) -> str:
    """Why an eligible vendor is off the shortlist (or shortlisted by rank alone, with
    `shortlist_losses`): `eligible, loses $151,450 on this book; business value -$48,407`.
    Its value is below 0, so its net is too (retained value is never negative)."""
    head = "shortlisted" if r.shortlisted else "eligible"
    if currency is None:
        return f"{head}, loses money on this book"
    loss = money(-r.projection.net, currency)
    if short:
        return f"loses {loss}"
    worth = f"; business value {money(r.business.business_value, currency)}" if r.business is not None else ""
    return f"{head}, loses {loss} on this book{worth}"


def status_short(r: Ranked, template: Template, currency: str | None = None) -> str:
    """The status for a narrow column: `knocked out` by the first reason, `+N` for the rest."""
    if not r.eligible:
        first = knockout_short(r.knocked_out_by[0], r, template)
        more = len(r.knocked_out_by) - 1
        return first + (f" +{more}" if more else "")
    if r.loses:
        return loss_label(r, currency, short=True) if currency is not None else "loses money"
    return "shortlisted" if r.shortlisted else "eligible"


def gain_label(gain: float, currency: str) -> str:
    """A gain over today with its sign: `+$229,376`, `-$157,816`, `$0`."""
    shown = money(gain, currency)
    return shown if shown.startswith("-") or shown == money(0, currency) else "+" + shown


def ltv_basis_label(basis: str) -> str:
    """Said beside every LTV figure: what the lifetime value counts."""
    return "LTV on revenue" if basis == "revenue" else "LTV on margin"


def knockout_label(item: str, r: Ranked, template: Template) -> str:
    """Why a vendor is out, in words: a requirement's reason, or a criterion under its minimum."""
    if item.startswith("criterion:"):
        cid = item.removeprefix("criterion:")
        minimum = template.criteria[cid].minimum if cid in template.criteria else None
        score = r.criteria[cid].score if cid in r.criteria else 0.0
        return f"{template.criterion_title(cid)} {score:.1f} is below the minimum of {number(minimum or 0)}"
    outcome = next((o for o in r.requirements if o.requirement.id == item), None)
    return f"{item}: {outcome.reason}" if outcome is not None else item


def knockout_short(item: str, r: Ranked, template: Template) -> str:
    if item.startswith("criterion:"):
        return f"{template.criterion_title(item.removeprefix('criterion:'))} < minimum"
    outcome = next((o for o in r.requirements if o.requirement.id == item), None)
    if outcome is None:
        return item
    req = outcome.requirement
    if outcome.reason.startswith("overridden"):
        return f"{req.id} overridden"
    if req.certification is not None:
        return f"no {req.certification}"
    if req.region is not None:
        return f"not in {req.region}"
    return f"{req.id} failed"


def pending_label(item: str, template: Template) -> str:
    """What is still open, in words: `decide req.encryption`, `score Compliance`."""
    kind, _, key = item.partition(":")
    if kind == "requirement":
        return f"decide {key}"
    return f"score {template.criterion_title(key)}"


def break_even_label(r: Ranked) -> str:
    """A debt buyer has no break-even rate (it pays up front): "n/a", the same everywhere."""
    return break_even_text(r.vendor.kind, r.projection.break_even_rate)


def break_even_text(kind: str, value: float) -> str:
    """`break_even_label` for a figure that comes with its vendor's kind (the analysis)."""
    return "n/a" if kind == "debt_buyer" else rate(value)


def cost_ratio_label(value: float | None) -> str:
    """(fees + fixed) / gross: "n/a" for a debt buyer, "∞" when nothing is recovered."""
    if value is None:
        return "n/a"
    return "∞" if math.isinf(value) else rate(value)


def number(value: float) -> str:
    """Weights and scores as typed: `25`, `2.5`, `1000000` (not `25.0` or `1e+06`)."""
    return format(value, ".12g")


def version_label(template: Template) -> str:
    return f"version {template.version}" if template.version else "no version"


def staff_label(vendor: Vendor, projection: Projection, horizon_months: int, currency: str) -> str | None:
    """The buyer's own collectors in a vendor's fixed costs, or None: `5 of our collectors (one
    per 2,200 accounts) x $58,000 a year = $290,000 over 12 months`."""
    staffing = vendor.staffing
    if staffing is None:
        return None
    n = projection.collectors
    how = "a fixed team" if staffing.collectors is not None else f"one per {staffing.accounts_per_collector:,} accounts"
    cost = money(staffing.collector_cost or 0.0, currency)
    return (f"{n} of our collector{'s' if n != 1 else ''} ({how}) x {cost} a year = "
            f"{money(projection.staff, currency)} over {horizon_months} months, in fixed costs")


def currency_label(vendor: Vendor, currency: str, fx: Mapping[str, float]) -> str | None:
    """`Quoted in GBP, converted at 1.27 USD per GBP`, or None when quoted in the book's currency."""
    own = vendor.currency
    if own is None or own == currency:
        return None
    return f"Quoted in {own}, converted at {fx.get(own, 1.0):g} {currency} per {own}"


def payback_words(month: int | None) -> str:
    """When the running net turns positive: "at placement", "in month 4", "not within the horizon"."""
    if month is None:
        return "not within the horizon"
    return "at placement" if month == 0 else f"in month {month}"


def time_label(projection: Projection, currency: str) -> str | None:
    """`NPV $171,824; pays back in month 1`, or None without [timing]."""
    if projection.npv is None:
        return None
    when = projection.payback_month
    paid = "does not pay back within the horizon" if when is None else f"pays back {payback_words(when)}"
    return f"NPV {money(projection.npv, currency)}; {paid}"


def evidence_label(r: Ranked, currency: str) -> str | None:
    """`9 similar portfolios: the claim weighs 47%; evidenced net $170,727`, or None without
    [evidence]. A debt buyer's price is a bid, not a claim."""
    p = r.projection
    if p.evidenced_net is None:
        return None
    if p.evidence_weight is None:
        return "A purchase price is a firm bid: no claim to weigh"
    n = r.vendor.performance.similar_portfolios
    return (f"{n} similar portfolio{'s' if n != 1 else ''}: the claim weighs {rate(p.evidence_weight, 0)}; "
            f"evidenced net {money(p.evidenced_net, currency)}")
