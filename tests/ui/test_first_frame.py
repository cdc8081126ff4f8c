"""The last run's first frame: shown at once when nothing changed, identical to the loaded
review, never shown when anything it depends on changed, and no key pressed over it is lost."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.ui.conftest import loaded, options
from vendortui.core import workspace
from vendortui.ui.app import make_app
from vendortui.ui.first_frame import load_first_frame
from vendortui.ui.screens.shortlist import COLUMNS
from vendortui.ui.widgets.ranking_table import RankingTable


async def prime(opts: dict, evaluator: str | None = None) -> None:
    """A first run: load, then keep the caches as the app does a second after the load."""
    app = make_app(opts, evaluator=evaluator)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        app._save_cache()
        await app.workers.wait_for_complete()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Holds the review's loading until set: what the user sees meanwhile is the frame."""
    event = threading.Event()
    real = workspace.open_workspace

    def gated(*args, **kwargs):
        event.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(workspace, "open_workspace", gated)
    return event


async def held_on_frame(workdir: Path, gate: threading.Event):
    """A second run, its loading held: the app opens on the frame the first run kept."""
    gate.set()
    await prime(options(workdir))
    gate.clear()
    return make_app(options(workdir))


def shown(app) -> tuple[list[str], list[tuple], str, str]:
    screen = app.screen
    table = screen.query_one(RankingTable)
    cells = [tuple(table.cell(i, c.key) for c in COLUMNS) for i in range(table.row_count)]
    head = str(screen.query_one("#detail-head").render())
    status = str(screen.query_one("#status").render())
    return table.row_ids, cells, head, status


async def test_an_unchanged_review_opens_on_its_frame_which_the_load_then_confirms(workdir: Path, gate) -> None:
    app = await held_on_frame(workdir, gate)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert app.state is None, "the load is held: this is the frame"
        assert app.screen.frame is not None
        before = shown(app)
        assert len(before[0]) == 8
        assert before[2].strip() and before[3].strip()
        gate.set()
        await loaded(pilot)
        assert app.state is not None
        after = shown(app)
        assert after == before
        assert before[0] == [r.id for r in app.state.ranked]


async def test_keys_pressed_over_the_frame_are_applied_once_the_review_loads(workdir: Path, gate) -> None:
    app = await held_on_frame(workdir, gate)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert app.state is None
        await pilot.press("down", "w", "plus")
        await pilot.pause()
        assert app.state is None  # nothing applied to a review that is not there yet
        gate.set()
        await loaded(pilot)
        await app.workers.wait_for_complete()  # the replay of the early keys
        await pilot.pause()
        assert app.state.weights()["customer_focus"] == 30
        assert app.state.dirty
        table = app.screen.query_one(RankingTable)
        assert table.cursor_row == 1


def _edit_vendor(workdir: Path) -> None:
    path = workdir / "vendors" / "brightpath.toml"
    path.write_text(path.read_text().replace("Brightpath Digital Recovery", "Brightpath Renamed"))


def _add_vendor(workdir: Path) -> None:
    text = (workdir / "vendors" / "brightpath.toml").read_text()
    (workdir / "vendors" / "another.toml").write_text(text.replace('id = "brightpath"', 'id = "another"'))


def _same_bytes_new_time(workdir: Path) -> None:
    path = workdir / "vendors" / "tertia.toml"
    then = time.time() - 3600
    os.utime(path, (then, then))


def _edit_template(workdir: Path) -> None:
    path = workdir / "template.toml"
    path.write_text(path.read_text().replace("shortlist = 3", "shortlist = 2"))


def _write_session(workdir: Path) -> None:
    (workdir / "review.session.toml").write_text('evaluator = "Someone"\n[weights]\ncustomer_focus = 50\n')


@pytest.mark.parametrize(
    "change",
    [
        _edit_vendor,
        _add_vendor,
        lambda w: (w / "vendors" / "inhouse.toml").unlink(),
        _same_bytes_new_time,
        _edit_template,
        _write_session,
    ],
    ids=["vendor edited", "vendor added", "vendor removed", "vendor touched", "template edited", "session written"],
)
async def test_any_change_to_what_the_frame_shows_means_no_frame(workdir: Path, change) -> None:
    opts = options(workdir)
    await prime(opts)
    assert load_first_frame(opts, None) is not None
    change(workdir)
    assert load_first_frame(opts, None) is None


