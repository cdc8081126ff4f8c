"""Rules that span several fields or files, beyond what each model checks on its own.

`raw_problems` runs on a file's raw TOML data, so that it reports alongside pydantic's
field errors instead of only after they are fixed. The `*_against_*` checks relate files
to each other (a vendor's bands to the portfolio's buckets, a session to its template).
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from vendortui.core.ages import band_index
from vendortui.core.curves import Timing
from vendortui.core.models import DEFAULT_CRITERIA, Band, BusinessCase, Portfolio, Template, Vendor
from vendortui.core.problems import Loc
from vendortui.core.scoring import Ranked
from vendortui.core.session_models import Session
from vendortui.core.terms import Terms, missing_terms
from vendortui.core.timing import curve_of, share_at
from vendortui.core.weights import weights_problem


def raw_problems(kind: str, data: dict[str, Any]) -> list[tuple[Loc, str]]:
    if kind == "template":
        return list(_template_raw(data))
    if kind == "vendor":
        return list(_vendor_raw(data))
    return []


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _template_raw(data: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    raw_criteria = data.get("criteria")
    criteria: dict[str, Any] = raw_criteria if isinstance(raw_criteria, dict) else {}
    known = set(DEFAULT_CRITERIA) | set(criteria)
    hint = f"known criteria: {', '.join(sorted(known))}; define others as [criteria.<id>] with a title"
    weights = data.get("weights")
    if isinstance(weights, dict):
        for cid in weights:
            if cid not in known:
                yield ("weights", cid), f"weight for criterion {cid!r}, which does not exist ({hint})"
    section_ids: dict[str, int] = {}
    question_ids: dict[str, str] = {}
    for i, section in _dicts(data.get("sections")):
        crit = section.get("criterion")
        if isinstance(crit, str) and crit not in known:
            yield ("sections", i, "criterion"), f"section names criterion {crit!r}, which does not exist ({hint})"
        sid = section.get("id")
        if isinstance(sid, str):
            if sid in section_ids:
                yield ("sections", i, "id"), f"section id {sid!r} is repeated (first in section {section_ids[sid] + 1})"
            section_ids.setdefault(sid, i)
        for j, question in _dicts(section.get("questions")):
            qid = question.get("id")
            if isinstance(qid, str):
                if qid in question_ids:
                    yield ("sections", i, "questions", j, "id"), f"question id {qid!r} is repeated (first in section {question_ids[qid]!r})"
                question_ids.setdefault(qid, str(sid))
    requirement_ids: set[str] = set()
    for i, req in _dicts(data.get("requirements")):
        rid = req.get("id")
        if isinstance(rid, str):
            if rid in requirement_ids:
                yield ("requirements", i, "id"), f"requirement id {rid!r} is repeated"
            requirement_ids.add(rid)
    scale = data.get("scale", 5)
    for cid, crit in criteria.items():
        if not isinstance(crit, dict):
            continue
        minimum = crit.get("minimum")
        if isinstance(scale, int) and isinstance(minimum, (int, float)) and minimum > scale:
            yield ("criteria", cid, "minimum"), f"minimum {minimum} is above the scale ({scale}): no vendor could pass"


def _vendor_raw(data: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    fees = data.get("fees")
    kind = data.get("kind")
    if kind != "debt_buyer" and isinstance(fees, dict) and fees.get("purchase_price"):
        yield ("fees", "purchase_price"), "purchase_price applies only to kind = \"debt_buyer\""
    if kind in ("agency", "debt_buyer") and "staffing" in data:
        yield ("staffing",), (f"[staffing] applies only to kind \"in_house\" or \"software\": "
                              f"{'an agency' if kind == 'agency' else 'a debt buyer'} brings its own staff")


BANDED_FIELDS = (("performance", "recovery"), ("fees", "contingency"), ("fees", "purchase_price"))


def vendor_against_template(
    vendor: Vendor, template: Template | None, portfolio: Portfolio | None, terms: Terms | None = None
) -> list[tuple[Loc, str]]:
    """Bands must cover every bucket; desk scores must fit the template's scale; the money
    must be convertible into the book's currency and the collectors costed (`terms`).

    Either may be None: `validate --portfolio FILE` checks coverage without a template.
    """
    found: list[tuple[Loc, str]] = []
    if portfolio is not None and terms is not None:
        found += missing_terms(vendor, portfolio.currency, terms)
    if portfolio is not None:
        for table, key in BANDED_FIELDS:
            bands = getattr(getattr(vendor, table), key)
            if not bands:
                continue  # not given: 0 at every age
            for bucket in portfolio.buckets:
                if band_index((b.age for b in bands), bucket.age.low) is None:
                    found.append(((table, key), f"no band of vendor {vendor.vid!r} contains day {bucket.age.low}, "
                                                f"the start of bucket {bucket.age}{_named(portfolio)}"))
    for cid, score in vendor.scores.items():
        if template is not None and score > template.scale:
            found.append((("scores", cid), f"desk score {score:g} is above the template's scale (0-{template.scale})"))
    return found


def _named(portfolio: Portfolio) -> str:
    return f" of portfolio {portfolio.name!r}" if portfolio.name else ""


def session_against_template(session: Session, template: Template) -> list[tuple[Loc, str]]:
    """Weights must name criteria; scores must name questions and fit the scale."""
    found: list[tuple[Loc, str]] = []
    criteria = set(template.criterion_ids()) | set(DEFAULT_CRITERIA)
    for cid in session.weights:
        if cid not in criteria:
            found.append((("weights", cid), f"weight for criterion {cid!r}, which template {template.id!r} does not have"))
    problem = weights_problem({**template.weights, **session.weights})
    if session.weights and problem:
        found.append((("weights",), problem))
    questions = set(template.question_ids())
    for vid, scores in session.scores.items():
        for qid, score in scores.items():
            if qid not in questions:
                found.append((("scores", vid, qid), f"no question {qid!r} in template {template.id!r}"))
            elif score > template.scale:
                found.append((("scores", vid, qid), f"score {score:g} is above the scale (0-{template.scale})"))
    requirements = {r.id: r for r in template.requirements}
    for vid, decisions in session.requirements.items():
        for rid in decisions:
            req = requirements.get(rid)
            if req is None:
                found.append((("requirements", vid, rid), f"no requirement {rid!r} in template {template.id!r}"))
            elif req.automatic:
                how = f"certification {req.certification!r}" if req.certification else f"region {req.region!r}"
                found.append((("requirements", vid, rid), f"requirement {rid!r} is checked automatically ({how} in the "
                                                          "vendor's profile): override it with a reason in [overrides] instead"))
    for vid, overrides in session.overrides.items():
        for rid in overrides:
            req = requirements.get(rid)
            if req is None:
                found.append((("overrides", vid, rid), f"no requirement {rid!r} in template {template.id!r}"))
            elif not req.automatic:
                found.append((("overrides", vid, rid), f"requirement {rid!r} is decided by the evaluator: record "
                                                       "it in [requirements] instead"))
    found += history_against_template(session, template)
    return found


def history_against_template(session: Session, template: Template) -> list[tuple[Loc, str]]:
    """Each `[[history]]` entry names a question, requirement or criterion of the template,
    and a score entry's values fit its scale (the entry's own types are the model's)."""
    found: list[tuple[Loc, str]] = []
    questions = set(template.question_ids())
    requirements = {r.id for r in template.requirements}
    criteria = set(template.criterion_ids()) | set(DEFAULT_CRITERIA)
    for i, e in enumerate(session.history):
        if e.question is not None and e.question not in questions:
            found.append((("history", i, "question"), f"no question {e.question!r} in template {template.id!r}"))
        elif e.requirement is not None and e.requirement not in requirements:
            found.append((("history", i, "requirement"), f"no requirement {e.requirement!r} in template {template.id!r}"))
        elif e.weight is not None and e.weight not in criteria:
            found.append((("history", i, "weight"), f"no criterion {e.weight!r} in template {template.id!r}"))
        elif e.question is not None:
            found += [(("history", i, key), f"score {v:g} is above the scale (0-{template.scale})")
                      for key, v in (("old", e.old), ("new", e.new)) if v is not None and v > template.scale]
    return found


