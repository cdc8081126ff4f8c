"""The command line's exit codes (SPEC "Command line"), defined once."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # success
    PROBLEMS = 1  # the data has problems (validation failures)
    USAGE = 2  # a bad option or a missing file
    INTERRUPTED = 130  # ctrl+c, as a shell reports a SIGINT
