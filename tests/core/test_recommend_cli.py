"""The recommendation on the bundled samples, end to end: rank's gain over today and the
loss-maker's status, `plan --shortlist` against the plan over every eligible vendor, and a
knocked-out `--keep` named with why.

Figures are read from `rank --format json` (net, business value) and checked against each
other by the rule, never against the code's own result for the same figure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import CliResult, invoke
from vendortui.files import samples


def vendortui(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
    done = invoke(*args, cwd=cwd, env=env)
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, Any]]:
    done = vendortui("rank", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {r["id"]: r for r in json.loads(done.stdout)}


def test_every_vendor_gains_its_business_value_minus_the_in_house_teams(rows: dict[str, dict[str, Any]]) -> None:
    today = rows["inhouse"]["business_value"]
    for r in rows.values():
        assert r["gain_vs_status_quo"] == pytest.approx(r["business_value"] - today)
    # Brightpath over the in-house team: 338,784.6 - 109,408.8
    assert rows["brightpath"]["gain_vs_status_quo"] == pytest.approx(229375.8)


def test_the_loss_maker_keeps_its_rank_off_the_shortlist(rows: dict[str, dict[str, Any]]) -> None:
    ledgerline = rows["ledgerline"]
    assert ledgerline["rank"] == 3 and ledgerline["eligible"] and not ledgerline["shortlisted"]
    assert ledgerline["net"] == -151450 and ledgerline["business_value"] < 0
    shortlisted = sorted((r["rank"], r["id"]) for r in rows.values() if r["shortlisted"])
    assert [vid for _, vid in shortlisted] == ["brightpath", "tertia", "harbor-capital"]
    assert all(r["business_value"] >= 0 for r in rows.values() if r["shortlisted"])
    table = vendortui("rank", env={"COLUMNS": "400"}).stdout  # wide enough that the status is on one line
    assert "eligible, loses $151,450 on this book; business value -$48,407" in table and "Gain over today" in table
    header = vendortui("rank", "--format", "csv").stdout.splitlines()[0]
    assert "gain_vs_status_quo" in header.split(",")


def small_shortlist(tmp_path: Path) -> Path:
    """The bundled template with one place on the shortlist: Brightpath, with the status quo."""
    text = samples.default_template().read_text(encoding="utf-8")
    assert "\nshortlist = 3\n" in text
    out = tmp_path / "one.toml"
    text = text.replace("\nshortlist = 3\n", "\nshortlist = 1\n")
    # its vendors folder is relative to the template file: name the bundled one from here
    folder = (samples.default_template().parent / "../sample_vendors/us").resolve()
    assert '\nvendors = "../sample_vendors/us"' in text
    out.write_text(text.replace('\nvendors = "../sample_vendors/us"', f"\nvendors = {json.dumps(str(folder))}"),
                   encoding="utf-8")
    return out


def plan_json(*args: str | Path) -> dict[str, Any]:
    done = vendortui("plan", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    plan: dict[str, Any] = json.loads(done.stdout)
    return plan


def test_plan_shortlist_places_with_the_shortlist_and_the_status_quo_only(tmp_path: Path, rows: dict[str, dict[str, Any]]) -> None:
    one = small_shortlist(tmp_path)
    over_shortlist = plan_json("--template", one, "--shortlist")
    over_all = plan_json("--template", one)
    # --shortlist says what the plan over every eligible vendor adds, and who would join
    against = over_shortlist.pop("over_every_eligible")
    assert against["net"] == over_all["net"]
    assert against["more"] == pytest.approx(over_all["net"] - over_shortlist["net"])
    assert set(against["joining"]) == {s["vendor"] for s in over_all["segments"]} - {"brightpath", "inhouse"}
    used = {s["vendor"] for s in over_shortlist["segments"]}
    assert used <= {"brightpath", "inhouse"}
    # the plan over every eligible vendor uses vendors off the shortlist and nets more
    assert {s["vendor"] for s in over_all["segments"]} - {"brightpath", "inhouse"}
    assert over_all["net"] > over_shortlist["net"]
    # Brightpath alone nets 176,715; the in-house team nets less on every age it could take
    assert over_shortlist["net"] >= rows["brightpath"]["net"]
    # on the bundled template the shortlist already holds the plan's vendors: the same plan
    same = plan_json("--shortlist")
    assert same.pop("over_every_eligible") == {"net": same["net"], "more": 0, "joining": []}
    assert same == plan_json()


def test_a_knocked_out_kept_vendor_is_a_warning_naming_why() -> None:
    done = vendortui("plan", "--cutoff", "90", "--keep", "ironbridge")
    assert done.returncode == 0
    assert ("warning: Ironbridge Collections is knocked out (req.soc2: no SOC 2 Type II certification); it keeps "
            "the younger accounts because --keep asked for it") in done.stderr
