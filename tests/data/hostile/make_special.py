"""Create the hostile files that git cannot store, at test time (issue 11; see special.md).

    from make_special import make_special, make_export_traps, SPECIAL
    names = make_special(vendor_folder)     # names created in vendor_folder, skipping what the OS refuses
    SPECIAL[name]                           # {"what", "valid", "expect"} for each possible name

make_special() creates them inside `folder` (a vendor folder, usually a temporary copy of
sample_vendors/), and only one thing outside it: the sibling folder `<folder>-outside/` that
outside-link.toml points into. Everything is skipped silently where the platform does not allow
it (no mkfifo on Windows, no symlinks without privilege, root reading a chmod-000 file...), so a
test should iterate over the names returned, and look each one up in SPECIAL.

Create the special files in the folder the command will read; do not copy a folder holding them
(shutil.copytree follows links into /dev/zero, blocks on the FIFO, and copies sparse files in full).
Standard library only.
"""
from __future__ import annotations

import os
import pathlib
import socket
import stat
import sys
from collections.abc import Callable
from typing import Any

VENDOR = (
    'name = "{name}"\n'
    'kind = "agency"\n'
    'regions = ["US"]\n'
    'certifications = ["PCI DSS", "SOC 2 Type II"]\n'
    "[fees]\ncontingency = 0.15\n"
    "[performance]\nrecovery = 0.3\n"
)

NO_HANG = "one problem naming the file (not a regular file); the command ends within seconds (never opens it for reading, or reads at most 1 MiB + 1 byte); the other vendors rank"

