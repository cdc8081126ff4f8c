"""The command line: a thin shell that parses options, calls the core and prints.

Headless commands (`rank`, `export`, `validate`, `analyze`, `new-vendor`) never import
Textual, so they start fast; only `review` (the default) loads the app. The models are
imported only once a big vendor folder is already being parsed (`prefetch`).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from vendortui.cli.exits import ExitCode, say_usage
from vendortui.cli.parser import COMMON, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line. Without `argv` this is the program (the console script, `python
    -m vendortui`), which exits next: a headless command leaves the collector off, as the
    interpreter's last collection at exit would walk every object it built for nothing. A
    caller passing `argv` (a test, a script) gets the collector back as it was."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error argparse has explained
        return done.code if isinstance(done.code, int) else ExitCode.USAGE
    collecting = gc.isenabled()
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as e:
        return _failed(e)
    finally:
        if collecting and argv is not None:
            gc.enable()
        if "vendortui.files.reading" in sys.modules:
            sys.modules["vendortui.files.reading"].discard_prefetched()


def _failed(error: Exception) -> int:
    """The exit code for an error, after saying what it is (never with a traceback)."""
    from vendortui.core.characters import escape_one_line
    from vendortui.core.problems import ProblemsError
    from vendortui.files.options import UsageError

    if isinstance(error, UsageError):
        return say_usage(str(error))
    if isinstance(error, ProblemsError):
        from vendortui.files.paths import short_problem

        for problem in error.problems:
            print(short_problem(problem), file=sys.stderr)
        return ExitCode.PROBLEMS
    if os.environ.get("VENDORTUI_DEBUG"):  # last resort: a bad file must never show a traceback
        raise error
    shown = escape_one_line(f"{type(error).__name__}: {error}")
    print(f"vendortui: internal error: {shown} (set VENDORTUI_DEBUG=1 for details)", file=sys.stderr)
    return ExitCode.PROBLEMS


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command or "review"
    if command != "review":
        # A short-lived process that builds many objects and no reference cycles worth
        # collecting: the collector's full passes cost a fifth of `rank` at 5,000 vendors.
        # `main` switches it back on when the command is done.
        gc.disable()
    if command not in ("review", "validate", "new-vendor") and args.vendors:
        # Parse the vendor files on every core while this process imports the models.
        from vendortui.files.reading import prefetch

        prefetch(args.vendors)
    from vendortui.cli import commands
    from vendortui.files.workspace import LoadOptions

    options = LoadOptions(**{name: getattr(args, name, None) for name in COMMON},
                            evaluator=getattr(args, "evaluator", None), config=getattr(args, "config", None),
                            panel=getattr(args, "panel", None), blind=bool(getattr(args, "blind", False)),
                            evidence=bool(getattr(args, "evidence", False)))
    if command == "review":
        from vendortui.ui.launch import run_app

        return run_app(options)
    return commands.run(command, options, args)
