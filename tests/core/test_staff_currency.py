"""Staff and capacity, and currency (SPEC "Staff and capacity", "Currency"): hand-computed
figures, exact size tipping points on the step function of a growing team, and the
validation of every staffing and currency mistake.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tests.cli_runner import RunCli
from vendortui.core.analysis import SizeLine, size_line, size_tipping_points, step_crossings
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.money import project, staff_cost
from vendortui.core.terms import Terms, book_terms, in_book_terms, missing_terms


def vendor(vid: str = "v", kind: str = "in_house", **fields: Any) -> Vendor:
    return Vendor.model_validate({"id": vid, "name": vid.upper(), "kind": kind, **fields})


def book(*buckets: tuple[str, float, int], currency: str = "USD") -> Portfolio:
    return Portfolio.model_validate({"currency": currency, "buckets": [
        {"age": a, "balance": b, "accounts": n} for a, b, n in buckets]})


TERMS = Terms(collector_cost=58000)


def costed(v: Vendor, terms: Terms = TERMS, currency: str = "USD") -> Vendor:
    return in_book_terms(v, currency, terms)


# --------------------------------------------------------------------------- staff


def test_a_fixed_team_costs_collectors_times_cost_over_the_horizon() -> None:
    v = costed(vendor(fees={"annual_cost": 34000, "per_account": 0.8}, staffing={"collectors": 2},
                      performance={"recovery": 0.1}))
    p = project(v, book(("61-90", 100000, 11000)), 12)
    # staff = 2 x 58,000 x 12/12 = 116,000; fixed = 34,000 + 0.8 x 11,000 + 116,000 = 158,800
    assert (p.collectors, p.staff, p.fixed) == (2, 116000, 158800)
    # gross 10,000, no fees: net = 10,000 - 158,800
    assert p.net == -148800
    # 18 months: 2 x 58,000 x 1.5 = 174,000; fixed = 34,000 x 1.5 + 8,800 + 174,000 = 233,800
    assert project(v, book(("61-90", 100000, 11000)), 18).fixed == 233800


@pytest.mark.parametrize(("accounts", "collectors"), [
    (0, 0), (1, 1), (2199, 1), (2200, 1), (2201, 2), (4400, 2), (4401, 3), (11000, 5), (11001, 6),
])
def test_capacity_steps_at_exact_multiples(accounts: int, collectors: int) -> None:
    v = costed(vendor(kind="software", staffing={"accounts_per_collector": 2200}))
    assert staff_cost(v, accounts, 12) == collectors * 58000


def test_the_vendors_own_collector_cost_wins_and_is_converted() -> None:
    v = vendor(currency="GBP", staffing={"collectors": 1, "collector_cost": 30000}, fees={"annual_cost": 10000})
    converted = in_book_terms(v, "USD", Terms(collector_cost=58000, fx={"GBP": 1.27}))
    p = project(converted, book(("0-30", 1000, 10)), 12)
    # annual 10,000 GBP x 1.27 = 12,700; one collector at 30,000 GBP x 1.27 = 38,100
    assert p.staff == pytest.approx(38100) and p.fixed == pytest.approx(12700 + 38100)
    assert converted.currency == "GBP"  # what it was quoted in is still known


def test_ledgerline_on_the_bundled_book_nets_below_zero(run_cli: RunCli) -> None:
    """The issue's case: software with the collectors it needs. 11,000 accounts / 2,200 = 5
    collectors x 58,000 = 290,000; fixed = 30,000 + 12,000 + 0.30 x 11,000 + 290,000 = 335,300;
    gross 183,850 (its own rates); net = 183,850 - 335,300 = -151,450."""
    out = run_cli("rank", "--format", "json")
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["ledgerline"]["collectors"] == 5
    assert rows["ledgerline"]["staff"] == 290000
    assert rows["ledgerline"]["fixed"] == 335300
    assert rows["ledgerline"]["net"] == -151450
    # in-house: 2 collectors (11,000 / 7,000, rounded up) x 58,000 + 34,000 + 0.8 x 11,000 = 158,800
    assert rows["inhouse"]["fixed"] == 158800
    assert rows["brightpath"]["net"] == 176715 and rows["brightpath"]["staff"] == 0


# --------------------------------------------------------------------------- currency


def test_money_inputs_are_converted_rates_are_not() -> None:
    v = vendor(kind="agency", currency="GBP", fees={"annual_cost": 1000, "setup_cost": 200, "per_account": 0.5,
                                                   "contingency": 0.2}, performance={"recovery": 0.3})
    p = project(in_book_terms(v, "USD", Terms(fx={"GBP": 1.25})), book(("0-30", 10000, 100)), 12)
    # gross 3,000 (a rate: unchanged); fees 600; fixed = (1,000 + 200 + 0.5 x 100) x 1.25 = 1,562.50
    assert (p.gross, p.fees, p.fixed) == (3000, 600, 1562.5)
    assert p.net == 3000 - 600 - 1562.5


def test_the_portfolio_files_terms_win_table_by_table() -> None:
    template = Template.model_validate({
        "id": "t", "title": "T", "weights": {"customer_focus": 1},
        "sections": [{"id": "s", "criterion": "customer_focus", "questions": [{"id": "q", "text": "Q"}]}],
        "staff": {"collector_cost": 50000}, "fx": {"GBP": 1.2, "EUR": 1.1},
    })
    from vendortui.core.models import PortfolioFile

    pf = PortfolioFile.model_validate({"portfolio": {"buckets": [{"age": "0+", "balance": 1}]}, "fx": {"GBP": 1.3}})
    terms = book_terms(template, pf)
    assert terms.collector_cost == 50000 and dict(terms.fx) == {"GBP": 1.3, "EUR": 1.1}


def test_a_mismatch_without_a_rate_and_collectors_without_a_cost_are_named() -> None:
    v = vendor(currency="GBP", staffing={"collectors": 1})
    found = dict(missing_terms(v, "USD", Terms()))
    assert "no rate is given" in found[("currency",)] and "[fx] GBP" in found[("currency",)]
    assert "collector_cost" in found[("staffing",)]
    assert missing_terms(v, "USD", Terms(collector_cost=1, fx={"GBP": 1.27})) == []
    assert missing_terms(vendor(currency="USD"), "USD", Terms()) == []  # same currency: no rate needed


# --------------------------------------------------------------------------- validation


TEMPLATE = """id = "t"
title = "T"
[weights]
customer_focus = 1
[portfolio]
currency = "USD"
buckets = [{ age = "0+", balance = 1000, accounts = 10 }]
[[sections]]
id = "s"
criterion = "customer_focus"
[[sections.questions]]
id = "q"
text = "Q"
"""

BAD_VENDORS = {
    "agency-staff.toml": ('name = "A"\nkind = "agency"\n[staffing]\ncollectors = 2\n', 3, "staffing",
                          "applies only to kind"),
    "buyer-staff.toml": ('name = "B"\nkind = "debt_buyer"\n[staffing]\ncollectors = 2\n', 3, "staffing",
                         "a debt buyer brings its own staff"),
    "both.toml": ('name = "C"\nkind = "software"\n[staffing]\ncollectors = 2\naccounts_per_collector = 900\n'
                  'collector_cost = 1\n', 4, "staffing.collectors", "not both"),
    "neither.toml": ('name = "D"\nkind = "software"\n[staffing]\ncollector_cost = 50000\n', 3, "staffing",
                     "give collectors"),
    "no-cost.toml": ('name = "E"\nkind = "in_house"\n[staffing]\ncollectors = 2\n', 3, "staffing",
                     "no collector_cost here or in the template's or portfolio's [staff]"),
    "gbp.toml": ('name = "F"\nkind = "agency"\n\ncurrency = "GBP"\n', 4, "currency", "no rate is given"),
    "bad-currency.toml": ('name = "G"\nkind = "agency"\ncurrency = "pounds"\n', 3, "currency", ""),
}


@pytest.mark.parametrize("name", sorted(BAD_VENDORS))
def test_validate_rejects_each_staffing_and_currency_mistake(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    text, line, key, message = BAD_VENDORS[name]
    (tmp_path / "t.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / name).write_text(text, encoding="utf-8")
    out = run_cli("validate", "vendors", "--template", "t.toml", cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    prefix = f"vendors/{name}:{line}: {key}: "
    assert any(line_.startswith(prefix) and message in line_ for line_ in out.stdout.splitlines()), out.stdout


def test_rank_leaves_out_a_vendor_it_cannot_cost_and_ranks_the_rest(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / "gbp.toml").write_text(BAD_VENDORS["gbp.toml"][0], encoding="utf-8")
    (tmp_path / "vendors" / "ok.toml").write_text('name = "OK"\nkind = "agency"\n', encoding="utf-8")
    out = run_cli("rank", "--format", "json", "--vendors", "vendors",
                          "--template", "t.toml", cwd=tmp_path)
    assert out.returncode == 1 and [r["id"] for r in json.loads(out.stdout)] == ["ok"]
    assert "gbp.toml:4: currency:" in out.stderr
    # with the rate, it is costed in dollars: 1,000 GBP a year x 1.27
    (tmp_path / "t.toml").write_text(TEMPLATE + "[fx]\nGBP = 1.27\n", encoding="utf-8")
    (tmp_path / "vendors" / "gbp.toml").write_text(BAD_VENDORS["gbp.toml"][0] + "[fees]\nannual_cost = 1000\n",
                                                   encoding="utf-8")
    out = run_cli("rank", "--format", "json", "--vendors", "vendors",
                          "--template", "t.toml", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert {r["id"]: r["fixed"] for r in json.loads(out.stdout)}["gbp"] == 1270


# --------------------------------------------------------------------------- size tipping points


def test_size_line_of_a_capacity_team() -> None:
    v = costed(vendor(kind="software", fees={"annual_cost": 30000}, staffing={"accounts_per_collector": 2200},
                      performance={"recovery": 0.2}))
    line = size_line(v, book(("0+", 100000, 11000)), 12)
    # margin 20,000 (no fees, no per-account); base 30,000; one collector 58,000; steps every 0.2x
    assert (line.margin, line.base, line.collector, line.accounts, line.per_collector) == (20000, 30000, 58000, 11000, 2200)
    assert line.step(1) == pytest.approx(0.2)


def test_a_growing_team_makes_an_in_house_option_fall_behind_again() -> None:
    """An agency: 25% contingency, recovery 30%, no fixed costs: net(k) = 100,000k x 0.3 x 0.75
    = 22,500k. In-house: recovery 40%, one collector per 1,000 accounts at 10,000 a year, 1,000
    accounts per unit of scale: net(k) = 40,000k - 10,000 ceil(k).
    For k in (0, 1]: 40,000k - 10,000 > 22,500k when k > 10,000 / 17,500 = 0.5714...
    At k just above 1: 40,000k - 20,000 vs 22,500k: behind until k > 20,000/17,500 = 1.1428...
    (so the agency overtakes back at k = 1 exactly, where the second collector joins)."""
    agency = costed(vendor("agency", kind="agency", fees={"contingency": 0.25}, performance={"recovery": 0.3}))
    team = in_book_terms(vendor("team", staffing={"accounts_per_collector": 1000}, performance={"recovery": 0.4}),
                         "USD", Terms(collector_cost=10000))
    points = [(t.a, t.b, round(t.scale, 6)) for t in size_tipping_points([agency, team], book(("0+", 100000, 1000)), 12)]
    assert ("team", "agency", round(10000 / 17500, 6)) in points
    assert ("agency", "team", 1.0) in points
    assert ("team", "agency", round(20000 / 17500, 6)) in points


LINES = st.builds(
    SizeLine,
    margin=st.integers(0, 50).map(float),
    base=st.integers(0, 50).map(float),
    collector=st.sampled_from([0.0, 3.0, 7.0]),
    accounts=st.sampled_from([1.0, 2.0, 5.0]),
    per_collector=st.sampled_from([1.0, 3.0, 4.0]),
)


def net(line: SizeLine, k: float) -> float:
    staff = line.collector * math.ceil(k * line.accounts / line.per_collector - 1e-12) if line.collector else 0.0
    return k * line.margin - line.base - staff


@given(LINES, LINES)
# Level just below a step (la's net rises 15 a unit faster): 1e-7 to the left is 1.5e-6 ahead.
@example(SizeLine(20, 35, 0, 1, 1), SizeLine(35, 35, 3, 5, 1))
def test_step_crossings_are_exactly_where_a_goes_ahead(la: SizeLine, lb: SizeLine) -> None:
    """Checked against the nets themselves on a fine grid: every reported k has a behind (or
    level) just below and ahead just above, and the grid finds no switch to ahead elsewhere."""
    assume(la.collector or lb.collector)  # two straight lines are another function's job
    found = step_crossings(la, lb)
    limit = 40.0
    # "Level" 1e-7 away from k moves by up to the slopes times 1e-7.
    slack = 1e-6 + 1e-7 * (abs(la.margin) + abs(lb.margin))
    for k in found:
        assert net(la, k + 1e-7) - net(lb, k + 1e-7) > -slack
        if k > 1e-6:
            assert net(la, k - 1e-7) - net(lb, k - 1e-7) <= slack
    grid = [i / 997 for i in range(1, int(limit * 997))]
    for x, y in itertools.pairwise(grid):
        if net(la, x) - net(lb, x) <= -1e-6 and net(la, y) - net(lb, y) > 1e-6:
            assert any(x - 1e-6 <= k <= y + 1e-6 for k in found), (x, y, found)


def test_a_bucket_spanning_two_of_a_vendors_bands_is_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(TEMPLATE.replace('age = "0+"', 'age = "0-90"'), encoding="utf-8")
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / "v.toml").write_text(
        'name = "V"\nkind = "agency"\n[performance]\nrecovery = [\n  { age = "0-30", rate = 0.4 },\n'
        '  { age = "31+", rate = 0.2 },\n]\n', encoding="utf-8")
    out = run_cli("validate", "vendors", "--template", "t.toml", cwd=tmp_path)
    assert out.returncode == 0, out.stdout
    assert "vendors/v.toml:4: performance.recovery: warning: bucket 0-90 spans 2 bands (0-30, 31+)" in out.stdout
