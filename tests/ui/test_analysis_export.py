"""The analysis screen and the in-app export, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.message import Message
from textual.widgets import Input

from tests.ui.conftest import loaded, notifications, options
from vendortui.ui.app import make_app
from vendortui.ui.screens.analysis import AnalysisScreen
from vendortui.ui.screens.dialogs import PromptScreen


async def test_a_opens_the_analysis_with_chart_flips_and_monte_carlo(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        assert screen.result is not None
        assert screen.result.monte_carlo.runs == 2000
        total = sum(v.p_first or 0 for v in screen.result.monte_carlo.vendors) + (screen.result.monte_carlo.no_leader or 0)
        assert abs(total - 1) < 1e-9
        assert screen.sentences == screen.shown_sentences
        assert app.state is not None
        assert screen.charted == [r.id for r in app.state.ranked if r.shortlisted]
        # m re-runs with the next seed
        await pilot.press("m")
        await loaded(pilot)
        assert screen.result.monte_carlo.seed == 1
        await pilot.press("escape")
        assert not isinstance(app.screen, AnalysisScreen)


async def test_analysis_follows_the_weights(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen) and screen.result is not None
        before = screen.result.weight_sensitivity
        await pilot.press("escape", "w", *["plus"] * 6, "a")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, AnalysisScreen) and screen.result is not None
        after = screen.result.weight_sensitivity
        assert before != after
        assert after[0].weight == 55


async def test_e_exports_every_vendor_and_the_shortlist(workdir: Path) -> None:
    app = make_app(options(workdir))
    out = workdir / "export"
    seen: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.value == str(workdir / "export")
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the export is written off the UI thread
        await pilot.pause()
    names = sorted(p.name for p in out.iterdir() if p.name != ".vendortui-export")
    assert f"Exported 9 files to {out}" in notifications(seen)
    assert app.state is not None
    assert names == sorted([f"{v.vid}.md" for v in app.state.ws.vendors] + ["shortlist.md"])
    ranking = (out / "shortlist.md").read_text().split("## Ranking", 1)[1]
    positions = [ranking.index(f"[{r.vendor.name}]") for r in app.state.ranked]
    assert positions == sorted(positions)  # rank order


async def test_export_to_a_file_path_is_refused(workdir: Path) -> None:
    (workdir / "taken").write_text("not a folder")
    app = make_app(options(workdir))
    seen: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        app.screen.query_one("Input", Input).value = str(workdir / "taken")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (workdir / "taken").read_text() == "not a folder"
    toasts = notifications(seen)
    assert any(t.startswith("Exporting 8 vendors") for t in toasts)
    assert any(t.startswith("Export not written") for t in toasts) and not any(t.startswith("Exported") for t in toasts)


def header_text(app: App[int]) -> str:
    """The title line as drawn in the header (title and sub-title), found by widget name."""
    return str(app.screen.query_one("HeaderTitle").render())


async def test_the_title_follows_the_screen(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        home = header_text(app)
        await pilot.press("a")
        await loaded(pilot)
        assert "Analysis" in header_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Analysis" not in header_text(app) and header_text(app) == home
        await pilot.press("enter")
        await pilot.pause()
        assert "Review · " in header_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert header_text(app) == home


async def test_narrow_analysis_shows_the_chart_and_f_switches_to_the_figures(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        chart, side = app.screen.query_one("#chart-box"), app.screen.query_one("#analysis-side")
        assert chart.display and not side.display
        assert chart.query_one("#chart").size.height >= 12  # room for the axis' ticks
        await pilot.press("f")
        await pilot.pause()
        assert side.display and not chart.display
        await pilot.press("f")
        await pilot.pause()
        assert chart.display and not side.display


async def test_wide_analysis_shows_both_and_f_does_nothing(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("a", "f")
        await loaded(pilot)
        assert app.screen.query_one("#chart-box").display and app.screen.query_one("#analysis-side").display
