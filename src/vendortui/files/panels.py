"""Panel files (`*.panel.toml`): load the members' sessions and the one template and vendor
folder they share, merge them (`core.panel`), and save the panel's agreements atomically.

A member whose session is missing, broken, or names another template or vendor folder than
the panel is a problem naming that member (its line in the panel file).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from vendortui.core import checks
from vendortui.core.models import Panel, Session, Template
from vendortui.core.panel import Member, PanelView, merge
from vendortui.core.problems import ProblemsError
from vendortui.files.atomic import atomic_write, digest
from vendortui.files.loading import Loaded, load_file
from vendortui.files.options import LoadOptions, UsageError
from vendortui.files.sessions import SessionConflict, fingerprint, locked, relative_to


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

    def merged(self, template: Template) -> tuple[Session, PanelView]:
        panel: Panel = self.loaded.model
        members = _members(self.loaded, panel, self.sessions, template)
        merged = merge(template, members, panel)
        bad_weights = [(loc, msg) for loc, msg in checks.session_against_template(merged.session, template)
                       if loc and loc[0] == "weights"]
        if bad_weights:
            raise ProblemsError([self.loaded.source.problem(loc, msg) for loc, msg in bad_weights])
        return merged.session, PanelView(panel, members, merged)


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
    sessions = [_member_session(loaded, i, base / m.session) for i, m in enumerate(panel.members)]
    shared = dataclasses.replace(
        options, panel=None, session=None,
        template=options.template or _shared(loaded, panel.template, base, sessions, "template"),
        vendors=options.vendors or _shared(loaded, panel.vendors, base, sessions, "vendors"),
        portfolio=options.portfolio or _shared(loaded, panel.portfolio, base, sessions, "portfolio", required=False),
    )
    return OpenedPanel(path, loaded, sessions, shared)


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
        if name.casefold() in seen:
            raise ProblemsError([loaded.source.problem(("members", i, "session"), f"{name} is a member twice")])
        seen.add(name.casefold())
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
    data: dict[str, Any] = panel.model_dump(exclude_none=True, by_alias=True)
    for key in ("weights", "consensus", "decisions"):
        if not data.get(key):
            data.pop(key, None)
    return tomli_w.dumps(data)


def save_panel(panel: Panel, path: Path, expected: str | None, *, force: bool = False) -> str:
    """Save the panel file atomically, refusing (SessionConflict) a file changed on disk since
    it was loaded unless `force`; a link is followed. Returns the new fingerprint."""
    target = Path(os.path.realpath(path))
    with locked(target):
        if not force and fingerprint(target) != expected:
            raise SessionConflict(f"{path} changed on disk since it was loaded")
        text = panel_to_toml(panel)
        atomic_write(target, text)
    return digest(text.encode("utf-8"))


def init_panel(out: Path, sessions: list[Path]) -> str:
    """A panel file over existing sessions (paths relative to it), refusing to overwrite."""
    if out.exists():
        raise UsageError(f"{out} exists: choose another name, or edit it")
    missing = [s for s in sessions if not s.is_file()]
    if missing:
        raise UsageError(f"no such session file: {missing[0]}")
    folder = out.parent.resolve()
    names = set()
    for s in sessions:
        item = load_file(s, "session")
        if item.model is None:
            raise ProblemsError(item.problems)
        name = item.model.evaluator.strip().casefold()
        if name and name in names:
            raise UsageError(f"{s}: {item.model.evaluator} is already a member")
        names.add(name)
    panel = Panel.model_validate({"members": [{"session": relative_to(s, folder)} for s in sessions]})
    text = "# A panel: each member scored in their own session; agreed scores go under [consensus.<vendor>].\n"
    text += panel_to_toml(panel)
    atomic_write(out, text)
    return text
