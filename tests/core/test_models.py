"""The models: age ranges, banded rates, defaults SPEC lists, field-level rules."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from vendortui.core.ages import AgeRange, band_index, first_overlap
from vendortui.core.models import Band, Bucket, Fees, Portfolio, Question, Template, Vendor, band_for
from vendortui.core.money import band_rate
from vendortui.core.session_models import Session

MINIMAL_TEMPLATE = {
    "id": "t",
    "title": "T",
    "weights": {"customer_focus": 1},
    "sections": [{"id": "cx", "criterion": "customer_focus", "questions": [{"id": "cx.q", "text": "Q?"}]}],
}


def bands(*spec: tuple[str, float]) -> list[Band]:
    return [Band(age=AgeRange.parse(age), rate=rate) for age, rate in spec]


def errors(model, data) -> list[dict]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return info.value.errors()


# --- AgeRange -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, low, high",
    [("61-90", 61, 90), ("366+", 366, None), ("0-30", 0, 30), (" 91 - 180 ", 91, 180), ("0+", 0, None), ("7-7", 7, 7)],
)
def test_age_range_parses(text, low, high):
    r = AgeRange.parse(text)
    assert (r.low, r.high) == (low, high)


@pytest.mark.parametrize("text", ["61-90", "366+", "0-30", "7-7"])
def test_age_range_prints_as_written(text):
    assert str(AgeRange.parse(text)) == text


def test_age_range_reversed_is_an_error():
    with pytest.raises(ValueError, match="reversed"):
        AgeRange.parse("90-61")


@pytest.mark.parametrize("text", ["", "abc", "61", "61-", "-90", "+366", "1.5-3", "61 to 90", "-5-10", "366++", "0x10-20"])
def test_malformed_age_range_is_an_error(text):
    with pytest.raises(ValueError, match="malformed"):
        AgeRange.parse(text)


@pytest.mark.parametrize("value", [61, 61.5, None, ["61-90"], True])
def test_age_range_must_be_a_string(value):
    with pytest.raises(ValueError, match="must be a string"):
        AgeRange.parse(value)


def test_contains_is_inclusive_at_both_ends():
    r = AgeRange.parse("61-90")
    assert [r.contains(d) for d in (60, 61, 75, 90, 91)] == [False, True, True, True, False]


def test_open_ended_range_contains_every_later_day():
    r = AgeRange.parse("366+")
    assert not r.contains(365)
    assert r.contains(366) and r.contains(10**6)


@pytest.mark.parametrize(
    "a, b, overlap",
    [
        ("0-90", "91-180", False),  # adjacent, not overlapping
        ("0-90", "90-180", True),  # share day 90
        ("0-180", "30-60", True),  # nested
        ("181+", "0-180", False),
        ("181+", "0-181", True),
        ("181+", "366+", True),  # two open ends always meet
        ("200+", "0-199", False),
        ("5-5", "5-5", True),
    ],
)
def test_overlap_is_symmetric(a, b, overlap):
    ra, rb = AgeRange.parse(a), AgeRange.parse(b)
    assert ra.overlaps(rb) is overlap
    assert rb.overlaps(ra) is overlap


AGES = st.builds(lambda low, span: AgeRange(low, None if span is None else low + span),
                 st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60)))


@given(AGES, AGES)
def test_two_ranges_overlap_exactly_when_they_share_a_day(a, b):
    # every range here starts by day 60 and ends by 120 or never: days 0-200 show any sharing
    shared = any(a.contains(day) and b.contains(day) for day in range(201))
    assert a.overlaps(b) is shared and b.overlaps(a) is shared


def test_first_overlap_names_the_first_clashing_pair():
    ranges = [AgeRange.parse(t) for t in ("0-30", "31-60", "50-90", "91+", "100-200")]
    assert first_overlap(ranges) == (1, 2)
    assert first_overlap(ranges[:2] + ranges[3:4]) is None
    assert first_overlap([]) is None


def test_unordered_ranges_that_do_not_overlap_are_fine():
    assert first_overlap([AgeRange.parse(t) for t in ("366+", "0-90", "181-365", "91-180")]) is None


# --- banded rates -----------------------------------------------------------------------------


def test_band_for_uses_the_band_containing_the_buckets_lower_bound():
    b = bands(("0-90", 0.2), ("91-180", 0.25), ("181+", 0.3))
    assert band_for(b, 0).rate == 0.2
    assert band_for(b, 90).rate == 0.2
    assert band_for(b, 91).rate == 0.25
    assert band_for(b, 150).rate == 0.25  # a bucket "150-400" straddles bands: its start decides
    assert band_for(b, 181).rate == 0.3
    assert band_for(b, 5000).rate == 0.3


def test_band_for_finds_bands_in_any_order_and_reports_gaps():
    b = bands(("181+", 0.3), ("61-90", 0.2))
    assert band_for(b, 70).rate == 0.2
    assert band_for(b, 200).rate == 0.3
    assert band_for(b, 100) is None  # gap 91-180
    assert band_for(b, 0) is None
    assert band_index([r.age for r in b], 100) is None


def test_band_rate_lookup_and_its_edge_cases():
    b = bands(("0-90", 0.28), ("91-180", 0.17), ("181+", 0.05))
    assert [band_rate(b, d) for d in (61, 91, 181, 366)] == [0.28, 0.17, 0.05, 0.05]
    assert band_rate([], 61) == 0.0  # not given: 0 at every age
    with pytest.raises(ValueError, match="no band contains day 30"):
        band_rate(bands(("31+", 0.1)), 30)


@pytest.mark.parametrize("number", [0, 0.2, 1, 0.0])
def test_one_number_banded_rate_applies_to_every_age(number):
    fees = Fees.model_validate({"contingency": number, "purchase_price": number})
    assert len(fees.contingency) == 1
    assert fees.contingency[0].age == AgeRange(0, None)
    for day in (0, 1, 61, 91, 365, 366, 100_000):
        assert band_rate(fees.contingency, day) == number
        assert band_rate(fees.purchase_price, day) == number


def test_banded_rate_as_list_keeps_low_and_high():
    v = Vendor.model_validate(
        {"id": "v", "name": "V", "kind": "agency",
         "performance": {"recovery": [{"age": "0-90", "rate": 0.3, "low": 0.24, "high": 0.36}, {"age": "91+", "rate": 0.1}]}}
    )
    first, second = v.performance.recovery
    assert (first.low, first.rate, first.high) == (0.24, 0.3, 0.36)
    assert (second.low, second.high) == (None, None)


def test_low_above_rate_and_high_below_rate_name_the_key():
    err = errors(Band, {"age": "0+", "rate": 0.3, "low": 0.4})
    assert err[0]["ctx"]["at"] == ("low",) and "low (0.4) is above rate (0.3)" in err[0]["msg"]
    err = errors(Band, {"age": "0+", "rate": 0.3, "high": 0.2})
    assert err[0]["ctx"]["at"] == ("high",) and "high (0.2) is below rate (0.3)" in err[0]["msg"]
    Band(age=AgeRange(0, None), rate=0.3, low=0.3, high=0.3)  # equal bounds are fine


def test_overlapping_bands_point_at_the_later_band():
    err = errors(Fees, {"contingency": [{"age": "0-180", "rate": 0.2}, {"age": "0-30", "rate": 0.1}, {"age": "150+", "rate": 0.3}]})
    assert len(err) == 1
    assert err[0]["loc"] == ("contingency",)
    assert err[0]["ctx"]["at"] == (1, "age")
    assert err[0]["msg"] == "age ranges overlap: 0-180 and 0-30"


def only_error(model, data) -> tuple[tuple, str]:
    """(where, what) of the one error validating `data` gives."""
    err = errors(model, data)
    assert len(err) == 1, err
    return err[0]["loc"], err[0]["type"]


@pytest.mark.parametrize(("rate", "kind"), [
    (-0.01, "greater_than_equal"), (1.01, "less_than_equal"), (20, "less_than_equal"), (math.nan, "finite_number"),
    (math.inf, "finite_number"), (-math.inf, "finite_number"), (True, "float_type"), ("0.2", "float_type"),
])
def test_bad_rates_are_rejected(rate, kind):
    assert only_error(Band, {"age": "0+", "rate": rate}) == (("rate",), kind)
    # a flat contingency is one open band: a number out of range is that band's rate; a value
    # that is not a number is neither a rate nor a list of bands
    flat = ("contingency", 0, "rate") if kind != "float_type" else ("contingency",)
    assert only_error(Fees, {"contingency": rate}) == (flat, kind if kind != "float_type" else "list_type")


@pytest.mark.parametrize(("amount", "kind"), [
    (-1, "greater_than_equal"), (math.nan, "finite_number"), (math.inf, "finite_number"), ("100", "float_type"),
    (False, "float_type"),
])
def test_bad_amounts_are_rejected(amount, kind):
    assert only_error(Fees, {"annual_cost": amount}) == (("annual_cost",), kind)
    assert only_error(Bucket, {"age": "0+", "balance": amount}) == (("balance",), kind)


# --- defaults (SPEC "Files") ---------------------------------------------------------------------


def test_template_defaults():
    t = Template.model_validate(MINIMAL_TEMPLATE)
    assert (t.scale, t.horizon_months, t.shortlist, t.version) == (5, 12, 3, "")
    assert t.portfolio is None  # valid: ranking then needs --portfolio
    assert t.requirements == [] and t.criteria == {}
    q = t.sections[0].questions[0]
    assert (q.weight, q.guidance) == (1, "")


def test_portfolio_defaults():
    p = Portfolio.model_validate({"buckets": [{"age": "61-90", "balance": 1000}]})
    assert p.currency == "USD" and p.name == ""
    assert p.buckets[0].accounts == 0
    assert p.total_balance == 1000 and p.total_accounts == 0


def test_vendor_defaults_rates_and_costs_0_lists_empty():
    v = Vendor.model_validate({"id": "v", "name": "V", "kind": "software"})
    f = v.fees
    assert (f.annual_cost, f.setup_cost, f.per_account) == (0, 0, 0)
    assert f.contingency == [] and f.purchase_price == [] and v.performance.recovery == []
    assert band_rate(f.contingency, 61) == 0 and band_rate(v.performance.recovery, 400) == 0
    assert v.performance.similar_portfolios == 0 and v.performance.references == []
    assert v.regions == [] and v.certifications == [] and v.scores == {} and v.answers == {}
    assert v.summary == "" and v.contact == ""
    assert not v.is_debt_buyer


def test_session_defaults_are_empty():
    s = Session()
    assert s.template is None and s.vendors is None and s.portfolio is None and s.evaluator == ""
    assert s.weights == {} and s.scores == {} and s.notes == {} and s.requirements == {}


# --- field rules ----------------------------------------------------------------------------------


def test_required_keys():
    assert {e["loc"] for e in errors(Vendor, {})} == {("name",), ("kind",)}
    assert {e["loc"] for e in errors(Template, {})} == {("id",), ("title",), ("weights",), ("sections",)}
    assert {e["loc"] for e in errors(Portfolio, {})} == {("buckets",)}
    assert {e["loc"] for e in errors(Bucket, {})} == {("age",), ("balance",)}


def test_unknown_keys_are_errors_at_every_level():
    assert errors(Vendor, {"name": "V", "kind": "agency", "nmae": "x"})[0]["type"] == "extra_forbidden"
    assert errors(Fees, {"contingncy": 0.2})[0]["loc"] == ("contingncy",)
    assert errors(Band, {"age": "0+", "rate": 0.1, "hi": 0.2})[0]["loc"] == ("hi",)


@pytest.mark.parametrize("vid", ["Bright", "bright path", "bright_path", "", "brïght", "a/b"])
def test_vendor_ids_are_lowercase_digits_and_dashes(vid):
    assert only_error(Vendor, {"id": vid, "name": "V", "kind": "agency"}) == (("id",), "string_pattern_mismatch")


def test_valid_vendor_ids():
    for vid in ("brightpath", "harbor-capital", "a1", "-", "2026"):
        assert Vendor.model_validate({"id": vid, "name": "V", "kind": "agency"}).vid == vid


def test_scale_horizon_and_shortlist_start_at_1():
    for key in ("scale", "horizon_months", "shortlist"):
        assert only_error(Template, {**MINIMAL_TEMPLATE, key: 0}) == ((key,), "greater_than_equal")
        assert getattr(Template.model_validate({**MINIMAL_TEMPLATE, key: 1}), key) == 1
    # whole numbers only (strict)
    assert only_error(Template, {**MINIMAL_TEMPLATE, "scale": 5.0}) == (("scale",), "int_type")


def test_weights_negative_or_all_zero_are_errors():
    errors(Template, {**MINIMAL_TEMPLATE, "weights": {"customer_focus": -1, "compliance": 3}})
    err = errors(Template, {**MINIMAL_TEMPLATE, "weights": {"customer_focus": 0, "compliance": 0}})
    assert "all weights are 0" in err[0]["msg"]
    errors(Template, {**MINIMAL_TEMPLATE, "weights": {}})
    assert Template.model_validate({**MINIMAL_TEMPLATE, "weights": {"customer_focus": 0, "compliance": 1}})


def test_template_needs_a_section_with_a_question():
    errors(Template, {**MINIMAL_TEMPLATE, "sections": []})
    errors(Template, {**MINIMAL_TEMPLATE, "sections": [{"id": "cx", "criterion": "customer_focus", "questions": []}]})
    errors(Question, {"id": "q", "text": ""})


def test_buckets_must_not_overlap_and_error_points_at_the_later_bucket():
    err = errors(Portfolio, {"buckets": [{"age": "61-90", "balance": 1}, {"age": "91-180", "balance": 1}, {"age": "180+", "balance": 1}]})
    assert err[0]["loc"] == ("buckets",) and err[0]["ctx"]["at"] == (2, "age")
    assert err[0]["msg"] == "buckets overlap: 91-180 and 180+"


def test_custom_criterion_title_and_ids():
    t = Template.model_validate(
        {**MINIMAL_TEMPLATE, "weights": {"customer_focus": 60, "esg": 40}, "criteria": {"esg": {"title": "ESG"}}}
    )
    assert t.criterion_ids() == ["customer_focus", "esg"]
    assert t.criterion_title("esg") == "ESG"
    assert t.criterion_title("customer_focus") == "Customer focus"
    assert t.criterion_title("fee_structure") == "Fee structure"
    assert t.criterion_title("brand_safety") == "Brand safety"
    assert t.question_ids() == ["cx.q"]
