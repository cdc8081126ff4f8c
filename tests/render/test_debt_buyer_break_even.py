"""A debt buyer pays up front and has no break-even rate: every output says "n/a" for it,
`analyze` (table and Markdown) as well as `rank`, the app and the filled RFPs."""

from __future__ import annotations

import json

import pytest

from vendortui.cli import main
from vendortui.files.workspace import LoadOptions, open_workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def rows_of(text: str, name: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("│|┃ ").replace("│", "|").split("|")] for line in text.splitlines()
            if line.strip("│| ").startswith(name)]


def test_analyze_shows_the_debt_buyers_break_even_as_n_a(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    ws = open_workspace(LoadOptions())
    buyers = [v.name for v in ws.vendors if v.is_debt_buyer]
    others = [v.name for v in ws.vendors if not v.is_debt_buyer]
    assert buyers and others
    rank = {r["name"]: r for r in json.loads(run(capsys, "rank", "--format", "json"))}
    for fmt in ("table", "markdown"):
        text = run(capsys, "analyze", "--runs", "0", "--format", fmt)
        for name in buyers:
            assert rows_of(text, name)[0][1] == "n/a", (fmt, name)
        for name in others:  # the others keep their rate, as rank prints it
            assert rows_of(text, name)[0][1] == f"{100 * rank[name]['break_even_rate']:.1f}%", (fmt, name)
