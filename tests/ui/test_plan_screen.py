"""The placement plan screen (`l`), driven from the keyboard."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import REPO, loaded, options, text_of
from vendortui.ui.app import make_app
from vendortui.ui.screens.plan import PlanScreen


def lifecycle(workdir: Path) -> Path:
    shutil.copy(REPO / "sample_portfolios" / "lifecycle.toml", workdir / "lifecycle.toml")
    return workdir / "lifecycle.toml"


async def test_l_opens_the_best_plan_and_the_cutoff_table(workdir: Path) -> None:
    app = make_app(options(workdir, portfolio=str(lifecycle(workdir))))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.result is not None
        assert [s.vendor for s in screen.result.best.segments] == ["inhouse", "brightpath", "tertia"]
        assert [p.cutoff for p in screen.result.by_cutoff] == [30, 45, 60, 90]
        shown = text_of(screen.query_one("#plan-best", Static))
        assert "In-house payments team to 60 days" in shown and "more than Brightpath Digital Recovery alone" in shown
        assert "Placement plan" in str(screen.query_one("HeaderTitle").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, PlanScreen)


async def test_minus_and_plus_change_the_options_allowed(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert screen.result is not None
        assert len(screen.result.best.segments) == 3
        await pilot.press("minus", "minus")
        await loaded(pilot)
        assert screen.result is not None
        assert screen.max_options == 1 and [s.vendor for s in screen.result.best.segments] == ["brightpath"]
        await pilot.press("minus")  # never below one
        await loaded(pilot)
        assert screen.max_options == 1
        await pilot.press("plus")
        await loaded(pilot)
        assert screen.result is not None
        assert screen.max_options == 2 and len(screen.result.best.segments) == 2


async def test_the_plan_follows_a_requirement_decision(workdir: Path) -> None:
    """Only eligible vendors take part: failing Brightpath on a requirement re-plans without it."""
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        vid = "brightpath"
        assert app.state is not None
        req = next(o.requirement.id for o in app.state.ranked_vendor(vid).requirements if not o.requirement.automatic)
        app.state.decide(vid, req, False)
        app.show_state()
        await pilot.press("l")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.result is not None
        assert "brightpath" not in [s.vendor for s in screen.result.best.segments]


async def test_the_plan_is_the_recommendations_and_says_what_every_eligible_vendor_would_add(workdir: Path) -> None:
    """A shortlist of one: the screen plans over Brightpath and the in-house team, as
    shortlist.md does, and says how much more the others would bring, and who."""
    template = workdir / "template.toml"
    template.write_text(template.read_text(encoding="utf-8").replace("shortlist = 3", "shortlist = 1", 1),
                        encoding="utf-8")
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        chosen = app.state.report.recommendation
        assert chosen.shortlist == ("brightpath",) and chosen.more > 0 and chosen.joining
        await pilot.press("l")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen) and screen.result is not None
        assert {s.vendor for s in screen.result.best.segments} <= {"brightpath", "inhouse"}
        assert chosen.strategy is not None and screen.result.best.net == chosen.strategy.best.net
        shown = " ".join(text_of(screen.query_one("#plan-best", Static)).split())
        names = {v.vid: v.name for v in app.state.ws.vendors}
        assert "over every eligible vendor would net" in shown
        assert all(names[v] in shown for v in chosen.joining)
