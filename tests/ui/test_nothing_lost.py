"""Nothing an evaluator did is lost or misattributed: every way out saves, the session holds
every input it was opened with, links are followed, sessions belong to their evaluator, and
a reload after a conflict never leaves the app broken."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.ui.conftest import loaded, options
from vendortui import cli
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.dialogs import ConflictScreen, PromptScreen, QuitScreen
from vendortui.ui.screens.shortlist import ShortlistScreen

REPO = Path(__file__).resolve().parents[2]


async def edit(pilot) -> None:
    """Raise the first weight by 5 and score the top vendor's first question 4."""
    await loaded(pilot)
    await pilot.press("w", "plus", "escape", "enter", "4", "escape")
    await pilot.pause()
    assert pilot.app.state.dirty


def saved(workdir: Path) -> dict:
    return tomllib.loads((workdir / "review.session.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("keys", [("q",), ("ctrl+q",)])
async def test_every_quit_key_saves_first(workdir: Path, keys: tuple[str, ...]) -> None:
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press(*keys)
        await pilot.pause()
    assert app.return_code == 0
    assert saved(workdir)["weights"]["customer_focus"] == 30


async def test_quit_from_the_command_palette_saves_first(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await app.run_action("quit")  # what the palette's Quit command runs
        await pilot.pause()
    assert saved(workdir)["weights"]["customer_focus"] == 30


@pytest.mark.parametrize("way", ["q", "ctrl+q", "ctrl+c", "palette"])
async def test_every_way_out_without_a_session_file_offers_save_discard_cancel(workdir: Path, monkeypatch, way: str) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None, evaluator="Sam"), autosave=3600)

    async def quit_once(pilot) -> None:
        if way == "palette":
            await app.run_action("quit")  # what the palette's Quit command runs
        else:
            await pilot.press(way)
        await pilot.pause()

    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await quit_once(pilot)
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")  # cancel: back in the app, the edit kept
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen) and app.state.dirty and app.return_code is None
        await quit_once(pilot)
        await pilot.press("s")  # save: asked where, named after the evaluator
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert tomllib.loads((workdir / "sam.session.toml").read_text())["weights"]["customer_focus"] == 30


