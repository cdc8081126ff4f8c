"""README's walkthrough states the samples' recommendation: each figure is checked against
`rank --format json` and `plan --shortlist --format json`, so the README cannot drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli_runner import invoke
from vendortui.render.formatting import money

README = Path(__file__).resolve().parents[2] / "README.md"


def run_json(*args: str) -> Any:
    done = invoke(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def walkthrough() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### What the bundled samples recommend")
    return " ".join(text[start:text.index("\n### ", start + 1)].split())


def test_the_readme_states_the_samples_figures() -> None:
    said = walkthrough()
    rows = {r["id"]: r for r in run_json("rank")}
    brightpath, today, ledgerline = rows["brightpath"], rows["inhouse"], rows["ledgerline"]
    assert f"{brightpath['name']} is recommended: a business value of {money(brightpath['business_value'])}" in said
    assert (f"{money(brightpath['gain_vs_status_quo'])} more than today's arrangement, the {today['name']} "
            f"({money(today['business_value'])};") in said
    assert f"{ledgerline['name']} ranks {ledgerline['rank']}rd but loses {money(-ledgerline['net'])}" in said
    shortlist = [r["name"] for r in sorted(rows.values(), key=lambda r: r["rank"]) if r["shortlisted"]]
    assert f"which is {shortlist[0]}, {shortlist[1]} and {shortlist[2]}." in said
    plan = run_json("plan", "--shortlist")
    assert plan["over_every_eligible"]["more"] == 0  # "no plan over the other eligible vendors nets more"
    assert f"(`vendortui plan --shortlist`) nets {money(plan['net'])}" in said
    # step 2 of the bundled template: 400 a month x 12 x 0.25 = 1,200; x $420 = $504,000
    assert "keep 1,200 subscribers a year, $504,000 of lifetime value" in said
