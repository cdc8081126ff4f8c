"""The app's saves lose nothing and credit nobody wrongly (issue 20): signals save a panel to
its panel file (or a recovered panel), a session keeps what reopens it, save-as never lands on
another evaluator's session, the conflict dialog names the keys that act, and the settings
file's evaluator is held to the same ownership rule as --evaluator."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomli_w

from tests.ui.conftest import REPO, loaded, notifications, options
from vendortui import cli
from vendortui.core.session_models import Session
from vendortui.files.config import load_config
from vendortui.files.options import LoadOptions, check_evaluator
from vendortui.files.sessions import save_session
from vendortui.ui import bindings
from vendortui.ui.app import make_app
from vendortui.ui.launch import prepare_app
from vendortui.ui.screens.dialogs import ConflictScreen


def panel_copy(tmp_path: Path) -> Path:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path / "sample_panel" / "board.panel.toml"


async def agree(pilot) -> None:
    """Record the panel's consensus on brightpath cx.portal, as the c key does."""
    await loaded(pilot)
    pilot.app.state.set_consensus("brightpath", "cx.portal", 2, "Demo showed no payment plans", "Sam Okafor")
    assert pilot.app.state.dirty


async def test_a_signal_in_panel_mode_saves_the_panel_file_with_its_consensus(tmp_path: Path) -> None:
    board = panel_copy(tmp_path)
    comment = board.read_text(encoding="utf-8").splitlines()[0]
    app = make_app(LoadOptions(panel=str(board), evaluator="Sam Okafor"), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await agree(pilot)
        app.save_and_exit()  # what SIGTERM and SIGHUP run
        await pilot.pause()
    text = board.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["consensus"]["brightpath"]["cx.portal"]["score"] == 2
    assert data["consensus"]["harbor-capital"]["cx.portal"]["score"] == 3 and len(data["members"]) == 3
    assert text.startswith(comment)
    assert not list(tmp_path.rglob("*.recovered-*"))  # no flattened session under anyone's name


async def test_a_signal_after_the_panel_changed_on_disk_saves_a_recovered_panel(tmp_path: Path) -> None:
    board = panel_copy(tmp_path)
    app = make_app(LoadOptions(panel=str(board), evaluator="Sam Okafor"), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await agree(pilot)
        theirs = "# edited meanwhile\n" + board.read_text(encoding="utf-8")
        board.write_text(theirs, encoding="utf-8")
        app.save_and_exit()
        await pilot.pause()
    assert board.read_text(encoding="utf-8") == theirs
    [copy] = list(board.parent.glob("board.recovered-*.panel.toml"))
    data = tomllib.loads(copy.read_text(encoding="utf-8"))
    assert data["consensus"]["brightpath"]["cx.portal"]["reason"] == "Demo showed no payment plans"
    assert [m["session"] for m in data["members"]] == ["finance.session.toml", "legal.session.toml", "cx.session.toml"]
    assert not list(tmp_path.rglob("*.recovered-*.session.toml"))


def rank_json(*argv: str) -> list[dict]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["rank", "--format", "json", *argv]) in (0, 1)
    return json.loads(out.getvalue())


async def score_one(pilot) -> None:
    await loaded(pilot)
    await pilot.press("w", "plus", "escape", "enter", "4", "escape")
    await pilot.pause()


async def test_a_session_saved_on_a_signal_keeps_what_reopens_it(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await score_one(pilot)
        shown = [r.id for r in app.state.ranked]
        app.save_and_exit()
        await pilot.pause()
    [copy] = list(workdir.glob("review.recovered-*.session.toml"))
    data = tomllib.loads(copy.read_text(encoding="utf-8"))
    assert (data["template"], data["vendors"], data["evaluator"]) == ("template.toml", "vendors", "Sam")
    assert [r["id"] for r in rank_json("--session", str(copy))] == shown


async def test_a_session_nobody_named_is_saved_on_a_signal_belonging_to_nobody(workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    app = make_app(options(workdir, session=None), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await score_one(pilot)
        app.save_and_exit()
        await pilot.pause()
    [copy] = list(workdir.glob("review.recovered-*.session.toml"))
    data = tomllib.loads(copy.read_text(encoding="utf-8"))
    assert not data.get("evaluator") and data["template"] == "template.toml"
    assert "unknown" not in copy.read_text(encoding="utf-8")
    check_evaluator(LoadOptions(session=str(copy), evaluator="Bob Stone"))  # anyone may claim it: no error
    app = make_app(LoadOptions(session=str(copy), evaluator="Bob Stone"), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
    assert tomllib.loads(copy.read_text(encoding="utf-8"))["evaluator"] == "Bob Stone"


async def test_save_as_onto_another_evaluators_session_is_refused(workdir: Path) -> None:
    tom = workdir / "tom.session.toml"
    save_session(Session(evaluator="Tom Whitfield", template="template.toml", vendors="vendors",
                         scores={"brightpath": {"cx.portal": 4}}), tom, None)
    before = tom.read_bytes()
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    seen: list = []
    async with app.run_test(size=(160, 50), message_hook=seen.append) as pilot:
        await score_one(pilot)
        assert app.save_to(tom, new_path=True) is False
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)  # no "changed by someone else" to overwrite from
        assert app.save_to(tom, new_path=True, force=True) is False  # nor by forcing it
        await pilot.pause()
    assert tom.read_bytes() == before
    assert any("is Tom Whitfield's session" in t for t in notifications(seen))


def test_the_settings_files_evaluator_cannot_open_anothers_session(workdir: Path, capsys, monkeypatch) -> None:
    tom = workdir / "tom.session.toml"
    tom.write_text('evaluator = "Tom Whitfield"\ntemplate = "template.toml"\nvendors = "vendors"\n', encoding="utf-8")
    config = workdir / "config.toml"
    config.write_text('evaluator = "Sam Okafor"\n', encoding="utf-8")
    from vendortui.ui.app import VendorApp

    monkeypatch.setattr(VendorApp, "run", lambda self: pytest.fail("the app must not start"))
    assert cli.main(["review", "--session", str(tom), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "Tom Whitfield's session" in err and "sam-okafor.session.toml" in err


# --------------------------------------------------------------------------- the conflict dialog's keys


def test_the_default_keys_never_put_two_actions_on_one_key() -> None:
    for name, keys in bindings.contexts():
        every = [k for ks in keys.values() for k in ks.split(",")]
        assert len(every) == len(set(every)), name


def test_two_actions_on_one_key_in_one_context_is_a_config_problem(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nconflict-overwrite = "r"\nnote = "f"\nhelp = "f1"\n', encoding="utf-8")
    config = load_config(path, bindings.ids(), contexts=bindings.contexts())
    shown = [str(p) for p in config.problems]
    assert f"{path}:2: keymap.conflict-overwrite: 'r' is already the key of conflict-reload in the save-conflict " \
           "dialog: two actions on one key; give one of them another key" in shown
    assert any(s.startswith(f"{path}:3: keymap.note: 'f' is already the key of requirement-fail") for s in shown)
    assert config.keymap == {"help": "f1"}  # the clashing entries are left out, the rest applies


def test_swapping_two_keys_is_no_clash(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nconflict-overwrite = "r"\nconflict-reload = "o"\n', encoding="utf-8")
    config = load_config(path, bindings.ids(), contexts=bindings.contexts())
    assert not config.problems and config.keymap == {"conflict-overwrite": "r", "conflict-reload": "o"}


async def test_the_conflict_dialog_names_the_remapped_keys_and_they_act(workdir: Path) -> None:
    config = workdir / "config.toml"
    config.write_text('[keymap]\nconflict-overwrite = "r"\nconflict-reload = "o"\n', encoding="utf-8")
    app = prepare_app(options(workdir, evaluator="Sam", config=str(config)))
    path = workdir / "review.session.toml"
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        path.write_text("# a colleague's edit\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        text = str(app.screen.query_one("#conflict-choices").render())
        assert "r  overwrite" in text and "o  reload" in text and "r  reload" not in text
        await pilot.press("r")
        await pilot.pause()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["weights"]["customer_focus"] == 35


async def test_overwrite_from_the_dialog_keeps_the_scores_and_history_written_meanwhile(workdir: Path) -> None:
    path = workdir / "review.session.toml"
    app = make_app(options(workdir, evaluator="Sam"), autosave=3600)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "ctrl+s")
        await pilot.pause()
        # Sam's other window scored a question and saved, with its history entry
        theirs = tomllib.loads(path.read_text(encoding="utf-8"))
        theirs["scores"] = {"lexcollect": {"cx.tone": 2}}
        theirs["history"].append({"at": datetime(2026, 11, 30, 9, tzinfo=UTC), "by": "Sam", "vendor": "lexcollect",
                                  "question": "cx.tone", "new": 2})
        path.write_text(tomli_w.dumps(theirs), encoding="utf-8")
        on_disk = tomllib.loads(path.read_text(encoding="utf-8"))["history"]
        await pilot.press("plus", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("o")
        await pilot.pause()
        assert app.state.ws.session.scores["lexcollect"]["cx.tone"] == 2  # what the app holds and ranks on
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["scores"]["lexcollect"]["cx.tone"] == 2 and data["weights"]["customer_focus"] == 35
    assert data["history"][: len(on_disk)] == on_disk
    assert [(h["weight"], h["old"], h["new"]) for h in data["history"][len(on_disk):]] == [("customer_focus", 30, 35)]
