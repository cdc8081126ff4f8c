"""The shortlist screen as a person drives it: ranking, live weights, problems, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import OptionList, Static

from tests.ui.conftest import loaded, notifications, options
from vendortui.ui.app import make_app
from vendortui.ui.bindings import help_groups as binding_groups
from vendortui.ui.screens.help import HelpScreen, help_table
from vendortui.ui.screens.problems import ProblemsScreen
from vendortui.ui.screens.shortlist import ShortlistScreen
from vendortui.ui.widgets.detail import VendorDetail
from vendortui.ui.widgets.ranking_table import RankingTable
from vendortui.ui.widgets.weights import WeightsPanel


async def test_opens_with_the_ranking_in_core_order(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = app.screen.query_one("#ranking", RankingTable)
        ids = table.row_ids
        assert app.state is not None
        assert ids == [r.id for r in app.state.ranked]
        assert len(ids) == len(list((workdir / "vendors").glob("*.toml")))
        # the net recovery column shows money with separators in the portfolio currency
        top = app.state.ranked[0]
        assert str(table.cell(0, "net")).startswith("$")
        assert "," in str(table.cell(0, "net"))
        assert top.vendor.name in str(table.cell(0, "vendor"))


async def test_weight_keys_change_totals_at_once_and_reset(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        before = {r.id: r.total for r in app.state.ranked}
        await pilot.press("w")
        assert isinstance(app.focused, WeightsPanel)
        await pilot.press("plus")
        await pilot.pause()
        assert app.state.weights()["customer_focus"] == 30
        assert app.state.dirty
        after = {r.id: r.total for r in app.state.ranked}
        assert after != before
        # the table shows the new totals, not the old ones
        table = app.screen.query_one("#ranking", RankingTable)
        first = app.state.ranked[0]
        assert str(table.cell(0, "total")) == f"{first.total:.1f}"
        assert table.row_ids == [r.id for r in app.state.ranked]
        await pilot.press("down", "right", "left", "left")
        await pilot.pause()
        assert app.state.weights()["compliance"] == 15
        await pilot.press("r")
        await pilot.pause()
        assert app.state.weights() == {k: float(v) for k, v in app.state.template.weights.items()}
        assert {r.id: r.total for r in app.state.ranked} == before
        await pilot.press("escape")
        assert isinstance(app.focused, RankingTable)


async def test_a_refused_weight_key_says_why(workdir: Path) -> None:
    """The rule is tested in test_state.py; here, the key on the last positive weight warns."""
    others = ("compliance", "portfolio_performance", "insights_technology", "scalability", "fee_structure")
    only = {"customer_focus": 5.0} | dict.fromkeys(others, 0.0)
    app = make_app(options(workdir, weights=only))
    seen: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(pilot)
        await pilot.press("w", "minus")
        await pilot.pause()
        assert app.state is not None
        assert app.state.weights()["customer_focus"] == 5
        assert any("positive weight" in text for text in notifications(seen))


async def test_highlight_shows_vendor_detail(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("down")
        await pilot.pause()
        assert app.state is not None
        second = app.state.ranked[1]
        screen = app.screen
        assert isinstance(screen, ShortlistScreen)
        assert screen.highlighted_id() == second.id
        assert screen.query_one("#detail", VendorDetail).shown_id == second.id


async def test_problems_are_counted_and_listed_while_good_files_load(workdir: Path) -> None:
    (workdir / "vendors" / "broken.toml").write_text('name = "Broken"\nkind = "agency"\nbogus = 1\n')
    (workdir / "vendors" / "garbage.toml").write_bytes(b"\xff\xfe\x00\x01")
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        assert len(app.state.ranked) == len(list((workdir / "vendors").glob("*.toml"))) - 2
        assert len(app.state.ws.problems) == 2
        status = str(app.screen.query_one("#status").render())
        assert "2 file problems" in status
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        listing = app.screen.query_one(OptionList)
        assert listing.option_count == len(app.screen.problems)  # problems first, then the warnings
        flags = [p.is_warning for p in app.screen.problems]
        assert flags[:2] == [False, False] and flags == sorted(flags)  # problems first, then any warnings
        cells = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
        assert any("broken.toml" in c and "bogus" in c for c in cells)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_broken_template_shows_the_problem_instead_of_crashing(workdir: Path) -> None:
    (workdir / "template.toml").write_text('id = "x"\ntitle = "T"\n[weights]\nnope = 1\n')
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state is None
        status = str(app.screen.query_one("#status").render())
        assert "template.toml" in status and "weights.nope" in status


async def test_help_lists_every_binding_including_save(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=200, record=True)
        console.print(help_table())
        text = console.export_text()
        for _, bindings in binding_groups():
            for b in bindings:
                if not b.action.startswith("digit("):
                    assert b.description in text, b.description
        assert "ctrl+s" in text and "Save" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_shortlist_action_is_in_the_command_palette(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in ("Review", "Weights", "Analyze", "Export", "Problems", "Save", "Help", "Quit"):
            assert wanted in titles


async def test_every_binding_has_an_id_for_remapping() -> None:
    for _, bindings in binding_groups():
        for b in bindings:
            if b.action:  # the informational rows (arrows, enter) are not bindings
                assert b.id, f"{b.key} -> {b.action} has no id"


async def test_the_shell_is_drawn_before_a_big_review_has_loaded(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Painted at once with "Loading N vendor files…"; the ranking fills in when loaded."""
    import threading

    from vendortui.files import workspace
    from vendortui.ui import app as app_module

    monkeypatch.setattr(app_module, "SMALL_REVIEW_FILES", 0)  # the samples' 8 files count as big
    release = threading.Event()
    real = workspace.open_workspace

    def slow(options: workspace.LoadOptions, parallel: bool = False) -> workspace.Workspace:
        release.wait(10)
        return real(options, parallel)

    monkeypatch.setattr(workspace, "open_workspace", slow)
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#status", Static)
        files = len(list((workdir / "vendors").glob("*.toml")))
        assert f"Loading {files} vendor files…" in str(status.render())
        assert app.screen.query_one(RankingTable).row_count == 0
        assert app.state is None
        release.set()
        await loaded(pilot)
        assert app.screen.query_one(RankingTable).row_count == files
        assert "Loading" not in str(status.render())


