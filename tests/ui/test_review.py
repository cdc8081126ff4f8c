"""The review screen: scoring question by question, notes, requirements, moving between vendors."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.ui.conftest import loaded, options
from vendortui.ui import messages
from vendortui.ui.app import make_app
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.dialogs import PromptScreen, ScoreScreen
from vendortui.ui.widgets.ranking_table import RankingTable


async def open_top_vendor(pilot: Pilot[int]) -> AnswersScreen:
    await loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AnswersScreen)
    return screen


async def test_enter_opens_the_top_vendor_on_its_first_question(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        assert app.state is not None
        assert screen.vendor_id == app.state.ranked[0].id
        first = app.state.template.question_ids()[0]
        assert screen.current_key() == f"q:{first}"


async def test_digit_scores_the_question_and_updates_the_total(workdir: Path) -> None:
    app = make_app(options(workdir))
    seen: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        assert app.state is not None
        qids = app.state.template.question_ids()
        total_before = app.state.ranked_vendor(vid).total
        source_before = app.state.ranked_vendor(vid).criteria["customer_focus"].source
        await pilot.press("4")
        await pilot.pause()
        assert app.state.score(vid, qids[0]) == 4
        # the screen posted the edit up; the app applied it and handed the state back down
        [edit] = {id(m): m for m in seen if isinstance(m, messages.ScoreSet)}.values()  # seen at each hop up
        assert (edit.vendor_id, edit.question_id, edit.value) == (vid, qids[0], 4.0)
        assert screen.state is app.state
        assert screen.current_key() == f"q:{qids[1]}"  # moves on to the next question
        r = app.state.ranked_vendor(vid)
        assert source_before == "desk" and r.criteria["customer_focus"].source == "questions"
        assert r.criteria["customer_focus"].score == 4
        assert r.total != total_before
        table = screen.query_one("#questions", DataTable)
        assert str(table.get_cell_at(Coordinate(0, 0))) == "4"  # the score column comes first
        # a second question scored: the weighted mean (cx.portal has weight 2)
        await pilot.press("1")
        await pilot.pause()
        assert app.state.ranked_vendor(vid).criteria["customer_focus"].score == (2 * 4 + 1 * 1) / 3


async def test_digits_above_the_scale_say_so_and_x_clears(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        assert app.state is not None
        first = app.state.template.question_ids()[0]
        await pilot.press("7")
        await pilot.pause()
        assert app.state.score(vid, first) is None
        assert not app.state.dirty
        assert "7 is above the scale" in str(screen.query_one("#review-hint").render())
        await pilot.press("5", "k")
        assert app.state.score(vid, first) == 5
        assert screen.current_key() == f"q:{first}"
        await pilot.press("x")
        await pilot.pause()
        assert app.state.score(vid, first) is None


async def test_note_is_written_through_a_dialog(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        assert app.state is not None
        first = app.state.template.question_ids()[0]
        await pilot.press("n")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Demo convincing")
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.note(vid, first) == "Demo convincing"
        # escape in the dialog keeps the note as it was
        await pilot.press("n", "x", "escape")
        assert app.state.note(vid, first) == "Demo convincing"


async def test_j_k_and_arrows_move_and_brackets_change_vendor(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        assert app.state is not None
        qids = app.state.template.question_ids()
        await pilot.press("j", "j", "down")
        assert screen.current_key() == f"q:{qids[3]}"
        await pilot.press("k", "up")
        assert screen.current_key() == f"q:{qids[1]}"
        ranked = [r.id for r in app.state.ranked]
        await pilot.press("right_square_bracket")
        assert screen.vendor_id == ranked[1]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.vendor_id == ranked[-1]


async def test_pass_fail_on_an_evaluator_requirement(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        table = screen.query_one("#questions", DataTable)
        # p on a question row records nothing
        await pilot.press("p")
        assert app.state is not None
        assert app.state.ws.session.requirements == {}
        row = next(i for i in range(table.row_count) if table.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value == "r:req.encryption")
        table.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.state.ws.session.requirements[vid]["req.encryption"] is False
        r = app.state.ranked_vendor(vid)
        assert not r.eligible and "req.encryption" in r.knocked_out_by
        await pilot.press("p")
        await pilot.pause()
        assert app.state.ranked_vendor(vid).eligible
        # x clears the decision: pending again
        await pilot.press("x")
        await pilot.pause()
        assert "req.encryption" not in app.state.ws.session.requirements.get(vid, {})
        assert "requirement:req.encryption" in app.state.ranked_vendor(vid).pending


@pytest.mark.slow
async def test_an_automatic_requirement_is_overridden_only_with_a_reason(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        table = screen.query_one("#questions", DataTable)
        row = next(i for i in range(table.row_count) if table.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value == "r:req.pci")
        table.move_cursor(row=row)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")  # no reason: nothing changes
        await pilot.pause()
        assert app.state is not None
        assert app.state.ws.session.overrides == {} and app.state.ranked_vendor(vid).eligible
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Certificate expired in March")
        await pilot.press("enter")
        await pilot.pause()
        override = app.state.ws.session.overrides[vid]["req.pci"]
        assert (override.passed, override.reason, override.by) == (False, "Certificate expired in March", "Sam")
        r = app.state.ranked_vendor(vid)
        assert not r.eligible and r.knocked_out_by == ["req.pci"]
        assert "overridden by the evaluator: Certificate expired in March" in next(
            o.reason for o in r.requirements if o.requirement.id == "req.pci")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Asked for the new AOC")
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.ws.session.requirement_notes[vid]["req.pci"] == "Asked for the new AOC"
        await pilot.press("x")  # back to the automatic check
        await pilot.pause()
        assert "req.pci" not in app.state.ws.session.overrides.get(vid, {})
        assert app.state.ranked_vendor(vid).eligible


async def test_escape_returns_to_the_shortlist_which_shows_the_new_ranking(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        await pilot.press(*"0000")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AnswersScreen)
        table = app.screen.query_one("#ranking", RankingTable)
        shown = table.row_ids
        assert app.state is not None
        assert shown == [r.id for r in app.state.ranked]
        assert app.state.ranked_vendor(vid).criteria["customer_focus"].score == 0


async def test_s_takes_any_score_in_halves(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        assert app.state is not None
        first = app.state.template.question_ids()[0]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("3", ".", "2", "enter")  # not a half: stays open, says why
        await pilot.pause()
        assert isinstance(app.screen, ScoreScreen)
        assert "halves" in str(app.screen.query_one("#score-error").render())
        await pilot.press("backspace", "5", "enter")
        await pilot.pause()
        assert app.state.score(vid, first) == 3.5
        assert str(screen.query_one("#questions", DataTable).get_cell_at(Coordinate(0, 0))) == "3.5"


async def test_a_scale_of_ten_takes_ten(workdir: Path) -> None:
    template = workdir / "template.toml"
    text = template.read_text(encoding="utf-8").replace("scale = 5", "scale = 10")
    template.write_text(text, encoding="utf-8")
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_top_vendor(pilot)
        vid = screen.vendor_id
        assert app.state is not None
        first, second = app.state.template.question_ids()[:2]
        await pilot.press("s", "1", "0", "enter")
        await pilot.pause()
        assert app.state.score(vid, first) == 10
        await pilot.press("1", "0")  # a digit starts the prompt: 1 then 0 is ten, not two scores
        await pilot.pause()
        assert isinstance(app.screen, ScoreScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.score(vid, second) == 10
        assert app.state.ranked_vendor(vid).criteria["customer_focus"].score == 10
