"""The user's settings file: what it may hold, and a clear `path:line: key: message` for
whatever it gets wrong, with the good settings kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendortui.files.config import CONFIG_ENV, UserConfig, default_path, load_config

IDS = {"help", "quit", "save", "open-review"}
THEMES = {"textual-dark", "gruvbox", "nord"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_location_follows_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_path() == tmp_path / "vendortui" / "config.toml"
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "elsewhere.toml"))
    assert default_path() == tmp_path / "elsewhere.toml"


def test_no_file_at_the_default_location_is_no_problem(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.toml", IDS, THEMES) == UserConfig()


def test_a_missing_file_the_user_named_is_a_problem(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml", IDS, THEMES, explicit=True)
    assert config.problems and config.problems[0].key == "(file)"


def test_a_good_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "gruvbox"\nevaluator = "  Sam   Okafor "\n[keymap]\nhelp = "f1"\nopen-review = "enter, o"\n')
    config = load_config(path, IDS, THEMES)
    assert config == UserConfig(path, {"help": "f1", "open-review": "enter,o"}, "gruvbox", "Sam Okafor", ())


@pytest.mark.parametrize(("text", "line", "key", "message"), [
    ('[keymap]\nhlep = "f1"\n', 2, "keymap.hlep", "no binding id 'hlep' (did you mean 'help'?) (help lists them)"),
    ('\n[keymap]\nhelp = 1\n', 3, "keymap.help", 'must be a key, or keys separated by commas, in quotes: "f1" or "enter,o"'),
    ('[keymap]\nhelp = "F1"\n', 2, "keymap.help", "'F1': key names are lower case, as in f1, enter, pageup, question_mark"),
    ('[keymap]\nhelp = "cmd+s"\n', 2, "keymap.help",
     "'cmd+s': modifiers are alt, ctrl, hyper, meta, shift, super, joined with +, as in ctrl+s"),
    ('[keymap]\nhelp = "f1,"\n', 2, "keymap.help", "not a key name: 'f1,'"),
    ('keymap = "f1"\n', 1, "keymap", 'must be a table of binding id = "key" lines'),
    ('theme = "gruvbx"\n', 1, "theme", "no theme 'gruvbx' (did you mean 'gruvbox'?)"),
    ('theme = 3\n', 1, "theme", 'must be a theme\'s name in quotes, e.g. "gruvbox"'),
    ('\n\nevaluator = "\\u001b[2J"\n', 3, "evaluator", "must be your name in quotes, up to 200 characters"),
    ('colour = "red"\n', 1, "colour", "no setting 'colour'"),
])
def test_each_bad_entry_names_its_line_and_key_and_is_left_out(tmp_path: Path, text: str, line: int, key: str, message: str) -> None:
    path = write(tmp_path, "# my settings\n" + text)
    config = load_config(path, IDS, THEMES)
    (problem,) = config.problems
    assert (problem.path, problem.line, problem.key, problem.message) == (str(path), line + 1, key, message)
    assert config.keymap == {} and config.theme is None and config.evaluator == ""


def test_the_good_settings_still_apply_beside_a_bad_one(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nevaluator = "Sam"\n[keymap]\nhelp = "f1"\nquit = "F2"\nsave = "ctrl+w"\n')
    config = load_config(path, IDS, THEMES)
    assert [p.key for p in config.problems] == ["keymap.quit"]
    assert (config.theme, config.evaluator, config.keymap) == ("nord", "Sam", {"help": "f1", "save": "ctrl+w"})


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\nhelp = "f1\n')
    config = load_config(path, IDS, THEMES)
    (problem,) = config.problems
    assert problem.line == 2 and config.keymap == {}
    assert str(problem).startswith(f"{path}:2: ")


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    config = load_config(fifo, IDS, THEMES)
    assert config.problems and "regular file" in config.problems[0].message


def test_hostile_text_in_a_problem_prints_as_escapes(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\n"\\u001b]0;pwned\\u0007" = "f1"\n')
    (problem,) = load_config(path, IDS, THEMES).problems
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)
