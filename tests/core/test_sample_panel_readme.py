"""`sample_panel/README.md` states the ranking the sample panel gives: this test reads its
tables and ranks the panel (and each member's session) with the current code, so the README
cannot go stale (it once said Ledgerline was second at 81.82 when it was third at 68.90)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vendortui.cli import main

PANEL = Path(__file__).resolve().parents[2] / "sample_panel"


def table_after(heading: str, first_cell: str) -> list[list[str]]:
    """The rows of the first Markdown table after `heading` whose header starts with `first_cell`."""
    text = (PANEL / "README.md").read_text(encoding="utf-8")
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_cell} |"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def ranked(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["rank", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def status_of(row: dict) -> tuple[str, bool]:
    kind = "shortlisted" if row["shortlisted"] else "eligible" if row["eligible"] else "knocked out"
    return kind, row["incomplete"]


def test_the_readme_states_the_panel_ranking_the_code_computes(capsys) -> None:
    stated = table_after("## Expected `rank --panel`", "rank")
    rows = ranked(capsys, "--panel", str(PANEL / "board.panel.toml"))
    assert len(stated) == len(rows)
    for (rank, vendor, total, status), row in zip(stated, rows):
        assert (int(rank), vendor, total) == (row["rank"], row["id"], f"{row['total']:.2f}"), row["id"]
        kind, incomplete = status_of(row)
        assert status.startswith(kind), (vendor, status, kind)
        assert ("incomplete" in status) == incomplete, vendor
        for requirement in row["knocked_out_by"]:
            assert f"`{requirement}`" in status, (vendor, requirement)


@pytest.mark.parametrize("member", [0, 1, 2])
def test_the_readme_states_each_members_own_top_four(capsys, member: int) -> None:
    who, session, *top = table_after("Each member's own session", "member")[member]
    rows = ranked(capsys, "--session", str(PANEL / session.strip("`")))
    assert top == [f"{row['id']} {row['total']:.2f}" for row in rows[:4]], who


def test_the_worked_total_of_brightpath_is_the_computed_one(capsys) -> None:
    text = (PANEL / "README.md").read_text(encoding="utf-8")
    worked = text.split("### brightpath", 1)[1].split("###", 1)[0]
    stated = worked.rsplit("**", 2)[-2]  # the last bold figure: the total
    [row] = [r for r in ranked(capsys, "--panel", str(PANEL / "board.panel.toml")) if r["id"] == "brightpath"]
    assert stated == f"{row['total']:.2f}"
