"""The user's settings file as the app uses it: a remapped key, a theme, the evaluator's
name for a new session, and a bad file listed like any other while the rest still applies."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rich.console import Console

from tests.ui.conftest import loaded, notifications, options
from vendortui.files.config import CONFIG_ENV
from vendortui.files.options import UsageError
from vendortui.ui.app import VendorApp
from vendortui.ui.launch import prepare_app
from vendortui.ui.screens.help import HelpScreen, help_table
from vendortui.ui.screens.problems import ProblemsScreen


def settings(workdir: Path, text: str) -> str:
    path = workdir / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def app_with(workdir: Path, text: str, **extra) -> VendorApp:
    """The app as the command line makes it: the settings read and checked by `prepare_app`."""
    return prepare_app(options(workdir, config=settings(workdir, text), **extra))


async def test_keymap_help_f1_opens_help_on_f1_and_not_on_question_mark(workdir: Path) -> None:
    app = app_with(workdir, '[keymap]\nhelp = "f1"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.config.keymap == {"help": "f1"}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def test_help_lists_binding_ids_and_the_keys_as_remapped(workdir: Path) -> None:
    console = Console(width=160, record=True)
    console.print(help_table({"help": "f1", "open-review": "enter,o"}))
    text = console.export_text()
    help_line = next(line for line in text.splitlines() if "Every key, on every screen" in line)
    assert help_line.split()[0] == "f1" and help_line.split()[-1] == "help"
    review_line = next(line for line in text.splitlines() if line.rstrip().endswith("open-review"))
    assert review_line.split()[:2] == ["enter", "o"]


async def test_help_shows_where_the_settings_file_is(workdir: Path) -> None:
    app = app_with(workdir, 'theme = "nord"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert str(workdir / "config.toml") in shown and "(read)" in shown
        assert 'help = "f1"' in shown


async def test_theme_from_the_settings(workdir: Path) -> None:
    app = app_with(workdir, 'theme = "gruvbox"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        assert app.theme == "gruvbox"


async def test_the_settings_evaluator_names_a_new_session_without_asking(workdir: Path) -> None:
    app = app_with(workdir, 'evaluator = "Priya Raman"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus", "escape", "ctrl+s")
        await pilot.pause()
        assert not app.state.dirty  # saved at once: no prompt for a name
    data = tomllib.loads((workdir / "review.session.toml").read_text())
    assert data["evaluator"] == "Priya Raman"


def test_another_evaluators_session_is_refused_when_the_name_comes_from_the_settings(workdir: Path) -> None:
    # Priya at the keyboard (her settings name her) would edit Sam's session: refused like
    # --evaluator "Priya Raman", before the app starts (exit 2 from the command line).
    (workdir / "review.session.toml").write_text('evaluator = "Sam Okafor"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"is Sam Okafor's session: to score as Priya Raman .*start your own"):
        app_with(workdir, 'evaluator = "Priya Raman"\n')


async def test_ones_own_session_opens_whichever_way_the_name_is_written(workdir: Path) -> None:
    (workdir / "review.session.toml").write_text('evaluator = "Sam Okafor"\n', encoding="utf-8")
    app = app_with(workdir, 'evaluator = "sam  okafor"\n')
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        assert app.state.ws.session.evaluator == "Sam Okafor"


async def test_a_bad_settings_file_is_a_message_and_a_listed_problem_and_the_rest_applies(workdir: Path) -> None:
    app = app_with(workdir, 'theme = "nord"\n[keymap]\nhlep = "f1"\n')
    seen: list = []
    async with app.run_test(size=(120, 35), message_hook=seen.append) as pilot:
        await loaded(pilot)
        assert app.theme == "nord" and app.state is not None and app.state.ranked
        toast = notifications(seen)
        assert any(f"{workdir / 'config.toml'}:3: keymap.hlep: no binding id 'hlep' (did you mean 'help'?)" in t
                   for t in toast)
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        assert [(p.line, p.key) for p in app.screen.problems if not p.is_warning] == [(3, "keymap.hlep")]


async def test_without_config_the_default_location_is_read(workdir: Path, monkeypatch) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(workdir / "xdg"))
    (workdir / "xdg" / "vendortui").mkdir(parents=True)
    (workdir / "xdg" / "vendortui" / "config.toml").write_text('[keymap]\nquit = "ctrl+x"\n', encoding="utf-8")
    app = prepare_app(options(workdir))
    assert app.config.keymap == {"quit": "ctrl+x"}
    assert app.config_path == workdir / "xdg" / "vendortui" / "config.toml"


def test_a_settings_file_named_but_missing_is_a_usage_error(workdir: Path) -> None:
    with pytest.raises(UsageError, match="config not found"):
        prepare_app(options(workdir, config=str(workdir / "nope.toml")))
