"""The business case (SPEC "The business case"): the formulas by hand, `auto =
"business_value"`, properties, the rank fields and validation.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_runner import RunCli
from vendortui.core.business import business, replacement_cost, revenue_at_risk, winback
from vendortui.core.models import BusinessCase, BusinessCaseEdits, Portfolio, Template, Vendor
from vendortui.core.money import project
from vendortui.core.scoring import EvaluatorInputs, rank

CASE = BusinessCase(involuntary_churn_per_month=400, ltv=420, cac=180, winback=0.10)
BOOK = Portfolio.model_validate({"buckets": [{"age": "0-90", "balance": 100000, "accounts": 1000},
                                             {"age": "91+", "balance": 50000, "accounts": 500}]})


def vendor(vid: str, kind: str = "agency", **fields: Any) -> Vendor:
    return Vendor.model_validate({"id": vid, "name": vid.title(), "kind": kind, **fields})


AGENCY = vendor("agency", fees={"contingency": 0.2},
                performance={"recovery": [{"age": "0-90", "rate": 0.3}, {"age": "91+", "rate": 0.1}]})


def test_revenue_at_risk_and_replacement_cost() -> None:
    assert revenue_at_risk(CASE) == 400 * 12 * 420 == 2016000
    assert replacement_cost(CASE) == 400 * 12 * 180 == 864000


def test_the_formulas_on_a_small_case() -> None:
    p = project(AGENCY, BOOK, 12)
    # resolved = 1,000 x 0.3 + 500 x 0.1 = 350; won back = 350 x 0.10 = 35; retained = 35 x 420 = 14,700
    # cac avoided = 35 x 180 = 6,300; net = (30,000 + 5,000) x 0.8 = 28,000; business value = 42,700
    b = business(AGENCY, p, CASE)
    assert b.resolved_accounts == 350
    assert b.won_back == pytest.approx(35)
    assert b.retained_value == pytest.approx(14700)
    assert b.cac_avoided == pytest.approx(6300)
    assert p.net == 28000 and b.business_value == pytest.approx(42700)


def test_a_debt_buyer_resolves_no_account() -> None:
    buyer = vendor("buyer", kind="debt_buyer", fees={"purchase_price": 0.08}, performance={"recovery": 0.2, "winback": 0.5})
    b = business(buyer, project(buyer, BOOK, 12), CASE)
    # sold accounts leave the relationship: business value = the price, 150,000 x 0.08 = 12,000
    assert (b.resolved_accounts, b.won_back, b.retained_value, b.cac_avoided) == (0, 0, 0, 0)
    assert b.business_value == 12000


def test_a_vendors_own_winback_replaces_the_cases() -> None:
    own = vendor("own", performance={"recovery": 0.2, "winback": 0.3})
    assert winback(own, CASE) == 0.3 and winback(AGENCY, CASE) == 0.10
    b = business(own, project(own, BOOK, 12), CASE)
    # resolved 1,500 x 0.2 = 300; won back 300 x 0.3 = 90; retained 90 x 420 = 37,800
    assert b.won_back == pytest.approx(90) and b.retained_value == pytest.approx(37800)


def test_session_edits_apply_key_by_key() -> None:
    edited = BusinessCaseEdits(ltv=0).applied_to(CASE)
    assert (edited.ltv, edited.cac, edited.winback, edited.involuntary_churn_per_month) == (0, 180, 0.10, 400)
    # no case anywhere: the edits start from zero churn and LTV
    assert BusinessCaseEdits(cac=5).applied_to(None) == BusinessCase(involuntary_churn_per_month=0, ltv=0, cac=5)


def template(auto: str) -> Template:
    return Template.model_validate({
        "id": "t", "title": "T", "weights": {"fee_structure": 1},
        "criteria": {"fee_structure": {"auto": auto}},
        "sections": [{"id": "s", "criterion": "customer_focus", "questions": [{"id": "q", "text": "Q"}]}],
    })


def test_auto_business_value_scores_like_net_recovery_on_business_value() -> None:
    keeper = vendor("keeper", fees={"contingency": 0.2}, performance={"recovery": 0.25, "winback": 0.5})
    # agency: net 28,000; business value 42,700 (above). keeper: gross 37,500, net 30,000;
    # resolved 1,500 x 0.25 = 375, won back 187.5, retained 78,750 -> business value 108,750
    ranked = {r.id: r for r in rank(template("business_value"), BOOK, [AGENCY, keeper], EvaluatorInputs({"fee_structure": 1},
                                                                                                      business_case=CASE))}
    assert ranked["keeper"].criteria["fee_structure"].score == 5
    assert ranked["agency"].criteria["fee_structure"].score == pytest.approx(5 * 42700 / 108750)
    # on net recovery the agency's share is 28,000 / 30,000 instead
    on_net = {r.id: r for r in rank(template("net_recovery"), BOOK, [AGENCY, keeper], EvaluatorInputs({"fee_structure": 1}))}
    assert on_net["agency"].criteria["fee_structure"].score == pytest.approx(5 * 28000 / 30000)
    # without a business case, business value is net: the same scores as net_recovery
    no_case = {r.id: r for r in rank(template("business_value"), BOOK, [AGENCY, keeper], EvaluatorInputs({"fee_structure": 1}))}
    assert no_case["agency"].criteria["fee_structure"].score == on_net["agency"].criteria["fee_structure"].score


RATES = st.floats(0, 1)
MONEY = st.floats(0, 1e6)


@given(RATES, RATES, MONEY, MONEY, st.floats(0, 1e4), st.one_of(st.none(), RATES), st.floats(0, 1e5))
def test_business_value_is_never_below_net_and_rises_with_ltv(
    rate: float, wb: float, ltv: float, more: float, churn: float, own: float | None, annual: float
) -> None:
    v = vendor("v", fees={"contingency": 0.3, "annual_cost": annual},
               performance={"recovery": rate, **({"winback": own} if own is not None else {})})
    p = project(v, BOOK, 12)
    low = business(v, p, BusinessCase(involuntary_churn_per_month=churn, ltv=ltv, winback=wb))
    high = business(v, p, BusinessCase(involuntary_churn_per_month=churn, ltv=ltv + more, winback=wb))
    assert low.business_value >= p.net
    assert high.business_value >= low.business_value



def test_rank_json_gives_the_business_fields_of_the_bundled_samples(run_cli: RunCli) -> None:
    rows = {r["id"]: r for r in json.loads(run_cli("rank", "--format", "json").stdout)}
    b = rows["brightpath"]
    # resolved = 3,100 x 0.34 + 3,900 x 0.17 + 2,600 x 0.06 + 1,400 x 0.02 ... as its bands give
    fields = ("resolved_accounts", "won_back", "retained_value", "business_value")
    assert all(f in b for f in fields)
    assert b["won_back"] == pytest.approx(b["resolved_accounts"] * 0.22)  # its own winback
    assert b["retained_value"] == pytest.approx(b["won_back"] * 420)
    assert b["business_value"] == pytest.approx(b["net"] + b["retained_value"])
    assert rows["harbor-capital"]["resolved_accounts"] == 0 and rows["harbor-capital"]["business_value"] == rows["harbor-capital"]["net"]


def test_rank_csv_and_table_gain_the_business_columns(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide enough for every column of the table
    csv_out = run_cli("rank", "--format", "csv").stdout
    # the bundled template also has [timing] and [evidence]: their columns follow
    header = csv_out.splitlines()[0]
    assert "resolved_accounts,won_back,retained_value,cac_avoided,business_value" in header
    assert header.endswith("npv,payback_month,evidence_weight,evidenced_net")
    assert "Business value" in run_cli("rank").stdout


BASE = """id = "t"
title = "T"
[weights]
customer_focus = 1
[portfolio]
buckets = [{ age = "0+", balance = 1000, accounts = %d }]
[[sections]]
id = "s"
criterion = "customer_focus"
[[sections.questions]]
id = "q"
text = "Q"
"""


@pytest.mark.parametrize(("case", "key"), [
    ("involuntary_churn_per_month = -1\nltv = 420", "business_case.involuntary_churn_per_month"),
    ("involuntary_churn_per_month = 400\nltv = -5", "business_case.ltv"),
    ("involuntary_churn_per_month = 400\nltv = inf", "business_case.ltv"),
    ("involuntary_churn_per_month = nan\nltv = 4", "business_case.involuntary_churn_per_month"),
    ("involuntary_churn_per_month = 400\nltv = 420\nwinback = 1.5", "business_case.winback"),
    ("involuntary_churn_per_month = 400\nltv = 420\nwinback = -0.1", "business_case.winback"),
    ("involuntary_churn_per_month = 400\nltv = 1e300", "business_case.ltv"),
])
def test_bad_business_case_inputs_are_problems(run_cli: RunCli, tmp_path: Path, case: str, key: str) -> None:
    (tmp_path / "t.toml").write_text(BASE % 10 + "[business_case]\n" + case + "\n", encoding="utf-8")
    out = run_cli("validate", "t.toml", cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert any(line.startswith("t.toml:") and f": {key}: " in line for line in out.stdout.splitlines()), out.stdout


def test_a_vendor_winback_outside_zero_to_one_is_a_problem(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "v.toml").write_text('name = "V"\nkind = "agency"\n[performance]\nwinback = 2\n', encoding="utf-8")
    out = run_cli("validate", "v.toml", cwd=tmp_path)
    assert out.returncode == 1 and "v.toml:4: performance.winback:" in out.stdout


def test_a_business_case_with_no_accounts_is_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(BASE % 0 + "\n[business_case]\ninvoluntary_churn_per_month = 400\nltv = 420\n",
                                     encoding="utf-8")
    out = run_cli("validate", "t.toml", cwd=tmp_path)
    assert out.returncode == 0
    assert any(line.startswith("t.toml:") and "business_case: warning: the portfolio gives no accounts" in line
               for line in out.stdout.splitlines()), out.stdout
    assert run_cli("validate", "--strict", "t.toml", cwd=tmp_path).returncode == 1
