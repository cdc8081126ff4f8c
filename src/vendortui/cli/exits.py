"""The command line's exit codes (SPEC "Command line"), and how a usage error is said, defined once."""

from __future__ import annotations

import sys
from enum import IntEnum

from vendortui.core.characters import escape_one_line


class ExitCode(IntEnum):
    OK = 0  # success
    PROBLEMS = 1  # the data has problems (validation failures)
    USAGE = 2  # a bad option or a missing file
    INTERRUPTED = 130  # ctrl+c, as a shell reports a SIGINT


def say_usage(message: str) -> int:
    """A usage error on standard error, on one line with no raw control character (a path
    may come from a file); its exit code."""
    print(f"vendortui: error: {escape_one_line(message)}", file=sys.stderr)
    return ExitCode.USAGE
