"""Snapshots of every screen on the bundled samples (fixture data), at the two sizes a new user
meets first, 80x24 and 120x35, and a few at 160x50.

Deterministic: fixed data copied into a temporary folder, paths shown relative to it (the
test runs from there), no clock in the header, toasts cleared, no blinking cursor (the inputs
are not focused when the picture is taken, or the cursor blink is off).
Regenerate after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the report (and at the app in tmux) before committing.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from tests.ui.conftest import REPO, loaded
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app

SIZES = {"80x24": (80, 24), "120x35": (120, 35), "160x50": (160, 50)}
FIRST = ("80x24", "120x35")


async def _loaded(pilot: Any) -> None:
    await loaded(pilot)
    pilot.app.clear_notifications()  # toasts come and go on a timer: keep them out of the picture
    await pilot.pause(0.1)


def _still(pilot: Any) -> None:
    """No blinking cursor in any input on screen."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


def _keys(*keys: str, wait_load: bool = False) -> Callable[[Any], Awaitable[None]]:
    async def run_before(pilot: Any) -> None:
        await _loaded(pilot)
        if keys:
            await pilot.press(*keys)
        if wait_load:
            await _loaded(pilot)
        _still(pilot)
        await pilot.pause(0.1)

    return run_before


@pytest.fixture
def here(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test runs from the copies' folder: every path on screen is short and the same."""
    monkeypatch.chdir(workdir)
    return workdir


def _app(**extra: Any) -> Any:
    return make_app(LoadOptions(vendors="vendors", template="template.toml", **extra), autosave=3600)


SCREENS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "shortlist": _keys(),
    "detail": _keys("down", "d"),  # behind d below 120 columns, beside the ranking from 120
    "review": _keys("enter", "4", "3"),
    "analysis": _keys("a", wait_load=True),
    "business": _keys("b"),
    "plan": _keys("l", wait_load=True),
    "help": _keys("question_mark"),
    "quit": _keys("w", "plus", "escape", "q"),  # unsaved edits and no session file
}


@pytest.mark.parametrize("size", FIRST)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare: Any, here: Path, screen: str, size: str) -> None:
    assert snap_compare(_app(), terminal_size=SIZES[size], run_before=SCREENS[screen])


@pytest.mark.parametrize("size", FIRST)
def test_problems_screen(snap_compare: Any, here: Path, size: str) -> None:
    (here / "vendors" / "broken.toml").write_text('name = "Broken"\nkind = "agency"\n[fees]\ncontingency = 1.5\n')
    assert snap_compare(_app(), terminal_size=SIZES[size], run_before=_keys("p"))


@pytest.mark.parametrize("size", FIRST)
def test_blind_review(snap_compare: Any, here: Path, size: str) -> None:
    # The aliases follow the session's seed (a new one's comes from its path, which differs
    # between runs): a seed kept in the file keeps the picture the same.
    (here / "blind.session.toml").write_text('evaluator = "Sam Okafor"\nblind = true\nblind_seed = 7\n', encoding="utf-8")
    app = _app(session="blind.session.toml", blind=True)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_keys("enter", "4"))


@pytest.mark.parametrize("size", FIRST)
def test_panel_review(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: str) -> None:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    app = make_app(LoadOptions(panel="sample_panel/board.panel.toml"), autosave=3600)
    # harbor-capital (4th): its cx.portal holds a consensus over two disagreeing members
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_keys("down", "down", "down", "enter"))


@pytest.mark.parametrize("size", FIRST)
def test_conflict_dialog(snap_compare: Any, here: Path, size: str) -> None:
    async def run_before(pilot: Any) -> None:
        await _loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        session = here / "review.session.toml"
        session.write_text(session.read_text().replace('evaluator = "Sam"', 'evaluator = "Kim"'))  # a colleague's save
        await pilot.press("plus", "ctrl+s")
        await pilot.pause(0.1)

    app = _app(session="review.session.toml", evaluator="Sam")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


# A few more at 160x50 and in between: a wide terminal, the weights being edited, prompts.
@pytest.mark.parametrize("screen", ["shortlist", "review", "analysis", "plan"])
def test_wide(snap_compare: Any, here: Path, screen: str) -> None:
    assert snap_compare(_app(), terminal_size=SIZES["160x50"], run_before=SCREENS[screen])


def test_shortlist_after_raising_a_weight(snap_compare: Any, here: Path) -> None:
    assert snap_compare(_app(), terminal_size=SIZES["160x50"], run_before=_keys("w", "plus", "plus", "plus"))


def test_narrow_weights_being_edited(snap_compare: Any, here: Path) -> None:
    assert snap_compare(_app(), terminal_size=SIZES["80x24"], run_before=_keys("w", "down", "plus"))


def test_score_prompt(snap_compare: Any, here: Path) -> None:
    assert snap_compare(_app(), terminal_size=SIZES["120x35"], run_before=_keys("enter", "s", "9", "enter"))


def test_narrow_analysis_figures_behind_f(snap_compare: Any, here: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await _keys("a", wait_load=True)(pilot)
        await pilot.press("f")
        await pilot.pause(0.1)

    assert snap_compare(_app(), terminal_size=SIZES["80x24"], run_before=run_before)
