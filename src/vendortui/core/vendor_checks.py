"""Which checks apply to a vendor in a run, decided here once: loading a review and
`vendortui validate` both ask a `VendorRun` for a vendor's problems and warnings.

A review checks each vendor against its one template and book; `validate` against every
template it was given (each with its own `[portfolio]`, if any) and every portfolio file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from vendortui.core.checks import TemplateIds, profile_warnings, span_warnings, vendor_against_template
from vendortui.core.curves import Timing
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.problems import Loc
from vendortui.core.terms import Terms, missing_terms

Finding = tuple[Loc, str]


@dataclass(frozen=True)
class VendorRun:
    templates: Sequence[tuple[Template, Portfolio | None, Terms]]  # each with the book it costs vendors in
    books: Sequence[tuple[Portfolio, Terms]] = ()  # portfolio files checked on their own (`validate --portfolio`)
    timing: Timing | None = None
    name_templates: bool = False  # several templates: each problem says which one it is against
    ids: TemplateIds = field(init=False)  # the run's question and criterion ids, once, not per vendor

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", TemplateIds.of([t for t, _, _ in self.templates]))

    @classmethod
    def review(cls, template: Template, book: Portfolio, terms: Terms) -> VendorRun:
        """One review: its template, the book it ranks on, the book's terms."""
        return cls([(template, book, terms)], timing=terms.timing)

    def problems(self, vendor: Vendor) -> list[Finding]:
        """What leaves the vendor out: bands that miss a bucket, desk scores off the scale, money
        that cannot be put in the book's currency, collectors without a cost."""
        found: list[Finding] = []
        for template, book, terms in self.templates:
            here = vendor_against_template(vendor, template, book, terms)
            if book is None and not self.books:  # no book to cost in: the collectors still need a cost
                here += [(loc, msg) for loc, msg in missing_terms(vendor, "", terms) if loc == ("staffing",)]
            found += [(loc, f"{msg} (template {template.id!r})") if self.name_templates else (loc, msg)
                      for loc, msg in here]
        for book, terms in self.books:
            found += vendor_against_template(vendor, None, book, terms)
        return found

    def warnings(self, vendor: Vendor) -> list[Finding]:
        """What is valid but likely wrong (SPEC "Currency, horizon and warnings"), each once."""
        found = profile_warnings(vendor, self.ids, self.timing)
        for book in [b for _, b, _ in self.templates if b is not None] + [b for b, _ in self.books]:
            found += span_warnings(vendor, book)
        return list(dict.fromkeys(found))
