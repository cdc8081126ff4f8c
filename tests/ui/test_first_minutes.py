"""What a new user meets in the first minutes at 80x24: every key does what people expect.

Detail closed with escape, a burst of keys into the business case taken whole, shares that
agree, the winback note, the review's answer on screen with its question, figures uncut.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Input

from tests.ui.conftest import loaded, options
from vendortui.ui.app import make_app
from vendortui.ui.screens.business import BusinessScreen
from vendortui.ui.screens.shortlist import ShortlistScreen
from vendortui.ui.widgets.weights import WeightsPanel


async def test_escape_closes_the_detail_opened_with_d(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.has_class("-show-detail")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ShortlistScreen) and not app.screen.has_class("-show-detail")
        await pilot.press("down")  # the ranking has the keys again
        assert app.screen.query_one("#ranking").has_focus


async def test_a_burst_of_keys_into_a_business_input_loses_none(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BusinessScreen)
        box = app.screen.query_one("#in-ltv", Input)
        box.focus()
        await pilot.press("end", *["backspace"] * len(box.value), *"1234567")
        await pilot.pause(0.4)  # applied (the vendors re-ranked) while the user goes on typing
        assert app.state.business_case().ltv == 1234567
        await pilot.press(*"89", *",5", *"00")  # pasted: "89,500" with no bracketed paste
        await pilot.pause(0.4)
        assert box.value == "123456789,500"
        assert app.state.business_case().ltv == 123456789500
        other = app.screen.query_one("#in-involuntary_churn_per_month", Input)
        other.focus()
        await pilot.press("end", *["backspace"] * len(other.value), *"500")
        await pilot.pause(0.4)
        assert other.value == "500" and app.state.business_case().involuntary_churn_per_month == 500


async def test_equal_weights_show_equal_shares_that_add_up_to_100(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus")  # customer focus 25 -> 30: 105 in all, two weights of 10
        await pilot.pause()
        panel = app.screen.query_one(WeightsPanel)
        console = Console(width=60, record=True, file=io.StringIO())
        console.print(panel.render())
        lines = [line for line in console.export_text().splitlines() if line.strip()]
        # 30/105 = 28.57, 20/105 = 19.05 twice, 10/105 = 9.52 twice, 15/105 = 14.29
        assert [line.split()[-1] for line in lines] == ["29%", "19%", "19%", "9%", "9%", "15%"]
        assert sum(int(line.split()[-1].rstrip("%")) for line in lines) == 100
