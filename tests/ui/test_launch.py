"""`vendortui` / `vendortui review`: usage errors exit 2 before the app starts, like every command."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest

from tests.ui.conftest import loaded, options
from vendortui import cli
from vendortui.files import workspace
from vendortui.files.reading import total_bytes
from vendortui.ui import app as app_module
from vendortui.ui import state as state_module
from vendortui.ui.app import VendorApp, loads_at_once, make_app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[VendorApp]:
    """The apps `run` was called on (not run: there is no terminal in the tests)."""
    runs: list[VendorApp] = []

    def fake_run(self: VendorApp, *args: object, **kwargs: object) -> None:
        runs.append(self)

    monkeypatch.setattr(VendorApp, "run", fake_run)
    return runs


@pytest.mark.parametrize(
    "argv, message",
    [
        (["review", "--weights", "nope=3"], "unknown criterion 'nope'"),
        (["--weights", "compliance=abc"], "is not a number"),
        (["review", "--weights", "compliance"], "is not criterion=value"),
        (["review", "--weights", "compliance=0,customer_focus=0,portfolio_performance=0,"
                                 "insights_technology=0,scalability=0,fee_structure=0"], "all weights are 0"),
        (["review", "--vendors", "no/such/folder"], "vendors not found"),
        (["review", "--template", "no-such.toml"], "template not found"),
    ],
)
def test_usage_errors_exit_2_without_starting_the_app(
    argv: list[str], message: str, started: list[VendorApp], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert started == []


def test_good_weights_start_the_app_with_the_review_already_loaded(workdir: Path, started: list[VendorApp]) -> None:
    code = cli.main(["review", "--vendors", str(workdir / "vendors"), "--template", str(workdir / "template.toml"),
                     "--weights", "compliance=40"])
    assert code == 0
    [app] = started
    assert app._workspace is not None and app._workspace.evaluation.cli_weights == {"compliance": 40.0}


async def test_a_review_handed_to_the_app_is_not_loaded_again(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace.open_workspace(options(workdir, weights={"compliance": 40}))

    def no_second_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded twice")

    monkeypatch.setattr(workspace, "open_workspace", no_second_load)
    app = make_app(options(workdir, weights={"compliance": 40}), workspace=ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.load_error is None
        assert app.state is not None
        assert app.state.weights()["compliance"] == 40
        assert app.state.dirty  # --weights start the review as the evaluator's own


async def test_the_load_gives_the_collector_back_and_a_test_app_freezes_nothing(workdir: Path) -> None:
    frozen = gc.get_freeze_count()
    app = make_app(options(workdir))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.state is not None
        assert gc.isenabled()
        # Nothing frozen: the frozen set can only shrink (as its objects die) unless frozen again.
        assert gc.get_freeze_count() <= frozen


async def test_the_clis_app_freezes_its_first_load_out_of_the_collector(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a process of its own, the loaded review is never walked by a collection again."""
    import asyncio.unix_events

    # no handler for SIGTERM in the test process: the app is stopped by the test
    monkeypatch.setattr(asyncio.unix_events._UnixSelectorEventLoop, "add_signal_handler", lambda *args: None)
    frozen = gc.get_freeze_count()
    app = make_app(options(workdir), handle_signals=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert app.state is not None
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen
            # the collector's generations (which gc.get_objects lists) no longer hold the vendors
            vendors = app.state.ws.vendors
            assert gc.is_tracked(vendors) and not any(o is vendors for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_app_forks_no_parse_workers_before_its_first_paint(tmp_path: Path) -> None:
    """A big folder: the headless commands parse it ahead on every core; the app does not."""
    from tests.core.test_parallel_load import write_vendors
    from vendortui.files import reading
    from vendortui.files.options import LoadOptions
    from vendortui.ui.launch import prepare_app

    write_vendors(tmp_path / "vendors", reading.PARALLEL_MIN_FILES + 10)
    prepare_app(LoadOptions(vendors=str(tmp_path / "vendors")))
    assert reading._prefetched == {}
    reading.prefetch(tmp_path / "vendors")  # the control: the same folder is big enough to be parsed ahead
    assert len(reading._prefetched) == 1
    reading.discard_prefetched()


async def test_a_small_review_loads_on_the_interface_thread_and_a_big_one_in_a_worker(
        workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_main: list[bool] = []
    real = state_module.loaded_state

    def spy(*args: object, **kwargs: object) -> object:
        on_main.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(state_module, "loaded_state", spy)
    rankings = []
    for files in (app_module.SMALL_REVIEW_FILES, 7):  # the samples are 8 files: small, then "big"
        monkeypatch.setattr(app_module, "SMALL_REVIEW_FILES", files)
        app = make_app(options(workdir))
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert app.state is not None and app.load_error is None
            rankings.append([r.id for r in app.state.ranked])
    assert on_main == [True, False]
    assert rankings[0] == rankings[1] and len(rankings[0]) == 8


def test_what_counts_as_a_small_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for i in range(3):
        path = tmp_path / f"v{i}.toml"
        path.write_bytes(b"x" * 1000)
        files.append(path)
    assert not loads_at_once(None)  # the folder a session names is not known before it is read
    assert loads_at_once(files)
    monkeypatch.setattr(app_module, "SMALL_REVIEW_BYTES", 2999)  # bytes over the line
    assert not loads_at_once(files)
    monkeypatch.setattr(app_module, "SMALL_REVIEW_BYTES", 3000)
    assert loads_at_once(files)
    monkeypatch.setattr(app_module, "SMALL_REVIEW_FILES", 2)  # files over the line
    assert not loads_at_once(files)


def test_sizing_a_folder_opens_nothing(tmp_path: Path) -> None:
    """A FIFO or a dangling link among the files is sized by `stat` (it would block or fail
    when opened): it counts nothing, and the load reports it."""
    (tmp_path / "a.toml").write_bytes(b"x" * 10)
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "gone.toml").symlink_to(tmp_path / "missing")
    files = sorted(tmp_path.glob("*.toml"))
    assert len(files) == 3
    assert total_bytes(files) == 10
    assert loads_at_once(files)  # returns at once: nothing was opened
