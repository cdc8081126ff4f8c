"""The app on a panel (`--panel`), a blind review (`--blind`), and history kept by saves."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import REPO, loaded, options, text_of
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.dialogs import PromptScreen, ScoreScreen
from vendortui.ui.widgets.ranking_table import RankingTable


def panel_copy(tmp_path: Path) -> Path:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path / "sample_panel" / "board.panel.toml"


async def test_the_review_shows_every_members_name_and_score(tmp_path: Path) -> None:
    app = make_app(LoadOptions(panel=str(panel_copy(tmp_path))))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state.ws.panel is not None
        await pilot.press("enter")
        assert isinstance(app.screen, AnswersScreen)
        await pilot.press("F")  # the first flagged question of the top vendor
        shown = text_of(app.screen.query_one("#question", Static))
        assert "Maria Gonzalez 4.5" in shown and "Tom Whitfield 3" in shown
        assert "the members disagree" in shown


async def test_c_records_a_consensus_with_its_reason_and_saves_the_panel(tmp_path: Path) -> None:
    board = panel_copy(tmp_path)
    app = make_app(LoadOptions(panel=str(board), evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "F")
        screen = app.screen
        qid = screen.current_key()[2:]
        vid = screen.vendor_id
        await pilot.press("c")
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("4", "enter")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")  # no reason: refused
        assert qid not in app.state.ws.panel.panel.consensus.get(vid, {})
        await pilot.press("c", "4", "enter", *"Policy seen in writing", "enter")
        await pilot.pause()
        assert app.state.score(vid, qid) == 4
        row = app.state.ws.panel.merged.row(vid, qid)
        assert row.consensus.reason == "Policy seen in writing" and row.consensus.by == "Sam Okafor"
        await pilot.press("3")  # members score in their own sessions: no effect
        assert app.state.score(vid, qid) == 4
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.state.dirty
    data = tomllib.loads(board.read_text(encoding="utf-8"))
    assert data["consensus"][vid][qid]["score"] == 4
    assert data["consensus"][vid][qid]["reason"] == "Policy seen in writing"
    assert data["consensus"]["harbor-capital"]["cx.portal"]["score"] == 3  # the others kept
    assert len(data["members"]) == 3


async def test_a_blind_review_shows_no_name_and_no_money(workdir: Path) -> None:
    app = make_app(options(workdir, blind=True))
    names = list((REPO / "sample_vendors" / "us").glob("*.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state.blind
        table = app.screen.query_one(RankingTable)
        cells = " ".join(str(table.cell(i, c)) for i in range(table.row_count) for c in ("vendor", "net", "breakeven"))
        screen = cells + " " + text_of(app.screen.query_one("#detail-body", Static)) + " " + \
            str(app.screen.query_one("#status", Static).render()) + str(app.screen.query_one("HeaderTitle").render())
        await pilot.press("enter")
        screen += " " + text_of(app.screen.query_one("#question", Static)) + str(app.screen.query_one("#review-head").render())
        await pilot.press("escape", "a")  # the money screens do not open
        assert not type(app.screen).__name__.startswith("Analysis")
    assert "Vendor A" in screen
    assert not re.search(r"[$£€]\s?\d", screen)
    for path in names:
        name = tomllib.loads(path.read_text(encoding="utf-8"))["name"]
        assert name not in screen, name


async def test_two_saves_leave_two_history_entries(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3", "escape", "ctrl+s")  # the review opens on the first question
        await pilot.pause()
        await pilot.press("enter", "4", "escape", "ctrl+s")
        await pilot.pause()
    history = tomllib.loads((workdir / "review.session.toml").read_text(encoding="utf-8"))["history"]
    assert [(h.get("old"), h["new"]) for h in history] == [(None, 3), (3, 4)]
    assert history[0]["question"] == history[1]["question"] and history[0]["vendor"] == history[1]["vendor"]
    assert history[0]["at"] <= history[1]["at"]


async def test_history_survives_save_as(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3", "escape", "ctrl+s")
        await pilot.pause()
        app.save_to(workdir / "copy.session.toml", new_path=True)
        await pilot.press("enter", "5", "escape", "ctrl+s")
        await pilot.pause()
    history = tomllib.loads((workdir / "copy.session.toml").read_text(encoding="utf-8"))["history"]
    assert [(h.get("old"), h["new"]) for h in history] == [(None, 3), (3, 5)]


async def test_a_new_session_is_named_after_its_evaluator(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None, evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "escape", "ctrl+s")
        assert isinstance(app.screen, PromptScreen) and app.screen.value == "sam-okafor.session.toml"
