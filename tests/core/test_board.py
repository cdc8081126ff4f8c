"""`shortlist.md` on the bundled samples, read as a board member reads it: the first page
recommends no loss-maker, states the gain over today with the figure, plans over the
shortlist; steps 1-4 follow in order, step 2 with its figures; tipping points name eligible
vendors only.

Figures come from `rank --format json` and by hand; the document is read as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import CliResult, invoke
from vendortui.render.formatting import money


def vendortui(*args: str | Path, cwd: Path | None = None) -> CliResult:
    done = invoke(*args, cwd=cwd)
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(vendortui("rank", "--format", "json").stdout)}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("export")
    done = vendortui("export", "--out", out / "docs")
    assert done.returncode == 0, done.stderr
    return (out / "docs" / "shortlist.md").read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    """From the heading `title` (any level) to the next heading of the same or a higher level."""
    found = re.search(rf"^(#+) {re.escape(title)}\s*$", text, flags=re.M)
    assert found, f"no heading {title!r}"
    level = len(found.group(1))
    rest = text[found.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def test_the_first_page_recommends_no_loss_maker_and_states_the_gain_over_today(document: str, rows: dict[str, dict[str, Any]]) -> None:
    first = section(document, "Recommendation")
    assert document.index("## Recommendation") < document.index("## Step 1")
    losers = [r for r in rows.values() if r["eligible"] and r["business_value"] < 0]
    assert [r["id"] for r in losers] == ["ledgerline"]  # Ledgerline loses $151,450 (business value below 0)
    recommended = re.search(r"^Recommended: (.+?) \(rank", first, flags=re.M)
    assert recommended is not None
    assert recommended.group(1) == rows["brightpath"]["name"]
    assert all(r["name"] not in recommended.group(0) for r in losers)
    # the gain of its choice over today: Brightpath's business value less the in-house team's
    gain = rows["brightpath"]["business_value"] - rows["inhouse"]["business_value"]
    assert f"It brings {money(gain)} more than today's arrangement, {rows['inhouse']['name']}" in first
    # the loss-maker is named as such, with what it loses
    assert f"{rows['ledgerline']['name']} (rank 3, loses $151,450)" in first


def test_the_first_pages_table_holds_the_shortlist_with_value_gain_and_open_items(document: str, rows: dict[str, dict[str, Any]]) -> None:
    page = section(document, "The shortlist")
    lines = [line for line in page.splitlines() if line.startswith("| ") and not line.startswith("| Rank")]
    shortlisted = sorted((r for r in rows.values() if r["shortlisted"]), key=lambda r: r["rank"])
    assert len(lines) == len(shortlisted) == 3
    for line, r in zip(lines, shortlisted):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == str(r["rank"]) and cells[1] == r["name"]
        assert cells[2] == money(r["business_value"])
        assert cells[3] == "+" + money(r["gain_vs_status_quo"])
        assert "question" in cells[4]  # every sample still has questions to score
    assert "LTV on revenue" in page


def test_the_plan_is_over_the_shortlist_and_today(document: str, rows: dict[str, dict[str, Any]]) -> None:
    plan = section(document, "The plan")
    allowed = {r["name"] for r in rows.values() if r["shortlisted"]} | {rows["inhouse"]["name"]}
    others = {r["name"] for r in rows.values()} - allowed
    assert plan.strip().startswith("Over the shortlist and today's arrangement:")
    assert not any(name in plan for name in others)
    # the samples' shortlist already holds the best plan's vendors
    assert "No plan over the other eligible vendors nets more." in plan


def test_three_risks(document: str) -> None:
    risks = section(document, "Three largest risks")
    items = [line for line in risks.splitlines() if line.startswith("- ")]
    assert len(items) == 3
    # Brightpath claims 22% winback against the 10% default: (0.22 - 0.10) / 0.22 of its retained
    # value (162,069.6) = 88,401.6 of its 338,784.6 = 26%
    assert items[0].startswith("- Winback claim: 26% of Brightpath Digital Recovery's value ($88,402)")
    assert items[1].startswith("- Size of the book:")
    assert items[2].startswith("- Open decisions: 3 requirement decisions")


def test_steps_one_to_four_in_order_with_step_two_by_hand(document: str) -> None:
    at = [document.index(f"## Step {n}") for n in (1, 2, 3, 4)]
    assert at == sorted(at)
    step1 = section(document, "Step 1: what involuntary churn costs")
    assert "Lifetime value lost a year" in step1 and "Revenue at risk" not in step1
    assert "$2,016,000" in step1 and "LTV $420 (on revenue)" in step1  # 400 x 12 x 420
    step2 = next(section(document, h) for h in re.findall(r"^## (Step 2[^\n]*)$", document, flags=re.M))
    # 400 subscribers a month x 12 x 0.25 = 1,200 kept; 1,200 x $420 = $504,000
    assert "1,200" in step2 and "$504,000" in step2 and "added to no vendor" in step2


def test_tipping_points_name_eligible_vendors_only(document: str, rows: dict[str, dict[str, Any]]) -> None:
    points = section(document, "Portfolio-size tipping points")
    knocked = [r["name"] for r in rows.values() if not r["eligible"]]
    assert knocked and not any(name in points for name in knocked)
    flips = section(document, "Weight sensitivity")
    assert not any(name in flips for name in knocked)
