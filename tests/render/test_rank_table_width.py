"""`vendortui rank` fits the terminal: columns are hidden by priority, never a line too long.

The rank, the vendor, the net and the status always show (SPEC "Command line"); Break-even,
Kind, Gain over today, Business value and Total go in that order as the width shrinks.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from vendortui.cli import main
from vendortui.files.workspace import LoadOptions, open_workspace

ALWAYS = ("#", "Vendor", "Net recovery", "Status")


def rank_table(width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["rank"]) == 0
    return capsys.readouterr().out.splitlines()


def header(lines: list[str]) -> list[str]:
    row = next(line for line in lines if line.startswith("┃"))
    return [cell.strip() for cell in row.strip("┃").split("┃")]


@pytest.mark.parametrize("width", [80, 120, 200])
def test_no_line_is_wider_than_the_terminal_and_the_key_columns_show(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = rank_table(width, monkeypatch, capsys)
    assert max(cell_len(line) for line in lines) <= width
    names = header(lines)
    for column in ALWAYS:
        assert column in names
    body = "\n".join(lines)
    ws = open_workspace(LoadOptions())
    for vendor in ws.vendors:
        assert vendor.name in body  # whole: at these widths no name is cut
    assert "…" not in "".join(names)


def test_columns_go_in_priority_order_as_the_width_shrinks(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen = {width: header(rank_table(width, monkeypatch, capsys)) for width in (400, 200, 140, 120, 100, 80)}
    # The bundled template has a business case, a status quo, [timing] and [evidence].
    assert seen[400] == ["#", "Vendor", "Kind", "Total", "Net recovery", "Break-even", "Business value",
                         "Gain over today", "NPV", "Payback", "Evidenced", "Status"]
    order = ["Evidenced", "Payback", "Break-even", "Kind", "Gain over today", "NPV", "Business value", "Total"]
    previous = seen[400]
    for width in (200, 140, 120, 100, 80):
        hidden = [c for c in previous if c not in seen[width]]
        assert all(c in order for c in hidden)
        assert [c for c in order if c not in seen[width]] == order[: len([c for c in order if c not in seen[width]])]
        previous = seen[width]
    assert seen[80] == ["#", "Vendor", "Total", "Net recovery", "Status"]


def test_a_long_status_wraps_inside_its_column(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    lines = rank_table(80, monkeypatch, capsys)
    body = " ".join(line.strip("│ ").split("│")[-1].strip() for line in lines if line.startswith("│"))
    assert "knocked out: req.soc2: no SOC 2 Type II certification" in " ".join(body.split())
