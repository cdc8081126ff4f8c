"""Sessions on disk: round trips, atomic saves that survive a failed write, conflicts."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from vendortui.core.session_models import Session
from vendortui.files import sessions
from vendortui.files.loading import load_file
from vendortui.files.sessions import SessionConflict, fingerprint, save_session


def make_session() -> Session:
    return Session(
        template="rfp_templates/collection-partner.toml",
        vendors="sample_vendors",
        evaluator="Sam Okafor",
        created=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        weights={"customer_focus": 30.0, "compliance": 22.5},
        scores={"brightpath": {"cx.portal": 4.0, "cx.tone": 3.5}},
        notes={"brightpath": {"cx.portal": 'Portal "demo" convincing;\nplans capped at 6 months.'}},
        requirements={"brightpath": {"req.encryption": True}, "ironbridge": {"req.encryption": False}},
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    original = make_session()
    save_session(original, path, expected=None)
    loaded = load_file(path, "session")
    assert loaded.problems == []
    again = loaded.model
    for field in ("template", "vendors", "evaluator", "weights", "scores", "notes", "requirements"):
        assert getattr(again, field) == getattr(original, field), field
    assert again.created == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert again.updated is not None and again.updated >= again.created


def test_whole_numbers_are_written_as_integers(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    save_session(make_session(), path, expected=None)
    text = path.read_text()
    assert "customer_focus = 30\n" in text
    assert "compliance = 22.5\n" in text


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.session.toml"
    first = save_session(make_session(), path, expected=None)
    before = path.read_bytes()

    def fail_midway(fd: int) -> None:  # the data is half on disk when the machine "dies"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sessions.os, "fsync", fail_midway)
    changed = make_session()
    changed.weights["customer_focus"] = 99
    with pytest.raises(OSError):
        save_session(changed, path, expected=first)
    assert path.read_bytes() == before
    # no temporary file left behind (the lock file stays: removing it would race)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.session.toml.lock", "a.session.toml"]


def test_replace_failing_leaves_the_previous_file_intact(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.session.toml"
    first = save_session(make_session(), path, expected=None)
    before = path.read_bytes()

    def no_replace(src, dst) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(sessions.os, "replace", no_replace)
    with pytest.raises(OSError):
        save_session(make_session(), path, expected=first)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.session.toml.lock", "a.session.toml"]


def test_changed_on_disk_raises_conflict_and_keeps_their_file(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    mine = save_session(make_session(), path, expected=None)
    path.write_text("# a colleague's edit\n" + path.read_text())
    theirs = path.read_bytes()
    with pytest.raises(SessionConflict):
        save_session(make_session(), path, expected=mine)
    assert path.read_bytes() == theirs
    # a new file that appeared where we expected none is a conflict too
    other = tmp_path / "b.session.toml"
    other.write_text('evaluator = "Sam Okafor"\n')
    with pytest.raises(SessionConflict):
        save_session(make_session(), other, expected=None)
    # forcing overwrites knowingly
    save_session(make_session(), path, expected=mine, force=True)
    assert tomllib.loads(path.read_text())["evaluator"] == "Sam Okafor"


def test_fingerprint_returned_by_save_matches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    printed = save_session(make_session(), path, expected=None)
    assert printed == fingerprint(path)
    assert fingerprint(tmp_path / "missing.toml") is None


def test_relative_paths_are_relative_to_the_session_folder(tmp_path: Path) -> None:
    (tmp_path / "reviews").mkdir()
    assert sessions.relative_to(tmp_path / "templates" / "t.toml", tmp_path / "reviews") == os.path.join("..", "templates", "t.toml")
    assert sessions.relative_to(None, tmp_path) is None


def test_saving_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    save_session(make_session(), path, expected=None)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600
    path.chmod(0o640)
    save_session(make_session(), path, expected=fingerprint(path))
    assert path.stat().st_mode & 0o777 == 0o640
