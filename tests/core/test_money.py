"""The money model (SPEC: "The money model"), checked against figures worked out by hand.

Every expected number is computed in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from vendortui.core.models import Portfolio, Vendor
from vendortui.core.money import band_rate, break_even_rate, net_at_rate, project


def vendor(vid: str = "v", kind: str = "agency", **fields: Any) -> Vendor:
    return Vendor.model_validate({"id": vid, "name": vid.upper(), "kind": kind, **fields})


def portfolio(*buckets: tuple[str, float, int]) -> Portfolio:
    return Portfolio.model_validate(
        {"buckets": [{"age": age, "balance": balance, "accounts": accounts} for age, balance, accounts in buckets]}
    )


BOOK_100K = portfolio(("91-180", 100000, 0))

# A three-bucket book used by several cases: 100,000 of balance, 600 accounts.
THREE = portfolio(("0-90", 40000, 100), ("91-180", 35000, 200), ("181+", 25000, 300))


# ---------------------------------------------------------------------------
# The SPEC's worked example, on the core.

WORKED = [
    # rate, A net, B net, C net  (the SPEC's table)
    (0.10, -15000, -20000, 8000),
    (0.20, -5000, -10000, 16000),
    (0.25, 0, -5000, 20000),
    (0.30, 5000, 0, 24000),
    (0.50, 25000, 20000, 40000),
]


@pytest.mark.parametrize(("rate", "a_net", "b_net", "c_net"), WORKED)
def test_worked_example_net(rate: float, a_net: float, b_net: float, c_net: float) -> None:
    perf = {"performance": {"recovery": rate}}
    a = project(vendor("a", "in_house", fees={"annual_cost": 25000}, **perf), BOOK_100K, 12)
    b = project(vendor("b", "software", fees={"annual_cost": 30000}, **perf), BOOK_100K, 12)
    c = project(vendor("c", "agency", fees={"contingency": 0.20}, **perf), BOOK_100K, 12)
    gross = 100000 * rate
    # A: gross - 25,000; B: gross - 30,000; C: gross - 20% of gross. Exact to the cent.
    assert a.net == pytest.approx(a_net, abs=1e-6)
    assert b.net == pytest.approx(b_net, abs=1e-6)
    assert c.net == pytest.approx(c_net, abs=1e-6)
    assert a.gross == b.gross == c.gross == pytest.approx(gross, abs=1e-6)
    assert (a.fees, b.fees) == (0, 0)
    assert c.fees == pytest.approx(0.2 * gross, abs=1e-6)
    assert (a.fixed, b.fixed, c.fixed) == (25000, 30000, 0)
    # Break-even: fixed / (B x (1 - c)): A 25,000/100,000 = 0.25, B 30,000/100,000 = 0.30, C 0.
    assert a.break_even_rate == pytest.approx(0.25)
    assert b.break_even_rate == pytest.approx(0.30)
    assert c.break_even_rate == 0.0


def test_worked_example_break_even_is_where_net_crosses_zero() -> None:
    a = vendor("a", "in_house", fees={"annual_cost": 25000})
    b = vendor("b", "software", fees={"annual_cost": 30000})
    # net_at_rate = rate x 100,000 - fixed: zero at 0.25 (A) and 0.30 (B).
    assert net_at_rate(a, BOOK_100K, 12, 0.25) == pytest.approx(0, abs=1e-6)
    assert net_at_rate(b, BOOK_100K, 12, 0.30) == pytest.approx(0, abs=1e-6)
    # just below the tipping point the option loses money: 0.24 x 100,000 - 25,000 = -1,000
    assert net_at_rate(a, BOOK_100K, 12, 0.24) == pytest.approx(-1000, abs=1e-6)
    # C: 0.10 x 100,000 x 0.8 = 8,000 (the table's first row)
    c = vendor("c", "agency", fees={"contingency": 0.2})
    assert net_at_rate(c, BOOK_100K, 12, 0.10) == pytest.approx(8000, abs=1e-6)


# ---------------------------------------------------------------------------
# Banded rates whose bands do not line up with the buckets.


def test_band_containing_the_bucket_lower_bound_is_used() -> None:
    book = portfolio(("61-90", 50000, 10))
    v = vendor(
        performance={"recovery": [{"age": "0-60", "rate": 0.40}, {"age": "61-200", "rate": 0.10}]},
        fees={"contingency": [{"age": "0-60", "rate": 0.50}, {"age": "61-200", "rate": 0.20}]},
    )
    p = project(v, book, 12)
    # 61 lies in "61-200": recovery 0.10, contingency 0.20.
    # gross = 50,000 x 0.10 = 5,000; fees = 5,000 x 0.20 = 1,000; net = 4,000
    assert p.gross == pytest.approx(5000)
    assert p.fees == pytest.approx(1000)
    assert p.net == pytest.approx(4000)
    assert p.buckets[0].recovery_rate == 0.10
    assert p.buckets[0].contingency_rate == 0.20


def test_bucket_straddling_two_bands_takes_the_band_of_its_lower_bound() -> None:
    # Bucket 50-120 straddles "0-60" and "61-200": its lower bound 50 is in "0-60".
    book = portfolio(("50-120", 20000, 0), ("121+", 10000, 0))
    v = vendor(
        performance={
            "recovery": [
                {"age": "0-60", "rate": 0.40},
                {"age": "61-200", "rate": 0.10},
                {"age": "201+", "rate": 0.02},
            ]
        }
    )
    p = project(v, book, 12)
    # 50 -> 0.40: 20,000 x 0.40 = 8,000; 121 -> "61-200" 0.10: 10,000 x 0.10 = 1,000; total 9,000
    assert [b.recovery_rate for b in p.buckets] == [0.40, 0.10]
    assert p.gross == pytest.approx(9000)
    assert p.net == pytest.approx(9000)


@pytest.mark.parametrize(
    ("bucket", "rate"),
    [
        ("60-90", 0.40),  # 60 is the last day of "0-60"
        ("61-90", 0.10),  # 61 is the first day of "61-200"
        ("200-400", 0.10),  # 200 is the last day of "61-200", though most of the bucket is past it
        ("201+", 0.02),
    ],
)
def test_band_boundaries(bucket: str, rate: float) -> None:
    v = vendor(
        performance={
            "recovery": [{"age": "0-60", "rate": 0.40}, {"age": "61-200", "rate": 0.10}, {"age": "201+", "rate": 0.02}]
        }
    )
    p = project(v, portfolio((bucket, 10000, 0)), 12)
    # gross = 10,000 x the rate of the band holding the bucket's first day
    assert p.buckets[0].recovery_rate == rate
    assert p.gross == pytest.approx(10000 * rate)


def test_band_rate_lookup() -> None:
    v = vendor(performance={"recovery": [{"age": "0-30", "rate": 0.5}, {"age": "31-90", "rate": 0.3}, {"age": "366+", "rate": 0.01}]})
    bands = v.performance.recovery
    assert band_rate(bands, 0) == 0.5
    assert band_rate(bands, 30) == 0.5  # inclusive upper end
    assert band_rate(bands, 31) == 0.3
    assert band_rate(bands, 90) == 0.3
    assert band_rate(bands, 400) == 0.01  # open-ended band
    assert band_rate([], 17) == 0.0  # no bands: 0 at every age (SPEC default "rates 0")
    with pytest.raises(ValueError):
        band_rate(bands, 91)  # 91-365 is covered by no band


def test_one_number_applies_to_every_age() -> None:
    v = vendor(performance={"recovery": 0.2}, fees={"contingency": 0.3})
    p = project(v, THREE, 12)
    # gross = 100,000 x 0.2 = 20,000; fees = 20,000 x 0.3 = 6,000; net = 14,000
    assert p.gross == pytest.approx(20000)
    assert p.fees == pytest.approx(6000)
    assert p.net == pytest.approx(14000)


# ---------------------------------------------------------------------------
# Tiered contingency.

TIERED: dict[str, Any] = {
    "performance": {
        "recovery": [{"age": "0-90", "rate": 0.30}, {"age": "91-180", "rate": 0.20}, {"age": "181+", "rate": 0.10}]
    },
    "fees": {
        "contingency": [{"age": "0-90", "rate": 0.15}, {"age": "91-365", "rate": 0.25}, {"age": "366+", "rate": 0.40}]
    },
}


def test_tiered_contingency() -> None:
    p = project(vendor(**TIERED), THREE, 12)
    # bucket 0-90:   40,000 x 0.30 = 12,000 gross, x 0.15 = 1,800 fees
    # bucket 91-180: 35,000 x 0.20 =  7,000 gross, x 0.25 = 1,750 fees
    # bucket 181+:   25,000 x 0.10 =  2,500 gross, day 181 is in "91-365": x 0.25 = 625 fees
    # gross = 21,500; fees = 4,175; fixed = 0; net = 17,325
    assert [b.contingency_rate for b in p.buckets] == [0.15, 0.25, 0.25]
    assert p.gross == pytest.approx(21500)
    assert p.fees == pytest.approx(4175)
    assert p.fixed == 0
    assert p.net == pytest.approx(17325)
    # cost ratio = 4,175 / 21,500
    assert p.cost_ratio == pytest.approx(4175 / 21500)
    # no fixed cost: break-even 0
    assert p.break_even_rate == 0.0


def test_tiered_contingency_with_a_fixed_cost_break_even() -> None:
    fields: dict[str, Any] = {**TIERED, "fees": {**TIERED["fees"], "annual_cost": 10000}}
    v = vendor(**fields)
    p = project(v, THREE, 12)
    # net = 17,325 - 10,000 = 7,325
    assert p.net == pytest.approx(7325)
    # kept per unit of rate: 40,000 x 0.85 + 35,000 x 0.75 + 25,000 x 0.75
    #                      = 34,000 + 26,250 + 18,750 = 79,000
    # break-even = 10,000 / 79,000
    assert p.break_even_rate == pytest.approx(10000 / 79000)
    assert break_even_rate(v, THREE, 10000) == pytest.approx(10000 / 79000)
    assert net_at_rate(v, THREE, 12, 10000 / 79000) == pytest.approx(0, abs=1e-6)
    # at 20% everywhere: 0.2 x 79,000 - 10,000 = 5,800
    assert net_at_rate(v, THREE, 12, 0.2) == pytest.approx(5800)


# ---------------------------------------------------------------------------
# Setup + per-account + annual costs, and the horizon.

COSTED: dict[str, Any] = {
    "performance": {"recovery": 0.5},
    "fees": {"annual_cost": 24000, "setup_cost": 5000, "per_account": 2},
}


@pytest.mark.parametrize(
    ("horizon", "fixed"),
    [
        # 24,000 x 18/12 = 36,000 + 5,000 setup + 2 x 600 accounts = 1,200 -> 42,200
        (18, 42200),
        # 24,000 x 6/12 = 12,000 + 5,000 + 1,200 -> 18,200
        (6, 18200),
        # 24,000 + 5,000 + 1,200 -> 30,200
        (12, 30200),
    ],
)
def test_fixed_costs_over_the_horizon(horizon: int, fixed: float) -> None:
    p = project(vendor(kind="software", **COSTED), THREE, horizon)
    # gross = 100,000 x 0.5 = 50,000; no contingency
    assert p.fixed == pytest.approx(fixed)
    assert p.gross == pytest.approx(50000)
    assert p.fees == 0
    assert p.net == pytest.approx(50000 - fixed)
    assert p.cost_ratio == pytest.approx(fixed / 50000)
    # break-even = fixed / 100,000 (no contingency)
    assert p.break_even_rate == pytest.approx(fixed / 100000)


def test_bucket_rows_add_up_to_the_totals() -> None:
    v = vendor(kind="agency", **{**TIERED, "fees": {**TIERED["fees"], "annual_cost": 10000, "per_account": 1}})
    p = project(v, THREE, 12)
    # fixed = 10,000 + 600 x 1 = 10,600
    assert p.fixed == pytest.approx(10600)
    assert math.fsum(b.gross for b in p.buckets) == pytest.approx(p.gross)
    assert math.fsum(b.fees for b in p.buckets) == pytest.approx(p.fees)
    assert math.fsum(b.fixed for b in p.buckets) == pytest.approx(p.fixed)
    assert math.fsum(b.net for b in p.buckets) == pytest.approx(p.net)


# ---------------------------------------------------------------------------
# Debt buyers.


def test_debt_buyer_is_paid_the_purchase_price() -> None:
    v = vendor(
        "buyer",
        "debt_buyer",
        fees={"purchase_price": [{"age": "0-90", "rate": 0.12}, {"age": "91-180", "rate": 0.08}, {"age": "181+", "rate": 0.045}]},
        # what the buyer expects to collect after buying does not change the seller's money
        performance={"recovery": 0.5},
    )
    p = project(v, THREE, 12)
    # 40,000 x 0.12 = 4,800; 35,000 x 0.08 = 2,800; 25,000 x 0.045 = 1,125 -> 8,725
    assert p.gross == pytest.approx(8725)
    assert p.net == pytest.approx(8725)
    assert p.fees == 0
    assert p.fixed == 0
    assert p.cost_ratio is None
    assert p.break_even_rate == 0.0
    # whatever the recovery rate, the seller gets the price
    assert net_at_rate(v, THREE, 12, 0.0) == pytest.approx(8725)
    assert net_at_rate(v, THREE, 12, 0.9) == pytest.approx(8725)


def test_debt_buyer_has_no_fees_or_fixed_costs_even_if_some_are_written() -> None:
    v = vendor(
        "buyer",
        "debt_buyer",
        fees={"purchase_price": 0.10, "contingency": 0.3, "annual_cost": 50000, "setup_cost": 1000, "per_account": 3},
    )
    p = project(v, THREE, 18)
    # SPEC: gross = net = 100,000 x 0.10 = 10,000; fees = fixed = 0
    assert (p.gross, p.fees, p.fixed, p.net) == pytest.approx((10000, 0, 0, 10000))
    assert p.cost_ratio is None
    assert p.break_even_rate == 0.0


# ---------------------------------------------------------------------------
# Edges: nothing recovered, fees that take everything.


def test_nothing_recovered_gives_an_infinite_cost_ratio() -> None:
    p = project(vendor(kind="software", fees={"annual_cost": 12000}), BOOK_100K, 12)
    # recovery defaults to 0: gross 0, net = -12,000; cost_ratio = 12,000 / 0 -> infinite
    assert p.gross == 0
    assert p.net == pytest.approx(-12000)
    assert p.cost_ratio == math.inf
    # break-even = 12,000 / 100,000 = 0.12
    assert p.break_even_rate == pytest.approx(0.12)


def test_full_contingency_with_a_fixed_cost_never_breaks_even() -> None:
    v = vendor(fees={"contingency": 1.0, "setup_cost": 500}, performance={"recovery": 0.3})
    p = project(v, BOOK_100K, 12)
    # gross 30,000, fees 30,000, fixed 500 -> net -500; kept share 100,000 x 0 = 0
    assert p.net == pytest.approx(-500)
    assert p.break_even_rate == math.inf


def test_zero_cost_vendor_has_cost_ratio_zero_and_break_even_zero() -> None:
    p = project(vendor(kind="in_house", performance={"recovery": 0.1}), BOOK_100K, 12)
    # gross 10,000, nothing paid: cost_ratio 0 / 10,000 = 0
    assert p.cost_ratio == 0
    assert p.break_even_rate == 0
    assert p.net == pytest.approx(10000)
