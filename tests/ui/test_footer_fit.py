"""The footer is re-fitted when the screen turns narrow or wide, not on every resize."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from tests.ui.conftest import loaded, options
from vendortui.ui.app import make_app


async def test_the_footer_is_refitted_only_between_narrow_and_wide(workdir: Path, monkeypatch) -> None:
    app = make_app(options(workdir))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        screen = app.screen
        fits: list[int] = []
        refresh = screen.refresh_bindings
        monkeypatch.setattr(screen, "refresh_bindings", lambda: (fits.append(screen.size.width), refresh())[1])
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
