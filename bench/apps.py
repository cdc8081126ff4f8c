"""The apps the start-up benchmark times: vendortui itself, and two bare Textual apps with the
shortlist screen's layout (its own widgets and stylesheet), no loading and no engine.

- `BareShell`: the layout with nothing in it but a "Loading" line: what vendortui paints first.
- `BareShortlist`: the layout filled with the rows, weights, detail and status of the review,
  worked out beforehand (untimed): what vendortui paints once the review has loaded.

`Paints` time-stamps every screen update the app hands its headless driver. It wraps the
app's `_display` method: a measuring hook of the harness only (nothing in `src/` does this),
so that the benchmark never polls and takes no time from the app's own threads.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from vendortui.ui.screens.shortlist import (
    COLUMNS,
    fixed_cells,
    ranking_cells,
    shortlist_layout,
    status_cell,
    status_text,
    weights_args,
)
from vendortui.ui.widgets.detail import VendorDetail
from vendortui.ui.widgets.ranking_table import RankingTable
from vendortui.ui.widgets.weights import WeightsPanel

STYLESHEET = str(Path(__file__).resolve().parents[1] / "src" / "vendortui" / "ui" / "app.tcss")


@dataclass
class Content:
    """What the shortlist screen shows on opening a review."""

    ids: list[str]
    cells: dict[str, tuple]
    weights: tuple
    top: Any
    template: Any
    currency: str
    status: Text


def prepare(folder: Path, template: Path) -> Content:
    from vendortui.files.workspace import LoadOptions, open_workspace
    from vendortui.ui.state import AppState

    state = AppState(open_workspace(LoadOptions(vendors=folder, template=template)))
    return Content(
        ids=[r.id for r in state.ranked],
        cells={r.id: ranking_cells(r.rank, f"{r.total:.1f}", fixed_cells(r, state.currency),
                                   status_cell(r, state.template, state.currency)) for r in state.ranked},
        weights=weights_args(state),
        top=state.ranked[0],
        template=state.template,
        currency=state.currency,
        status=status_text(state),
    )


class BareShell(App[None]):
    CSS_PATH = STYLESHEET

    def compose(self) -> ComposeResult:
        yield from shortlist_layout(RankingTable(COLUMNS, id="ranking"))

    def on_mount(self) -> None:
        self.query_one("#status", Static).update(Text("Loading vendors…", style="dim"))
        self.query_one(RankingTable).focus()


class BareShortlist(BareShell):
    def __init__(self, content: Content) -> None:
        super().__init__()
        self.content = content

    def on_mount(self) -> None:
        c = self.content
        table = self.query_one(RankingTable)
        table.set_rows(c.ids, c.cells)
        table.focus()
        self.query_one(WeightsPanel).show(*c.weights)
        self.query_one(VendorDetail).show(c.top, c.template, c.currency)
        self.query_one("#status", Static).update(c.status)


class Paints:
    """When the app hands a rendered screen update to its (headless) driver.

    `Paints(app, until)` notes the first update after which `until` holds, checked at the
    moment of each update from the app's very first one: a review loaded before the test
    first looks is still timed by the update that showed it. `first(predicate)` waits for
    the first update after which the predicate holds; if it holds already, it returns the
    last update's time at once, which times nothing: time with it only what cannot hold
    before the next update (a key sent with no `await` before the call), or wait in set-up.
    """

    def __init__(self, app: App, until: Callable[[], bool] | None = None) -> None:
        self.stamps: list[float] = []
        self.reached: asyncio.Future[float] | None = None  # made on the app's loop
        self._until = until
        self._waiting: tuple[Callable[[], bool], asyncio.Future] | None = None
        original = app._display

        def spy(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            self.stamps.append(now)
            if self._until is not None and self._until():
                self._until = None
                self._future().set_result(now)
            if self._waiting is not None:
                predicate, future = self._waiting
                if not future.done() and predicate():
                    future.set_result(now)

        app._display = spy  # type: ignore[method-assign]

    def _future(self) -> asyncio.Future[float]:
        if self.reached is None:
            self.reached = asyncio.get_running_loop().create_future()
        return self.reached

    async def until(self, timeout: float = 120.0) -> float:
        """When the first update after which `until` held was handed to the driver."""
        try:
            return await asyncio.wait_for(asyncio.shield(self._future()), timeout)
        except TimeoutError:
            raise SystemExit("timed out waiting for a screen update") from None

    async def first(self, predicate: Callable[[], bool], timeout: float = 120.0) -> float:
        future = asyncio.get_running_loop().create_future()
        if self.stamps and predicate():
            return self.stamps[-1]
        self._waiting = (predicate, future)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise SystemExit("timed out waiting for a screen update") from None
        finally:
            self._waiting = None


def row_count(app: App, n: int) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            return app.screen.query_one("#ranking", RankingTable).row_count >= n
        except Exception:
            return False

    return ready


async def start_app(app: App | Callable[[], App], n: int) -> tuple[float, float]:
    """ms from before the app is made (`app` a factory) or run to (the first screen update,
    the first showing all n rows)."""
    t0 = time.perf_counter()
    if callable(app) and not isinstance(app, App):
        app = app()
    paints = Paints(app, until=row_count(app, n))
    async with app.run_test(size=(160, 50)):
        complete = await paints.until()
        first = paints.stamps[0]
        error = getattr(app, "load_error", None)
        if error:
            raise SystemExit(f"the app could not load: {error}")
    return (first - t0) * 1000, (complete - t0) * 1000


def start_vendortui(folder: Path, template: Path, n: int) -> tuple[float, float]:
    """As `vendortui review` starts it: `prepare_app`, then run."""
    from vendortui.files.options import LoadOptions
    from vendortui.ui.launch import prepare_app

    return asyncio.run(start_app(lambda: prepare_app(LoadOptions(vendors=folder, template=template)), n))


def start_preloaded(folder: Path, template: Path, n: int) -> tuple[float, float]:
    """As `start_vendortui`, with the files already read (untimed, as `--weights` has them
    read before the app starts): the app is left the ranking and its frames, a measure of
    what the frames alone take. Its review is not frozen out of the collector (the CLI's app
    does that in a process of its own): this extra run leaves the bench process as it was."""
    from vendortui.files.options import LoadOptions
    from vendortui.files.workspace import open_workspace
    from vendortui.ui.app import make_app

    options = LoadOptions(vendors=folder, template=template)
    workspace = open_workspace(options)
    return asyncio.run(start_app(lambda: make_app(options, workspace=workspace), n))
