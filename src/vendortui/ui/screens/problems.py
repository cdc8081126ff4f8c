"""The files that could not be loaded, one line per problem: file, line, key, message."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from vendortui.core.problems import Problem
from vendortui.ui import bindings


class ProblemsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PROBLEMS]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            n = len(self.problems)
            yield Label(f"{n} problem{'s' if n != 1 else ''} in the files (the good files are loaded)", classes="dialog-title")
            if self.problems:
                yield DataTable(id="problem-table", cursor_type="row")
            else:
                yield Static("No problems: every file loaded.")
            yield Static("escape close", classes="dialog-hint")

    def on_mount(self) -> None:
        if not self.problems:
            return
        table = self.query_one(DataTable)
        table.add_columns("File", "Line", "Key", "Message")
        for p in self.problems:
            table.add_row(p.path, str(p.line), p.key, p.message)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
