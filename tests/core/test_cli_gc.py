"""The collector around a command: off while it runs, back on for an in-process caller."""

from __future__ import annotations

import contextlib
import gc
import io
import sys

import pytest

from vendortui import cli


def quietly(argv: list[str] | None) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(argv)


def test_a_caller_passing_argv_gets_the_collector_back() -> None:
    assert gc.isenabled()
    assert quietly(["rank", "--format", "json"]) == 0
    assert gc.isenabled()


def test_the_program_leaves_it_off_for_the_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without argv, main is the process (it exits next): no collection of everything it built."""
    monkeypatch.setattr(sys, "argv", ["vendortui", "rank", "--format", "json"])
    try:
        assert quietly(None) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
