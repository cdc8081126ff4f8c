"""The screens that show the review: the app hands each the state ("attributes down")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Footer

if TYPE_CHECKING:
    from vendortui.ui.state import AppState

NARROW = 120  # columns: below this a screen drops its side pane and keeps its footer tight


class StateScreen(Screen[None]):
    """A screen drawn from the app's state.

    The app holds the review's state in a reactive (`VendorApp.state`) that every screen
    watches: after a load and after every edit the screen redraws from it in `show_state`
    ("attributes down"). Edits go back up as messages (`vendortui.ui.messages`).
    """

    _narrow = False  # the footer's fit (see fit_footer): a new Footer is the wide one

    @property
    def state(self) -> AppState | None:
        """The app's state (None: not loaded yet, or the load failed)."""
        state: AppState | None = getattr(self.app, "state", None)
        return state

    @property
    def loaded(self) -> AppState:
        """The state, on a screen that opens only once the review has loaded."""
        state = self.state
        assert state is not None, "this screen opens only on a loaded review"
        return state

    def on_mount(self) -> None:
        # Each screen draws itself once in its own on_mount; this follows later changes.
        self.watch(self.app, "state", self.show_state, init=False)

    def show_state(self, state: AppState | None) -> None:
        """Redraw from `state` (None: not loaded yet, or the load failed)."""

    def fit_footer(self, width: int) -> bool:
        """Below `NARROW` columns the footer is compact and drops the palette entry (ctrl+p
        still works), so help and quit stay in sight. Returns whether the screen is narrow.
        Only a change between narrow and wide re-fits it (a re-fit costs ~35 ms, and a
        terminal being dragged sends a resize per column)."""
        narrow = width < NARROW
        if narrow == self._narrow:
            return narrow
        self._narrow = narrow
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow
        self.refresh_bindings()
        return narrow