async def test_other_options_or_evaluator_have_their_own_frame(workdir: Path) -> None:
    opts = options(workdir)
    await prime(opts)
    assert load_first_frame(opts, None) is not None
    assert load_first_frame(opts, "Sam") is None
    assert load_first_frame({**opts, "weights": "compliance=50"}, None) is None
    other = workdir / "copy"
    shutil.copytree(workdir / "vendors", other)
    assert load_first_frame({**opts, "vendors": str(other)}, None) is None


async def test_no_frame_is_kept_for_a_review_with_file_problems(workdir: Path) -> None:
    (workdir / "vendors" / "broken.toml").write_text('name = "Broken"\nkind = "agency"\nbogus = 1\n')
    then = time.time() - 60
    os.utime(workdir / "vendors" / "broken.toml", (then, then))
    opts = options(workdir)
    await prime(opts)
    assert load_first_frame(opts, None) is None


async def test_no_frame_is_kept_while_vendor_files_are_being_edited(workdir: Path) -> None:
    _edit_vendor(workdir)  # modified just now
    opts = options(workdir)
    await prime(opts)
    assert load_first_frame(opts, None) is None


async def test_no_frame_with_the_cache_turned_off(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDORTUI_CACHE", "off")
    opts = options(workdir)
    await prime(opts)
    assert load_first_frame(opts, None) is None


async def test_after_saving_and_quitting_the_next_run_opens_on_the_saved_review(workdir: Path) -> None:
    opts = options(workdir)
    app = make_app(opts, evaluator="Sam")
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "plus", "escape")
        await pilot.pause()
        totals = [f"{r.total:.1f}" for r in app.state.ranked]
        await pilot.press("q")
        await pilot.pause()
    assert (workdir / "review.session.toml").exists()
    frame = load_first_frame(opts, "Sam")
    assert frame is not None
    assert [row[3].plain for row in frame.cells] == totals
    assert "unsaved" not in frame.status.plain
    # and it is exactly what the loaded review shows
    again = make_app(opts, evaluator="Sam")
    async with again.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        ids, cells, _, status = shown(again)
        assert ids == frame.ids and cells == [tuple(c) for c in frame.cells]
        assert status == frame.status.plain


async def test_a_damaged_frame_is_ignored(workdir: Path) -> None:
    opts = options(workdir)
    await prime(opts)
    [file] = list(Path(os.environ["VENDORTUI_CACHE_DIR"]).glob("frame-*.pickle"))
    file.write_bytes(file.read_bytes()[:50])
    assert load_first_frame(opts, None) is None
    app = make_app(opts)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert len(app.state.ranked) == 8


async def test_a_load_that_fails_behind_the_frame_clears_it_and_says_why(workdir: Path, gate, monkeypatch) -> None:
    from vendortui.core.problems import Problem, ProblemsError

    app = await held_on_frame(workdir, gate)

    def broken(*args, **kwargs):
        gate.wait(20)
        raise ProblemsError([Problem(str(workdir / "template.toml"), 3, "weights", "became unreadable")])

    monkeypatch.setattr(workspace, "open_workspace", broken)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(RankingTable).row_count == 8  # the frame
        gate.set()
        await loaded(pilot)
        assert app.state is None
        assert app.screen.query_one(RankingTable).row_count == 0
        assert "became unreadable" in str(app.screen.query_one("#status").render())


@pytest.mark.parametrize("edit", [_edit_vendor, _edit_template], ids=["vendor", "template"])
async def test_a_file_edited_while_the_app_is_open_gives_no_frame_for_the_old_review(workdir: Path, edit) -> None:
    opts = options(workdir)
    app = make_app(opts, evaluator="Sam")
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        edit(workdir)  # after the load: what the app shows is the old content
        for path in [*(workdir / "vendors").glob("*.toml"), workdir / "template.toml"]:
            then = time.time() - 3600
            os.utime(path, (then, then))  # and long settled by the time the app quits
        await pilot.press("w", "plus", "escape")
        await pilot.press("q")  # saves, then keeps a frame of the review it shows
        await pilot.pause()
    assert (workdir / "review.session.toml").exists()
    assert load_first_frame(opts, "Sam") is None
