"""A blind review in the app: no screen names a vendor or shows money, problems name
aliases, the export is blind, and the session keeps its shuffle and scores by alias."""

from __future__ import annotations

import html
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input

from tests.ui.conftest import REPO, SAMPLE_VENDORS, loaded, options
from vendortui.core.blinding import assign
from vendortui.files.options import LoadOptions
from vendortui.ui.app import make_app
from vendortui.ui.screens.answers import AnswersScreen
from vendortui.ui.screens.dialogs import PromptScreen
from vendortui.ui.screens.problems import ProblemsScreen
from vendortui.ui.screens.shortlist import ShortlistScreen

EVERY = sorted((REPO / "sample_vendors").rglob("*.toml"))
IDS = sorted(p.stem for p in SAMPLE_VENDORS.glob("*.toml"))  # the vendors of `workdir`
DISTINCTIVE = [p.stem.split("-")[0] for p in EVERY]  # brightpath, harbor, ledgerline...
NAMES = [tomllib.loads(p.read_text(encoding="utf-8"))["name"] for p in EVERY]
assert len(IDS) >= 4 and NAMES
MONEY = re.compile(r"[$£€¥]\s?\d|\d\s?(?:USD|GBP|EUR|SEK)\b|\b(?:USD|GBP|EUR|SEK)\s?\d|\(-?\d{1,3}(?:,\d{3})+\)|\d+(?:\.\d+)?[ck]\b")


def screen_text(app: App[int]) -> str:
    """Everything the terminal shows now, as text."""
    svg = app.export_screenshot()
    # The text runs only (not the SVG's styles), joined: a word split across runs stays whole.
    runs = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(runs)).replace("\xa0", " ")


def assert_blind(text: str, where: str) -> None:
    low = text.lower()
    for word in DISTINCTIVE:
        assert word not in low, (where, word)
    for name in NAMES:
        assert name.lower() not in low, (where, name)
    found = MONEY.search(text)
    assert not found, (where, text[max(0, found.start() - 300):found.end() + 100])


def hostile_workdir(workdir: Path) -> Path:
    """The samples, one answer rewritten with the name in disguise and money in odd notations,
    and a broken vendor file whose name says who sent it."""
    path = workdir / "vendors" / "brightpath.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"cx.portal" = "', '"cx.portal" = "Br\u0456ghtp\u200bath (getbrightpathpay.com) asks 4000$, '
                        'SEK 40000 or 30k. ', 1)
    path.write_text(text, encoding="utf-8")
    (workdir / "vendors" / "acme-broken.toml").write_text('name = "Acme Debt"\nkind = "agency"\nfees = 3\n',
                                                          encoding="utf-8")
    return workdir


@pytest.mark.slow
async def test_no_screen_of_a_blind_review_names_a_vendor_or_shows_money(workdir: Path) -> None:
    app = make_app(options(hostile_workdir(workdir), blind=True))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        assert app.state.blind
        portal = [a for v in app.state.ws.vendors if "asks [amount]" in (a := v.answers.get("cx.portal", ""))]
        assert len(portal) == 1 and portal[0].startswith("Vendor ")  # the hostile answer, masked
        assert_blind(screen_text(app), "ranking and detail")
        for _ in range(len(IDS)):  # every vendor's detail
            await pilot.press("down")
            assert_blind(screen_text(app), "detail")
        await pilot.press("home", "enter")
        assert isinstance(app.screen, AnswersScreen)
        for _ in range(12):  # questions and requirements, the hostile answer among them
            assert_blind(screen_text(app), "review")
            await pilot.press("down")
        for _ in range(len(IDS)):  # every vendor's answers
            await pilot.press("right_square_bracket")
            assert_blind(screen_text(app), "review")
        await pilot.press("escape")
        for key in ("a", "b", "l"):  # the money screens say why they do not open
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ShortlistScreen), key
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        assert_blind(shown, "problems")
        assert "acme" not in shown.lower(), shown[shown.lower().find("acme") - 200:][:400]
        assert ".toml" not in shown.replace("template.toml", "").replace("review.session.toml", "")
        assert "Vendor" in shown and "a vendor file" in shown
        await pilot.press("escape")


async def test_problems_of_a_blind_review_hold_aliases_and_no_figure(workdir: Path) -> None:
    # Shortlisted by rank alone, the loss-maker is warned about with its figure.
    template = workdir / "template.toml"
    template.write_text("shortlist_losses = true\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(options(hostile_workdir(workdir), blind=True))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        found = [*app.state.ws.problems, *app.state.warnings()]
    assert found
    negative = [p for p in found if "negative net recovery" in p.message]
    assert negative and all("[amount]" in p.message and p.path.startswith("Vendor ") for p in negative)
    for p in found:
        assert_blind(str(p), "problem")


async def test_the_blind_export_from_the_app_is_blind(workdir: Path) -> None:
    app = make_app(options(hostile_workdir(workdir), blind=True))
    out = workdir / "out"
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("Input", Input).value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the export is written off the UI thread
        await pilot.pause()
    files = sorted(p.name for p in out.glob("*.md"))
    assert "shortlist.md" in files and all(f.startswith("vendor-") for f in files if f != "shortlist.md")
    assert_blind("".join(p.read_text(encoding="utf-8") for p in out.glob("*.md")), "export")


async def test_a_blind_session_keeps_its_shuffle_and_scores_by_alias(workdir: Path) -> None:
    app = make_app(options(workdir, blind=True, evaluator="Sam"))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        top = app.state.ranked[0].id
        await pilot.press("enter", "3", "escape", "ctrl+s")
        await pilot.pause()
    saved = (workdir / "review.session.toml").read_text(encoding="utf-8")
    data = tomllib.loads(saved)
    assert data["blind"] is True and isinstance(data["blind_seed"], int) and len(data["blind_order"]) == len(IDS)
    assert list(data["scores"]) == [top] and top.startswith("vendor-")
    assert all(h["vendor"] == top for h in data["history"])
    for word in [*DISTINCTIVE, *IDS]:  # (its digests are hex: no money test on them)
        assert word not in saved.lower(), word
    real = assign(IDS, data["blind_seed"], data["blind_order"]).to_real[top]
    # Opened again, blind without the flag, the score is still that vendor's.
    again = make_app(options(workdir, evaluator="Sam"))
    async with again.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert again.state is not None
        assert again.state.blind and again.state.ws.blinding is not None
        assert again.state.ws.blinding.to_real[top] == real
        assert any(r.id == top for r in again.state.ranked)
        assert_blind(screen_text(again), "reopened")


async def test_a_panel_opened_blind_shows_aliases_and_saves_by_vendor(tmp_path: Path) -> None:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    board = tmp_path / "sample_panel" / "board.panel.toml"
    app = make_app(LoadOptions(panel=str(board), blind=True, evaluator="Sam Okafor"))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        assert app.state.blind
        assert_blind(screen_text(app), "panel ranking")
        await pilot.press("enter")
        assert_blind(screen_text(app), "panel review")
        assert isinstance(app.screen, AnswersScreen)
        vid = app.screen.vendor_id
        await pilot.press("c", "4", "enter", *"Agreed", "enter")
        await pilot.pause()
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    data = tomllib.loads(board.read_text(encoding="utf-8"))
    assert set(data["consensus"]) <= set(IDS)  # the panel file keeps vendor ids
    assert app.state.ws.blinding is not None
    real = app.state.ws.blinding.to_real[vid]
    assert any(c["score"] == 4 and c["reason"] == "Agreed" for c in data["consensus"][real].values())
