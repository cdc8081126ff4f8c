"""Find the line on which each key of a TOML document is written.

tomllib gives values but no positions, and pydantic reports a key path such as
`("sections", 2, "questions", 0, "id")`. To tell a user *where* to look, this module scans
the document's structure (headers, keys, array elements, inline tables) and maps every key
path to its line. It is only run on text tomllib has already accepted, so it can stay small;
anything it cannot follow simply has no line, and callers fall back to the nearest parent.
"""

from __future__ import annotations

import bisect
import re
import tomllib

Path = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")
# Runs the scanner steps over in one call each (a file may hold 60,000 keys): blanks within
# a line, blanks across lines, and a bare value up to what may end it. Single character
# classes, so each match is linear in what it consumes.
_BLANK = re.compile(r"[ \t\r]*")
_BLANK_LINES = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_BLANK_STARTS = " \t\r\n#"
# The common entry of an inline table, `age = `: a bare key, blanks and the equals sign.
_BARE_ENTRY = re.compile(r"([A-Za-z0-9_-]+)[ \t\r]*=[ \t\r]*")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[Path, int] = {}
        self.aot_count: dict[Path, int] = {}

    def line(self) -> int:
        return bisect.bisect_right(self.newlines, self.i - 1) + 1

    def record(self, path: Path) -> None:
        if path not in self.lines:
            self.lines[path] = self.line()

    def peek(self, n: int = 1) -> str:
        return self.t[self.i : self.i + n]

    def skip_blank(self, newlines: bool) -> None:
        t = self.t
        if t[self.i : self.i + 1] not in _BLANK_STARTS:  # most often nothing to skip: one test
            return
        blank = _BLANK_LINES if newlines else _BLANK
        while True:
            self.i = blank.match(t, self.i).end()  # type: ignore[union-attr]  # `*` always matches
            if not t.startswith("#", self.i):
                return
            end = t.find("\n", self.i)  # a comment runs to the end of its line
            self.i = len(t) if end < 0 else end

    def string(self) -> str:
        t = self.t
        for quote in ('"""', "'''"):
            if t.startswith(quote, self.i):
                end = self.i + 3
                while True:
                    end = t.index(quote, end)
                    if quote == '"""' and _escaped(t, end):
                        end += 1
                        continue
                    break
                while t.startswith(quote[0], end + 3):  # up to two quotes may end the body
                    end += 1
                value = t[self.i + 3 : end]
                self.i = end + 3
                return value
        quote = t[self.i]
        end = self.i + 1
        while True:  # jump from quote to quote (a 200 KB answer is one string)
            end = t.index(quote, end)  # unterminated: ValueError, as for any text it cannot follow
            if quote == '"' and _escaped(t, end):
                end += 1
                continue
            break
        value = t[self.i + 1 : end]
        self.i = end + 1
        return value

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() == '"':
                parts.append(_unescape(self.string()))
            elif self.peek() == "'":
                parts.append(self.string())
            else:
                m = _BARE.match(self.t, self.i)
                if not m:
                    raise ValueError("no key")
                parts.append(m.group())
                self.i = m.end()
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1

    def resolve(self, parts: tuple[str, ...]) -> Path:
        """Insert the current index of every array of tables along a header's path."""
        path: Path = ()
        for p in parts:
            path = path + (p,)
            if path in self.aot_count:
                path = path + (self.aot_count[path] - 1,)
        return path

    def value(self, path: Path) -> None:
        t = self.t
        c = t[self.i : self.i + 1]
        if c == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if t.startswith("]", self.i):
                    self.i += 1
                    return
                if self.i >= len(t):
                    raise IndexError("unterminated array")  # only on invalid TOML; never loop
                item = path + (index,)
                self.record(item)
                self.value(item)
                self.skip_blank(newlines=True)
                if t.startswith(",", self.i):
                    self.i += 1
                index += 1
        elif c == "{":
            self.i += 1
            while True:
                self.skip_blank(newlines=True)
                if t.startswith("}", self.i):
                    self.i += 1
                    return
                entry = _BARE_ENTRY.match(t, self.i)
                if entry is not None and not t.startswith("#", entry.end()):
                    sub = path + (entry.group(1),)
                    self.record(sub)
                    self.i = entry.end()
                else:  # a quoted or dotted key, or a comment in the way
                    sub = path + self.key()
                    self.record(sub)
                    self.skip_blank(newlines=False)
                    self.i += 1  # "="
                    self.skip_blank(newlines=False)
                self.value(sub)
                self.skip_blank(newlines=True)
                if t.startswith(",", self.i):
                    self.i += 1
        elif c in ('"', "'"):
            self.string()
        else:
            self.i = _SCALAR.match(t, self.i).end()  # type: ignore[union-attr]  # `*` always matches

    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.t):
                return
            if self.peek(2) == "[[":
                self.i += 2
                parts = self.key()
                base = self.resolve(parts[:-1]) + (parts[-1],)
                self.aot_count[base] = self.aot_count.get(base, 0) + 1
                table = base + (self.aot_count[base] - 1,)
                self.record(base)
                self.record(table)
                self.i = self.t.index("]]", self.i) + 2
            elif self.peek() == "[":
                self.i += 1
                table = self.resolve(self.key())
                self.record(table)
                self.i = self.t.index("]", self.i) + 1
            else:
                path = table + self.key()
                self.record(path)
                self.skip_blank(newlines=False)
                self.i += 1  # "="
                self.skip_blank(newlines=False)
                self.value(path)


def _unescape(raw: str) -> str:
    """A quoted key as tomllib reads it: `"caf\\u00e9"` is the key `café`."""
    if "\\" not in raw:
        return raw
    try:
        value: str = tomllib.loads(f'k = "{raw}"')["k"]
        return value
    except tomllib.TOMLDecodeError:
        return raw


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - 1 - backslashes >= 0 and text[pos - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def key_lines(text: str) -> dict[Path, int]:
    """Map every key path of a (valid) TOML document to the line it is written on."""
    scanner = _Scanner(text)
    try:
        scanner.document()
    except (ValueError, IndexError):
        pass  # keep what was found: a line for most keys beats none
    return scanner.lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, else of its nearest parent that has one, else 1."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
