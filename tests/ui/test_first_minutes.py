"""What a new user meets in the first minutes at 80x24: every key does what people expect.

Detail closed with escape, a burst of keys into the business case taken whole, shares that
agree, the winback note, the review's answer on screen with its question, figures uncut.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.geometry import Region
from textual.widgets import Input, OptionList, Static

from tests.ui.conftest import loaded, options, text_of
from vendortui.core.business import Business
from vendortui.core.models import BusinessCase
from vendortui.core.scoring import Ranked
from vendortui.files.options import LoadOptions
from vendortui.render.formatting import money
from vendortui.ui.app import VendorApp, make_app
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.business import BusinessScreen
from vendortui.ui.screens.problems import ProblemsScreen, short_path
from vendortui.ui.screens.shortlist import ShortlistScreen
from vendortui.ui.widgets.weights import WeightsPanel


def case_of(app: VendorApp) -> BusinessCase:
    """The business case the review holds (set once the business screen has applied a figure)."""
    assert app.state is not None
    case = app.state.business_case()
    assert case is not None
    return case


def business_of(r: Ranked) -> Business:
    """A ranked vendor's business figures (there are some once a business case is set)."""
    assert r.business is not None
    return r.business


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
        assert app.state is not None
        assert case_of(app).ltv == 1234567
        await pilot.press(*"89", *",5", *"00")  # pasted: "89,500" with no bracketed paste
        await pilot.pause(0.4)
        assert box.value == "123456789,500"
        assert case_of(app).ltv == 123456789500
        other = app.screen.query_one("#in-involuntary_churn_per_month", Input)
        other.focus()
        await pilot.press("end", *["backspace"] * len(other.value), *"500")
        await pilot.pause(0.4)
        assert other.value == "500" and case_of(app).involuntary_churn_per_month == 500


async def test_equal_weights_show_equal_shares_that_add_up_to_100(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("w", "plus")  # customer focus 25 -> 30: 105 in all, two weights of 10
        await pilot.pause()
        panel = app.screen.query_one(WeightsPanel)
        console = Console(width=panel.content_size.width, record=True, file=io.StringIO())  # as on screen
        console.print(panel.render())
        lines = [line for line in console.export_text().splitlines() if line.strip()]
        # 30/105 = 28.57, 20/105 = 19.05 twice, 10/105 = 9.52 twice, 15/105 = 14.29
        assert [line.split()[-1] for line in lines] == ["29%", "19%", "19%", "9%", "9%", "15%"]
        assert sum(int(line.split()[-1].rstrip("%")) for line in lines) == 100


async def test_the_business_case_says_when_the_default_winback_reaches_nobody(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        note = app.screen.query_one("#winback-note", Static)
        assert "Every vendor states its own winback: changing the default changes no figure." in text_of(note)
        assert app.state is not None
        before = {r.id: business_of(r).business_value for r in app.state.ranked}
        box = app.screen.query_one("#in-winback", Input)
        box.focus()
        await pilot.press("end", *["backspace"] * len(box.value), *"50%")
        await pilot.pause(0.4)
        assert case_of(app).winback == 0.5
        assert {r.id: business_of(r).business_value for r in app.state.ranked} == before  # as the note says


async def test_the_note_counts_the_vendors_the_default_reaches(workdir: Path) -> None:
    path = workdir / "vendors" / "tertia.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("winback")) + "\n", encoding="utf-8")
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert app.state is not None
        count = len(app.state.ranked)
        assert f"applies to 1 of {count} vendors" in text_of(app.screen.query_one("#winback-note", Static))


async def test_the_business_table_at_80_columns_shows_every_figure_and_name_whole(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        table = app.screen.query_one("#business-table", Static)
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(table.content)
        lines = console.export_text().splitlines()
        assert max(len(line) for line in lines) <= 78 and "…" not in "".join(lines)
        assert app.state is not None
        for r in app.state.ranked:
            [row] = [line for line in lines if r.vendor.name in line]
            cells = row.split()
            assert cells[-1] == money(business_of(r).business_value, app.state.currency)
            assert cells[-2] == money(business_of(r).retained_value, app.state.currency)
            assert cells[-5] == str(r.rank) and cells[-4] == money(r.projection.net, app.state.currency)
        assert any("Business" in line for line in lines) and any("value" in line.split() for line in lines)


@pytest.mark.slow
async def test_at_80x24_every_answer_starts_on_screen_with_its_question(workdir: Path) -> None:
    app = make_app(options(workdir), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswersScreen)
        pane = screen.query_one("#question-pane")
        table = screen.query_one("#questions")
        assert app.state is not None
        vendor = app.state.ws.evaluation.vendor(screen.vendor_id)
        questions = [q for _, q in app.state.template.questions()]
        for i, question in enumerate(questions):
            await pilot.pause()
            assert screen.current_key() == f"q:{question.id}"
            console = Console(width=pane.scrollable_content_region.width, record=True, file=io.StringIO())
            console.print(screen.query_one("#question", Static).content)
            lines = console.export_text().splitlines()
            start = lines.index("Answer") + 1
            answer = vendor.answers.get(question.id, "").split()
            assert lines[start].split()[:2] == (answer[:2] or ["No", "answer"])
            assert start + 2 < pane.scrollable_content_region.height, question.id  # two lines of it in view
            assert pane.scroll_y == 0
            if i + 1 < len(questions):
                await pilot.press("down")
        assert table.size.width < 40  # the list gives the answer the room at 80 columns


async def test_the_question_list_scales_with_the_terminal(workdir: Path) -> None:
    widths = {}
    for size in ((80, 24), (200, 50)):
        app = make_app(options(workdir), autosave=3600)
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await pilot.press("enter")
            await pilot.pause()
            widths[size[0]] = app.screen.query_one("#questions").size.width
    assert widths[200] > 60 and widths[80] <= 30  # a third of the width, not 54 columns at 200


async def test_problems_at_80_columns_wrap_their_message_and_show_paths_short(tmp_path: Path, workdir: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / "a" / "b" / "c" / "vendors"
    shutil.copytree(workdir / "vendors", deep)
    (deep / "bad.toml").write_text('id = "bad"\nname = "Bad"\nkind = "agency"\nbogus = 1\n', encoding="utf-8")
    (workdir / "elsewhere").mkdir()
    monkeypatch.chdir(workdir / "elsewhere")  # the vendors lie outside the current folder
    app = make_app(LoadOptions(vendors=deep, template=workdir / "template.toml"), autosave=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        listing = app.screen.query_one(OptionList)
        problem = app.screen.problems[0]
        assert problem.path == str(deep / "bad.toml")
        # the whole widget, border rows included (render_lines counts them): every line of the entry
        lines = [strip.text for strip in listing.render_lines(Region(0, 0, listing.outer_size.width, listing.outer_size.height))]
        text = " ".join(" ".join(line.strip("▊▎▔▁ ") for line in lines).split())  # without the list's border
        assert "…/vendors/bad.toml:4 bogus" in text and str(tmp_path) not in text
        assert " ".join(problem.message.split()) in text  # the whole message, wrapped: no scrolling sideways
        assert max(len(line.rstrip()) for line in lines) <= listing.outer_size.width
        assert str(deep / "bad.toml") in str(app.screen.query_one("#problem-path", Static).render())


def test_paths_below_the_current_folder_are_shown_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert short_path(str(tmp_path / "v" / "a.toml")) == "v/a.toml"
    assert short_path("/x/y/z/w/a.toml") == "…/w/a.toml"
    assert short_path("/x/a.toml") == "/x/a.toml"
