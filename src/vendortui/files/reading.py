"""Reading TOML files: bytes, then text, then data, with the problems of each step.

The parser is tomli, the project `tomllib` was taken from: the same grammar, errors and
results, and its wheels are compiled (mypyc), which parses two to three times faster than
the standard library's pure-Python copy. Parsing is most of the work of opening a review.

Kept apart from the models on purpose. The headless commands start parsing a big vendor
folder on every core (`prefetch`) before they import pydantic and build the models, which
takes a sixth of a second they would otherwise wait through.
"""

from __future__ import annotations

import os
import re
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from vendortui.core.problems import WHOLE_FILE, Loc, Problem, format_key
from vendortui.files.atomic import digest
from vendortui.files.toml_lines import key_lines, line_of

MAX_BYTES = 1 << 20  # a vendor profile is a few kilobytes; a bigger file is not read
MAX_DEPTH = 32  # tables and lists nested deeper than any real file
PARALLEL_MIN_FILES = 200  # below this, starting processes costs more than it saves
CHUNK = 32  # files per task sent to a worker process
AHEAD_CHUNKS = 48  # tasks in flight: enough to keep the workers busy through the imports,
#                    few enough that parsed files do not pile up (peak memory at 10,000)

_DECODE_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


@dataclass
class Source:
    """A file as read: its data, its text and where each key sits."""

    path: str
    data: dict[str, Any] | None = None
    text: str = ""
    lines: dict[Loc, int] = field(default_factory=dict)
    fingerprint: str | None = None  # of the very bytes parsed (a session's, for its conflict check)

    def line(self, loc: Loc) -> int:
        if not self.lines and self.text:
            self.lines = key_lines(self.text)
        return line_of(self.lines, loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), format_key(loc), message)


def read_toml(path: Path | str) -> tuple[Source, list[Problem]]:
    """Read, decode and parse one file; never blocks, never reads more than MAX_BYTES."""
    source = Source(str(path))
    raw, problem = _read_regular(str(path))
    if problem is not None:
        return source, [Problem(source.path, 0, WHOLE_FILE, problem)]
    source.fingerprint = digest(raw)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is not an error
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        byte = raw[e.start : e.start + 1].hex()
        return source, [
            Problem(source.path, line, WHOLE_FILE, f"not UTF-8 text (byte 0x{byte}): is this a TOML file?")
        ]
    source.text = text
    if not text.strip():
        return source, [Problem(source.path, 1, WHOLE_FILE, "empty file")]
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        return source, [_decode_problem(source.path, text, str(e))]
    except RecursionError:
        return source, [Problem(source.path, 1, WHOLE_FILE, f"nested too deeply (more than {MAX_DEPTH} levels): not read")]
    if _deeper_than(data, MAX_DEPTH):
        return source, [Problem(source.path, 1, WHOLE_FILE, f"nested too deeply (more than {MAX_DEPTH} levels): not read")]
    source.data = data
    return source, []


def _read_regular(path: str) -> tuple[bytes, str | None]:
    """The bytes of a regular file of at most MAX_BYTES, else why it is not read.

    Opened without blocking and checked on the open file itself: a FIFO, a device (a link
    to /dev/zero) or a socket is a problem, not a hang, whatever the name says.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        return b"", "is a folder, not a file"
    except OSError as e:
        return b"", f"cannot read: {e.strerror or e}"
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return b"", "is a folder, not a file"
        if not stat.S_ISREG(st.st_mode):
            return b"", "is not a regular file (a FIFO, a device or a socket): not read"
        if st.st_size > MAX_BYTES:
            return b"", f"is {st.st_size:,} bytes, over the limit of {MAX_BYTES:,} (1 MiB): not read"
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            return b"", f"is over the limit of {MAX_BYTES:,} bytes (1 MiB): not read"
        return b"".join(chunks), None
    except OSError as e:
        return b"", f"cannot read: {e.strerror or e}"
    finally:
        os.close(fd)


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether tables and lists nest more than `limit` levels (checked without recursion,
    one level at a time: it runs on every file, so it keeps to the containers)."""
    level = [data]
    depth = 1
    while level:
        if depth > limit:
            return True
        below = []
        for node in level:
            for child in node.values() if type(node) is dict else node:
                if type(child) is dict or type(child) is list:  # what tomli builds, never a subclass
                    below.append(child)
        level = below
        depth += 1
    return False