# name -> what the file is, whether a correct implementation accepts it as a vendor, what must hold
SPECIAL: dict[str, dict[str, Any]] = {
    "fifo.toml": {"what": "a FIFO (named pipe) with no writer: open() blocks forever",
                  "valid": False, "expect": NO_HANG + "; the app can still quit"},
    "zero.toml": {"what": "symlink to /dev/zero: endless NUL bytes",
                  "valid": False, "expect": NO_HANG + "; memory stays bounded"},
    "urandom.toml": {"what": "symlink to /dev/urandom: endless random bytes",
                     "valid": False, "expect": NO_HANG + "; memory stays bounded"},
    "null.toml": {"what": "symlink to /dev/null (a character device that reads as empty)",
                  "valid": False, "expect": "one problem (not a regular file, or missing name/kind); no hang"},
    "tty.toml": {"what": "symlink to /dev/tty: reading waits for the keyboard (or fails with ENXIO without a terminal)",
                 "valid": False, "expect": NO_HANG},
    "stdin.toml": {"what": "symlink to /proc/self/fd/0: the command's own standard input (blocks on a terminal or pipe)",
                   "valid": False, "expect": NO_HANG},
    "dir-link.toml": {"what": "symlink to the vendor folder itself (a directory; loops if the folder is walked recursively)",
                      "valid": False, "expect": "ignored or one problem (not a regular file); no recursion into it, no IsADirectoryError traceback"},
    "subdir.toml": {"what": "a real directory named like a vendor file, holding a valid vendor (inner.toml)",
                    "valid": False, "expect": "ignored or one problem (not a regular file); inner.toml is not read; no IsADirectoryError traceback"},
    "outside-link.toml": {"what": "symlink to a valid vendor file outside the folder (<folder>-outside/outside.toml)",
                          "valid": True, "expect": "read as its target (a regular file) and ranked, or refused as a link with one problem; either way no traceback; export and new-vendor never write through it"},
    "passwd-link.toml": {"what": "symlink to /etc/passwd (outside the folder, not TOML)",
                         "valid": False, "expect": "one problem (invalid TOML, or link refused); the problem message does not echo the target's content"},
    "dangling.toml": {"what": "symlink to a file that does not exist",
                      "valid": False, "expect": "ignored or one problem (no such file); no FileNotFoundError traceback"},
    "loop-a.toml": {"what": "symlink loop loop-a.toml -> loop-b.toml -> loop-a.toml (ELOOP)",
                    "valid": False, "expect": "one problem per link or ignored; no OSError traceback, no hang"},
    "loop-b.toml": {"what": "the other half of the symlink loop",
                    "valid": False, "expect": "one problem per link or ignored; no OSError traceback, no hang"},
    "not-utf8.toml": {"what": "a Latin-1 encoded vendor file (byte 0xE9 in the name): not UTF-8",
                      "valid": False, "expect": "one problem with the line (not UTF-8), no UnicodeDecodeError traceback"},
    "utf16.toml": {"what": "a valid vendor file encoded as UTF-16 with a BOM (NUL bytes everywhere)",
                   "valid": False, "expect": "one problem (not UTF-8), no traceback"},
    "unreadable.toml": {"what": "a valid vendor file with mode 000 (created only when the current user really cannot read it: not as root)",
                        "valid": False, "expect": "one problem (permission denied) naming the file; no PermissionError traceback; the other vendors rank"},
    "socket.toml": {"what": "a Unix domain socket bound at the path",
                    "valid": False, "expect": NO_HANG},
    "sparse-huge.toml": {"what": "a 4 GiB sparse file (all NUL; created only where it takes no real disk space)",
                         "valid": False, "expect": "one problem: larger than 1 MiB, from its size, without reading it; memory stays bounded"},
    "esc-\x1b]0;pwned\x07-\x1b[2J.toml": {"what": "a valid vendor whose FILE NAME holds an OSC title escape and ESC[2J (its default id is invalid)",
                                          "valid": False, "expect": "problem naming the file with the escapes visible (the path is text from the disk too); no raw ESC in any output"},
    "bidi-\u202elmth.toml": {"what": "a valid vendor whose file name holds a right-to-left override (reads as 'bidi-html.toml' reversed)",
                             "valid": False, "expect": "problem naming the file (invalid default id) with the override visible, never raw"},
    "markup-[bold]-[link=https:evil.example]x.toml": {"what": "a valid vendor whose file name holds Rich markup",
                                                       "valid": False, "expect": "problem naming the file (invalid default id), shown literally, no MarkupError"},
    "new\nline.toml": {"what": "a valid vendor whose file name holds a newline",
                       "valid": False, "expect": "problem naming the file on one line (newline shown as an escape); the 'path:line: key: message' format is not split"},
    ".toml": {"what": "a file named just '.toml' (hidden; empty id)",
              "valid": False, "expect": "ignored as hidden, or one problem (empty id); never a vendor with an empty id"},
}


