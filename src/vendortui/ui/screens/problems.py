"""The files that could not be loaded, one line per problem: file, line, key, message."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from vendortui.core.problems import Problem
from vendortui.files.paths import shown
from vendortui.render.text import safe_line
from vendortui.ui import bindings


def title(found: list[Problem]) -> str:
    n = sum(1 for p in found if not p.is_warning)
    w = len(found) - n
    parts = [f"{n} problem{'s' if n != 1 else ''} (what each names is left out)"] * bool(n)
    parts += [f"{w} warning{'s' if w != 1 else ''} (valid, but likely wrong)"] * bool(w)
    return ", ".join(parts) or "No problems"


class ProblemsScreen(ModalScreen[None]):
    """Problems first, then warnings: each as `file:line  key` over its message, wrapped to
    the width (nothing to scroll sideways at 80 columns); the file's full path below."""
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.PROBLEMS]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = sorted(problems, key=lambda p: p.is_warning)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Text(title(self.problems)), classes="dialog-title")  # wraps at 80 columns
            if self.problems:
                yield OptionList(*(Option(_entry(p)) for p in self.problems), id="problem-list")
            else:
                yield Static(Text("Every file loaded, and nothing looks wrong."))
            yield Static("escape close", id="problem-path", classes="dialog-hint")

    def on_mount(self) -> None:
        if self.problems:
            listing = self.query_one(OptionList)
            listing.highlighted = 0
            listing.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        path = self.problems[event.option_index].path
        hint = Text("escape close")
        if short_path(path) != path:
            hint.append("  ·  ").append_text(safe_line(path))
        self.query_one("#problem-path", Static).update(hint)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_jump(self, row: int) -> None:
        if self.problems:
            listing = self.query_one(OptionList)
            listing.highlighted = row if row >= 0 else listing.option_count - 1


def short_path(path: str) -> str:
    """The path relative to the current folder when it lies there, else its last two parts."""
    near = str(shown(Path(path)))
    parts = Path(near).parts
    return near if not Path(near).is_absolute() or len(parts) <= 4 else str(Path("…", *parts[-2:]))


def _entry(p: Problem) -> Text:
    text = safe_line(f"{short_path(p.path)}:{p.line}", style="bold")
    text.append("  ").append_text(safe_line(p.key, style="cyan"))
    text.append("\n")
    if p.is_warning:
        text.append("warning: ", style="yellow")
    text.append_text(safe_line(p.message))
    return text