def history_vendors(session: Session, vendor_ids: Collection[str]) -> list[tuple[Loc, str]]:
    """Each `[[history]]` entry's vendor is one of the vendors the session is scored on."""
    return [(("history", i, "vendor"), f"no vendor {e.vendor!r} among the vendors loaded")
            for i, e in enumerate(session.history) if e.vendor is not None and e.vendor not in vendor_ids]


# --------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class TemplateIds:
    """What a profile's warnings are checked against: the run's templates' horizons, question
    and criterion ids. Worked out once per run (`of`), not once per vendor."""

    horizons: tuple[int, ...] = ()
    questions: frozenset[str] = frozenset()
    criteria: frozenset[str] = frozenset()
    any_template: bool = False

    @classmethod
    def of(cls, templates: Sequence[Template]) -> TemplateIds:
        return cls(
            tuple(sorted({t.horizon_months for t in templates})),
            frozenset(qid for t in templates for qid in t.question_ids()),
            frozenset(cid for t in templates for cid in t.criterion_ids()),
            bool(templates),
        )


def span_warnings(vendor: Vendor, portfolio: Portfolio) -> list[tuple[Loc, str]]:
    """A bucket that spans more than one band of a rate takes the band of its first day."""
    found: list[tuple[Loc, str]] = []
    for table, key in BANDED_FIELDS:
        if table == "performance" and vendor.is_debt_buyer:
            continue  # a debt buyer's recovery does not enter the money
        found += _spans((table, key), getattr(getattr(vendor, table), key), portfolio)
    return found


