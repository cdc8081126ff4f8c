"""Help: every key of every screen, generated from the bindings themselves so it never drifts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_groups() -> list[tuple[str, list[Binding]]]:
    """The bindings of each context, in the order a user meets them."""
    from vendortui.ui.app import VendorApp
    from vendortui.ui.screens.analysis import AnalysisScreen
    from vendortui.ui.screens.dialogs import ConflictScreen, PromptScreen
    from vendortui.ui.screens.review import ReviewScreen
    from vendortui.ui.screens.shortlist import ShortlistScreen
    from vendortui.ui.widgets.ranking_table import RankingTable
    from vendortui.ui.widgets.weights import WeightsPanel

    return [
        ("Everywhere", [*VendorApp.BINDINGS, Binding("ctrl+p", "", "Command palette: every action by name")]),
        ("Shortlist", [*(b for b in RankingTable.BINDINGS if b.action != "select"), *ShortlistScreen.BINDINGS]),
        ("Weights panel (w)", WeightsPanel.BINDINGS),
        ("Review (enter on a vendor)", [Binding("up/down", "", "Move between questions"), *ReviewScreen.BINDINGS]),
        ("Analysis (a)", AnalysisScreen.BINDINGS),
        ("Save conflict", ConflictScreen.BINDINGS),
        ("Dialogs", [Binding("enter", "", "Accept"), *PromptScreen.BINDINGS]),
    ]


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
    for title, bindings in binding_groups():
        table.add_row(Text(title, style="bold underline"), "")
        digits_done = False
        for b in bindings:
            if b.action.startswith("score("):
                if digits_done:
                    continue
                digits_done = True
                table.add_row("0 … scale", "Score the highlighted question (0 to the template's scale)")
                continue
            text = b.description + (f": {b.tooltip}" if b.tooltip else "")
            table.add_row(_keys(b), text)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text("vendortui keys", style="bold"))
            yield Static(help_table())
            yield Static("Keys can be remapped by binding id (App.set_keymap). escape closes.", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
