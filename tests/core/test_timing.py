"""Time value (SPEC "Time value and evidence"): curves, cash by month, npv and payback.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendortui.core.basis import Basis
from vendortui.core.curves import CurvePoint, Timing
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.montecarlo import monte_carlo
from vendortui.core.plans import best_plan
from vendortui.core.terms import Terms
from vendortui.core.timing import cash_flow, share_at
from vendortui.files.loading import FileKind

BOOK = Portfolio.model_validate({"buckets": [{"age": "0-90", "balance": 60000, "accounts": 600},
                                             {"age": "91+", "balance": 40000, "accounts": 400}]})
FLAT = Portfolio.model_validate({"buckets": [{"age": "0+", "balance": 100000, "accounts": 1000}]})


def vendor(vid: str, kind: str = "agency", **fields: Any) -> Vendor:
    return Vendor.model_validate({"id": vid, "name": vid.title(), "kind": kind, **fields})


def curve(*points: tuple[int, float]) -> list[CurvePoint]:
    return [CurvePoint(month=m, share=s) for m, s in points]


def template(horizon: int = 12, auto: str = "net_recovery") -> Template:
    return Template.model_validate({
        "id": "t", "title": "T", "horizon_months": horizon, "weights": {"fee_structure": 1},
        "criteria": {"fee_structure": {"auto": auto}},
        "sections": [{"id": "s", "criterion": "customer_focus", "questions": [{"id": "q", "text": "Q"}]}],
    })


def evaluation(vendors: list[Vendor], timing: Timing | None, horizon: int = 12, book: Portfolio = FLAT,
               auto: str = "net_recovery") -> Evaluation:
    return Evaluation(template(horizon, auto), book, vendors, terms=Terms(timing=timing))


SPEC_CURVE = curve((1, 0.20), (3, 0.50), (12, 1.0))


def test_interpolation_between_points_and_a_flat_tail() -> None:
    assert share_at(SPEC_CURVE, 12, 0) == 0
    assert share_at(SPEC_CURVE, 12, 1) == pytest.approx(0.20)
    # month 2: halfway from (1, 0.20) to (3, 0.50) = 0.35
    assert share_at(SPEC_CURVE, 12, 2) == pytest.approx(0.35)
    # month 6: 0.50 + 0.50 x (6 - 3) / (12 - 3) = 0.6667
    assert share_at(SPEC_CURVE, 12, 6) == pytest.approx(0.5 + 0.5 * 3 / 9)
    # flat after the last point
    assert share_at(SPEC_CURVE, 12, 12) == share_at(SPEC_CURVE, 12, 24) == share_at(SPEC_CURVE, 12, 120) == 1.0
    # a curve whose first point is past month 1 starts from S(0) = 0: month 2 of (4, 0.8) is 0.4
    assert share_at(curve((4, 0.8)), 12, 2) == pytest.approx(0.4)


def test_the_linear_default_from_measured_months() -> None:
    # no curve: S(m) = min(m / measured_months, 1)
    assert share_at(None, 18, 12) == pytest.approx(12 / 18)
    assert share_at(None, 6, 12) == 1.0 and share_at(None, 12, 3) == pytest.approx(0.25)
    # with [timing] and no curve anywhere: 100,000 x 0.3 x 12/18 = 20,000 gross over 12 months
    slow = vendor("slow", performance={"recovery": 0.3, "measured_months": 18})
    p = evaluation([slow], Timing(discount_rate=0.1)).projections()["slow"]
    assert p.gross == pytest.approx(20000)


def test_a_vendors_curve_then_the_templates_then_the_default() -> None:
    own = vendor("own", performance={"recovery": 0.3, "curve": [{"month": 6, "share": 1.0}]})
    plain = vendor("plain", performance={"recovery": 0.3, "measured_months": 24})
    b = Basis(3, Timing(curve=curve((1, 0.1), (12, 1.0))))
    assert b.reach(own) == pytest.approx(0.5)  # its own: 3 of 6 months
    assert b.reach(plain) == pytest.approx(0.1 + 0.9 * 2 / 11)  # the template's, not 3/24
    assert Basis(3, Timing()).reach(plain) == pytest.approx(3 / 24)  # no curve anywhere: linear


def test_a_nine_month_horizon_on_twelve_month_curves() -> None:
    # S(9) on (1, 0.1), (6, 0.6), (12, 1.0) = 0.6 + 0.4 x 3/6 = 0.8
    agency = vendor("agency", fees={"contingency": 0.2},
                    performance={"recovery": 0.3, "curve": [{"month": 1, "share": 0.1}, {"month": 6, "share": 0.6},
                                                            {"month": 12, "share": 1.0}]})
    p = evaluation([agency], Timing(), horizon=9).projections()["agency"]
    # gross 100,000 x 0.3 x 0.8 = 24,000; fees 20% = 4,800; net 19,200 (no fixed cost)
    assert p.gross == pytest.approx(24000) and p.fees == pytest.approx(4800) and p.fixed == 0
    assert p.net == pytest.approx(19200)
    # resolved accounts scale the same way: 1,000 accounts x 0.3 x 0.8 = 240
    assert p.resolved_accounts == pytest.approx(240)
    # without [timing] the same file still counts the whole 12-month rate: 30,000 x 0.8 = 24,000
    assert evaluation([agency], None, horizon=9).projections()["agency"].net == pytest.approx(24000)


def test_a_debt_buyer_pays_at_month_zero() -> None:
    buyer = vendor("buyer", kind="debt_buyer", fees={"purchase_price": 0.08}, performance={"recovery": 0.3})
    cash = cash_flow(buyer, FLAT.buckets, 12, Timing(discount_rate=0.12))
    # 100,000 x 0.08 = 8,000 at m = 0 and nothing after; undiscounted, paid back at once
    assert cash.net == (8000.0,) + (0.0,) * 12
    assert cash.npv == 8000 and cash.payback_month == 0
    p = evaluation([buyer], Timing(discount_rate=0.12, curve=curve((12, 0.5)))).projections()["buyer"]
    assert (p.gross, p.net, p.npv, p.payback_month) == (8000, 8000, 8000, 0)  # no curve applies to a price


def in_house(setup: float, annual: float) -> Vendor:
    return vendor("team", kind="in_house",
                  fees={"setup_cost": setup, "annual_cost": annual, "per_account": 2},
                  staffing={"collectors": 1, "collector_cost": 36000},
                  performance={"recovery": 0.3})


def test_setup_at_month_zero_and_monthly_costs() -> None:
    team = in_house(6000, 24000)
    cash = cash_flow(team, FLAT.buckets, 12, Timing())
    # fixed_0 = setup 6,000 + 2 x 1,000 accounts = 8,000; fixed_m = (24,000 + 1 x 36,000) / 12 = 5,000
    assert cash.fixed == (8000.0,) + (5000.0,) * 12
    # collections: 30,000 spread evenly (linear default over 12 months) = 2,500 a month
    assert cash.collections[0] == 0 and all(c == pytest.approx(2500) for c in cash.collections[1:])
    # the months add up to the money model: fixed 24,000 + 6,000 + 2,000 + 36,000 = 68,000; net -38,000
    p = evaluation([team], Timing()).projections()["team"]
    assert p.fixed == 68000 and p.net == pytest.approx(-38000) == cash.total


def test_payback_month_and_never() -> None:
    # setup 5,000 at m = 0; 2,500 collected and 1,000 spent each month: -5,000 + 1,500 m > 0 first at m = 4
    team = vendor("team", kind="in_house", fees={"setup_cost": 5000, "annual_cost": 12000},
                  performance={"recovery": 0.3})
    cash = cash_flow(team, FLAT.buckets, 12, Timing())
    assert cash.cumulative[3] == pytest.approx(-500) and cash.cumulative[4] == pytest.approx(1000)
    assert cash.payback_month == 4
    # 3,000 a month against 2,500 collected: the running sum only falls
    costly = vendor("costly", kind="in_house", fees={"setup_cost": 5000, "annual_cost": 36000},
                    performance={"recovery": 0.3})
    never = evaluation([costly], Timing()).projections()["costly"]
    assert never.payback_month is None and never.net == pytest.approx(30000 - 5000 - 36000)
    # an agency with nothing to pay is not "paid back" at month 0, where nothing came in yet
    assert cash_flow(vendor("a", performance={"recovery": 0.3}), FLAT.buckets, 12, Timing()).payback_month == 1


def test_npv_at_twelve_percent() -> None:
    # everything collected in month 12: 100,000 x 0.3 x (1 - 20%) = 24,000, discounted one year at 12%
    late = vendor("late", fees={"contingency": 0.2},
                  performance={"recovery": 0.3, "curve": [{"month": 11, "share": 0.0}, {"month": 12, "share": 1.0}]})
    cash = cash_flow(late, FLAT.buckets, 12, Timing(discount_rate=0.12))
    assert cash.npv == pytest.approx(24000 / 1.12)  # 21,428.57
    # the half-year point: 1.12^(6/12) = 1.0583005
    mid = vendor("mid", performance={"recovery": 0.3, "curve": [{"month": 5, "share": 0.0}, {"month": 6, "share": 1.0}]})
    assert cash_flow(mid, FLAT.buckets, 12, Timing(discount_rate=0.12)).npv == pytest.approx(30000 / 1.0583005244)
    # 1,000 a month for 12 months: the geometric sum v (1 - v^12) / (1 - v), v = 1.12^(-1/12)
    rent = vendor("rent", kind="software", fees={"annual_cost": 12000})
    v = 1.12 ** (-1 / 12)
    assert cash_flow(rent, FLAT.buckets, 12, Timing(discount_rate=0.12)).npv == pytest.approx(
        -1000 * v * (1 - v**12) / (1 - v))


def test_auto_npv_prefers_the_cash_that_comes_first() -> None:
    # the same 24,000 net: "early" all in month 1, "late" all in month 12 (npv 24,000/1.12 = 21,428.57)
    early = vendor("early", fees={"contingency": 0.2}, performance={"recovery": 0.3, "curve": [{"month": 1, "share": 1.0}]})
    late = vendor("late", fees={"contingency": 0.2},
                  performance={"recovery": 0.3, "curve": [{"month": 11, "share": 0.0}, {"month": 12, "share": 1.0}]})
    ranked = evaluation([late, early], Timing(discount_rate=0.12), auto="npv").rank()
    assert [r.id for r in ranked] == ["early", "late"]
    # scale 5 x 21,428.57 / (24,000 / 1.12^(1/12)) = 5 x 1.12^(1/12) / 1.12
    assert ranked[1].criteria["fee_structure"].score == pytest.approx(5 * 1.12 ** (1 / 12) / 1.12)


def test_plans_cost_segments_on_the_curve() -> None:
    half = vendor("half", fees={"contingency": 0.2}, performance={"recovery": 0.3, "curve": [{"month": 12, "share": 1.0}]})
    plan = best_plan([half], BOOK, 6, 1, basis=Basis(6, Timing()))
    # S(6) = 0.5: 100,000 x 0.3 x 0.5 x 0.8 = 12,000
    assert plan.net == pytest.approx(12000) and plan.segments[0].gross == pytest.approx(15000)


def test_monte_carlo_carries_the_curves() -> None:
    ranged = vendor("ranged", fees={"contingency": 0.2},
                    performance={"recovery": [{"age": "0+", "rate": 0.3, "low": 0.2, "high": 0.4}]})
    firm = vendor("firm", fees={"contingency": 0.2}, performance={"recovery": 0.25})
    ev = evaluation([ranged, firm], Timing(discount_rate=0.12))
    mc = monte_carlo(ev.template, ev.portfolio, ev.vendors, ev.inputs(), 200, 7, ranked=ev.rank(), basis=ev.basis())
    by_id = {d.id: d for d in mc.vendors}
    point = ev.projections()
    # a vendor without ranges draws its point figures: the npv of its cash flow
    assert by_id["firm"].npv_p50 == pytest.approx(point["firm"].npv)
    d = by_id["ranged"]
    assert d.npv_p10 is not None and d.npv_p90 is not None and d.net_p10 is not None and d.net_p90 is not None
    assert d.npv_p10 < d.npv_p90 and d.npv_p90 < d.net_p90  # positive rate, nothing paid: npv below net
    # the bounds went along the curve too: the highest net is below 100,000 x 0.4 x 0.8 = 32,000
    assert d.net_p90 <= 32000
    without = monte_carlo(ev.template, ev.portfolio, ev.vendors, ev.inputs(), 20, 7)
    assert all(x.npv_p50 is None for x in without.vendors)


# --------------------------------------------------------------------------- properties

rates = st.floats(0, 1, allow_nan=False)
money = st.floats(0, 1e6, allow_nan=False)


@st.composite
def vendors(draw: st.DrawFn) -> Vendor:
    kind = draw(st.sampled_from(["agency", "software", "in_house", "debt_buyer"]))
    fields = {
        "fees": {"contingency": [{"age": "0-90", "rate": draw(rates)}, {"age": "91+", "rate": draw(rates)}],
                 "annual_cost": draw(money), "setup_cost": draw(money), "per_account": draw(st.floats(0, 50))},
        "performance": {"recovery": [{"age": "0-90", "rate": draw(rates)}, {"age": "91+", "rate": draw(rates)}]},
    }
    if kind == "debt_buyer":
        fields["fees"] = {"purchase_price": draw(rates)}
    elif kind != "agency" and draw(st.booleans()):
        fields["staffing"] = {"accounts_per_collector": draw(st.integers(1, 2000)), "collector_cost": draw(money)}
    return vendor(f"v{draw(st.integers(0, 10**6))}", kind, **fields)


@st.composite
def full_curves(draw: st.DrawFn, horizon: int) -> list[CurvePoint]:
    """A curve that has reached 1 by the horizon (S(H) = 1)."""
    months = sorted(draw(st.sets(st.integers(1, horizon), min_size=1, max_size=5)))
    shares = sorted(draw(st.lists(st.floats(0, 1), min_size=len(months), max_size=len(months))))
    shares[-1] = 1.0
    return curve(*zip(months, shares))


@settings(max_examples=60, deadline=None)
@given(st.lists(vendors(), min_size=1, max_size=4, unique_by=lambda v: v.vid), st.integers(1, 24), st.data())
def test_a_curve_complete_by_the_horizon_changes_no_figure(vendors: list[Vendor], horizon: int, data: st.DataObject) -> None:
    """With S(H) = 1, [timing] adds npv and payback and leaves every other figure as today's."""
    timed = [v.model_copy(update={"performance": v.performance.model_copy(update={"curve": data.draw(full_curves(horizon))})})
             for v in vendors]
    before = evaluation(timed, None, horizon, BOOK).rank()
    after = evaluation(timed, Timing(discount_rate=data.draw(st.floats(0, 1))), horizon, BOOK).rank()
    assert [r.id for r in before] == [r.id for r in after]
    for b, a in zip(before, after):
        pb, pa = b.projection, a.projection
        assert (pa.gross, pa.fees, pa.fixed, pa.net, pa.cost_ratio, pa.break_even_rate, pa.resolved_accounts) == (
            pb.gross, pb.fees, pb.fixed, pb.net, pb.cost_ratio, pb.break_even_rate, pb.resolved_accounts)
        assert a.total == b.total and a.criteria == b.criteria and a.shortlisted == b.shortlisted
        assert pb.npv is None and pa.npv is not None


