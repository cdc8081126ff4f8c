"""Saving from the app: atomic saves, save-as, evaluator, autosave, conflicts, round trips."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.ui.conftest import loaded, options
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app
from vendortui.ui.screens.dialogs import ConflictScreen, PromptScreen


async def score_first_and_raise_weight(pilot) -> None:
    await loaded(pilot)
    await pilot.press("w", "plus", "escape", "enter", "4", "escape")
    await pilot.pause()


async def test_ctrl_s_saves_score_weight_and_reopening_restores_them(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await score_first_and_raise_weight(pilot)
        top = app.state.ranked[0].id
        totals = {r.id: r.total for r in app.state.ranked}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.state.dirty
    data = tomllib.loads((workdir / "review.session.toml").read_text())
    assert data["evaluator"] == "Sam Okafor"
    assert data["weights"]["customer_focus"] == 30
    first_q = next(iter(data["scores"][top]))
    assert data["scores"][top][first_q] == 4
    assert data["template"] == "template.toml" and data["vendors"] == "vendors"
    assert "created" in data and "updated" in data

    # reopen from the session alone: paths come from the file
    again = make_app(LoadOptions(session=str(workdir / "review.session.toml")))
    async with again.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert again.state.score(top, first_q) == 4
        assert again.state.weights()["customer_focus"] == 30
        assert {r.id: r.total for r in again.state.ranked} == totals
        assert not again.state.dirty


async def test_q_saves_before_quitting(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await score_first_and_raise_weight(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    data = tomllib.loads((workdir / "review.session.toml").read_text())
    assert data["weights"]["customer_focus"] == 30


async def test_without_session_ctrl_s_asks_where_and_for_the_evaluator(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None))
    async with app.run_test(size=(80, 24)) as pilot:
        await score_first_and_raise_weight(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.value == "review.session.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # now the evaluator's name
        await pilot.press(*"Ada", "enter")
        await pilot.pause()
        assert app.state.session_path == Path("review.session.toml")
    data = tomllib.loads((workdir / "review.session.toml").read_text())
    assert data["evaluator"] == "Ada"
    assert data["weights"]["customer_focus"] == 30


async def test_edits_autosave_shortly_after_the_last_change(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam"), autosave=0.05)
    path = workdir / "review.session.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await score_first_and_raise_weight(pilot)
        for _ in range(20):  # the timer fires 0.05 s after the last edit
            await pilot.pause(0.05)
            if path.exists():
                break
        assert path.exists()
        assert not app.state.dirty
        assert tomllib.loads(path.read_text())["weights"]["customer_focus"] == 30


async def test_a_session_changed_on_disk_is_not_overwritten_silently(workdir: Path) -> None:
    path = workdir / "review.session.toml"
    app = make_app(options(workdir, evaluator="Sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        saved = path.read_text()
        # a colleague edits the file meanwhile
        theirs = saved.replace("[weights]", "# checked by a colleague\n[weights]")
        path.write_text(theirs)
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert path.read_text() == theirs  # untouched
        await pilot.press("escape")
        assert path.read_text() == theirs
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("o")  # overwrite, knowingly
        await pilot.pause()
        data = tomllib.loads(path.read_text())
        assert data["weights"]["customer_focus"] == 35


async def test_conflict_reload_takes_the_file_from_disk(workdir: Path) -> None:
    path = workdir / "review.session.toml"
    app = make_app(options(workdir, evaluator="Sam"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        path.write_text(path.read_text().replace("customer_focus = 30", "customer_focus = 50"))
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await loaded(pilot)
        assert app.state.weights()["customer_focus"] == 50
        assert not app.state.dirty
