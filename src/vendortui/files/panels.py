"""Panel files (`*.panel.toml`): load the members' sessions and the one template and vendor
folder they share, merge them (`core.panel`), and save the panel's agreements atomically.

A member whose session is missing, broken, or names another template or vendor folder than
the panel is a problem naming that member (its line in the panel file).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from vendortui.core import checks
from vendortui.core.models import Template
from vendortui.core.names import name_key
from vendortui.core.panel import MEMBERS_MAX, Member, PanelView, merge, panel_problems, without
from vendortui.core.problems import Problem, ProblemsError
from vendortui.core.session_models import Panel, Session
from vendortui.files import samples
from vendortui.files.atomic import atomic_write, digest, write_new
from vendortui.files.loading import Loaded, load_file, load_folder
from vendortui.files.options import LoadOptions, UsageError
from vendortui.files.panel_text import edit_panel_text
from vendortui.files.reading import folder_files
from vendortui.files.sessions import (
    SessionConflict,
    locked,
    recovery_path,
    relative_to,
    whole_numbers,
    writable_target,
)


@dataclass
class OpenedPanel:
    """A panel file read and its members' sessions loaded: what the workspace needs to open
    the shared files (`options`), then to merge on the template it loaded (`merged`)."""

    path: Path
    loaded: Loaded
    sessions: list[tuple[Path, Session, Loaded]]
    options: LoadOptions  # the shared template, vendors and portfolio, without the panel

    @property
    def fingerprint(self) -> str | None:
        return self.loaded.source.fingerprint

    def merged(self, template: Template, vendor_ids: Collection[str]) -> tuple[Session, PanelView, list[Problem]]:
        """The merged session and the view, and the problems of the panel's agreements (each
        left out of the merge: a consensus of 99 on a 0-5 scale never counts)."""
        members = _members(self.loaded, self.loaded.model, self.sessions, template)
        found = panel_problems(self.loaded.model, template, vendor_ids)
        panel = without(self.loaded.model, found)
        merged = merge(template, members, panel)
        bad_weights = [(loc, msg) for loc, msg in checks.session_against_template(merged.session, template)
                       if loc and loc[0] == "weights"]
        if bad_weights:
            raise ProblemsError([self.loaded.source.problem(loc, msg) for loc, msg in bad_weights])
        view = PanelView(panel, members, merged, saved=panel.model_copy(deep=True))
        return merged.session, view, [self.loaded.source.problem(loc, msg) for loc, msg in found]


def read_panel(options: LoadOptions) -> OpenedPanel:
    """Read the panel file and its members' sessions; the shared paths are the panel's, else
    the members' own, which must agree (a member naming another is a problem naming it)."""
    assert options.panel is not None
    path = Path(options.panel)
    loaded = load_file(path, "panel")
    if loaded.model is None:
        raise ProblemsError(loaded.problems)
    panel: Panel = loaded.model
    base = path.parent
    _check_member_list(loaded, panel, base)  # before any session is read: 2,000 copies cost nothing
    sessions = [_member_session(loaded, i, base / m.session) for i, m in enumerate(panel.members)]
    shared = dataclasses.replace(
        options, panel=None, session=None,
        template=options.template or _shared(loaded, panel.template, base, sessions, "template"),
        vendors=options.vendors or _shared(loaded, panel.vendors, base, sessions, "vendors"),
        portfolio=options.portfolio or _shared(loaded, panel.portfolio, base, sessions, "portfolio", required=False),
    )
    return OpenedPanel(path, loaded, sessions, shared)


def check_panel(item: Loaded) -> list[Problem]:
    """`vendortui validate FILE.panel.toml`: beyond the file itself, its members (each
    session there, valid, on the panel's template and vendors, counted once) and its
    agreements (vendors, questions and requirements that exist, scores on the scale)."""
    try:
        opened = read_panel(LoadOptions(panel=item.source.path))
        template_path = Path(opened.options.template or samples.default_template())
        template = load_file(template_path, "template")
        if template.model is None:
            return template.problems
        vendors = opened.options.vendors or samples.vendors_dir()
        good, _ = load_folder(vendors, "vendor")  # the folder's own problems are its files' to report
        known = {g.model.vid for g in good} | {p.stem for p in folder_files(vendors)}
        return opened.merged(template.model, known)[2]
    except ProblemsError as e:
        return e.problems
    except (UsageError, OSError) as e:
        return [item.source.problem((), str(e))]


def _check_member_list(loaded: Loaded, panel: Panel, base: Path) -> None:
    """At most MEMBERS_MAX members, and no session file listed twice (by the file it is,
    however the path is written)."""
    if len(panel.members) > MEMBERS_MAX:
        raise ProblemsError([loaded.source.problem(
            ("members",), f"{len(panel.members)} members: a panel has at most {MEMBERS_MAX}")])
    seen: dict[str, int] = {}
    for i, m in enumerate(panel.members):
        where = os.path.normcase(os.path.realpath(base / m.session))
        if where in seen:
            raise ProblemsError([loaded.source.problem(
                ("members", i, "session"), f"the same session file as member {seen[where] + 1}: a member counts once")])
        seen[where] = i


def _member_session(loaded: Loaded, i: int, path: Path) -> tuple[Path, Session, Loaded]:
    if not path.is_file():
        raise ProblemsError([loaded.source.problem(("members", i, "session"), f"no such session file: {path}")])
    item = load_file(path, "session")
    if item.model is None:
        raise ProblemsError(item.problems)
    return path, item.model, item


