"""Help: every key of every screen, generated from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from vendortui.files.config import UserConfig
from vendortui.render.text import safe_line
from vendortui.ui.bindings import HELP, help_groups

KEY_NAMES = {"question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "=",
             "right_square_bracket": "]", "left_square_bracket": "["}


def _keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys as the user presses them: the keymap's if it remaps the binding."""
    remapped = keymap.get(binding.id or "")
    if remapped is None and binding.key_display and binding.key_display != "0-9":
        return binding.key_display
    keys = remapped if remapped is not None else binding.key
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def help_table(keymap: Mapping[str, str] | None = None) -> Group:
    """Per context, its keys, what they do, and the binding id a config file's [keymap] uses
    to remap them. One table per context, so a context's title never widens the key column."""
    keymap = keymap or {}
    parts: list[RenderableType] = []
    for title, bindings in help_groups():
        table = Table(box=None, padding=(0, 1), show_header=False, expand=True)
        table.add_column(style="bold cyan", no_wrap=True, width=12)
        table.add_column(ratio=1)
        table.add_column(style="dim", no_wrap=True, justify="right")
        digits_done = False
        for b in bindings:
            if b.action.startswith("digit("):
                if digits_done:
                    continue
                digits_done = True
                table.add_row(Text("0 … 9"), Text("Score the highlighted question (to a scale of 9; above, the score prompt)"),
                              Text("score-0 … 9"))
                continue
            text = b.description + (f": {b.tooltip}" if b.tooltip else "")
            table.add_row(Text(_keys(b, keymap), overflow="fold"), Text(text), Text(b.id or ""))
        parts += [Text(title, style="bold underline") + Text("   (binding ids on the right)" * (title == "Everywhere"),
                                                               style="dim"), table, Text("")]
    return Group(*parts)


def settings_lines(config: UserConfig, path: Path) -> Text:
    """Where the settings file is, whether it was read, and how to remap a key."""
    text = Text("Settings: ", style="bold")
    text.append(safe_line(str(path)))
    if config.path is None:
        text.append(" (no file: defaults)", style="dim")
    elif config.problems:
        n = len(config.problems)
        text.append(f" ({n} problem{'s' if n != 1 else ''}, left out: p on the shortlist lists them)", style="bold red")
    else:
        text.append(" (read)", style="dim")
    text.append('\nRemap a key: under [keymap] in that file, write the id = "key", e.g. help = "f1".'
                '\ntheme = "gruvbox" picks a theme; evaluator = "Your Name" names new sessions.')
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*HELP]

    def __init__(self, config: UserConfig | None = None, config_path: Path | None = None) -> None:
        super().__init__()
        self.config = config or UserConfig()
        self.config_path = config_path or self.config.path

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text("vendortui keys", style="bold"))
            yield Static(help_table(self.config.keymap))
            if self.config_path is not None:
                yield Static(settings_lines(self.config, self.config_path))
            yield Static(Text("escape closes."), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
