"""`vendortui ARGS` run in this process, for tests: see tests/conftest.py (the `run_cli` fixture)."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple


class CliResult(NamedTuple):
    """What `vendortui ARGS` did: its exit code, what it printed, and how long it took
    (`code, out, err, seconds = run_cli(...)` unpacks it)."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float


def invoke(*args: str | Path, cwd: Path | str | None = None, env: Mapping[str, str] | None = None) -> CliResult:
    """`vendortui ARGS` through `cli.main` in this process (see the module's docstring), with
    the variables in `env` set while it runs."""
    from vendortui import cli

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    before_cwd, before_env = os.getcwd(), dict(os.environ)
    collecting, frozen = gc.isenabled(), gc.get_freeze_count()
    wanted = dict(env or {})
    start = time.perf_counter()
    try:
        os.environ.update(wanted)  # after the snapshot: put back below from it
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as e:  # argparse: --help, --version, usage errors
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    finally:
        seconds = time.perf_counter() - start
        os.chdir(before_cwd)
        # The caller's variables go back before the check, so it still sees what the command
        # changed, including one of those variables if it changed or removed it
        changed = any(os.environ.get(name) != value for name, value in wanted.items())
        for name in wanted:
            if name in before_env:
                os.environ[name] = before_env[name]
            else:
                os.environ.pop(name, None)
        if changed or dict(os.environ) != before_env:
            os.environ.clear()
            os.environ.update(before_env)
            raise AssertionError(f"vendortui {' '.join(argv)} changed the environment")
        if gc.isenabled() != collecting:
            gc.enable() if collecting else gc.disable()
            raise AssertionError(f"vendortui {' '.join(argv)} left the garbage collector "
                                 f"{'off' if collecting else 'on'}")
        if gc.get_freeze_count() > frozen:
            gc.unfreeze()
            raise AssertionError(f"vendortui {' '.join(argv)} left objects frozen out of the garbage collector")
    return CliResult(code, out.getvalue(), err.getvalue(), seconds)


# The type of the `run_cli` fixture, for tests that take it.
RunCli = Callable[..., CliResult]