def _shared(loaded: Loaded, own: str | None, base: Path, sessions: list[tuple[Path, Session, Loaded]], key: str,
            required: bool = True) -> str | None:
    """The panel's path for `key`, else the one every member names; a member naming another
    file than the panel's (or than the other members) is a problem naming it."""
    chosen = (base / own).resolve() if own else None
    for i, (spath, session, _) in enumerate(sessions):
        theirs = getattr(session, key)
        if not theirs:
            continue
        resolved = (spath.parent / theirs).resolve()
        if chosen is None:
            chosen = resolved
        elif resolved != chosen:
            raise ProblemsError([loaded.source.problem(
                ("members", i, "session"),
                f"member {spath.name} ({session.evaluator or 'no evaluator'}) uses {key} {resolved}, "
                f"not the panel's {chosen}: every member must score the same {key}")])
    if chosen is None and required and key == "template":
        return None  # the bundled template
    return str(chosen) if chosen is not None else None


def _members(loaded: Loaded, panel: Panel, sessions: list[tuple[Path, Session, Loaded]], template: Template) -> list[Member]:
    section_ids = {s.id for s in template.sections}
    members, seen = [], set()
    for i, ((spath, session, item), spec) in enumerate(zip(sessions, panel.members)):
        name = session.evaluator.strip() or spath.name.removesuffix(".session.toml")
        # The same person however the name is written: case, spacing, invisible characters.
        if name_key(name) in seen:
            raise ProblemsError([loaded.source.problem(
                ("members", i, "session"), f"{name} is a member twice")])
        seen.add(name_key(name))
        found = checks.session_against_template(session, template)
        if found:
            raise ProblemsError([item.source.problem(loc, f"{msg} (member {name})") for loc, msg in found])
        if spec.sections is not None:
            unknown = [s for s in spec.sections if s not in section_ids]
            if unknown:
                raise ProblemsError([loaded.source.problem(
                    ("members", i, "sections"),
                    f"no section {unknown[0]!r} in template {template.id!r} (sections: {', '.join(sorted(section_ids))})")])
        members.append(Member(name, session, frozenset(spec.sections) if spec.sections is not None else None))
    return members


def panel_to_toml(panel: Panel) -> str:
    data: dict[str, Any] = whole_numbers(panel.model_dump(exclude_none=True, by_alias=True))
    for key in ("weights", "consensus", "decisions"):
        if not data.get(key):
            data.pop(key, None)
    return tomli_w.dumps(data)


def save_panel(panel: Panel, path: Path, expected: str | None, *, force: bool = False,
               baseline: Panel | None = None) -> str:
    """Save the panel file atomically, refusing (SessionConflict) a file changed on disk since
    it was loaded unless `force`; a link is followed, a link to nothing refused. Returns the
    new fingerprint.

    A panel file is written by people: with `baseline` (the panel as loaded or last saved),
    only what changed since is edited into the file as it is on disk now (tomlkit), so its
    comments and layout stay, `25` stays `25`, and agreements written there meanwhile are
    kept (an overwrite after a conflict drops nothing the user did not change)."""
    target = writable_target(path)
    with locked(target):
        try:
            raw: bytes | None = target.read_bytes()
        except FileNotFoundError:
            raw = None
        if not force and (digest(raw) if raw is not None else None) != expected:
            raise SessionConflict(f"{path} changed on disk since it was loaded")
        text = None
        if raw is not None and baseline is not None:
            text = edit_panel_text(raw, baseline, panel)
        if text is None:  # no file, no baseline, or a file no longer TOML: the whole panel
            text = panel_to_toml(panel)
        atomic_write(target, text)
    return digest(text.encode("utf-8"))


def save_panel_on_exit(panel: Panel, path: Path, expected: str | None, baseline: Panel | None) -> Path | None:
    """Save when nobody can be asked: to the panel file if it takes the save without a
    conflict, else to a recovered panel beside it (the same members, the consensus kept:
    the panel file's text with the edits in it). Returns where it went."""
    try:
        save_panel(panel, path, expected, baseline=baseline)
        return path
    except (SessionConflict, OSError):
        pass
    copy = recovery_path(path, ".panel.toml")
    try:
        source = path.read_bytes() if path.is_file() else None
        text = edit_panel_text(source, baseline, panel) if source is not None and baseline is not None else None
        write_new(copy, (text or panel_to_toml(panel)).encode("utf-8"))
    except OSError:
        return None  # nowhere left to write: the process is ending regardless
    return copy


def init_panel(out: Path, sessions: list[Path]) -> str:
    """A panel file over existing sessions (paths relative to it), refusing to overwrite."""
    if out.exists():
        raise UsageError(f"{out} exists: choose another name, or edit it")
    missing = [s for s in sessions if not s.is_file()]
    if missing:
        raise UsageError(f"no such session file: {missing[0]}")
    folder = out.parent.resolve()
    if len(sessions) > MEMBERS_MAX:
        raise UsageError(f"{len(sessions)} sessions: a panel has at most {MEMBERS_MAX} members")
    names = set()
    for s in sessions:
        item = load_file(s, "session")
        if item.model is None:
            raise ProblemsError(item.problems)
        name = name_key(item.model.evaluator)
        if name and name in names:
            raise UsageError(f"{s}: {item.model.evaluator} is already a member")
        names.add(name)
    panel = Panel.model_validate({"members": [{"session": relative_to(s, folder)} for s in sessions]})
    text = "# A panel: each member scored in their own session; agreed scores go under [consensus.<vendor>].\n"
    text += panel_to_toml(panel)
    atomic_write(out, text)
    return text