@settings(max_examples=80, deadline=None)
@given(st.floats(0.3, 1), st.floats(0.001, 1), st.integers(1, 36), st.data())
def test_npv_is_at_most_net_for_non_negative_flows(rate: float, discount: float, horizon: int, data: st.DataObject) -> None:
    """An agency with no fixed cost has flows >= 0: discounting at a positive rate only lowers them."""
    points = sorted(data.draw(st.sets(st.integers(1, 120), min_size=1, max_size=6)))
    shares = sorted(data.draw(st.lists(st.floats(0, 2), min_size=len(points), max_size=len(points))))
    agency = vendor("a", fees={"contingency": data.draw(rates)},
                    performance={"recovery": rate, "curve": [{"month": m, "share": s} for m, s in zip(points, shares)]})
    ev = evaluation([agency], Timing(discount_rate=discount), horizon, BOOK)
    p = ev.projections()["a"]
    cash = ev.cash()["a"]
    assert all(x >= 0 for x in cash.net)
    assert p.npv is not None and p.npv <= p.net + 1e-9 * max(1.0, abs(p.net))
    assert math.fsum(cash.net) == pytest.approx(p.net, rel=1e-9, abs=1e-6)  # net = sum of net_m
    assert p.npv == pytest.approx(cash.npv, rel=1e-9, abs=1e-6)  # the ranking's npv is the months' npv


