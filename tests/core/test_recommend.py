"""The recommendation (SPEC "The recommendation (what a CFO signs)"): the value gate, the status
quo's gain, the plan over the shortlist against the plan over every eligible vendor, step 2.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.cli_runner import CliResult, invoke
from vendortui.core.analysis import TippingPoint
from vendortui.core.business import dunning_value, kept_by_dunning
from vendortui.core.models import BusinessCase, Portfolio, PortfolioFile, Template, Vendor
from vendortui.core.recommend import (
    choice,
    keep_warning,
    near_tipping_points,
    recommend,
    shortlist_pool,
    winback_claims,
)
from vendortui.core.scoring import EvaluatorInputs, Ranked, rank
from vendortui.core.terms import book_terms

CASE = BusinessCase(involuntary_churn_per_month=400, ltv=420, cac=180, winback=0.10)
# One bucket: 100,000 in 1,000 accounts.
BOOK = Portfolio.model_validate({"buckets": [{"age": "0+", "balance": 100000, "accounts": 1000}]})


def vendor(vid: str, desk: float, kind: str = "agency", **fields: Any) -> Vendor:
    """A vendor whose total is its desk score on the one weighted criterion (rank by `desk`)."""
    return Vendor.model_validate({"id": vid, "name": vid.title(), "kind": kind, "scores": {"customer_focus": desk},
                                  **fields})


def template(shortlist: int = 2, **fields: Any) -> Template:
    return Template.model_validate({
        "id": "t", "title": "T", "shortlist": shortlist, "weights": {"customer_focus": 1},
        "requirements": [{"id": "req.soc2", "certification": "SOC 2"}],
        "sections": [{"id": "s", "criterion": "customer_focus", "questions": [{"id": "q", "text": "Q"}]}],
        **fields,
    })


SOC2 = ["SOC 2"]
# first: 20% fee on 30% recovery: net = 30,000 x 0.8 = 24,000
FIRST = vendor("first", 5, fees={"contingency": 0.2}, performance={"recovery": 0.3}, certifications=SOC2)
# loser: software recovering 10% with a 40,000 licence: net = 10,000 - 40,000 = -30,000
LOSER = vendor("loser", 4, kind="software", fees={"annual_cost": 40000}, performance={"recovery": 0.1},
               certifications=SOC2)
# third: 25% fee on 20%: net = 20,000 x 0.75 = 15,000
THIRD = vendor("third", 3, fees={"contingency": 0.25}, performance={"recovery": 0.2}, certifications=SOC2)
# today: in-house recovering 15% for 12,000 a year: net = 15,000 - 12,000 = 3,000
TODAY = vendor("today", 2, kind="in_house", fees={"annual_cost": 12000}, performance={"recovery": 0.15},
               certifications=SOC2)
# out: knocked out (no SOC 2), 10% fee on 40%: net = 40,000 x 0.9 = 36,000
OUT = vendor("out", 5, fees={"contingency": 0.1}, performance={"recovery": 0.4})
VENDORS = [FIRST, LOSER, THIRD, TODAY, OUT]


def ranking(t: Template | None = None, case: BusinessCase | None = None, status_quo: str | None = None,
            vendors: list[Vendor] | None = None) -> list[Ranked]:
    return rank(t or template(), BOOK, vendors or VENDORS, EvaluatorInputs({"customer_focus": 1}, business_case=case,
                                                                       status_quo=status_quo))


def by_id(ranked: list[Ranked]) -> dict[str, Ranked]:
    return {r.id: r for r in ranked}


# --------------------------------------------------------------------------- the value gate


def test_a_loss_maker_ranked_second_keeps_its_rank_and_is_not_shortlisted() -> None:
    ranked = ranking()
    assert [r.id for r in ranked] == ["first", "loser", "third", "today", "out"]
    rows = by_id(ranked)
    assert rows["loser"].rank == 2 and rows["loser"].eligible and not rows["loser"].shortlisted
    assert rows["loser"].loses and rows["loser"].value == -30000
    # the two places go to the first two eligible vendors that make money
    assert [r.id for r in ranked if r.shortlisted] == ["first", "third"]
    assert not rows["first"].loses and not rows["out"].loses  # a knocked-out vendor is not a "loss-maker"


def test_shortlist_losses_restores_the_shortlist_by_rank() -> None:
    ranked = ranking(template(shortlist_losses=True))
    assert [r.id for r in ranked if r.shortlisted] == ["first", "loser"]
    # shortlisted by rank, the loss-maker is still never the recommendation's choice
    chosen = choice(ranking(template(shortlist=1, shortlist_losses=True), vendors=[LOSER, FIRST]))
    assert chosen is not None and chosen.id == "first"


def test_with_a_business_case_the_gate_reads_business_value() -> None:
    # today: resolved 1,000 x 0.15 = 150; won back 150 x 0.10 = 15; retained 15 x 420 = 6,300
    # -> business value 3,000 + 6,300 = 9,300. loser: resolved 100, won back 10, retained 4,200
    # -> -30,000 + 4,200 = -25,800, still a loss
    rows = by_id(ranking(template(shortlist=3), CASE))
    assert rows["today"].value == pytest.approx(9300) and rows["today"].shortlisted
    assert rows["loser"].value == pytest.approx(-25800) and not rows["loser"].shortlisted
    # a net loss carried above 0 by the customers it keeps passes the gate
    keeper = vendor("keeper", 4, kind="software", fees={"annual_cost": 12000},
                    performance={"recovery": 0.1, "winback": 0.5}, certifications=SOC2)
    # net 10,000 - 12,000 = -2,000; won back 100 x 0.5 = 50; retained 21,000 -> 19,000
    rows = by_id(ranking(template(shortlist=3), CASE, vendors=[FIRST, keeper, THIRD]))
    assert rows["keeper"].projection.net == -2000 and rows["keeper"].value == pytest.approx(19000)
    assert rows["keeper"].shortlisted


# --------------------------------------------------------------------------- the status quo


def test_every_vendor_gains_its_value_minus_the_status_quos() -> None:
    rows = by_id(ranking(status_quo="today"))
    # today nets 3,000: first 24,000 - 3,000; loser -30,000 - 3,000; third 15,000 - 3,000;
    # out (knocked out, still compared) 36,000 - 3,000
    assert {vid: r.gain_vs_status_quo for vid, r in rows.items()} == {
        "first": 21000, "loser": -33000, "third": 12000, "today": 0, "out": 33000}
    assert all(r.gain_vs_status_quo is None for r in ranking())  # no status quo named: no gain


def test_the_status_quos_gain_is_on_business_value_with_a_case() -> None:
    rows = by_id(ranking(case=CASE, status_quo="today"))
    # first: resolved 300, won back 30, retained 12,600 -> 36,600; today 9,300 (above)
    assert rows["first"].gain_vs_status_quo == pytest.approx(36600 - 9300)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 0.5), st.floats(0, 50000), st.floats(0, 5)),
                min_size=1, max_size=5), st.integers(0, 4), st.booleans())
def test_gain_is_value_minus_the_status_quos_value_for_every_vendor(
    specs: list[tuple[float, float, float, float]], pick: int, with_case: bool
) -> None:
    vendors = [vendor(f"v{i}", desk, fees={"contingency": fee, "annual_cost": annual}, performance={"recovery": rate},
                      certifications=SOC2)
               for i, (rate, fee, annual, desk) in enumerate(specs)]
    quo = vendors[pick % len(vendors)].vid
    ranked = ranking(template(shortlist=2), CASE if with_case else None, quo, vendors)
    today = by_id(ranked)[quo].value
    for r in ranked:
        assert r.gain_vs_status_quo == pytest.approx(r.value - today)
    # the gate: every shortlisted vendor makes money, and no eligible vendor that makes money
    # is passed over for a later one
    shortlisted = [r for r in ranked if r.shortlisted]
    assert all(round(r.value, 2) >= 0 for r in shortlisted)
    gated = [r for r in ranked if r.eligible and round(r.value, 2) >= 0]
    assert shortlisted == gated[:2]


def test_the_portfolio_files_status_quo_wins_over_the_templates() -> None:
    t = template(status_quo="first")
    book = PortfolioFile.model_validate({"portfolio": {"buckets": [{"age": "0+", "balance": 1}]}, "status_quo": "today"})
    assert book_terms(t).status_quo == "first"
    assert book_terms(t, book).status_quo == "today"
    assert book_terms(t, PortfolioFile.model_validate({"portfolio": {"buckets": [{"age": "0+", "balance": 1}]}})
                      ).status_quo == "first"


TEMPLATE = """id = "t"
title = "T"
status_quo = "inhouze"
[weights]
customer_focus = 1
[portfolio]
buckets = [{ age = "0+", balance = 1000, accounts = 10 }]
[[sections]]
id = "s"
criterion = "customer_focus"
[[sections.questions]]
id = "q"
text = "Q"
"""


def run(*args: str, cwd: Path | None = None) -> CliResult:
    return invoke(*args, cwd=cwd)


def test_an_unknown_status_quo_is_a_problem_naming_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "inhouse.toml").write_text('name = "In"\nkind = "in_house"\n', encoding="utf-8")
    out = run("rank", "--template", "t.toml", "--vendors", "v", "--format", "json", cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "t.toml:3: status_quo: no vendor 'inhouze' among the vendors loaded" in out.stderr
    assert "did you mean 'inhouse'?" in out.stderr
    assert '"gain_vs_status_quo"' not in out.stdout  # the run carries on, without a gain


def test_a_bad_status_quo_id_is_a_validation_problem() -> None:
    with pytest.raises(ValidationError):
        template(status_quo="Not An Id")


# --------------------------------------------------------------------------- the plan


# Two buckets, 100,000 each. `young` recovers 40% of 0-90 only, `old` 30% of 91+ only, both
# without fees; `mid` 25% of both.
TWO = Portfolio.model_validate({"buckets": [{"age": "0-90", "balance": 100000, "accounts": 100},
                                            {"age": "91+", "balance": 100000, "accounts": 100}]})
YOUNG = vendor("young", 5, performance={"recovery": [{"age": "0-90", "rate": 0.4}, {"age": "91+", "rate": 0.0}]},
               certifications=SOC2)
MID = vendor("mid", 4, performance={"recovery": 0.25}, certifications=SOC2)
OLD = vendor("old", 3, performance={"recovery": [{"age": "0-90", "rate": 0.0}, {"age": "91+", "rate": 0.3}]},
             certifications=SOC2)


def test_the_plan_over_the_shortlist_and_what_the_plan_over_all_would_net_more() -> None:
    ranked = rank(template(shortlist=2), TWO, [YOUNG, MID, OLD], EvaluatorInputs({"customer_focus": 1}))
    assert [r.id for r in ranked if r.shortlisted] == ["young", "mid"]
    assert [v.vid for v in shortlist_pool(ranked, None)] == ["young", "mid"]
    rec = recommend(ranked, TWO, 12, None)
    # over young and mid: young 0-90 (40,000) + mid 91+ (25,000) = 65,000
    # over every eligible vendor: young 0-90 (40,000) + old 91+ (30,000) = 70,000
    assert rec.strategy is not None and rec.over_all is not None
    assert [s.vendor for s in rec.strategy.best.segments] == ["young", "mid"] and rec.strategy.best.net == 65000
    assert [s.vendor for s in rec.over_all.segments] == ["young", "old"] and rec.over_all.net == 70000
    assert rec.more == 5000 and rec.joining == ("old",)


def test_the_status_quo_joins_the_shortlists_plan() -> None:
    ranked = rank(template(shortlist=1), TWO, [YOUNG, MID, OLD], EvaluatorInputs({"customer_focus": 1}, status_quo="old"))
    assert [v.vid for v in shortlist_pool(ranked, "old")] == ["young", "old"]
    rec = recommend(ranked, TWO, 12, None, "old")
    # young 0-90 + old 91+ = 70,000: the plan over every eligible vendor, nobody has to join
    assert rec.strategy is not None and rec.strategy.best.net == 70000
    assert rec.more == 0 and rec.joining == ()
    # young's value 40,000 (0-90 only) against old's 30,000 (91+ only)
    assert rec.choice == "young" and rec.gain == pytest.approx(10000)


def test_no_plan_when_nothing_is_eligible() -> None:
    rec = recommend(ranking(vendors=[OUT]), BOOK, 12, None)
    assert rec.choice is None and rec.strategy is None and rec.no_plan


def test_a_knocked_out_kept_vendor_is_a_warning_naming_why() -> None:
    rows = by_id(ranking())
    said = keep_warning(rows["out"])
    assert said is not None and "Out is knocked out" in said and "req.soc2: no SOC 2 certification" in said
    assert keep_warning(rows["today"]) is None


# --------------------------------------------------------------------------- risks


def test_the_share_of_value_resting_on_a_vendors_own_winback_claim() -> None:
    claimer = vendor("claimer", 5, fees={"contingency": 0.2}, performance={"recovery": 0.3, "winback": 0.25},
                     certifications=SOC2)
    ranked = ranking(template(shortlist=2), CASE, vendors=[claimer, THIRD])
    # claimer: net 24,000; resolved 300; won back 300 x 0.25 = 75; retained 31,500; value 55,500.
    # Its claim adds (0.25 - 0.10) x 300 x 420 = 18,900 over the case's default: 18,900 / 55,500
    (claim,) = winback_claims(ranked, CASE)
    assert claim.vendor == "claimer" and claim.resting == pytest.approx(18900)
    assert claim.share == pytest.approx(18900 / 55500)
    assert winback_claims(ranked, None) == []


def test_tipping_points_near_todays_book_list_eligible_vendors_only() -> None:
    ranked = ranking(status_quo="today")
    points = [TippingPoint("out", "first", 1.2, 0, 0),  # knocked out: never listed
              TippingPoint("first", "third", 3.0, 0, 0),  # beyond 2x
              TippingPoint("third", "first", 0.7, 0, 0),
              TippingPoint("loser", "today", 1.5, 0, 0)]  # the status quo is watched too
    assert [(t.a, t.b) for t in near_tipping_points(points, ranked, "today")] == [("third", "first"), ("loser", "today")]


# --------------------------------------------------------------------------- step 2


def test_step_two_by_hand() -> None:
    case = BusinessCase(involuntary_churn_per_month=400, ltv=420, grace_cure=0.25)
    # kept = 400 x 12 x 0.25 = 1,200 subscribers a year; value = 1,200 x 420 = 504,000
    assert kept_by_dunning(case) == 1200
    assert dunning_value(case) == 504000
    assert kept_by_dunning(CASE) == 0  # no grace_cure: nothing claimed
    assert CASE.ltv_basis == "revenue"


@pytest.mark.parametrize("fields", [{"grace_cure": 1.5}, {"grace_cure": -0.1}, {"ltv_basis": "profit"}])
def test_step_two_inputs_are_validated(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        BusinessCase.model_validate({"involuntary_churn_per_month": 1, "ltv": 1, **fields})


def test_validate_checks_the_status_quo_against_the_vendors_in_the_run(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "inhouse.toml").write_text('name = "In"\nkind = "in_house"\n', encoding="utf-8")
    out = run("validate", "v", "t.toml", cwd=tmp_path)
    assert out.returncode == 1
    assert "t.toml:3: status_quo: no vendor 'inhouze'" in out.stdout
    assert run("validate", "t.toml", cwd=tmp_path).returncode == 0  # no vendors in the run: nothing to check


def test_the_analysis_never_names_a_loss_maker_as_leader() -> None:
    from vendortui.core.analysis import analyze_ranking
    from vendortui.core.scoring import leader_of

    # loser first on its desk score, then first: the analysis leads with first, as the recommendation does
    top_loser = LOSER.model_copy(update={"scores": {"customer_focus": 5.0}})
    low_first = FIRST.model_copy(update={"scores": {"customer_focus": 3.0}})
    vendors = [top_loser, low_first, THIRD]
    inputs = EvaluatorInputs({"customer_focus": 1})
    ranked = rank(template(), BOOK, vendors, inputs)
    assert [r.id for r in ranked][:2] == ["loser", "first"] and leader_of(ranked) == "first"
    chosen = choice(ranked)
    assert chosen is not None and chosen.id == "first"
    result = analyze_ranking(template(), BOOK, vendors, inputs, ranked, 200, 0)
    assert result.leader == "first"
    p_first = {d.id: d.p_first for d in result.monte_carlo.vendors}
    assert p_first["loser"] == 0 and p_first["first"] == 1  # no ranges: every draw is the point
    assert all(f.new_leader != "loser" for f in result.weight_sensitivity)
