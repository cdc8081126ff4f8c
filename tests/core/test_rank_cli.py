"""`vendortui rank` end to end, through the command line (SPEC: "Command line", the worked example).

Fixtures live in tests/data/engine/: `worked/` is the SPEC's worked example, `cli/` a small
review with requirements, a minimum, an auto criterion and a session. Every expected number
is worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import RunCli

DATA = Path(__file__).resolve().parents[1] / "data" / "engine"
WORKED = DATA / "worked"
CLI = DATA / "cli"

FIELDS = [
    "rank", "id", "name", "kind", "eligible", "knocked_out_by", "incomplete", "total", "criteria",
    "gross", "fees", "fixed", "net", "cost_ratio", "break_even_rate", "shortlisted",
]


Row = dict[str, Any]  # one vendor's row of `rank --format json`
RankJson = Callable[..., list[Row]]


@pytest.fixture
def rank_json(run_cli: RunCli) -> RankJson:
    """`vendortui rank --format json ARGS`: its rows, after checking it succeeded."""

    def ranked(*args: str | Path, cwd: Path | None = None) -> list[Row]:
        done = run_cli("rank", "--format", "json", *args, cwd=cwd)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        rows: list[Row] = json.loads(done.stdout)
        return rows

    return ranked


def by_id(rows: list[Row]) -> dict[str, Row]:
    return {row["id"]: row for row in rows}


def worked_vendors(folder: Path, rate: float) -> Path:
    """The worked example's three vendors with `[performance] recovery = rate`."""
    folder.mkdir(parents=True, exist_ok=True)
    for src in sorted((WORKED / "vendors").glob("*.toml")):
        text = src.read_text(encoding="utf-8")
        (folder / src.name).write_text(f"{text}\n[performance]\nrecovery = {rate!r}\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------
# The worked example, every row of the SPEC's table

TABLE = [
    # rate, in-house (A), software (B), partner 20% (C)
    (0.10, -15000, -20000, 8000),
    (0.20, -5000, -10000, 16000),
    (0.25, 0, -5000, 20000),
    (0.30, 5000, 0, 24000),
    (0.50, 25000, 20000, 40000),
]


@pytest.mark.parametrize(("rate", "a_net", "b_net", "c_net"), TABLE)
def test_worked_example_table(rank_json: RankJson, tmp_path: Path, rate: float, a_net: float, b_net: float, c_net: float) -> None:
    folder = worked_vendors(tmp_path / "vendors", rate)
    rows = by_id(rank_json("--vendors", folder, "--template", WORKED / "template.toml"))
    a, b, c = rows["a-inhouse"], rows["b-software"], rows["c-partner"]
    # net, exactly as in the table
    assert (a["net"], b["net"], c["net"]) == (a_net, b_net, c_net)
    # gross = 100,000 x rate for all three
    gross = {0.10: 10000, 0.20: 20000, 0.25: 25000, 0.30: 30000, 0.50: 50000}[rate]
    assert a["gross"] == b["gross"] == c["gross"] == gross
    # fees: only C, 20% of gross: 2,000 / 4,000 / 5,000 / 6,000 / 10,000
    c_fees = {10000: 2000, 20000: 4000, 25000: 5000, 30000: 6000, 50000: 10000}[gross]
    assert (a["fees"], b["fees"], c["fees"]) == (0, 0, c_fees)
    # fixed: the annual costs over 12 months
    assert (a["fixed"], b["fixed"], c["fixed"]) == (25000, 30000, 0)
    # break-even: 25,000/100,000, 30,000/100,000, 0
    assert (a["break_even_rate"], b["break_even_rate"], c["break_even_rate"]) == (0.25, 0.30, 0.0)
    # cost ratio = (fees + fixed) / gross; C always 0.2
    assert a["cost_ratio"] == pytest.approx(25000 / gross)
    assert b["cost_ratio"] == pytest.approx(30000 / gross)
    assert c["cost_ratio"] == pytest.approx(0.2)


def test_worked_example_order_at_thirty_percent(rank_json: RankJson, tmp_path: Path) -> None:
    folder = worked_vendors(tmp_path / "vendors", 0.30)
    rows = rank_json("--vendors", folder, "--template", WORKED / "template.toml")
    # the only criterion is net_recovery: best net 24,000 (C) -> C 5, A 5 x 5,000/24,000, B 0
    assert [r["id"] for r in rows] == ["c-partner", "a-inhouse", "b-software"]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert rows[0]["total"] == 100.0
    # A: 100 x (5 x 5,000/24,000)/5 = 20.8333...
    assert rows[1]["total"] == pytest.approx(100 * 5000 / 24000, abs=1e-6)
    assert rows[2]["total"] == 0.0


# ---------------------------------------------------------------------------
# The cli/ fixture, by hand.
#
# Book: 0-90 60,000 (200 accounts), 91+ 40,000 (100 accounts); 12 months.
# alpha   agency 30%, 20% fee:  gross 30,000, fees 6,000, fixed 0, net 24,000, ratio 0.2
# bravo   software 25% / 10%, 12,000 a year + 10 per account:
#         gross 15,000 + 4,000 = 19,000, fixed 12,000 + 300 x 10 = 15,000, net 4,000,
#         ratio 15,000/19,000, break-even 15,000/100,000 = 0.15
# charlie debt buyer 10c / 5c: gross = net = 6,000 + 2,000 = 8,000
# delta   agency 40%, 25% fee, no PCI DSS: gross 40,000, fees 10,000, net 30,000, knocked out
# fee_structure = net_recovery over the pool {alpha, bravo, charlie} (delta fails req.pci):
#   best 24,000 -> alpha 5, bravo 5 x 4,000/24,000 = 0.8333, charlie 5 x 8,000/24,000 = 1.6667,
#   delta 5 x 30,000/24,000 = 6.25 -> clamped 5
# weights customer_focus 50, compliance 10, fee_structure 40 (sum 100, / (5 x 100) = /500):
#   alpha   100 x (50x2 + 10x4 + 40x5)/500        = 68
#   bravo   100 x (50x5 + 10x3 + 40x0.8333)/500   = 62.6667
#   charlie 100 x (50x3 + 10x2 + 40x1.6667)/500   = 47.3333, compliance 2 < 3: knocked out
#   delta   100 x (50x4 + 10x5 + 40x5)/500        = 90, knocked out by req.pci
# order: alpha, bravo, then knocked out delta (90), charlie (47.3); shortlist 2: alpha, bravo.
# req.policy has no decision for anyone: all incomplete.


def cli_args(*extra: str | Path) -> list[str | Path]:
    return ["--vendors", CLI / "vendors", "--template", CLI / "template.toml", *extra]


def test_json_fields_and_values(rank_json: RankJson) -> None:
    rows = rank_json(*cli_args())
    assert [r["id"] for r in rows] == ["alpha", "bravo", "delta", "charlie"]
    for i, row in enumerate(rows, start=1):
        assert set(FIELDS) <= set(row), set(FIELDS) - set(row)
        assert row["rank"] == i
    r = by_id(rows)
    assert {k: r["alpha"][k] for k in FIELDS} == {
        "rank": 1, "id": "alpha", "name": "Alpha Agency", "kind": "agency", "eligible": True,
        "knocked_out_by": [], "incomplete": True, "total": 68.0,
        "criteria": {"customer_focus": 2.0, "compliance": 4.0, "fee_structure": 5.0},
        "gross": 30000, "fees": 6000, "fixed": 0, "net": 24000, "cost_ratio": 0.2,
        "break_even_rate": 0.0, "shortlisted": True,
    }
    b = r["bravo"]
    assert (b["gross"], b["fees"], b["fixed"], b["net"]) == (19000, 0, 15000, 4000)
    assert b["cost_ratio"] == pytest.approx(15000 / 19000)
    assert b["break_even_rate"] == pytest.approx(0.15)
    assert b["criteria"]["fee_structure"] == pytest.approx(5 * 4000 / 24000, abs=1e-6)
    assert b["total"] == pytest.approx(100 * (250 + 30 + 40 * 5 * 4000 / 24000) / 500, abs=1e-6)
    assert (b["eligible"], b["shortlisted"], b["kind"]) == (True, True, "software")
    # the debt buyer: gross = net = 8,000, no fees or fixed costs, no cost ratio, break-even 0
    c = r["charlie"]
    assert (c["gross"], c["fees"], c["fixed"], c["net"]) == (8000, 0, 0, 8000)
    assert c["cost_ratio"] is None
    assert c["break_even_rate"] == 0
    assert c["kind"] == "debt_buyer"
    assert (c["eligible"], c["knocked_out_by"], c["shortlisted"]) == (False, ["criterion:compliance"], False)
    assert c["criteria"]["fee_structure"] == pytest.approx(5 * 8000 / 24000, abs=1e-6)
    assert c["total"] == pytest.approx(100 * (150 + 20 + 40 * 5 * 8000 / 24000) / 500, abs=1e-6)
    d = r["delta"]
    assert (d["eligible"], d["knocked_out_by"], d["shortlisted"]) == (False, ["req.pci"], False)
    assert d["criteria"]["fee_structure"] == 5.0  # 6.25 clamped
    assert d["total"] == 90.0
    assert (d["gross"], d["fees"], d["net"]) == (40000, 10000, 30000)
    assert all(row["incomplete"] for row in rows)


def test_csv_carries_the_same_as_json(run_cli: RunCli, rank_json: RankJson) -> None:
    rows = rank_json(*cli_args())
    done = run_cli("rank", "--format", "csv", *cli_args())
    assert done.returncode == 0, done.stderr
    table = list(csv.DictReader(io.StringIO(done.stdout)))
    header = list(table[0])
    for name in FIELDS:
        if name == "criteria":
            assert {"criteria.customer_focus", "criteria.compliance", "criteria.fee_structure"} <= set(header)
        else:
            assert name in header
    assert [t["id"] for t in table] == [r["id"] for r in rows]
    for t, r in zip(table, rows):
        assert int(t["rank"]) == r["rank"]
        assert (t["name"], t["kind"]) == (r["name"], r["kind"])
        assert t["eligible"] == str(r["eligible"]).lower()
        assert t["incomplete"] == str(r["incomplete"]).lower()
        assert t["shortlisted"] == str(r["shortlisted"]).lower()
        assert t["knocked_out_by"] == ";".join(r["knocked_out_by"])
        for name in ("total", "gross", "fees", "fixed", "net", "break_even_rate"):
            assert float(t[name]) == pytest.approx(r[name]), name
        for cid, score in r["criteria"].items():
            assert float(t[f"criteria.{cid}"]) == pytest.approx(score)
        if r["cost_ratio"] is None:
            assert t["cost_ratio"] == ""  # the debt buyer
        else:
            assert float(t["cost_ratio"]) == pytest.approx(r["cost_ratio"])
    assert by_id(table)["charlie"]["knocked_out_by"] == "criterion:compliance"


def test_top_n(run_cli: RunCli, rank_json: RankJson) -> None:
    rows = rank_json(*cli_args("--top", "2"))
    assert [(r["rank"], r["id"]) for r in rows] == [(1, "alpha"), (2, "bravo")]
    done = run_cli("rank", "--format", "csv", "--top", "1", *cli_args())
    assert done.returncode == 0
    assert [t["id"] for t in csv.DictReader(io.StringIO(done.stdout))] == ["alpha"]
    # more than there are: everyone
    assert len(rank_json(*cli_args("--top", "10"))) == 4


@pytest.mark.parametrize("top", ["0", "-1"])
def test_top_must_be_positive(run_cli: RunCli, top: str) -> None:
    done = run_cli("rank", "--format", "json", "--top", top, *cli_args())
    assert done.returncode == 2
    assert done.stdout == ""
    assert "argument --top: must be at least 1" in done.stderr
    assert "Traceback" not in done.stderr


def test_weights_override(rank_json: RankJson) -> None:
    rows = rank_json(*cli_args("--weights", "customer_focus=100"))
    # weights 100 / 10 / 40, sum 150, divide by 5 x 150 = 750:
    #   alpha 100 x (100x2 + 10x4 + 40x5)/750      = 44,000/750 = 58.6667
    #   bravo 100 x (100x5 + 10x3 + 40x0.8333)/750 = 56,333.3/750 = 75.1111
    assert [r["id"] for r in rows] == ["bravo", "alpha", "delta", "charlie"]
    r = by_id(rows)
    assert r["alpha"]["total"] == pytest.approx(44000 / 750, abs=1e-6)
    assert r["bravo"]["total"] == pytest.approx(100 * (500 + 30 + 40 * 5 / 6) / 750, abs=1e-6)
    # several at once; a weight of 0 drops the criterion
    rows = rank_json(*cli_args("--weights", "customer_focus=0,compliance=0"))
    # fee_structure alone: alpha 100 x 5/5 = 100, bravo 100 x 0.8333/5 = 16.6667
    r = by_id(rows)
    assert r["alpha"]["total"] == 100.0
    assert r["bravo"]["total"] == pytest.approx(100 / 6, abs=1e-6)


@pytest.mark.parametrize(("weights", "message"), [
    ("no_such_criterion=5", "--weights: unknown criterion 'no_such_criterion' (known: compliance, customer_focus,"),
    ("customer_focus=abc", "argument --weights: customer_focus='abc' is not a number"),
    ("customer_focus", "argument --weights: 'customer_focus' is not criterion=value"),
])
def test_bad_weights_are_usage_errors(run_cli: RunCli, weights: str, message: str) -> None:
    done = run_cli("rank", "--format", "json", *cli_args("--weights", weights))
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr and "Traceback" not in done.stderr
    assert "weights" in done.stderr


def test_all_weights_zero_is_a_usage_error(run_cli: RunCli) -> None:
    done = run_cli("rank", "--format", "json", *cli_args("--weights", "customer_focus=0,compliance=0,fee_structure=0"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "vendortui: error: all weights are 0" in done.stderr
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------------------
# --session
#
# review.session.toml: weights customer_focus = 10 (others from the template: 10, 40; sum 60,
# divide by 5 x 60 = 300); alpha's questions cx.portal 5 (weight 2) and cx.tone 2 (weight 1)
# -> customer_focus (2x5 + 1x2)/3 = 4; req.policy true for alpha, false for bravo.
# Pool {alpha, charlie} (bravo fails req.policy, delta req.pci); best net still alpha's 24,000.
#   alpha   100 x (10x4 + 10x4 + 40x5)/300      = 28,000/300 = 93.3333, complete
#   bravo   100 x (10x5 + 10x3 + 40x0.8333)/300 = 11,333.3/300 = 37.7778, knocked out by req.policy
#   charlie 100 x (10x3 + 10x2 + 40x1.6667)/300 = 11,666.7/300 = 38.8889, knocked out (compliance)
#   delta   100 x (10x4 + 10x5 + 40x5)/300      = 29,000/300 = 96.6667, knocked out by req.pci


def check_session_rows(rows: list[Row]) -> None:
    assert [r["id"] for r in rows] == ["alpha", "delta", "charlie", "bravo"]
    r = by_id(rows)
    assert r["alpha"]["total"] == pytest.approx(28000 / 300, abs=1e-6)
    assert r["alpha"]["criteria"]["customer_focus"] == 4.0
    assert (r["alpha"]["eligible"], r["alpha"]["incomplete"], r["alpha"]["shortlisted"]) == (True, False, True)
    assert r["bravo"]["knocked_out_by"] == ["req.policy"]
    assert r["bravo"]["incomplete"] is False
    assert r["bravo"]["total"] == pytest.approx(100 * (50 + 30 + 40 * 5 / 6) / 300, abs=1e-6)
    assert r["charlie"]["knocked_out_by"] == ["criterion:compliance"]
    assert r["charlie"]["incomplete"] is True  # its req.policy decision is still missing
    assert r["charlie"]["total"] == pytest.approx(100 * (30 + 20 + 40 * 5 / 3) / 300, abs=1e-6)
    assert r["delta"]["knocked_out_by"] == ["req.pci"]
    assert r["delta"]["total"] == pytest.approx(29000 / 300, abs=1e-6)
    assert [row["shortlisted"] for row in rows] == [True, False, False, False]


def test_session_applies_weights_scores_and_decisions(rank_json: RankJson, tmp_path: Path) -> None:
    session = CLI / "review.session.toml"
    before = session.read_bytes()
    # template and vendors come from the session, relative to the session file
    check_session_rows(rank_json("--session", session, cwd=tmp_path))
    # or given explicitly
    check_session_rows(rank_json("--session", session, *cli_args()))
    assert session.read_bytes() == before  # ranking never writes the session


def test_command_line_weights_override_the_session(rank_json: RankJson, tmp_path: Path) -> None:
    rows = rank_json("--session", CLI / "review.session.toml", "--weights", "fee_structure=0", cwd=tmp_path)
    # weights 10 / 10 / 0: alpha 100 x (10x4 + 10x4)/(5 x 20) = 80
    assert by_id(rows)["alpha"]["total"] == pytest.approx(80.0)


# ---------------------------------------------------------------------------
# Bad files and the portfolio


def test_a_bad_vendor_file_does_not_stop_the_ranking(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "vendors"
    shutil.copytree(CLI / "vendors", folder)
    shutil.copy(CLI / "bad" / "broken.toml", folder / "broken.toml")
    done = run_cli("rank", "--format", "json", "--vendors", folder, "--template", CLI / "template.toml")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "broken.toml" in done.stderr
    assert "contingncy" in done.stderr
    rows = json.loads(done.stdout)
    # the four good vendors, ranked as without the bad file
    assert [r["id"] for r in rows] == ["alpha", "bravo", "delta", "charlie"]
    assert by_id(rows)["alpha"]["total"] == 68.0


def test_template_without_portfolio_needs_one(run_cli: RunCli) -> None:
    done = run_cli(
        "rank", "--format", "json", "--vendors", CLI / "vendors", "--template", CLI / "template-no-portfolio.toml"
    )
    assert done.returncode == 2
    assert "portfolio" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_portfolio_file_supplies_the_book(rank_json: RankJson) -> None:
    rows = rank_json(
        "--vendors", CLI / "vendors", "--template", CLI / "template-no-portfolio.toml",
        "--portfolio", CLI / "portfolio.toml",
    )
    r = by_id(rows)
    # one bucket 0+ of 200,000: alpha 200,000 x 0.3 = 60,000 gross, 12,000 fees, net 48,000
    assert (r["alpha"]["gross"], r["alpha"]["fees"], r["alpha"]["net"]) == (60000, 12000, 48000)
    # bravo: day 0 is in its 0-90 band -> 25%: 50,000 gross; 0 accounts -> fixed 12,000; net 38,000
    assert (r["bravo"]["gross"], r["bravo"]["fixed"], r["bravo"]["net"]) == (50000, 12000, 38000)
    # charlie: 200,000 x 0.10 = 20,000
    assert r["charlie"]["net"] == 20000


def test_portfolio_file_overrides_the_template(rank_json: RankJson, tmp_path: Path) -> None:
    folder = worked_vendors(tmp_path / "vendors", 0.10)
    rows = by_id(
        rank_json("--vendors", folder, "--template", WORKED / "template.toml", "--portfolio", CLI / "portfolio.toml")
    )
    # 200,000 instead of 100,000 at 10%: gross 20,000
    # A 20,000 - 25,000 = -5,000; B 20,000 - 30,000 = -10,000; C 20,000 x 0.8 = 16,000
    assert (rows["a-inhouse"]["net"], rows["b-software"]["net"], rows["c-partner"]["net"]) == (-5000, -10000, 16000)
    # break-even halves: 25,000/200,000 = 0.125, 30,000/200,000 = 0.15
    assert (rows["a-inhouse"]["break_even_rate"], rows["b-software"]["break_even_rate"]) == (0.125, 0.15)


def test_infinite_ratios(rank_json: RankJson, tmp_path: Path) -> None:
    folder = worked_vendors(tmp_path / "vendors", 0.0)
    # A pays its fee in full: contingency 1 and a setup cost; it never breaks even
    (folder / "d-allfees.toml").write_text(
        'name = "D All fees"\nkind = "agency"\n[fees]\ncontingency = 1.0\nsetup_cost = 500\n'
        "[performance]\nrecovery = 0.3\n",
        encoding="utf-8",
    )
    rows = by_id(rank_json("--vendors", folder, "--template", WORKED / "template.toml"))
    # nothing recovered: gross 0, cost ratio (25,000 + 0) / 0 -> infinite; break-even still 0.25
    a = rows["a-inhouse"]
    assert (a["gross"], a["net"]) == (0, -25000)
    assert a["cost_ratio"] is None  # strict JSON: an infinite figure is null
    assert a["break_even_rate"] == 0.25
    # D: gross 30,000, fees 30,000, fixed 500: net -500, cost ratio 30,500/30,000;
    # kept share 100,000 x (1 - 1) = 0: break-even infinite
    d = rows["d-allfees"]
    assert (d["gross"], d["fees"], d["fixed"], d["net"]) == (30000, 30000, 500, -500)
    assert d["cost_ratio"] == pytest.approx(30500 / 30000)
    assert d["break_even_rate"] is None


@pytest.mark.parametrize("option", ["--template", "--portfolio", "--vendors", "--session"])
def test_missing_files_are_usage_errors(run_cli: RunCli, tmp_path: Path, option: str) -> None:
    args = {"--template": CLI / "template.toml", "--vendors": CLI / "vendors"}
    missing = tmp_path / "nope" / "missing.toml"
    args[option] = missing
    flat = [x for kv in args.items() for x in kv]
    done = run_cli("rank", "--format", "json", *flat)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    # the message names what is missing and where it was looked for
    what = {"--template": "template not found: ", "--portfolio": "portfolio not found: ",
            "--vendors": "vendors not found: ", "--session": "folder for --session not found: "}[option]
    where = missing.parent if option == "--session" else missing
    assert done.stderr.startswith(f"vendortui: error: {what}{where}"), done.stderr
    assert "Traceback" not in done.stderr
