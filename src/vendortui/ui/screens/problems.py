"""The files that could not be loaded, one line per problem: file, line, key, message."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from vendortui.core.problems import Problem
from vendortui.render.text import safe_line
from vendortui.ui import bindings


def title(found: list[Problem]) -> str:
    n = sum(1 for p in found if not p.is_warning)
    w = len(found) - n
    parts = [f"{n} problem{'s' if n != 1 else ''} (what each names is left out)"] * bool(n)
    parts += [f"{w} warning{'s' if w != 1 else ''} (valid, but likely wrong)"] * bool(w)
    return ", ".join(parts) or "No problems"


class ProblemsScreen(ModalScreen[None]):
    """Problems first, then warnings: file, line, key and message, one row each."""
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PROBLEMS]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = sorted(problems, key=lambda p: p.is_warning)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(title(self.problems)), classes="dialog-title")
            if self.problems:
                yield DataTable(id="problem-table", cursor_type="row")
            else:
                yield Static(Text("Every file loaded, and nothing looks wrong."))
            yield Static("escape close", classes="dialog-hint")

    def on_mount(self) -> None:
        if not self.problems:
            return
        table = self.query_one(DataTable)
        table.add_columns("File", "Line", "Key", "Message")
        for p in self.problems:
            message = ("warning: " if p.is_warning else "") + p.message
            table.add_row(safe_line(p.path), Text(str(p.line)), safe_line(p.key), safe_line(message))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_jump(self, row: int) -> None:
        if self.problems:
            table = self.query_one(DataTable)
            table.move_cursor(row=row if row >= 0 else table.row_count - 1)
