"""Small typed dialogs: ask for a line of text; decide what to do about a save conflict."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from vendortui.render.text import plain_line, safe_line
from vendortui.ui import bindings


class PromptScreen(ModalScreen[str | None]):
    """Returns the text entered (enter), or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PROMPT]

    def __init__(self, title: str, value: str = "", hint: str = "enter accept · escape cancel") -> None:
        super().__init__()
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_line(self.title_text), classes="dialog-title")
            yield Input(self.value, id="prompt-input")
            yield Static(Text(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_submit(self) -> None:
        self.dismiss(self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConflictScreen(ModalScreen[str | None]):
    """The session changed on disk: reload it, save elsewhere, overwrite, or cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.CONFLICT]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("The session changed on disk", classes="dialog-title")
            yield Static(Text(
                f"{plain_line(self.path)} was changed by someone else since you opened it.\n"
                "Nothing has been overwritten.\n\n"
                "r  reload it (your unsaved edits are dropped)\n"
                "s  save your version under another name\n"
                "o  overwrite it with your version\n"
                "escape  do nothing for now"
            ))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
