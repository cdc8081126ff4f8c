"""The book's terms: what a template or portfolio file sets beside the buckets (the buyer's
collector cost, exchange rates, the business case), and a vendor's money inputs put in the
book's currency with its collectors costed (SPEC "Staff and capacity", "Currency").

A vendor is converted once, when the review is loaded; the money model then reads the
converted profile and never sees a rate. The profile keeps its own `currency`, so what it
was quoted in can still be said (its amounts are the book's from then on).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vendortui.core.curves import Evidence, Timing
from vendortui.core.models import BookTerms, BusinessCase, Vendor


@dataclass(frozen=True)
class Terms:
    collector_cost: float | None = None  # a year, in the book's currency
    fx: Mapping[str, float] = field(default_factory=dict)  # one unit of the key, in the book's currency
    business_case: BusinessCase | None = None
    status_quo: str | None = None  # today's arrangement (a vendor id); the loader checks it names one
    timing: Timing | None = None
    evidence: Evidence | None = None


def book_terms(*files: BookTerms | None) -> Terms:
    """The terms of the files given, the later winning table by table (the template's, then
    the portfolio file's; `status_quo` likewise); rates merge key by key, the later rate for a currency winning."""
    layers = [t for t in files if t is not None]
    staff = next((t.staff for t in reversed(layers) if t.staff is not None), None)
    case = next((t.business_case for t in reversed(layers) if t.business_case is not None), None)
    timing = next((t.timing for t in reversed(layers) if t.timing is not None), None)
    evidence = next((t.evidence for t in reversed(layers) if t.evidence is not None), None)
    fx: dict[str, float] = {}
    for layer in layers:
        fx.update(layer.fx)
    status_quo = next((t.status_quo for t in reversed(layers) if t.status_quo is not None), None)
    return Terms(staff.collector_cost if staff else None, fx, case, status_quo, timing, evidence)


def rate_for(vendor: Vendor, currency: str, terms: Terms) -> float | None:
    """How many units of the book's currency one unit of the vendor's is worth: 1 when they
    are the same, None when no rate is given (a problem for the loader to report)."""
    own = vendor.currency or currency
    if own == currency:
        return 1.0
    return terms.fx.get(own)


def missing_terms(vendor: Vendor, currency: str, terms: Terms) -> list[tuple[tuple[str, ...], str]]:
    """Why the vendor cannot be costed in this book: a currency without a rate, collectors
    without a cost. (key path, message) pairs, for the loader to put on the vendor's lines."""
    found: list[tuple[tuple[str, ...], str]] = []
    if rate_for(vendor, currency, terms) is None:
        found.append((("currency",), f"money quoted in {vendor.currency}, but the portfolio is in {currency} and no "
                                     f"rate is given: add [fx] {vendor.currency} = <one {vendor.currency} in {currency}> "
                                     "to the template or portfolio file"))
    staffing = vendor.staffing
    if staffing is not None and staffing.collector_cost is None and terms.collector_cost is None:
        found.append((("staffing",), "no collector_cost here or in the template's or portfolio's [staff]: "
                                     "the collectors cannot be costed"))
    return found


def in_book_terms(vendor: Vendor, currency: str, terms: Terms) -> Vendor:
    """The vendor with its money inputs in the book's currency and its collector cost
    resolved (its own, converted, else the book's). Call `missing_terms` first."""
    rate = rate_for(vendor, currency, terms)
    if rate is None:
        raise ValueError(f"no exchange rate for {vendor.currency} into {currency}")
    staffing = vendor.staffing
    if staffing is not None:
        own = staffing.collector_cost
        cost = own * rate if own is not None else terms.collector_cost
        staffing = staffing.model_copy(update={"collector_cost": cost})
    if rate == 1.0 and staffing is vendor.staffing:
        return vendor
    fees = vendor.fees
    if rate != 1.0:
        fees = fees.model_copy(update={
            "annual_cost": fees.annual_cost * rate, "setup_cost": fees.setup_cost * rate,
            "per_account": fees.per_account * rate,
        })
    return vendor.model_copy(update={"fees": fees, "staffing": staffing})
