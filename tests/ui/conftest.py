"""Shared helpers for driving the app: a loaded app, and copies of the samples to edit."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import Static

from vendortui.files.options import LoadOptions

REPO = Path(__file__).resolve().parents[2]
SAMPLE_VENDORS = REPO / "sample_vendors" / "us"
SAMPLE_TEMPLATE = REPO / "rfp_templates" / "collection-partner.toml"


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """The CLI's app (`prepare_app`) freezes its load out of the collector, for a process of
    its own; a test process lives on, so what a test froze is handed back."""
    yield
    gc.unfreeze()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with copies of the sample vendors and template, and room for a session."""
    shutil.copytree(SAMPLE_VENDORS, tmp_path / "vendors")
    shutil.copy(SAMPLE_TEMPLATE, tmp_path / "template.toml")
    return tmp_path


def options(workdir: Path, session: str | None = "review.session.toml", **extra: Any) -> LoadOptions:
    """The copies in `workdir`, with a session there (not created until saved)."""
    return LoadOptions(
        vendors=str(workdir / "vendors"), template=str(workdir / "template.toml"),
        session=str(workdir / session) if session else None, **extra,
    )


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait until the review has loaded (once the shell is painted: at once for a small
    review, in a worker for a big one), every other worker is done, and the screen has
    caught up."""
    app = pilot.app
    for _ in range(2000):
        if getattr(app, "state", None) is not None or getattr(app, "load_error", None) is not None:
            break
        await pilot.pause(0.01)
    else:
        raise AssertionError("the review never loaded")
    await app.workers.wait_for_complete()
    await pilot.pause()


def notifications(messages: list[Message]) -> list[str]:
    """The texts of the toasts among messages captured with `run_test(message_hook=...)`."""
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text with its whitespace collapsed (its content rendered
    by Rich at 160 columns)."""
    import io

    from rich.console import Console

    console = Console(width=160, record=True, file=io.StringIO())
    console.print(widget.content)
    return " ".join(console.export_text().split())
