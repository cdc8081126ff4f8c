"""Snapshots of every screen on the bundled samples (fixture data), at the three sizes a
terminal most often has: 80x24, 120x35 and 160x50.

Deterministic: fixed size, no clock in the header, no blinking cursor on these screens.
Regenerate after an intended change with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the report (and at the app in tmux) before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import loaded, options
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app

SIZES = {"80x24": (80, 24), "120x35": (120, 35), "160x50": (160, 50)}


async def _loaded(pilot) -> None:
    await loaded(pilot)
    pilot.app.clear_notifications()  # toasts come and go on a timer: keep them out of the picture
    await pilot.pause(0.1)


def _app(workdir: Path, relative: bool = False):
    if relative:
        return make_app(LoadOptions(vendors="vendors", template="template.toml"), autosave=3600)
    return make_app(options(workdir, session=None), autosave=3600)


@pytest.mark.parametrize("size", SIZES)
def test_shortlist_screen(snap_compare, workdir: Path, size: str) -> None:
    assert snap_compare(_app(workdir), terminal_size=SIZES[size], run_before=_loaded)


def test_shortlist_after_raising_a_weight(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("w", "plus", "plus", "plus")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES["160x50"], run_before=run_before)


def test_narrow_weights_being_edited(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("w", "down", "plus")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES["80x24"], run_before=run_before)


def test_narrow_detail_behind_d(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("down", "d")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES["80x24"], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen(snap_compare, workdir: Path, size: str) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("enter", "4", "3")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES[size], run_before=run_before)


def test_score_prompt(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("enter", "s", "9", "enter")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES["120x35"], run_before=run_before)


def test_help_screen(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(workdir), terminal_size=SIZES["160x50"], run_before=run_before)


def test_problems_screen(snap_compare, workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)  # problems name files: keep the paths the same on every run
    (workdir / "vendors" / "broken.toml").write_text(
        'name = "Broken"\nkind = "agency"\n[fees]\ncontingency = 1.5\n'
    )

    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("p")
        await pilot.pause(0.1)

    assert snap_compare(_app(workdir, relative=True), terminal_size=SIZES["120x35"], run_before=run_before)


@pytest.mark.parametrize("size", ["80x24", "160x50"])
def test_analysis_screen(snap_compare, workdir: Path, size: str) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("a")
        await _loaded(pilot)

    assert snap_compare(_app(workdir), terminal_size=SIZES[size], run_before=run_before)


def test_narrow_analysis_figures_behind_f(snap_compare, workdir: Path) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("a")
        await _loaded(pilot)
        await pilot.press("f")
        await pilot.pause(0.1)

    assert snap_compare(_app(workdir), terminal_size=SIZES["80x24"], run_before=run_before)


@pytest.mark.parametrize("size", ["80x24", "160x50"])
def test_plan_screen(snap_compare, workdir: Path, size: str) -> None:
    async def run_before(pilot) -> None:
        await _loaded(pilot)
        await pilot.press("l")
        await _loaded(pilot)

    assert snap_compare(_app(workdir), terminal_size=SIZES[size], run_before=run_before)
