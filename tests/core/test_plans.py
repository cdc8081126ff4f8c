"""Placement plans (SPEC "Placement plans"): hand-computed waterfalls, cut-offs, ties, and the
dynamic programme against brute-force enumeration.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_runner import RunCli
from vendortui.core.models import Portfolio, Vendor
from vendortui.core.money import project_buckets
from vendortui.core.plans import NoPlan, Plan, best_plan, running_fsums, strategy
from vendortui.core.terms import Terms, in_book_terms


def vendor(vid: str, kind: str = "agency", **fields: Any) -> Vendor:
    v = Vendor.model_validate({"id": vid, "name": vid.title(), "kind": kind, **fields})
    return in_book_terms(v, "USD", Terms(collector_cost=10000))


def book(*buckets: tuple[str, float, int]) -> Portfolio:
    return Portfolio.model_validate({"buckets": [{"age": a, "balance": b, "accounts": n} for a, b, n in buckets]})


# Three buckets of 100,000 each. `young` recovers 50% on the youngest only; `old` 30% on the
# oldest only; `mid` 20% everywhere. No fees or fixed costs unless stated.
BOOK = book(("0-30", 100000, 100), ("31-90", 100000, 100), ("91+", 100000, 100))
YOUNG = vendor("young", performance={"recovery": [{"age": "0-30", "rate": 0.5}, {"age": "31+", "rate": 0.0}]})
OLD = vendor("old", performance={"recovery": [{"age": "0-90", "rate": 0.0}, {"age": "91+", "rate": 0.3}]})
MID = vendor("mid", performance={"recovery": 0.2})


def shape(plan: Plan) -> list[tuple[str, list[str]]]:
    return [(s.vendor, [str(a) for a in s.ages]) for s in plan.segments]


def test_one_option_is_the_best_single_vendor() -> None:
    plan = best_plan([YOUNG, OLD, MID], BOOK, 12, max_options=1)
    # young: 50,000; old: 30,000; mid: 3 x 20,000 = 60,000
    assert shape(plan) == [("mid", ["0-30", "31-90", "91+"])]
    assert (plan.net, plan.single_best, plan.single_best_net, plan.gain) == (60000, "mid", 60000, 0)


def test_two_options() -> None:
    plan = best_plan([YOUNG, OLD, MID], BOOK, 12, max_options=2)
    # young 0-30 (50,000) + mid 31+ (40,000) = 90,000; mid 0-90 + old 91+ = 40,000 + 30,000 = 70,000
    assert shape(plan) == [("young", ["0-30"]), ("mid", ["31-90", "91+"])]
    assert plan.net == 90000 and plan.gain == 30000


def test_three_options() -> None:
    plan = best_plan([YOUNG, OLD, MID], BOOK, 12, max_options=3)
    # young 0-30 (50,000) + mid 31-90 (20,000) + old 91+ (30,000) = 100,000
    assert shape(plan) == [("young", ["0-30"]), ("mid", ["31-90"]), ("old", ["91+"])]
    assert plan.net == 100000 and plan.single_best == "mid" and plan.gain == 40000


def test_fixed_costs_are_paid_once_per_segment() -> None:
    # mid with a 15,000 annual cost: alone 60,000 - 15,000 = 45,000. Split into young 0-30 and mid 31+:
    # 50,000 + (40,000 - 15,000) = 75,000; three ways: 50,000 + (20,000 - 15,000) + 30,000 = 85,000
    costly = vendor("mid", performance={"recovery": 0.2}, fees={"annual_cost": 15000})
    assert best_plan([YOUNG, OLD, costly], BOOK, 12, 3).net == 85000
    # at 18 months the annual cost is 22,500: three ways 50,000 - 2,500 + 30,000 = 77,500, but
    # young 0-30 + old 31+ = 50,000 + 30,000 = 80,000 wins with two options
    plan = best_plan([YOUNG, OLD, costly], BOOK, 18, 3)
    assert shape(plan) == [("young", ["0-30"]), ("old", ["31-90", "91+"])] and plan.net == 80000


def test_a_segments_collectors_are_counted_on_its_own_accounts() -> None:
    # one collector per 150 accounts at 10,000: the whole book (300 accounts) needs 2, one bucket 1
    team = vendor("team", kind="in_house", staffing={"accounts_per_collector": 150}, performance={"recovery": 0.2})
    seg = best_plan([team], BOOK, 12, 1).segments[0]
    assert (seg.fixed, seg.net) == (20000, 60000 - 20000)
    plan = best_plan([team, OLD], BOOK, 12, 2)
    # team 0-90: 200 accounts -> 2 collectors: 40,000 - 20,000 = 20,000, + old 30,000 = 50,000;
    # team 0-30 alone: 20,000 - 10,000 = 10,000, + old 31+ 30,000 = 40,000; team alone 40,000
    assert shape(plan) == [("team", ["0-30", "31-90"]), ("old", ["91+"])] and plan.net == 50000


def test_a_debt_buyer_takes_a_segment_at_its_price() -> None:
    buyer = vendor("buyer", kind="debt_buyer", fees={"purchase_price": [{"age": "0-90", "rate": 0.01},
                                                                        {"age": "91+", "rate": 0.35}]})
    plan = best_plan([YOUNG, MID, buyer], BOOK, 12, 3)
    # young 50,000 + mid 20,000 + buyer 91+ at 35c: 35,000 = 105,000
    assert shape(plan) == [("young", ["0-30"]), ("mid", ["31-90"]), ("buyer", ["91+"])]
    seg = plan.segments[-1]
    assert (seg.gross, seg.fees, seg.fixed, seg.net) == (35000, 0, 0, 35000)


def test_a_cutoff_keeps_the_younger_accounts_with_the_kept_vendor() -> None:
    team = vendor("team", kind="in_house", performance={"recovery": 0.1})
    plan = best_plan([YOUNG, OLD, MID], BOOK, 12, 3, cutoff=60, keep=team)
    # buckets starting below 60 days: 0-30 and 31-90 -> team: 20,000; then the best of one or two
    # more options on 91+: old 30,000 (mid 20,000) -> 50,000
    assert shape(plan) == [("team", ["0-30", "31-90"]), ("old", ["91+"])]
    assert (plan.net, plan.cutoff, plan.kept) == (50000, 60, "team")
    assert plan.single_best == "mid" and plan.gain == -10000  # the single best does not include the kept team


def test_a_cutoff_that_splits_nothing_plans_the_whole_book() -> None:
    team = vendor("team", kind="in_house", performance={"recovery": 0.9})
    plan = best_plan([YOUNG, OLD, MID], book(("61-90", 100000, 1), ("91+", 100000, 1)), 12, 2, cutoff=30, keep=team)
    # no bucket starts before day 30: nothing is kept; mid 20,000 + old 30,000 = 50,000
    assert shape(plan) == [("mid", ["61-90"]), ("old", ["91+"])] and plan.kept == "team"


def test_a_cutoff_past_every_bucket_keeps_everything() -> None:
    team = vendor("team", kind="in_house", performance={"recovery": 0.1})
    plan = best_plan([MID], BOOK, 12, 3, cutoff=1000, keep=team)
    assert shape(plan) == [("team", ["0-30", "31-90", "91+"])] and plan.net == 30000


def test_after_the_kept_segment_the_next_goes_to_another_vendor() -> None:
    team = vendor("team", kind="in_house", performance={"recovery": 0.9})
    plan = best_plan([team, MID], BOOK, 12, 2, cutoff=30, keep=team)
    # team keeps 0-30 (90,000); the next segment may not be the team again: mid takes the rest
    assert shape(plan) == [("team", ["0-30"]), ("mid", ["31-90", "91+"])]
    # a third option may bring the team back for a run that is not adjacent, costed on its own:
    # 90,000 + mid 31-90 20,000 + team 91+ 90,000 = 200,000
    plan = best_plan([team, MID], BOOK, 12, 3, cutoff=30, keep=team)
    assert shape(plan) == [("team", ["0-30"]), ("mid", ["31-90"]), ("team", ["91+"])] and plan.net == 200000


def test_one_option_with_a_cutoff_leaves_no_room_and_says_so() -> None:
    team = vendor("team", kind="in_house", performance={"recovery": 0.1})
    with pytest.raises(NoPlan, match="--max-options 2"):
        best_plan([MID], BOOK, 12, 1, cutoff=60, keep=team)


def test_no_eligible_vendor_is_no_plan() -> None:
    with pytest.raises(NoPlan):
        best_plan([], BOOK, 12, 3)


def test_ties_go_to_fewer_options_then_to_smaller_ids_in_age_order() -> None:
    a = vendor("a", performance={"recovery": 0.2})
    b = vendor("b", performance={"recovery": 0.2})
    # a alone, b alone, a then b...: all 60,000. Fewest options, then id "a" first.
    plan = best_plan([b, a], BOOK, 12, 3)
    assert shape(plan) == [("a", ["0-30", "31-90", "91+"])]
    # young 0-30 then a or b: equal; a is the smaller id
    plan = best_plan([b, YOUNG, a], BOOK, 12, 2)
    assert shape(plan) == [("young", ["0-30"]), ("a", ["31-90", "91+"])]


# --------------------------------------------------------------------------- brute force


# (-net in cents, number of runs, the vendors run by run): the smallest is the best plan
Key = tuple[int, int, tuple[str, ...]]


def brute_force(vendors: list[Vendor], portfolio: Portfolio, horizon: int, k: int) -> tuple[Key, float]:
    """Every split of the age-ordered buckets into 1..k runs, every vendor on every run."""
    buckets = sorted(portfolio.buckets, key=lambda b: b.age.low)
    n = len(buckets)
    best: tuple[Key, float] | None = None
    for parts in range(1, min(k, n) + 1):
        for cuts in itertools.combinations(range(1, n), parts - 1):
            bounds = [0, *cuts, n]
            runs = list(itertools.pairwise(bounds))
            for who in itertools.product(vendors, repeat=parts):
                nets = [project_buckets(v, buckets[i:j], horizon).net for v, (i, j) in zip(who, runs)]
                key = (-round(sum(round(x * 100) for x in nets)), parts, tuple(v.vid for v in who))
                if best is None or key < best[0]:
                    best = (key, math.fsum(nets))
    assert best is not None
    return best


AGES = ["0-30", "31-60", "61-90", "91-180", "181+"]
RATE = st.integers(0, 60).map(lambda x: x / 100)


# A drawn case: the vendors, the book and the most options a plan may use.
Case = tuple[list[Vendor], Portfolio, int]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(1, 4))
    ages = AGES[:n - 1] + ["181+" if n == 5 else f"{[0, 31, 61, 91, 181][n - 1]}+"]
    portfolio = book(*[(a, draw(st.integers(0, 100)) * 1000, draw(st.integers(0, 300))) for a in ages])
    vendors: list[Vendor] = []
    for i in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["agency", "in_house", "debt_buyer"]))
        fields: dict[str, Any] = {"fees": {"annual_cost": draw(st.integers(0, 30)) * 1000}}
        if kind == "debt_buyer":
            fields = {"fees": {"purchase_price": draw(RATE) / 4}}
        else:
            fields["performance"] = {"recovery": [{"age": "0-60", "rate": draw(RATE)}, {"age": "61+", "rate": draw(RATE)}]}
            fields["fees"]["contingency"] = draw(RATE) / 2
            if kind == "in_house" and draw(st.booleans()):
                fields["staffing"] = {"accounts_per_collector": draw(st.integers(50, 400))}
        vendors.append(vendor(f"v{i}", kind=kind, **fields))
    return vendors, portfolio, draw(st.integers(1, 4))


@given(cases())
def test_the_dynamic_programme_finds_the_plan_brute_force_finds(case: Case) -> None:
    vendors, portfolio, k = case
    plan = best_plan(vendors, portfolio, 12, k)
    key, net = brute_force(vendors, portfolio, 12, k)
    assert tuple(s.vendor for s in plan.segments) == key[2]
    assert plan.net == pytest.approx(net, abs=0.01)


@given(cases())
def test_the_best_plan_never_nets_less_than_the_best_single_vendor_and_more_options_never_lower_it(case: Case) -> None:
    vendors, portfolio, k = case
    nets = [best_plan(vendors, portfolio, 12, options).net for options in range(1, k + 2)]
    single = max(project_buckets(v, portfolio.buckets, 12).net for v in vendors)
    assert nets[0] == pytest.approx(single, abs=0.01)
    assert all(later >= earlier - 0.01 for earlier, later in itertools.pairwise(nets))
    assert best_plan(vendors, portfolio, 12, k).gain >= -0.01


# --------------------------------------------------------------------------- the command



def test_plan_json_on_the_bundled_samples(run_cli: RunCli) -> None:
    out = run_cli("plan", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"segments", "net", "single_best", "gain"}
    assert [s["vendor"] for s in data["segments"]] == ["brightpath", "tertia", "harbor-capital"]
    seg = data["segments"][0]
    assert set(seg) >= {"vendor", "ages", "gross", "fees", "fixed", "net"} and seg["ages"] == ["61-90", "91-180"]
    # brightpath 61-180: gross 204,300, fees 45,195, fixed 5,000 -> 154,105; tertia 181-365: 26,600; harbor 366+: 7,600
    assert [s["net"] for s in data["segments"]] == [154105, 26600, 7600]
    assert data["net"] == 188305 and data["single_best"] == {"vendor": "brightpath", "name": "Brightpath Digital Recovery",
                                                             "net": 176715}
    assert data["gain"] == 188305 - 176715


def test_plan_max_options_one_is_the_best_single_vendor(run_cli: RunCli) -> None:
    data = json.loads(run_cli("plan", "--format", "json", "--max-options", "1").stdout)
    assert [s["vendor"] for s in data["segments"]] == ["brightpath"] and data["net"] == 176715 and data["gain"] == 0


def test_plan_one_best_plan_per_cutoff(run_cli: RunCli) -> None:
    out = run_cli("plan", "--format", "json", "--portfolio", "sample_portfolios/lifecycle.toml", "--cutoff", "30,60,90",
                   "--keep", "inhouse")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [d["cutoff"] for d in data] == [30, 60, 90] and all(d["keep"] == "inhouse" for d in data)
    assert [d["segments"][0]["ages"] for d in data] == [["0-30"], ["0-30", "31-60"], ["0-30", "31-60", "61-90"]]
    assert all(d["segments"][0]["vendor"] == "inhouse" for d in data)


@pytest.mark.parametrize(("command", "args", "message"), [
    ("plan", ("--keep", "nobody", "--cutoff", "30"), "no vendor 'nobody'"),
    ("plan", ("--keep", "inhouse"), "--keep needs --cutoff"),
    ("plan", ("--cutoff", "abc"), "not a whole number"),
    ("plan", ("--cutoff", "0"), "at least 1"),
    ("plan", ("--max-options", "0"), "at least 1"),
    # the Monte Carlo's numbers are read as plan's are: one wording for a bad whole number
    ("analyze", ("--runs", "-1"), "argument --runs: must not be negative"),
    ("analyze", ("--runs", "abc"), "argument --runs: not a whole number: 'abc'"),
    ("analyze", ("--seed", "x"), "argument --seed: not a whole number: 'x'"),
])
def test_plan_and_analyze_usage_errors(run_cli: RunCli, command: str, args: tuple[str, ...], message: str) -> None:
    out = run_cli(command, *args)
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


def test_the_strategy_of_the_bundled_lifecycle_book() -> None:
    from vendortui.files.workspace import LoadOptions, open_workspace

    ws = open_workspace(LoadOptions(portfolio="sample_portfolios/lifecycle.toml"))
    found = strategy(ws.evaluation.rank(), ws.portfolio, 12, ws.template.cutoffs)
    assert found.keep == "inhouse" and [p.cutoff for p in found.by_cutoff] == [30, 45, 60, 90]
    # in-house to 60 days (2 missed charges), Brightpath to 180, Tertia after
    assert [s.vendor for s in found.best.segments] == ["inhouse", "brightpath", "tertia"]
    assert found.best.net > found.best.single_best_net


@given(st.lists(st.one_of(st.floats(min_value=-1e12, max_value=1e12), st.sampled_from([0.1, 0.2, 0.3, 1e-17, -0.1])),
                max_size=12))
def test_running_sums_are_exactly_the_fsum_of_each_prefix(values: list[float]) -> None:
    """A segment's gross and fees are summed once per start bucket; each equals fsum of the
    segment's buckets bit for bit, so plans cost segments exactly as `project_buckets` does."""
    assert running_fsums(values) == [math.fsum(values[:j]) for j in range(1, len(values) + 1)]
