"""The garbage collector waits while keys are pressed.

A weight key held down re-ranks on every repeat, and each re-ranking builds a row of objects
per vendor that outlives the press (the state keeps it): at 1,000 vendors the collector's
passes then land on presses, and a full one doubles a press's time. Those objects hold no
reference cycles that need collecting in a hurry (reference counting frees the rest), so
the collector is paused from the first edit of a burst and resumed once the keys have
stopped for `idle` seconds, when a pass costs the user nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Protocol


class Cancellable(Protocol):
    def stop(self) -> None: ...


class CollectorPause:
    """`hold()` on each edit; the collector is back on `idle` seconds after the last one,
    and at once on `release()` (the app closing). Only what was on is turned back on."""

    def __init__(self, later: Callable[[float, Callable[[], None]], Cancellable], idle: float = 1.0) -> None:
        self._later = later  # schedules a call in so many seconds (the app's set_timer)
        self._idle = idle
        self._timer: Cancellable | None = None
        self._was_on = False

    @property
    def holding(self) -> bool:
        return self._timer is not None

    def hold(self) -> None:
        if self._timer is None:
            self._was_on = gc.isenabled()
            gc.disable()
        else:
            self._timer.stop()
        self._timer = self._later(self._idle, self.release)

    def release(self) -> None:
        if self._timer is None:
            return
        self._timer.stop()
        self._timer = None
        if self._was_on:
            gc.enable()
