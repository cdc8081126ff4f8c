"""Saves that lose nothing (issue 20): an overwrite after a conflict keeps what was written
meanwhile, another evaluator's file is never replaced, a dangling link is never written
through, and a hand-written panel file keeps its comments and numbers."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendortui.core.history import merge_for_overwrite
from vendortui.core.session_models import Consensus, HistoryEntry, Panel, Session
from vendortui.files.atomic import DanglingLink, atomic_write
from vendortui.files.options import LoadOptions, UsageError, check_paths
from vendortui.files.panels import save_panel
from vendortui.files.sessions import NotYourSession, SessionConflict, fingerprint, save_session

REPO = Path(__file__).resolve().parents[2]


def read(path: Path) -> Session:
    return Session.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- overwrite merge


def test_overwrite_after_a_conflict_keeps_scores_and_history_written_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "sam.session.toml"
    save_session(Session(evaluator="Sam", scores={"v": {"q1": 3, "q2": 2}}), path, None, baseline=Session(evaluator="Sam"))
    loaded, seen = read(path), fingerprint(path)
    # Sam's other window saves first: q2 changed, q3 scored, a note written
    other = loaded.model_copy(deep=True)
    other.scores["v"].update({"q2": 5, "q3": 1})
    other.notes = {"v": {"q3": "seen on site"}}
    save_session(other, path, seen, baseline=loaded)
    on_disk = read(path).history
    # this window changed q1 and removed nothing else
    mine = loaded.model_copy(deep=True)
    mine.scores["v"]["q1"] = 4
    with pytest.raises(SessionConflict):
        save_session(mine, path, seen, baseline=loaded)
    save_session(mine, path, seen, force=True, baseline=loaded)
    result = read(path)
    assert result.scores == {"v": {"q1": 4, "q2": 5, "q3": 1}}  # theirs kept, mine applied
    assert result.notes == {"v": {"q3": "seen on site"}}
    assert result.history[: len(on_disk)] == on_disk  # every entry written meanwhile, in order
    assert [(e.question, e.old, e.new, e.by) for e in result.history[len(on_disk):]] == [("q1", 3, 4, "Sam")]


def test_a_removal_the_user_made_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sam.session.toml"
    save_session(Session(evaluator="Sam", scores={"v": {"q1": 3}}, weights={"fee_structure": 10}), path, None)
    loaded, seen = read(path), fingerprint(path)
    path.write_text(path.read_text(encoding="utf-8").replace("fee_structure = 10", "fee_structure = 10\ncompliance = 40"))
    mine = loaded.model_copy(deep=True)
    del mine.scores["v"]["q1"]
    save_session(mine, path, seen, force=True, baseline=loaded)
    result = read(path)
    assert result.scores == {} and result.weights == {"fee_structure": 10, "compliance": 40}


values = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 5), max_size=4)
entries = st.lists(st.builds(lambda q, n: HistoryEntry(at=datetime(2026, 11, 2, tzinfo=UTC), by="Sam", vendor="v",
                                                       question=q, new=n), st.sampled_from("abcd"), st.integers(0, 5)),
                   max_size=4)


@given(values, values, values, entries, entries)
def test_the_merge_rule_value_by_value(base: dict, own: dict, disk: dict, shared: list, extra: list) -> None:
    merged = merge_for_overwrite(Session(evaluator="Sam", scores={"v": base}, history=shared),
                                 Session(evaluator="Sam", scores={"v": own}, history=shared + extra),
                                 Session(evaluator="Sam", scores={"v": disk}, history=shared))
    got = merged.scores.get("v", {})
    for key in set(base) | set(own) | set(disk):
        changed_by_user = base.get(key) != own.get(key)
        assert got.get(key) == (own.get(key) if changed_by_user else disk.get(key))
    assert merged.history[: len(shared)] == shared  # append-only: the file's entries first
    assert all(e in merged.history for e in extra)  # and never one of the user's dropped


# --------------------------------------------------------------------------- whose file


def test_another_evaluators_session_is_never_replaced_even_forced(tmp_path: Path) -> None:
    tom = tmp_path / "tom.session.toml"
    save_session(Session(evaluator="Tom Whitfield", scores={"v": {"q": 4}}), tom, None)
    before = tom.read_bytes()
    for force in (False, True):
        with pytest.raises(NotYourSession, match="Tom Whitfield's session"):
            save_session(Session(evaluator="Sam"), tom, fingerprint(tom), force=force)
    assert tom.read_bytes() == before


def test_ones_own_session_is_recognised_however_the_name_is_written(tmp_path: Path) -> None:
    path = tmp_path / "sam.session.toml"
    save_session(Session(evaluator="Sam Okafor"), path, None)
    save_session(Session(evaluator="sam  OKAFOR\u200b", weights={"fee_structure": 5}), path, fingerprint(path))
    assert read(path).weights == {"fee_structure": 5}


# --------------------------------------------------------------------------- links


def test_a_dangling_link_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "made.session.toml"
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "review.session.toml"
    link.symlink_to(target)
    with pytest.raises(DanglingLink):
        save_session(Session(evaluator="Sam"), link, None)
    with pytest.raises(DanglingLink):
        atomic_write(link, "x = 1\n")
    assert not target.exists() and link.is_symlink()
    with pytest.raises(UsageError, match="link to a file that does not exist"):
        check_paths(LoadOptions(session=str(link)))


# --------------------------------------------------------------------------- panel files


@pytest.fixture
def board(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "sample_panel", tmp_path / "sample_panel")
    return tmp_path / "sample_panel" / "board.panel.toml"


def agreed(score: float, reason: str) -> Consensus:
    return Consensus(score=score, reason=reason, by="Sam Okafor", at=datetime(2026, 12, 2, tzinfo=UTC))


def test_saving_a_hand_written_panel_keeps_its_comments_and_numbers(board: Path) -> None:
    text = board.read_text(encoding="utf-8")
    loaded = Panel.model_validate(tomllib.loads(text))
    mine = loaded.model_copy(deep=True)
    mine.weights["fee_structure"] = 30.0
    mine.consensus.setdefault("brightpath", {})["cx.portal"] = agreed(4, "Demo seen")
    save_panel(mine, board, fingerprint(board), baseline=loaded)
    after = board.read_text(encoding="utf-8")
    comments = [line[line.index("#"):] for line in text.splitlines() if "#" in line and "reason" not in line]
    assert comments and all(c in after for c in comments)
    assert "customer_focus = 25\n" in after and "fee_structure = 30\n" in after  # never 25.0 or 30.0
    assert Panel.model_validate(tomllib.loads(after)) == mine


def test_an_overwritten_panel_keeps_agreements_written_meanwhile(board: Path) -> None:
    loaded, seen = Panel.model_validate(tomllib.loads(board.read_text(encoding="utf-8"))), fingerprint(board)
    with board.open("a", encoding="utf-8") as f:  # a colleague agrees on another question meanwhile
        f.write('\n[consensus.lexcollect]\n"cx.tone" = { score = 2, reason = "Scripts read", by = "Tom" }\n')
    mine = loaded.model_copy(deep=True)
    mine.consensus["inhouse"]["comp.security"] = agreed(3, "Exports locked down")
    with pytest.raises(SessionConflict):
        save_panel(mine, board, seen, baseline=loaded)
    save_panel(mine, board, seen, force=True, baseline=loaded)
    data = tomllib.loads(board.read_text(encoding="utf-8"))
    assert data["consensus"]["lexcollect"]["cx.tone"]["score"] == 2
    assert data["consensus"]["inhouse"]["comp.security"]["score"] == 3
    assert data["consensus"]["harbor-capital"]["cx.portal"]["score"] == 3


def test_a_panels_lock_file_is_ignored_by_git(board: Path) -> None:
    lock = REPO / "sample_panel" / ".board.panel.toml.lock"
    out = subprocess.run(["git", "check-ignore", "-q", str(lock)], cwd=REPO, capture_output=True)
    assert out.returncode == 0, out.stderr


# --------------------------------------------------------------------------- exports


def test_an_export_into_a_mount_point_is_staged_inside_it(tmp_path: Path, monkeypatch) -> None:
    import errno

    from vendortui.files import exporting

    out = tmp_path / "mnt"
    out.mkdir()  # as if another device were mounted here: nothing moves in from outside it
    (out / "notes.md").write_text("the user's own", encoding="utf-8")
    real_replace, real_link = os.replace, os.link

    def same_device(src, dst) -> None:
        if (Path(src).resolve().is_relative_to(out.resolve())) != Path(dst).resolve().is_relative_to(out.resolve()):
            raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(exporting.os, "replace", lambda s, d: (same_device(s, d), real_replace(s, d))[1])
    monkeypatch.setattr(exporting.os, "link", lambda s, d, **kw: (same_device(s, d), real_link(s, d, **kw))[1])
    docs = {"brightpath.md": "# Brightpath\n", "shortlist.md": "# Shortlist\n"}
    exporting.write_export(docs, out)
    exporting.write_export({**docs, "shortlist.md": "# Shortlist, again\n"}, out)
    assert (out / "shortlist.md").read_text(encoding="utf-8") == "# Shortlist, again\n"
    assert sorted(p.name for p in out.iterdir()) == [".vendortui-export", "brightpath.md", "notes.md", "shortlist.md"]


LAYOUTS = [
    (REPO / "sample_panel" / "board.panel.toml").read_text(encoding="utf-8"),
    '# inline\nweights = { fee_structure = 25 }\nmembers = [{ session = "a.session.toml" }]\n'
    'consensus = { brightpath = { "cx.portal" = { score = 2, reason = "r" } } }\n',
    '# dotted\n[[members]]\nsession = "a"\n[consensus]\nbrightpath."cx.portal" = { score = 2, reason = "r" }\n',
]
edits = st.lists(st.tuples(st.sampled_from(["brightpath", "inhouse", "harbor-capital", "new-one"]),
                           st.sampled_from(["cx.portal", "comp.security", "fee.terms"]),
                           st.one_of(st.none(), st.integers(0, 10).map(lambda n: n / 2))), max_size=5)


@given(st.sampled_from(LAYOUTS), edits, st.dictionaries(st.sampled_from(["fee_structure", "compliance"]),
                                                        st.integers(0, 60).map(lambda n: n / 2), max_size=2))
def test_any_edit_of_any_layout_reads_back_as_the_panel_and_keeps_the_comments(text: str, changes: list, weights: dict) -> None:
    from vendortui.files.panel_text import edit_panel_text

    loaded = Panel.model_validate(tomllib.loads(text))
    mine = loaded.model_copy(deep=True)
    mine.weights.update(weights)
    for vid, qid, value in changes:
        if value is None:
            mine.consensus.get(vid, {}).pop(qid, None)
            if vid in mine.consensus and not mine.consensus[vid]:
                del mine.consensus[vid]
        else:
            mine.consensus.setdefault(vid, {})[qid] = agreed(value, f"agreed on {qid}")
    out = edit_panel_text(text.encode("utf-8"), loaded, mine)
    assert out is not None
    assert Panel.model_validate(tomllib.loads(out)) == mine
    assert out.startswith(text.splitlines()[0])  # the opening comment stays


def test_save_as_onto_ones_own_other_file_writes_this_version_and_keeps_its_history(tmp_path: Path) -> None:
    old = tmp_path / "old.session.toml"
    save_session(Session(evaluator="Sam", scores={"v": {"q1": 1, "q2": 1}}), old, None, baseline=Session(evaluator="Sam"))
    kept = read(old).history
    mine = Session(evaluator="Sam", scores={"v": {"q1": 4}})
    save_session(mine, old, fingerprint(old), force=True, baseline=Session(evaluator="Sam", scores={"v": {"q1": 4}}),
                 onto_other=True)
    result = read(old)
    assert result.scores == {"v": {"q1": 4}}  # this version, not a mix with the file's
    assert result.history[: len(kept)] == kept
    assert [(e.question, e.old, e.new) for e in result.history[len(kept):]] == [("q1", 1, 4), ("q2", 1, None)]
