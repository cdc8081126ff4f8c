"""The app shows the recommendation's figures: the status quo marked in the ranking, the gain
over today in the detail pane, a loss-maker's status with what it loses."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import loaded, options, text_of
from vendortui.render.formatting import money
from vendortui.ui.app import make_app
from vendortui.ui.widgets.ranking_table import RankingTable


async def _highlight(pilot: Pilot[int], vid: str) -> None:
    table = pilot.app.screen.query_one("#ranking", RankingTable)
    while table.highlighted_id != vid:
        await pilot.press("down")
    await pilot.pause()


async def test_status_quo_gain_and_loss_makers_in_the_app(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        state = app.state
        assert state is not None
        assert state.ws.evaluation.terms.status_quo == "inhouse"
        table = app.screen.query_one("#ranking", RankingTable)
        rows = {r.id: i for i, r in enumerate(state.ranked)}
        # the status quo is marked before its name, no other vendor is
        assert str(table.cell(rows["inhouse"], "vendor")).startswith("⌂ ")
        assert not any(str(table.cell(i, "vendor")).startswith("⌂") for vid, i in rows.items() if vid != "inhouse")
        # the loss-maker keeps its rank and says what it loses, with the figure
        ledgerline = state.ranked_vendor("ledgerline")
        assert not ledgerline.shortlisted and ledgerline.eligible
        assert str(table.cell(rows["ledgerline"], "status")) == "▼ loses " + money(-ledgerline.projection.net)
        await _highlight(pilot, "ledgerline")
        head = text_of(app.screen.query_one("#detail-head", Static))
        assert "eligible, loses $151,450 on this book" in head
        # the gain over today in the detail pane: its value less the in-house team's
        await _highlight(pilot, "harbor-capital")
        harbor, today = state.ranked_vendor("harbor-capital"), state.ranked_vendor("inhouse")
        gain = harbor.value - today.value  # 115,900 - 109,408.8
        body = text_of(app.screen.query_one("#detail-body", Static))
        assert f"Gain over today +{money(gain)}" in body
        await _highlight(pilot, "inhouse")
        assert "Today's arrangement" in text_of(app.screen.query_one("#detail-body", Static))