async def test_a_small_review_loads_once_the_shell_is_on_screen(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The samples load on the interface's thread, but only after the first frame: the shell
    and its "Loading" line are drawn first, and the weights and status lines then take the
    height their text needs, not the one line "Loading" took. Run as the terminal runs it
    (`run_async`, headless): the test harness's `run_test` lays out at other moments."""
    from textual.pilot import Pilot

    from vendortui.files import workspace

    seen: list[tuple[str, int]] = []
    real = workspace.open_workspace

    def spy(options: workspace.LoadOptions, parallel: bool = False) -> workspace.Workspace:
        status = app.screen.query_one("#status", Static)
        seen.append((str(status.render()), status.size.width))
        return real(options, parallel)

    heights: list[list[int]] = []

    async def look(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.pause(0.1)
        heights.append([app.screen.query_one(name).size.height for name in ("#weights", "#status")])
        await pilot.resize_terminal(100, 24)  # a fresh layout measures every line again
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        heights.append([app.screen.query_one(name).size.height for name in ("#weights", "#status")])
        app.exit(0)

    monkeypatch.setattr(workspace, "open_workspace", spy)
    app = make_app(options(workdir))
    await app.run_async(headless=True, size=(80, 24), auto_pilot=look)
    [(text, width)] = seen
    assert text == "Loading 8 vendor files…" and width > 0  # laid out: on screen
    assert min(heights[0]) > 1  # their text wraps at 80 columns
    assert heights[0] == heights[1]
