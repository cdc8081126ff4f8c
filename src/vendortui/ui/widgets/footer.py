"""Textual's footer, redrawn once for a burst of binding changes.

Focusing a widget publishes the screen's bindings twice (at once and after the next
refresh), a new screen once more, and Textual's footer re-mounts every key for each: about
30 ms apiece at start-up, on the thread that the loading review shares the interpreter with.
The changes of one refresh are one redraw here.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _queued = False  # a redraw is asked for after the next refresh

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self._queued:
            self._queued = True
            self.call_after_refresh(self._redraw, screen)

    def _redraw(self, screen: Screen[object]) -> None:
        self._queued = False
        super().bindings_changed(screen)
