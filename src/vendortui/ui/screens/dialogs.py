"""Small typed dialogs: ask for a line of text; decide what to do about a save conflict;
leave with unsaved edits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

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


class ScoreScreen(ModalScreen[float | None]):
    """Any score from 0 to the scale, in halves (3.5, 10); returns it, or None (escape).
    A value that is not one stays in the box with the reason below it."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PROMPT]

    def __init__(self, question_id: str, scale: int, typed: str = "") -> None:
        super().__init__()
        self.question_id, self.scale, self.typed = question_id, scale, typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_line(f"Score for {self.question_id}: 0 to {self.scale}, in halves"), classes="dialog-title")
            yield Input(self.typed, id="score-input", restrict=r"[0-9.,]*")
            yield Static(Text(""), id="score-error")
            yield Static(Text("enter score · escape cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.focus()
        box.cursor_position = len(self.typed)

    def value(self, text: str) -> float | str:
        """The score typed, or why it is not one."""
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return "type a number, such as 3 or 3.5"
        if not 0 <= number <= self.scale:
            return f"{text} is outside the scale: 0 to {self.scale}"
        if (number * 2) % 1:
            return "scores go in halves: 3, 3.5, 4"
        return number

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        result = self.value(self.query_one(Input).value)
        if isinstance(result, str):
            self.query_one("#score-error", Static).update(Text(result, style="bold red"))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConflictScreen(ModalScreen[str | None]):
    """The session changed on disk: reload it, save elsewhere, overwrite, or cancel. The
    keys it names are the ones that act: the user's keymap, else the defaults."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.CONFLICT]
    CHOICES = (("conflict-reload", "reload it (your unsaved edits are dropped)"),
               ("conflict-save-as", "save your version under another name"),
               ("conflict-overwrite", "overwrite it, keeping what they wrote that you did not change"),
               ("conflict-cancel", "do nothing for now"))

    def __init__(self, path: str, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.path = path
        self.keymap = dict(keymap or {})

    def key_of(self, binding_id: str) -> str:
        default = next(b.key for b in bindings.CONFLICT if b.id == binding_id)
        return self.keymap.get(binding_id, default).split(",")[0].strip()

    def compose(self) -> ComposeResult:
        choices = "\n".join(f"{plain_line(self.key_of(bid))}  {text}" for bid, text in self.CHOICES)
        with Vertical(classes="dialog"):
            yield Label("The session changed on disk", classes="dialog-title")
            yield Static(Text(
                f"{plain_line(self.path)} was changed by someone else since you opened it.\n"
                "Nothing has been overwritten.\n\n" + choices
            ), id="conflict-choices")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


QuitChoice = Literal["save", "discard"]


class QuitScreen(ModalScreen[QuitChoice | None]):
    """Unsaved edits and no session file yet: save them (asks where), discard them and quit,
    or cancel (None) and go back to the app."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.QUIT]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Quit with unsaved edits?", classes="dialog-title")
            yield Static(Text(
                "Your scores and notes are not in a session file yet.\n\n"
                "s  save them (asks where), then quit\n"
                "d  discard them and quit\n"
                "escape  cancel: back to the review"
            ))

    def action_choose(self, choice: QuitChoice | None) -> None:
        self.dismiss(choice)