async def test_discard_leaves_without_writing_a_file(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    before = sorted(p.name for p in workdir.iterdir())
    app = make_app(options(workdir, session=None, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 0
    assert sorted(p.name for p in workdir.iterdir()) == before


async def test_escape_from_the_where_prompt_after_save_stays_in_the_app(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press("q", "s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code is None and app.state.dirty


async def test_a_termination_signal_saves_unsaved_edits(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        app.save_and_exit()  # what SIGTERM and SIGHUP run
        await pilot.pause()
    assert saved(workdir)["weights"]["customer_focus"] == 30


async def test_a_termination_signal_without_a_session_file_saves_a_recovered_copy(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        app.save_and_exit()
        await pilot.pause()
    [copy] = list(workdir.glob("review.recovered-*.session.toml"))
    assert tomllib.loads(copy.read_text())["weights"]["customer_focus"] == 30


def rank_json(*argv: str) -> list[dict]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["rank", "--format", "json", *argv]) in (0, 1)
    return json.loads(out.getvalue())


async def test_a_session_opened_with_a_portfolio_ranks_headless_exactly_as_the_app_showed(workdir: Path) -> None:
    book = workdir / "book.toml"
    book.write_text('[portfolio]\nname = "Small book"\nbuckets = [{ age = "61-90", balance = 50000, accounts = 400 },'
                    ' { age = "91+", balance = 80000, accounts = 900 }]\n', encoding="utf-8")
    app = make_app(options(workdir, evaluator="Sam", portfolio=str(book), weights={"compliance": 40}), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [(r.id, round(r.total, 6), round(r.projection.net, 6)) for r in app.state.ranked]
    data = saved(workdir)
    assert (data["portfolio"], data["template"], data["vendors"]) == ("book.toml", "template.toml", "vendors")
    assert data["weights"]["compliance"] == 40
    headless = rank_json("--session", str(workdir / "review.session.toml"))
    assert [(r["id"], r["total"], r["net"]) for r in headless] == shown


async def test_save_as_into_another_folder_rewrites_every_path(workdir: Path) -> None:
    (workdir / "book.toml").write_text('[portfolio]\nbuckets = [{ age = "0+", balance = 90000 }]\n', encoding="utf-8")
    (workdir / "elsewhere" / "deeper").mkdir(parents=True)
    target = workdir / "elsewhere" / "deeper" / "mine.session.toml"
    app = make_app(options(workdir, session=None, evaluator="Sam", portfolio=str(workdir / "book.toml")), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        app.ask_where_to_save()
        await pilot.pause()
        app.screen.query_one("Input").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    data = tomllib.loads(target.read_text())
    assert data["template"] == "../../template.toml"
    assert data["vendors"] == "../../vendors"
    assert data["portfolio"] == "../../book.toml"
    assert rank_json("--session", str(target))  # it opens from there


async def test_a_session_behind_a_link_is_saved_through_it(workdir: Path) -> None:
    shared = workdir / "shared"
    shared.mkdir()
    real = shared / "team.session.toml"
    first = make_app(options(workdir, session="shared/team.session.toml", evaluator="Sam"), autosave=3600)
    async with first.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    link = workdir / "review.session.toml"
    link.symlink_to(real)
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert tomllib.loads(real.read_text())["weights"]["customer_focus"] == 35


def test_another_evaluators_session_is_refused(workdir: Path, capsys, monkeypatch) -> None:
    path = workdir / "alice.session.toml"
    path.write_text('evaluator = "Alice Martin"\ntemplate = "template.toml"\nvendors = "vendors"\n', encoding="utf-8")
    from vendortui.ui.app import VendorApp

    monkeypatch.setattr(VendorApp, "run", lambda self: pytest.fail("the app must not start"))
    assert cli.main(["review", "--session", str(path), "--evaluator", "Bob Stone"]) == 2
    err = capsys.readouterr().err
    assert "Alice Martin's session" in err and "bob-stone.session.toml" in err
    assert "Bob" not in path.read_text()


async def test_reload_after_a_conflict_survives_a_vanished_vendor(workdir: Path) -> None:
    path = workdir / "review.session.toml"
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await edit(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        vid = app.state.ranked[0].id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswersScreen)
        # meanwhile: a colleague saves the session, and the vendor's file is removed
        path.write_text(path.read_text().replace("customer_focus = 30", "customer_focus = 45"))
        (workdir / "vendors" / f"{vid}.toml").unlink()
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("r")
        await loaded(pilot)
        assert isinstance(app.screen, ShortlistScreen)
        assert vid not in {r.id for r in app.state.ranked}
        assert app.state.weights()["customer_focus"] == 45
        await pilot.press("down", "enter")  # still usable
        await pilot.pause()
        assert isinstance(app.screen, AnswersScreen)


async def test_a_failed_reload_keeps_the_review_that_was_open(workdir: Path) -> None:
    path = workdir / "review.session.toml"
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    seen: list = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await edit(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        path.write_text("this = [is not TOML", encoding="utf-8")  # broken on disk meanwhile
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await loaded(pilot)
        assert app.state is not None and app.state.weights()["customer_focus"] == 35  # the unsaved edit
        assert app.state.dirty
        from tests.ui.conftest import notifications

        assert any("Could not reload" in n for n in notifications(seen))


def test_a_session_saved_in_the_vendor_folder_is_not_a_broken_vendor(workdir: Path) -> None:
    shutil.copy(REPO / "rfp_templates" / "uk-consumer-lender.toml", workdir / "vendors" / "uk.toml")
    (workdir / "vendors" / "mine.session.toml").write_text('evaluator = "Sam"\n', encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main(["rank", "--vendors", str(workdir / "vendors"), "--template", str(workdir / "template.toml")])
    assert code == 0, err.getvalue()
    assert "mine.session.toml" not in err.getvalue() and "uk.toml" not in err.getvalue()


def test_options_are_frozen() -> None:
    with pytest.raises(AttributeError):
        LoadOptions().session = "x"  # type: ignore[misc]