# --------------------------------------------------------------------------- validation

BAD_VENDOR = """name = "X"
kind = "agency"
[performance]
recovery = 0.2
curve = [ { month = 3, share = 0.5 },
          { month = 3, share = 0.6 } ]
"""
BAD_SHARES = """name = "X"
kind = "agency"
[performance]
recovery = 0.2
curve = [ { month = 1, share = 0.5 },
          { month = 2, share = 2.5 } ]
"""
BAD_BOOK = """[portfolio]
buckets = [ { age = "0+", balance = 100 } ]
[timing]
discount_rate = 1.5
curve = [ { month = 1, share = 0.5 },
          { month = 2, share = 0.4 } ]
[evidence]
k = -1
"""


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("vendor", BAD_VENDOR, ["v.toml:6: performance.curve[1].month: months must increase"]),
    ("vendor", BAD_SHARES, ["v.toml:6: performance.curve[1].share: is too large: at most 2"]),
    ("portfolio", BAD_BOOK, ["v.toml:4: timing.discount_rate: ", "v.toml:6: timing.curve[1].share: shares must not fall",
                             "v.toml:8: evidence.k: "]),
])
def test_bad_curves_and_rates_name_file_line_and_key(tmp_path: Path, kind: FileKind, text: str, expected: list[str]) -> None:
    from vendortui.files.loading import load_file

    path = tmp_path / "v.toml"
    path.write_text(text)
    loaded = load_file(path, kind)
    assert loaded.model is None
    shown = [str(p).replace(str(tmp_path) + "/", "") for p in loaded.problems]
    assert len(shown) == len(expected)
    for line, start in zip(sorted(shown), expected):
        assert line.startswith(start), line


@settings(max_examples=80, deadline=None)
@given(st.data(), st.integers(0, 130), st.integers(1, 36))
def test_the_months_walk_agrees_with_the_curve_point_by_point(data: st.DataObject, horizon: int, measured: int) -> None:
    """`shares` (one walk of the curve for every month) is `share_at` month by month."""
    from vendortui.core.timing import shares

    points = sorted(data.draw(st.sets(st.integers(1, 120), min_size=1, max_size=6)))
    values = sorted(data.draw(st.lists(st.floats(0, 2), min_size=len(points), max_size=len(points))))
    own = curve(*zip(points, values)) if data.draw(st.booleans()) else None
    v = vendor("v", performance={"recovery": 0.2, "measured_months": measured,
                                 **({"curve": [p.model_dump() for p in own]} if own else {})})
    assert shares(v, Timing(), horizon) == [share_at(own, measured, m) for m in range(horizon + 1)]
