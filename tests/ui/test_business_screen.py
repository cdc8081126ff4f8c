"""The business case screen (`b`): inputs edited live re-rank the vendors and are saved."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import loaded, options, text_of
from vendortui.core.models import BusinessCase
from vendortui.core.scoring import Ranked
from vendortui.ui.app import VendorApp, make_app
from vendortui.ui.screens.business import BusinessScreen, parse_input


async def type_into(pilot: Pilot[int], input_id: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#{input_id}", Input)
    box.focus()
    await pilot.press("end", *["backspace"] * len(box.value), *text)
    await pilot.pause(0.5)  # applied a moment after the last key


def value_of(r: Ranked) -> float:
    assert r.business is not None
    return r.business.business_value


def business_case(app: VendorApp) -> BusinessCase:
    assert app.state is not None
    case = app.state.business_case()
    assert case is not None
    return case


def by_value(app: VendorApp) -> list[str]:
    """The screen's order: eligible first, by business value."""
    assert app.state is not None
    rows = sorted(app.state.ranked, key=lambda r: (not r.eligible, -value_of(r), r.rank))
    return [r.id for r in rows]


async def test_b_shows_the_case_and_a_changed_ltv_reranks_and_is_saved(workdir: Path) -> None:
    text = (workdir / "template.toml").read_text(encoding="utf-8")
    # the fee criterion scored on business value, so the totals follow the case
    (workdir / "template.toml").write_text(text.replace('auto = "cost_ratio"', 'auto = "business_value"'), encoding="utf-8")
    app = make_app(options(workdir, evaluator="Sam Okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        brightpath = app.state.ranked_vendor("brightpath")
        assert brightpath.business is not None
        # 1,754 resolved x 0.22 (its own winback) = 385.88 won back x $420 = $162,069.60 retained
        assert brightpath.business.won_back == 1754 * 0.22
        assert brightpath.business.business_value == 176715 + 1754 * 0.22 * 420
        before_totals = {r.id: r.total for r in app.state.ranked}
        before_order = by_value(app)
        await pilot.press("b")
        assert isinstance(app.screen, BusinessScreen)
        assert app.screen.query_one("#in-ltv", Input).value == "420"
        await type_into(pilot, "in-ltv", "0")
        assert business_case(app).ltv == 0
        assert value_of(app.state.ranked_vendor("brightpath")) == 176715  # net alone
        assert {r.id: r.total for r in app.state.ranked} != before_totals
        assert by_value(app) != before_order  # in-house (net -$15,600) falls behind without its kept customers
        await type_into(pilot, "in-winback", "150%")  # not a share: refused, nothing changes
        assert business_case(app).winback == 0.10
        assert "between 0 and 1 (or 0% to 100%); still 10%" in str(app.screen.query_one("#err-winback").render())
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        assert not app.state.dirty
    data = tomllib.loads((workdir / "review.session.toml").read_text(encoding="utf-8"))
    assert data["business_case"] == {"ltv": 0.0}


async def test_the_detail_pane_and_header_show_the_business_case(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Lifetime value lost $2,016,000/yr" in str(app.screen.query_one("HeaderTitle").render())
        shown = text_of(app.screen.query_one("#detail-body", Static))
        assert "Business value $338,785 = net $176,715 + retained $162,070" in shown
        assert "386 customers won back" in shown


def test_inputs_take_numbers_commas_currency_and_percent() -> None:
    assert parse_input("1,200", 1e9, False) == 1200
    assert parse_input("$420", 1e12, False) == 420
    assert parse_input("12%", 1, True) == 0.12
    assert parse_input("0.3", 1, True) == 0.3
    assert parse_input("-1", 1e9, False) == "0 or more"
    assert parse_input("nan", 1e9, False) == "0 or more"
    assert parse_input("1e400", 1e9, False) == "0 or more"
    assert parse_input("abc", 1e9, False) == "a number, please"
    assert parse_input("2", 1, True) == "between 0 and 1 (or 0% to 100%)"


async def test_b_shows_step_two_and_the_gain_and_edits_the_grace_cure(workdir: Path) -> None:
    app = make_app(options(workdir, evaluator="Sam Okafor"))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        await pilot.press("b")
        assert isinstance(app.screen, BusinessScreen)
        totals = text_of(app.screen.query_one("#business-totals", Static))
        assert "Lifetime value lost a year: $2,016,000 (LTV on revenue)" in totals
        # step 2: 400 a month x 12 x 25% = 1,200 kept; x $420 = $504,000
        assert "1,200 subscribers kept a year (grace cure 25%) = $504,000 (LTV on revenue)" in totals
        table = text_of(app.screen.query_one("#business-table", Static))
        assert " Gain " in table and " over today " in table  # the header on two lines: "Gain" / "over today"
        assert "+$229,376" in table  # Brightpath over the in-house team
        assert app.screen.query_one("#in-grace_cure", Input).value == "25%"
        await type_into(pilot, "in-grace_cure", "10%")
        assert business_case(app).grace_cure == 0.10
        # 400 x 12 x 10% = 480 kept; x $420 = $201,600; no vendor's value moves
        assert "480 subscribers kept a year (grace cure 10%) = $201,600" in text_of(
            app.screen.query_one("#business-totals", Static))
        assert app.state.ranked_vendor("brightpath").value == 176715 + 1754 * 0.22 * 420
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    data = tomllib.loads((workdir / "review.session.toml").read_text(encoding="utf-8"))
    assert data["business_case"] == {"grace_cure": 0.1}


async def test_b_lists_the_best_vendors_by_business_value_and_says_how_many_more(workdir: Path) -> None:
    """With more vendors than SHOWN_VENDORS, the screen lists the best by business value (the
    table of every one took seconds to lay out at 1,000) and names how many are below them."""
    from vendortui.ui.screens.business import SHOWN_VENDORS

    source = (workdir / "vendors" / "brightpath.toml").read_text(encoding="utf-8")
    for i in range(SHOWN_VENDORS):
        copy = source.replace('id = "brightpath"', f'id = "bp{i:03d}"').replace(
            'name = "Brightpath Digital Recovery"', f'name = "Brightpath Copy {i:03d}"')
        (workdir / "vendors" / f"bp{i:03d}.toml").write_text(copy, encoding="utf-8")
    app = make_app(options(workdir))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        total = len(app.state.ranked)
        await pilot.press("b")
        await pilot.pause()
        shown = text_of(app.screen.query_one("#business-table", Static))
        more = total - SHOWN_VENDORS
        assert f"{more:,} more vendors below these, every one in shortlist.md (e)" in shown
        listed = [vid for vid in by_value(app) if app.state.ranked_vendor(vid).vendor.name in shown]
        assert listed == by_value(app)[:SHOWN_VENDORS]  # the best ones, in the screen's order
