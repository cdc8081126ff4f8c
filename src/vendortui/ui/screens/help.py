"""Help: every key of every screen, generated from the bindings themselves so it never drifts."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from vendortui.ui.bindings import HELP, help_groups


def _keys(binding: Binding) -> str:
    if binding.key_display and binding.key_display != "0-9":
        return binding.key_display
    names = {"question_mark": "?", "plus": "+", "minus": "-", "equals_sign": "=",
             "right_square_bracket": "]", "left_square_bracket": "["}
    return " ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def help_table() -> Table:
    table = Table(box=None, padding=(0, 2), show_header=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for title, bindings in help_groups():
        table.add_row(Text(title, style="bold underline"), Text(""))
        digits_done = False
        for b in bindings:
            if b.action.startswith("score("):
                if digits_done:
                    continue
                digits_done = True
                table.add_row(Text("0 … scale"), Text("Score the highlighted question (0 to the template's scale)"))
                continue
            text = b.description + (f": {b.tooltip}" if b.tooltip else "")
            table.add_row(Text(_keys(b)), Text(text))
        table.add_row(Text(""), Text(""))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*HELP]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text("vendortui keys", style="bold"))
            yield Static(help_table())
            yield Static(Text("Every key has a binding id (in vendortui/ui/bindings.py). escape closes."), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
