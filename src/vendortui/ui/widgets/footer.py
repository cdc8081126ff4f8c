"""Textual's footer, redrawn only when the keys it shows change.

Focusing a widget publishes the screen's bindings twice (at once and after the next
refresh), a new screen once more, and Textual's footer re-mounts every key for each: about
30 ms apiece at start-up, on the thread that the loading review shares the interpreter with.
Here the changes of one refresh are one look at the bindings, and the keys are re-mounted
only if what they would show differs from what is on screen.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    _queued = False  # a look at the bindings is asked for after the next refresh
    _drawn: tuple[object, ...] | None = None  # what the keys on screen were drawn from

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self._queued:
            self._queued = True
            self.call_after_refresh(self._redraw, screen)

    def _redraw(self, screen: Screen[object]) -> None:
        self._queued = False
        if screen.app.app_focus and self.is_attached and screen is self.screen:  # as the footer checks
            showing = self._showing(screen)
            if showing == self._drawn:
                return  # the same keys: nothing to re-mount
            self._drawn = showing  # the footer re-mounts its keys from these bindings
        super().bindings_changed(screen)

    def _showing(self, screen: Screen[object]) -> tuple[object, ...]:
        """Everything the footer's keys are drawn from."""
        keys = tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action, binding.group,
             enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show
        )
        return keys, self.compact, self.show_command_palette
