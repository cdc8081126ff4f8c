"""How numbers read on screen and in exports: half-up rounding, shares that add up to 100,
short amounts and round axis ticks."""

from __future__ import annotations

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from vendortui.render.formatting import axis_ticks, money, rate, score, shares, short_money, unit_money


def test_money_rounds_half_up_as_a_reader_does():
    assert money(74202.5) == "$74,203"
    assert money(74202.49) == "$74,202"
    assert money(-1312.5) == "-$1,313"  # away from zero, the same amount either side
    assert money(-0.4) == "$0"  # never "-$0"
    assert money(2.5, "GBP") == "£3"
    assert money(10, "SEK") == "10 SEK"


def test_rates_and_scores_round_half_up_from_the_decimal_written():
    assert rate(0.0625) == "6.3%"
    assert rate(0.0624) == "6.2%"
    assert rate(0.145, 0) == "15%"
    assert rate(math.inf) == "never"
    assert rate(None) == "n/a"
    assert score(3.25) == "3.3"
    assert score(0.05) == "0.1"


def test_unit_prices_keep_their_cents():
    assert unit_money(0.8, "USD") == "$0.80"
    assert unit_money(4, "USD") == "$4"


def test_short_money_for_axes():
    assert short_money(854700) == "$855k"
    assert short_money(1_250_000) == "$1.3M"
    assert short_money(-1_200_000) == "-$1.2M"
    assert short_money(40) == "$40"
    assert short_money(0) == "$0"


def test_shares_of_three_equal_weights_add_up_to_100():
    assert shares({"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert sum(shares({"a": 20, "b": 20, "c": 15, "d": 15, "e": 15, "f": 15}).values()) == 100


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.floats(0.01, 1e6), min_size=1, max_size=8))
def test_shares_always_add_up_to_100_and_stay_within_one_of_the_exact_share(weights):
    got = shares(weights)
    assert sum(got.values()) == 100
    total = math.fsum(weights.values())
    for key, value in weights.items():
        assert abs(got[key] - 100 * value / total) < 1


def test_axis_ticks_are_round_and_cover_the_range():
    assert axis_ticks(0, 854700) == [0, 200000, 400000, 600000, 800000, 1000000]
    assert axis_ticks(-151450, 236000) == [-200000, -100000, 0, 100000, 200000, 300000]


cents = st.integers(-10**14, 10**14).map(lambda c: c / 100)


@given(cents, cents.map(abs))
def test_axis_ticks_always_span_the_values_in_equal_round_steps(low, extent):
    high = low + extent
    ticks = axis_ticks(low, high)
    slack = 1e-9 * max(1.0, abs(low), abs(high))  # i * step carries a float's rounding
    assert ticks[0] <= low + slack and ticks[-1] >= high - slack
    assert 2 <= len(ticks) <= 10
    step = ticks[1] - ticks[0]
    assert all(math.isclose(b - a, step, rel_tol=1e-6) for a, b in itertools.pairwise(ticks))
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5, 10))