def profile_warnings(vendor: Vendor, ids: TemplateIds, timing: Timing | None = None) -> list[tuple[Loc, str]]:
    """The measuring period against the horizons, rising recovery, ids no template has."""
    found: list[tuple[Loc, str]] = []
    months = vendor.performance.measured_months
    horizons = ids.horizons
    if not vendor.is_debt_buyer and horizons and months not in horizons:
        if timing is not None:  # the curve says how much of the rates the horizon holds
            counted = ", ".join(f"{share_at(curve_of(vendor, timing), months, h):.0%} of them by month {h}" for h in horizons)
            tail = f"[timing] counts {counted}"
        else:
            tail = "the rates are used as written"
        found.append((("performance", "measured_months"), f"recovery rates measured over {months} months, but the "
                      f"projection's horizon is {' or '.join(str(h) for h in horizons)} months: {tail}"))
    found += _rising(vendor.performance.recovery)
    if ids.any_template:
        found += _unknown_ids("answers", vendor.answers, ids.questions, "question")
        found += _unknown_ids("scores", vendor.scores, ids.criteria, "criterion")
    return found


def _spans(loc: Loc, bands: list[Band], portfolio: Portfolio) -> list[tuple[Loc, str]]:
    if len(bands) < 2:
        return []
    out = []
    ages = [b.age for b in bands]
    for bucket in portfolio.buckets:
        spanned = [a for a in ages if a.overlaps(bucket.age)]
        if len(spanned) > 1:
            spanned.sort()
            names = ", ".join(str(a) for a in spanned[:3]) + (", …" if len(spanned) > 3 else "")
            out.append((loc, f"bucket {bucket.age} spans {len(spanned)} bands ({names}): all of it takes the band "
                             f"of its first day, {bucket.age.low}"))
    return out


def _rising(bands: list[Band]) -> list[tuple[Loc, str]]:
    by_age = sorted(bands, key=lambda b: b.age.low)
    for younger, older in itertools.pairwise(by_age):
        if older.rate > younger.rate:
            return [(("performance", "recovery"), f"recovery rises with age: {younger.rate:.1%} at {younger.age} days, "
                     f"{older.rate:.1%} at {older.age}; older debt usually recovers less")]
    return []


UNKNOWN_IDS_SHOWN = 10  # per table of a file; the rest are counted in one more warning


def _unknown_ids(table: str, given: Iterable[str], known: frozenset[str], what: str) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    given = list(given)
    unknown = [key for key in given if key not in known]
    if len(given) > 1 and len(unknown) == len(given):
        # Not a typo: the file answers another RFP (a UK bidder in a US run). One line says so.
        shown = ", ".join(unknown[:3]) + (", …" if len(unknown) > 3 else "")
        return [((table,), f"none of its {len(given)} {what} ids is in the template{'s' if what == 'question' else ''} "
                           f"of this run ({shown}): written for another RFP? They are not used")]
    if len(unknown) > UNKNOWN_IDS_SHOWN:
        more = len(unknown) - UNKNOWN_IDS_SHOWN
        out.append(((table,), f"{more:,} more {what} ids match no template of this run and are not used"))
    for key in unknown[:UNKNOWN_IDS_SHOWN]:
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        out.append(((table, key), f"no {what} {key!r} in the template{'s' if what == 'question' else ''} of this run, "
                                  f"so it is not used{hint}"))
    return out


def npv_warnings(template: Template, timing: Timing | None) -> list[tuple[Loc, str]]:
    """`auto = "npv"` without [timing]: there is no discounting, so it scores the net."""
    if timing is not None:
        return []
    return [(("criteria", cid, "auto"), 'auto = "npv" but no [timing] table in the template or portfolio file: '
             "with nothing discounted it scores net recovery") for cid, c in template.criteria.items() if c.auto == "npv"]


def business_case_warnings(case: BusinessCase | None, portfolio: Portfolio | None) -> list[tuple[Loc, str]]:
    """A business case on a book with no accounts counts no customer won back."""
    if case is None or portfolio is None or portfolio.total_accounts > 0:
        return []
    return [(("business_case",), "the portfolio gives no accounts (buckets' `accounts`), so no vendor resolves an "
                                 "account or wins a customer back: the business value is the net recovery")]


def status_quo_problems(status_quo: str | None, vendor_ids: Sequence[str]) -> list[tuple[Loc, str]]:
    """`status_quo` must name a vendor of the run (one whose file has problems is left out)."""
    if status_quo is None or status_quo in vendor_ids:
        return []
    close = difflib.get_close_matches(status_quo, sorted(vendor_ids), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else (f" (vendors: {', '.join(sorted(vendor_ids)[:8])})"
                                                         if vendor_ids else "")
    return [(("status_quo",), f"no vendor {status_quo!r} among the vendors loaded, so no gain over today can be "
                              f"taken{hint}")]


def shortlist_warnings(ranked: Iterable[Ranked]) -> list[tuple[str, Loc, str]]:
    """(vendor id, key, message) for each shortlisted vendor that would lose money."""
    return [
        (r.id, ("fees",), f"shortlisted with a negative net recovery ({r.projection.net:,.0f}): it costs more "
                          "than it brings back at its own recovery rates")
        for r in ranked if r.shortlisted and r.projection.net < 0
    ]