def make_special(folder: pathlib.Path, *, sparse_size: int = 4 << 30) -> list[str]:
    """Create in `folder` every special file the OS allows; return the names created (keys of SPECIAL)."""
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    created: list[str] = []

    def attempt(name: str, make: Callable[[pathlib.Path], object]) -> None:
        path = folder / name
        try:
            if make(path) is not False:
                created.append(name)
        except (OSError, NotImplementedError, AttributeError, ValueError):
            _remove(path)

    def link(target: str | os.PathLike[str], is_dir: bool = False) -> Callable[[pathlib.Path], object]:
        return lambda p: p.symlink_to(target, target_is_directory=is_dir)

    def device_link(target: str) -> Callable[[pathlib.Path], object]:
        def make(p: pathlib.Path) -> bool | None:
            if not os.path.exists(target):
                return False  # skipped: not on this platform
            p.symlink_to(target)
            return None

        return make

    attempt("fifo.toml", lambda p: os.mkfifo(p))
    attempt("zero.toml", device_link("/dev/zero"))
    attempt("urandom.toml", device_link("/dev/urandom"))
    attempt("null.toml", device_link("/dev/null"))
    attempt("tty.toml", device_link("/dev/tty"))
    attempt("stdin.toml", device_link("/proc/self/fd/0") if sys.platform.startswith("linux") else (lambda p: False))
    attempt("dir-link.toml", link(".", is_dir=True))

    def subdir(p: pathlib.Path) -> None:
        p.mkdir()
        (p / "inner.toml").write_text(VENDOR.format(name="Inner Vendor"), encoding="utf-8")
    attempt("subdir.toml", subdir)

    def outside(p: pathlib.Path) -> None:
        out = folder.parent / (folder.name + "-outside")
        out.mkdir(exist_ok=True)
        (out / "outside.toml").write_text(VENDOR.format(name="Outside Vendor"), encoding="utf-8")
        p.symlink_to(os.path.relpath(out / "outside.toml", folder))
    attempt("outside-link.toml", outside)
    attempt("passwd-link.toml", device_link("/etc/passwd"))
    attempt("dangling.toml", link("does-not-exist-anywhere.toml"))

    def loop(p: pathlib.Path) -> None:
        (folder / "loop-a.toml").symlink_to("loop-b.toml")
        (folder / "loop-b.toml").symlink_to("loop-a.toml")
        created.append("loop-b.toml")
    attempt("loop-a.toml", loop)

    attempt("not-utf8.toml", lambda p: p.write_bytes(VENDOR.format(name="Caf\u00e9 R\u00e9cup\u00e9ration").encode("latin-1")))
    attempt("utf16.toml", lambda p: p.write_bytes(VENDOR.format(name="Wide Encoding").encode("utf-16")))

    def unreadable(p: pathlib.Path) -> bool:
        p.write_text(VENDOR.format(name="Unreadable Vendor"), encoding="utf-8")
        p.chmod(0)
        try:
            with open(p, "rb"):
                pass
        except PermissionError:
            return True
        p.chmod(stat.S_IRUSR | stat.S_IWUSR)  # root (or no permission model): the attack is moot
        p.unlink()
        return False
    attempt("unreadable.toml", unreadable)

    def sock(p: pathlib.Path) -> bool | None:
        if not hasattr(socket, "AF_UNIX") or len(os.fsencode(p)) >= 100:
            return False
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(os.fspath(p))
        finally:
            s.close()
        return None
    attempt("socket.toml", sock)

    def sparse(p: pathlib.Path) -> bool | None:
        with open(p, "wb") as f:
            f.truncate(sparse_size)
        st = p.stat()
        if getattr(st, "st_blocks", None) is None or st.st_blocks * 512 > (1 << 20):
            p.unlink()  # not sparse here: do not fill the disk
            return False
        return None
    attempt("sparse-huge.toml", sparse)

    for name in ("esc-\x1b]0;pwned\x07-\x1b[2J.toml", "bidi-\u202elmth.toml",
                 "markup-[bold]-[link=https:evil.example]x.toml", "new\nline.toml"):
        attempt(name, lambda p: p.write_text(VENDOR.format(name="Odd File Name"), encoding="utf-8"))
    attempt(".toml", lambda p: p.write_text(VENDOR.format(name="Hidden Vendor"), encoding="utf-8"))
    return created


def make_export_traps(out: pathlib.Path, victim: pathlib.Path, ids: list[str]) -> list[str]:
    """Plant links in an export folder (`export --out out`) and return their names: `<id>.md` for
    each id and `shortlist.md` point at `victim` (a file that must stay unchanged), and
    `dangling.md`-style links point into a folder that does not exist. export and `new-vendor
    --out` must never write through any of them (SPEC: a link in the output folder is refused)."""
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name in [f"{i}.md" for i in ids] + ["shortlist.md"]:
        try:
            (out / name).symlink_to(victim)
            made.append(name)
        except OSError:
            pass
    for i in ids:
        try:
            (out / f"{i}.toml").symlink_to(out / "missing-dir" / f"{i}.toml")  # for new-vendor --out
            made.append(f"{i}.toml")
        except OSError:
            pass
    return made


def _remove(path: pathlib.Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            for child in path.iterdir():
                child.unlink()
            path.rmdir()
        elif path.is_symlink() or path.exists():
            path.unlink()
    except OSError:
        pass


if __name__ == "__main__":  # python make_special.py DIR
    for n in make_special(pathlib.Path(sys.argv[1])):
        print(repr(n))
