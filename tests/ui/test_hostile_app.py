"""The app on the hostile corpus (tests/data/hostile): every screen draws every vendor's text
literally, nothing crashes, and no control or bidi character reaches the screen raw."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App

from tests.ui.conftest import SAMPLE_TEMPLATE, SAMPLE_VENDORS, loaded
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app
from vendortui.ui.screens.analysis import AnalysisScreen
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.problems import ProblemsScreen
from vendortui.ui.widgets.detail import detail_body, detail_head
from vendortui.ui.widgets.ranking_table import RankingTable

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REVIEWED = ("everything-everywhere", "name-osc-title", "markup-close-tag", "zw-forged-score", "bidi-overrides",
            "answers-esc-sequences", "long-answer-200kb", "markup-textual-action")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    vendors = tmp_path / "vendors"
    shutil.copytree(SAMPLE_VENDORS, vendors)
    for path in (HOSTILE / "vendors").glob("*.toml"):
        shutil.copy(path, vendors / path.name)
    sys.path.insert(0, str(HOSTILE))
    try:
        from make_special import make_special

        make_special(vendors)
    finally:
        sys.path.remove(str(HOSTILE))
    return vendors


def shown(app: App[int]) -> str:
    """What the screen holds, as its SVG screenshot's text."""
    svg = app.export_screenshot()
    assert not UNSAFE.search(svg), sorted({hex(ord(c)) for c in UNSAFE.findall(svg)})
    return svg


@pytest.mark.slow
async def test_every_screen_draws_hostile_text_literally(folder: Path) -> None:
    app = make_app(LoadOptions(vendors=folder, template=SAMPLE_TEMPLATE), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None and app.load_error is None
        table = app.screen.query_one(RankingTable)
        assert table.row_count == len(app.state.ranked) > 40
        # every row's cells are plain text with every unsafe character shown as an escape
        for row in range(table.row_count):
            for column in ("vendor", "status"):
                assert not UNSAFE.search(table.cell(row, column).plain)
        ids = table.row_ids
        assert "markup-close-tag" in ids
        close_tag = table.cell(ids.index("markup-close-tag"), "vendor").plain
        assert "[/bold]" in close_tag  # shown as written, not read as markup
        # the detail pane of every vendor, drawn as the pane draws it
        for r in app.state.ranked:
            drawn = io.StringIO()
            console = Console(file=drawn, width=60, color_system=None, legacy_windows=False)
            console.print(detail_head(r, app.state.template), detail_body(r, app.state.template, app.state.currency))
            assert not UNSAFE.search(drawn.getvalue()), r.id
        await pilot.press("home", "down", "down")
        shown(app)

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "\\x1b" in shown(app)  # a file name's escape, made visible
        await pilot.press("escape")

        for vid in REVIEWED:
            table.move_cursor(table.row_ids.index(vid))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AnswersScreen) and app.screen.vendor_id == vid
            for _ in range(3):
                await pilot.press("down")
            shown(app)
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, AnalysisScreen) and app.screen.result is not None
        shown(app)
