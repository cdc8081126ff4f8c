"""The cash-by-month screen (`c`): cumulative net by month, npv and payback, as a chart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual_plotext import PlotextPlot

from tests.ui.conftest import loaded, options, text_of
from vendortui.ui.app import make_app
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.screens.cash import CashScreen


async def test_c_charts_the_shortlist_by_month_and_v_every_vendor(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CashScreen)
        shortlisted = [r.id for r in screen.loaded.ranked if r.shortlisted]
        assert screen.charted == shortlisted and shortlisted
        legend = text_of(screen.query_one("#cash-legend", Static))
        # Brightpath's npv at 10% a year, worked out by hand in tests/core/test_timing.py
        assert "Brightpath Digital Recovery" in legend and "npv $171,824, pays back month 1" in legend
        table = text_of(screen.query_one("#cash-table", Static))
        assert "M12" in table and "claimed" in table
        assert screen.query_one("#cash-chart", PlotextPlot).display
        await pilot.press("v")
        assert screen.charted == [r.id for r in screen.loaded.ranked]
        await pilot.press("escape")
        assert not isinstance(app.screen, CashScreen)


async def test_without_timing_the_screen_says_how_to_add_it(workdir: Path) -> None:
    copy = workdir / "template.toml"
    text = copy.read_text()
    copy.write_text(text[:text.index("[timing]")] + text[text.index("[evidence]"):])
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CashScreen) and screen.charted == []
        assert "discount_rate" in text_of(screen.query_one("#cash-note", Static))


async def test_the_detail_pane_shows_npv_payback_and_the_evidence(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        body = text_of(app.screen.query_one("#detail-body", Static))
        # the first vendor is Brightpath: npv by hand in tests/core/test_timing.py; 9 / (9 + 10) = 47%
        assert "NPV $171,824; pays back in month 1" in body
        assert "9 similar portfolios: the claim weighs 47%; evidenced net $" in body
        assert "evidenced" not in str(app.screen.query_one("#ranking").border_title)


async def test_evidence_mode_is_stated_and_changes_the_figures(workdir: Path) -> None:
    app = make_app(options(workdir, evidence=True))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, StateScreen)
        state = screen.state
        assert state is not None
        assert state.report.evidenced and "evidenced rates" in str(app.screen.query_one("#ranking").border_title)
        brightpath = state.ranked_vendor("brightpath")
        assert brightpath.projection.net == brightpath.projection.evidenced_net
        assert round(brightpath.projection.net) != 176715  # the claimed net, SPEC's worked sample
        await pilot.press("c")
        await loaded(pilot)
        assert "evidenced" in text_of(app.screen.query_one("#cash-table", Static))
