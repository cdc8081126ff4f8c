"""The screens that show the review: the app hands each the state ("attributes down")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

if TYPE_CHECKING:
    from vendortui.ui.state import AppState

NARROW = 120  # columns: below this a screen drops its side pane and keeps its footer tight


class StateScreen(Screen[None]):
    """A screen drawn from the review state.

    The app assigns `state` after a load and after every edit; the screen redraws from it
    in `show_state`. Edits go back up as messages (`vendortui.ui.messages`).
    """

    # No repaint of its own: each widget repaints what changed in it.
    state: reactive[AppState | None] = reactive(None, always_update=True, init=False, repaint=False)

    def __init__(self, state: AppState | None = None) -> None:
        super().__init__()
        self.set_reactive(StateScreen.state, state)

    def watch_state(self, state: AppState | None) -> None:
        if self.is_mounted:
            self.show_state(state)

    def show_state(self, state: AppState | None) -> None:
        """Redraw from `state` (None: not loaded yet, or the load failed)."""

    def fit_footer(self, width: int) -> bool:
        """Below `NARROW` columns the footer is compact and drops the palette entry (ctrl+p
        still works), so help and quit stay in sight. Returns whether the screen is narrow."""
        narrow = width < NARROW
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow
        self.refresh_bindings()
        return narrow
