"""Time value and evidence on the command line: rank fields, `vendortui cash`, `--evidence`
on rank, export and plan, and the bundled samples (SPEC "Time value and evidence").

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_runner import CliResult, invoke

TEMPLATE = """id = "t"
title = "Timing"
horizon_months = 12
shortlist = 2
[weights]
fee_structure = 1
[criteria.fee_structure]
auto = "net_recovery"
[portfolio]
buckets = [ { age = "0+", balance = 100000, accounts = 1000 } ]
{tables}
[[sections]]
id = "s"
criterion = "customer_focus"
[[sections.questions]]
id = "q"
text = "Q"
"""
TABLES = """[timing]
discount_rate = 0.12
curve = [ { month = 12, share = 1.0 } ]
[evidence]
k = 10
"""
AGENCY = """name = "{name}"
kind = "agency"
[fees]
contingency = 0.2
[performance]
recovery = {rate}
similar_portfolios = {n}
"""
BUYER = """name = "Buyer"
kind = "debt_buyer"
[fees]
purchase_price = 0.05
"""


def vendortui(*args: str | Path, cwd: Path | None = None) -> CliResult:
    # A wide terminal: at 80 columns the tables leave the time and evidence columns out
    return invoke(*args, cwd=cwd, env={"COLUMNS": "200"})


@pytest.fixture
def review(tmp_path: Path) -> Path:
    (tmp_path / "template.toml").write_text(TEMPLATE.replace("{tables}", TABLES))
    (tmp_path / "plain.toml").write_text(TEMPLATE.replace("{tables}", ""))
    vendors = tmp_path / "vendors"
    vendors.mkdir()
    # bold claims 40% with no comparable placement; the others have 90 each (z = 90 / 100 = 0.9)
    for vid, rate, n in (("bold", 0.40, 0), ("proven", 0.32, 90), ("mid", 0.20, 90), ("low", 0.10, 90)):
        (vendors / f"{vid}.toml").write_text(AGENCY.format(name=vid.title(), rate=rate, n=n))
    (vendors / "buyer.toml").write_text(BUYER)
    return tmp_path


def data(review: Path, *args: str, template: str = "template.toml") -> str:
    done = vendortui(*args, "--vendors", "vendors", "--template", template, cwd=review)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


# 1.12^(-m/12) summed over m = 1..12 and divided by 12: the present value of 1 collected evenly
V = 1.12 ** (-1 / 12)
EVEN = V * (1 - V**12) / (1 - V) / 12


def test_rank_rows_gain_npv_payback_and_the_evidence(review: Path) -> None:
    rows = {r["id"]: r for r in json.loads(data(review, "rank", "--format", "json"))}
    # claimed: bold 100,000 x 0.40 x (1 - 20%) = 32,000; proven 25,600; mid 16,000; low 8,000; buyer 5,000
    assert [rows[v]["net"] for v in ("bold", "proven", "mid", "low", "buyer")] == [32000, 25600, 16000, 8000, 5000]
    assert rows["bold"]["npv"] == pytest.approx(32000 * EVEN)
    assert rows["bold"]["payback_month"] == 1 and rows["buyer"]["payback_month"] == 0
    assert rows["buyer"]["npv"] == 5000  # paid at placement: not discounted
    # prior = median(0.40, 0.32, 0.20, 0.10) = 0.26; bold (z = 0) -> 0.26: 100,000 x 0.26 x 0.8 = 20,800
    assert rows["bold"]["evidence_weight"] == 0 and rows["bold"]["evidenced_net"] == pytest.approx(20800)
    # proven: 0.9 x 0.32 + 0.1 x 0.26 = 0.314 -> 25,120
    assert rows["proven"]["evidence_weight"] == pytest.approx(0.9)
    assert rows["proven"]["evidenced_net"] == pytest.approx(25120)
    assert rows["buyer"]["evidence_weight"] is None and rows["buyer"]["evidenced_net"] == 5000
    # CSV: the same four columns, a debt buyer's weight empty
    table = list(csv.DictReader(io.StringIO(data(review, "rank", "--format", "csv"))))
    buyer = next(r for r in table if r["id"] == "buyer")
    assert buyer["evidence_weight"] == "" and buyer["payback_month"] == "0" and float(buyer["npv"]) == 5000
    shown = data(review, "rank")
    assert "NPV" in shown and "Payback" in shown and "Evidenced" in shown


def test_without_the_tables_no_field_is_added(review: Path) -> None:
    rows = json.loads(data(review, "rank", "--format", "json", template="plain.toml"))
    assert not {"npv", "payback_month", "evidence_weight", "evidenced_net"} & set(rows[0])
    assert "NPV" not in data(review, "rank", template="plain.toml")


def test_evidence_changes_the_order(review: Path) -> None:
    claimed = [r["id"] for r in json.loads(data(review, "rank", "--format", "json"))]
    evidenced = json.loads(data(review, "rank", "--format", "json", "--evidence"))
    assert claimed[:2] == ["bold", "proven"]
    # evidenced nets: proven 25,120 > bold 20,800 > mid (0.206) 16,480 > low (0.116) 9,280 > buyer 5,000
    assert [r["id"] for r in evidenced] == ["proven", "bold", "mid", "low", "buyer"]
    assert [r["net"] for r in evidenced] == pytest.approx([25120, 20800, 16480, 9280, 5000])
    assert "evidenced rates" in data(review, "rank", "--evidence")


def test_export_says_claimed_or_evidenced(review: Path) -> None:
    data(review, "export", "--out", "claimed")
    data(review, "export", "--out", "evidenced", "--evidence")
    claimed = (review / "claimed" / "shortlist.md").read_text()
    evidenced = (review / "evidenced" / "shortlist.md").read_text()
    assert "- **Rates:** claimed by the vendors" in claimed and "- **Rates:** evidenced" in evidenced
    assert "## Cash by month" in claimed and "## Claims and their evidence" in claimed
    assert "- **Time value:** NPV" in claimed and "pays back in month 1" in claimed
    assert "$25,120" in evidenced.split("## Ranking")[1].split("##")[0]  # proven leads on its evidenced net


def test_plan_on_evidenced_rates(review: Path) -> None:
    plan = json.loads(data(review, "plan", "--format", "json", "--max-options", "1", "--evidence"))
    assert plan["segments"][0]["vendor"] == "proven" and plan["net"] == pytest.approx(25120)


def test_cash_json_csv_and_table(review: Path) -> None:
    out = json.loads(data(review, "cash", "--format", "json"))
    assert out["months"] == list(range(13))
    by_id = {v["id"]: v for v in out["vendors"]}
    assert [v["id"] for v in out["vendors"]] == ["bold", "proven", "mid", "low", "buyer"]  # rank order
    bold = by_id["bold"]
    assert set(bold) >= {"id", "net_by_month", "cumulative", "npv", "payback_month"}
    # the linear curve: 32,000 / 12 = 2,666.67 a month from month 1, nothing at placement
    assert bold["net_by_month"][0] == 0 and bold["net_by_month"][1:] == pytest.approx([32000 / 12] * 12)
    assert bold["cumulative"][-1] == pytest.approx(32000) and bold["npv"] == pytest.approx(32000 * EVEN)
    assert by_id["buyer"]["net_by_month"] == [5000] + [0] * 12
    rows = list(csv.DictReader(io.StringIO(data(review, "cash", "--format", "csv"))))
    assert len(rows) == 5 * 13 and float(rows[12]["cumulative"]) == pytest.approx(32000)
    shown = data(review, "cash")
    assert "M12" in shown and "NPV" in shown and "claimed" in shown


def test_cash_and_evidence_need_their_tables(review: Path) -> None:
    done = vendortui("cash", "--vendors", "vendors", "--template", "plain.toml", cwd=review)
    assert done.returncode == 2 and "[timing]" in done.stderr and "Traceback" not in done.stderr
    done = vendortui("rank", "--evidence", "--vendors", "vendors", "--template", "plain.toml", cwd=review)
    assert done.returncode == 2 and "[evidence]" in done.stderr


def test_a_bad_curve_is_a_problem_naming_its_line(review: Path) -> None:
    (review / "vendors" / "bad.toml").write_text(
        'name = "Bad"\nkind = "agency"\n[performance]\nrecovery = 0.2\n'
        'curve = [ { month = 6, share = 0.5 },\n          { month = 3, share = 0.9 } ]\n')
    done = vendortui("rank", "--vendors", "vendors", "--template", "template.toml", cwd=review)
    assert done.returncode == 1 and "bad.toml:6: performance.curve[1].month: months must increase" in done.stderr


def test_the_bundled_template_shows_time_and_evidence() -> None:
    """Brightpath on the bundled book: fees 54,885 and setup 5,000 at month 0 (rank JSON), its
    curve (1, 0.30), (3, 0.65), (6, 0.88), (12, 1.0) and 10% a year. Kept = 236,600 - 54,885 =
    181,715; the monthly shares d_m are 0.30, 0.175, 0.175, 0.0767 x 3, 0.02 x 6, each
    discounted by 1.1^(-m/12): sum d_m v_m = 0.973087, npv = 181,715 x 0.973087 - 5,000 = 171,824.5.
    Its curve reaches 1 at month 12, so the net stays the 176,715 it was before [timing]."""
    rows = {r["id"]: r for r in json.loads(vendortui("rank", "--format", "json").stdout)}
    b = rows["brightpath"]
    assert b["net"] == 176715 and b["npv"] == pytest.approx(171824.5, abs=1)
    assert b["payback_month"] == 1 and b["evidence_weight"] == pytest.approx(9 / 19)  # 9 similar portfolios, k = 10
    assert rows["harbor-capital"]["payback_month"] == 0  # the debt buyer pays at placement
    assert rows["lexcollect"]["payback_month"] == 8  # the legal firm: suits take months to pay
    # Evidence: the priors are the medians of the seven US claimants' rates by bucket: 0.24, 0.12,
    # 0.075, 0.02. Brightpath (z = 9/19): 0.24 + z x 0.04 = 0.258947 and 0.12 + z x 0.05 = 0.143684
    # (its two older rates equal the priors). Kept = 420,000 x 0.258947 x 0.80 + 510,000 x 0.143684
    # x 0.75 + 380,000 x 0.075 x 0.70 + 190,000 x 0.02 x 0.70 = 164,575.5; less the 5,000 setup.
    assert b["evidenced_net"] == pytest.approx(159575.5, abs=1)


def test_auto_npv_without_timing_is_a_warning(review: Path) -> None:
    text = (review / "plain.toml").read_text().replace('auto = "net_recovery"', 'auto = "npv"')
    (review / "plain.toml").write_text(text)
    done = vendortui("rank", "--format", "json", "--vendors", "vendors", "--template", "plain.toml", cwd=review)
    assert done.returncode == 0  # a warning, not a problem
    assert 'plain.toml:8: criteria.fee_structure.auto: warning: auto = "npv" but no [timing]' in done.stderr
    # it scores like net recovery: bold (32,000) leads and takes the whole scale
    rows = json.loads(done.stdout)
    assert rows[0]["id"] == "bold" and rows[0]["criteria"]["fee_structure"] == 5
