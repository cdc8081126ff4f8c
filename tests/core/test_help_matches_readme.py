"""README says which commands take the common data options; each command's --help agrees."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from vendortui.cli.parser import COMMON, build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_readme_names_exactly_the_commands_that_take_the_data_options() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    sentence = text.split("`.venv/bin/vendortui rank --format json`.", 1)[1].split(" take `--vendors DIR`", 1)[0]
    named = set(re.findall(r"`([a-z-]+)`", sentence))
    taking = {name for name, sub in subcommands().items() if "--vendors" in sub.format_help()}
    assert named == taking
    for name in taking:
        help_text = subcommands()[name].format_help()
        assert all(f"--{option}" in help_text for option in (*COMMON, "panel")), name
    for name in set(subcommands()) - taking:
        assert f"`{name}" in text.split(" take none of these", 1)[0].rsplit(". ", 1)[-1], name
        assert "do not apply" in " ".join(subcommands()[name].format_help().split()), name