def _decode_problem(path: str, text: str, message: str) -> Problem:
    m = _DECODE_POSITION.search(message)
    # Split on "\n" only, as TOML counts lines: str.splitlines() also splits on characters
    # such as U+2028 that may sit inside a string, and would then show the wrong line.
    lines = text.split("\n")
    line = int(m.group(1)) if m and m.group(1) else len(text.rstrip("\r\n").split("\n"))
    clean = _DECODE_POSITION.sub("", message).strip()
    content = lines[line - 1] if 0 < line <= len(lines) else ""
    key_match = re.match(r"\s*([A-Za-z0-9_.\"'-]+)\s*=", content)
    header = re.match(r"\s*\[+\s*([^\]]+)", content)
    key = key_match.group(1) if key_match else header.group(1).strip() if header else "(syntax)"
    return Problem(path, line, key, f"invalid TOML: {clean[:1].lower()}{clean[1:]}")


def _lower_priority(niceness: int) -> None:
    """In a worker: yield the CPU to the process that started it (the app's interface)."""
    if niceness:
        try:
            os.nice(niceness)
        except OSError:
            pass


def _read_chunk(paths: list[Path]) -> list[tuple[Source, list[Problem]]]:
    return [read_toml(path) for path in paths]


class ReadAhead:
    """Parse on worker processes, in file order, keeping AHEAD_CHUNKS tasks in flight.

    The workers start when this is made, not when the first result is asked for; `close`
    (or reading to the end) shuts them down.
    """

    def __init__(self, paths: list[Path], context: Any, workers: int, niceness: int = 0) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_lower_priority, initargs=(niceness,)
        )
        self._chunks = iter([paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)])
        self._pending: deque[Any] = deque()
        self._ready: deque[tuple[Source, list[Problem]]] = deque()
        for _ in range(AHEAD_CHUNKS):
            self._submit()

    def _submit(self) -> None:
        chunk = next(self._chunks, None)
        if chunk is not None:
            self._pending.append(self._pool.submit(_read_chunk, chunk))

    def __iter__(self) -> ReadAhead:
        return self

    def __next__(self) -> tuple[Source, list[Problem]]:
        if not self._ready:
            if not self._pending:
                self.close()
                raise StopIteration
            future = self._pending.popleft()
            self._submit()
            try:
                self._ready.extend(future.result())
            except BaseException:
                self.close()
                raise
        return self._ready.popleft()

    def close(self) -> None:
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __del__(self) -> None:
        self.close()


def _parallel(
    paths: list[Path], parallel: bool, niceness: int = 0, min_files: int = PARALLEL_MIN_FILES
) -> ReadAhead | None:
    """Worker processes parsing `paths`, one per core, at a lower priority by `niceness`."""
    cores = os.cpu_count() or 1
    if not parallel or cores < 2 or len(paths) < min_files:
        return None
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: read in this process
        return None
    return ReadAhead(paths, context, min(cores, 8), niceness)


_prefetched: dict[tuple[Path, ...], ReadAhead] = {}


def folder_files(folder: Path | str) -> list[Path]:
    """The files a folder load reads: every `*.toml`, in name order (sorted by the name
    string: the order of the paths themselves, a third of the time at 1,000 files)."""
    return sorted(Path(folder).glob("*.toml"), key=_name)


def _name(path: Path) -> str:
    return path.name


def total_bytes(paths: Iterable[Path]) -> int:
    """The files' sizes together, by `stat` alone (a FIFO or a device is not opened; one
    that cannot be seen counts nothing, and the load says what is wrong with it)."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def prefetch(folder: Path | str, niceness: int = 0, min_files: int = PARALLEL_MIN_FILES) -> None:
    """Start parsing a big folder on every core now; `read_many` of the same files picks
    the results up. Only while the process has no other thread (it forks): the headless
    commands before they import the models, the app before Textual starts. `niceness`
    lowers the workers' priority (the app's interface must be drawn first); `min_files`: a
    smaller folder is left to `read_many`."""
    if not Path(folder).is_dir():
        return  # the load will say what is wrong
    paths = folder_files(folder)
    reads = _parallel(paths, parallel=True, niceness=niceness, min_files=min_files)
    if reads is not None:
        _prefetched[tuple(paths)] = reads


def discard_prefetched() -> None:
    """Stop the read-aheads nobody took (the command failed before reading its vendors)."""
    for reads in _prefetched.values():
        reads.close()
    _prefetched.clear()


def read_many(paths: list[Path], parallel: bool = False) -> Iterator[tuple[Source, list[Problem]]]:
    """`read_toml` over many files, in file order.

    Files a `prefetch` of their folder is parsing already are taken from it. Otherwise, with
    `parallel` (the headless commands; never inside the app, whose loading runs in a thread,
    and forking a threaded process is unsafe) and enough files, the parsing is spread over
    the machine's cores: it is most of the work of `rank` on a big folder.
    """
    reads = _prefetched.pop(tuple(paths), None)
    discard_prefetched()  # any other: the folder changed in between, not these files
    if reads is None:
        reads = _parallel(paths, parallel)
    if reads is None:
        return map(read_toml, paths)
    return reads
