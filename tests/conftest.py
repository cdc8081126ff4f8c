"""What every test shares: the command line run in this process, Hypothesis profiles, and
the `serial` marker.

Running in parallel. `pytest` alone runs the suite in two workers a core
(pytest-xdist, `-n auto --dist loadgroup` in pyproject.toml, and the hook below); `pytest -n 0`
runs it in one process. A test marked `@pytest.mark.serial` (signals, resource limits, timing-sensitive
races) never runs alongside another: every test holds a shared lock on one file while it
runs, a serial test holds it exclusively (a second lock, taken first, lets a waiting serial
test in before further shared holders, so it cannot be starved). Serial tests are also put in
one xdist group, so they run one after the other on the same worker.

The command line. The `run_cli` fixture (`tests/cli_runner.py`) runs `vendortui ARGS` by
calling `cli.main(argv)` in this process (0.04 s instead of 0.25 s for a new interpreter),
capturing stdout, stderr and the exit code; it restores the working directory and the
environment, and fails the test if the command leaves the garbage collector switched off or
objects frozen out of it. Only tests that need a real process (resource limits, signals, a
fresh interpreter, the installed entry point) start one.

Hypothesis. Examples per property come from a profile, never from the test: `quick` (the
default) and `thorough` for a long run: `HYPOTHESIS_PROFILE=thorough pytest`.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.cli_runner import RunCli, invoke

settings.register_profile(
    "quick", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


# --------------------------------------------------------------------------- serial tests


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "serial: never runs alongside another test (signals, resource limits, timing-sensitive races)"
    )


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts two workers a core. A Pilot test waits at every key press until its
    app is idle (two sleeps of 20 ms at least), a third of its time or more: the other worker
    runs meanwhile. On 2 cores: 2 workers 181 s, 3 workers 171-173 s, 4 workers 154-162 s,
    5 workers 158 s."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores


def _turn(item: pytest.Item) -> int:
    """Slow tests first, so the end of a parallel run is short tests on every worker; serial
    tests last, where the others they wait for are short; the rest between them."""
    if item.get_closest_marker("serial"):
        return 2
    return 0 if item.get_closest_marker("slow") else 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))
    items.sort(key=_turn)  # stable: file order within each turn, the same on every worker (as xdist needs)


@pytest.fixture(scope="session")
def _lock_dir(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A folder every worker of this run shares (None without workers: nothing to lock)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return tmp_path_factory.getbasetemp().parent


@pytest.fixture(autouse=True)
def _serial_lock(request: pytest.FixtureRequest, _lock_dir: Path | None) -> Iterator[None]:
    if _lock_dir is None:
        yield
        return
    exclusive = request.node.get_closest_marker("serial") is not None
    with open(_lock_dir / "vendortui-turnstile.lock", "a") as turnstile, open(_lock_dir / "vendortui-tests.lock", "a") as lock:
        fcntl.flock(turnstile, fcntl.LOCK_EX)
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        fcntl.flock(turnstile, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- the command line


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    """`run_cli("rank", "--format", "json", cwd=tmp_path)` -> CliResult (see the module's docstring)."""
    return invoke


@pytest.fixture(autouse=True)
def _no_inherited_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-xdist's workers set COLUMNS=80; a plain run sets none. Tables then differ
    between the two: every test starts without it, and a test about width sets its own."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
