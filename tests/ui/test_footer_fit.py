"""The footer is re-fitted when the screen turns narrow or wide, not on every resize."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import Footer

from tests.ui.conftest import loaded, options
from vendortui.ui.app import make_app


async def test_the_footer_is_refitted_only_between_narrow_and_wide(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        screen = app.screen
        fits: list[int] = []
        refresh = screen.refresh_bindings

        def refit() -> None:
            fits.append(screen.size.width)
            refresh()

        monkeypatch.setattr(screen, "refresh_bindings", refit)
        footer = screen.query_one(Footer)
        for width in (150, 140, 130):  # wide all along: nothing to re-fit
            await pilot.resize_terminal(width, 50)
            await pilot.pause()
        assert fits == [] and not screen.has_class("-narrow") and not footer.compact
        await pilot.resize_terminal(100, 50)  # narrow now: one re-fit
        await pilot.pause()
        await pilot.resize_terminal(90, 50)
        await pilot.pause()
        assert len(fits) == 1 and screen.has_class("-narrow") and footer.compact
        await pilot.resize_terminal(160, 50)  # and wide again
        await pilot.pause()
        assert len(fits) == 2 and not screen.has_class("-narrow") and not footer.compact


def footer_keys(app: App[int]) -> list[tuple[Widget, str]]:
    """The footer's key widgets (found by their type's name) and the description each shows."""
    return [(key, str(getattr(key, "description", ""))) for key in app.screen.query_one(Footer).query("FooterKey")]


async def test_the_footer_re_mounts_its_keys_only_when_they_change(workdir: Path) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        before = footer_keys(app)
        assert "Review" in [text for _, text in before] and "+5" not in [text for _, text in before]
        app.screen.refresh_bindings()  # nothing changed: the same key widgets stay
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == before and all(a is b for (a, _), (b, _) in zip(footer_keys(app), before))
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()
        shown = [text for _, text in footer_keys(app)]
        assert "+5" in shown and "Reset" in shown  # the weights panel's keys join the screen's
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert [text for _, text in footer_keys(app)] == [text for _, text in before]
