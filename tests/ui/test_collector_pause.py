"""`ui.collector.CollectorPause`: the collector is off from the first edit of a burst until
the keys have stopped, and only what was on is turned back on."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from vendortui.ui.collector import CollectorPause


class FakeTimer:
    def __init__(self, delay: float, call: Callable[[], None]) -> None:
        self.delay, self.call, self.stopped = delay, call, False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def timers() -> Iterator[list[FakeTimer]]:
    was = gc.isenabled()
    made: list[FakeTimer] = []
    yield made
    if was:
        gc.enable()
    else:
        gc.disable()


def later(made: list[FakeTimer]) -> Callable[[float, Callable[[], None]], FakeTimer]:
    def schedule(delay: float, call: Callable[[], None]) -> FakeTimer:
        made.append(FakeTimer(delay, call))
        return made[-1]
    return schedule


def test_a_burst_of_edits_keeps_the_collector_off_until_the_keys_stop(timers: list[FakeTimer]) -> None:
    gc.enable()
    pause = CollectorPause(later(timers), idle=0.5)
    pause.hold()
    assert not gc.isenabled() and pause.holding
    pause.hold()  # the next key: the wait starts again
    assert timers[0].stopped and not timers[1].stopped and timers[1].delay == 0.5
    assert not gc.isenabled()
    timers[1].call()  # the keys stopped
    assert gc.isenabled() and not pause.holding and timers[1].stopped


def test_a_collector_that_was_off_stays_off(timers: list[FakeTimer]) -> None:
    gc.disable()
    pause = CollectorPause(later(timers))
    pause.hold()
    pause.release()
    assert not gc.isenabled()
    pause.release()  # twice is harmless
    assert not gc.isenabled()


async def test_the_app_pauses_the_collector_on_an_edit_and_resumes_it_on_exit(timers: list[FakeTimer]) -> None:
    from vendortui.files.options import LoadOptions
    from vendortui.ui.app import VendorApp
    from vendortui.ui.messages import WeightSet

    gc.enable()
    app = VendorApp(LoadOptions(), autosave=3600, pause_collector=True)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.state is None:
            await pilot.pause()
        cid = next(iter(app.state.weights()))
        app.post_message(WeightSet(cid, app.state.weights()[cid] + 5))
        await pilot.pause()
        assert app.state.weights()[cid] > 0 and not gc.isenabled()
    assert gc.isenabled()
