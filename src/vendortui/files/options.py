"""What the user asked to open, checked before anything heavy is imported.

The app paints its shell from these alone, so this module imports neither pydantic nor the
models: the review itself loads afterwards, in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomli

from vendortui.core.names import same_name
from vendortui.files import samples
from vendortui.files.paths import beside
from vendortui.files.reading import folder_files


class UsageError(Exception):
    """A bad option or a missing file: exit code 2."""


@dataclass(frozen=True)
class LoadOptions:
    """What the user asked to open: paths as given (None: the session's, else the samples)."""

    vendors: str | Path | None = None
    template: str | Path | None = None
    portfolio: str | Path | None = None
    session: str | Path | None = None
    weights: dict[str, float] | None = None  # --weights, parsed: criterion -> weight
    evaluator: str | None = None
    config: str | Path | None = None  # the settings file (None: the user's config folder)
    panel: str | Path | None = None  # a panel file: its members' sessions merged
    blind: bool = False  # a new session is blind: vendors as "Vendor A"..., no money shown
    evidence: bool = False  # every figure on evidenced rates (SPEC "Time value and evidence")


def wants_blind(options: LoadOptions, session_blind: bool) -> bool:
    """Whether a review is blind: asked for (`--blind`, before or after the command), or
    its session was started blind. The one rule the command line and the app both follow."""
    return options.blind or session_blind


def check_paths(options: LoadOptions) -> None:
    """The usage errors that need no file read: missing paths, a folder as a session."""
    for name in ("vendors", "template", "portfolio", "config", "panel"):
        value = getattr(options, name)
        if value and not Path(value).exists():
            raise UsageError(f"{name} not found: {value}")
    if options.session:
        session = Path(options.session)
        if session.is_dir():
            raise UsageError(f"--session names a folder: {session}")
        if session.is_symlink() and not session.exists():
            raise UsageError(f"--session is a link to a file that does not exist: {session}; saving would write "
                             "wherever it points")
        if not session.parent.exists():
            raise UsageError(f"folder for --session not found: {session.parent}")
    check_evaluator(options)


def check_evaluator(options: LoadOptions, configured: str = "") -> None:
    """A session belongs to its evaluator: opening someone else's as another is a usage
    error, so nobody's scores are credited to the wrong person (a panel merges sessions).
    The evaluator is `--evaluator`, else the one in the settings file (`configured`):
    whichever way it is given, the check is the same."""
    evaluator = options.evaluator or configured
    if not options.session or not evaluator:
        return
    try:
        owner = tomli.loads(Path(options.session).read_text(encoding="utf-8-sig")).get("evaluator")
    except (OSError, ValueError):
        return  # no session yet, or a broken one: the load says what is wrong
    given = " ".join(evaluator.split())
    if isinstance(owner, str) and owner.strip() and not same_name(owner, given):
        where = "" if options.evaluator else " (the evaluator in your settings file)"
        raise UsageError(
            f"{options.session} is {owner.strip()}'s session: to score as {given}{where}, start your own, e.g. "
            f"--session {own_session_name(given)}"
        )


def own_session_name(evaluator: str) -> str:
    """`Sam Okafor` -> `sam-okafor.session.toml`: a session named after the person."""
    slug = "-".join("".join(c if c.isalnum() else " " for c in evaluator.casefold()).split())
    return f"{slug or 'review'}.session.toml"


def vendor_files(options: LoadOptions) -> list[Path] | None:
    """The files of the vendor folder, seen before any is read (for a "Loading N vendors"
    message, and to tell a small review from a big one); None when the folder comes from a
    session not read yet."""
    folder = Path(options.vendors) if options.vendors else None if options.session else template_vendors(options.template)
    if folder is None or not folder.is_dir():
        return None
    return folder_files(folder)


def template_vendors(template: str | Path | None) -> Path:
    """The vendor folder a template names (`vendors = "../sample_vendors/uk"`), read cheaply
    before the review loads (for the app's "Loading N vendors"); the samples when it names none."""
    path = Path(template) if template else samples.default_template()
    try:
        value = tomli.loads(path.read_text(encoding="utf-8-sig")).get("vendors")
    except (OSError, ValueError):
        value = None  # unreadable: the load says what is wrong
    return beside(path, value) if isinstance(value, str) and value.strip() else samples.vendors_dir()
