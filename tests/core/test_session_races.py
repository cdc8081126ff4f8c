"""Two evaluators' processes saving one session at the same instant: exactly one wins, the
other is told of the conflict, and the file holds the winner's edits, every time."""

from __future__ import annotations

import multiprocessing
import os
import tomllib
from pathlib import Path

import pytest

from vendortui.core.session_models import Session
from vendortui.files.atomic import digest
from vendortui.files.loading import load_file
from vendortui.files.sessions import SessionConflict, save_session

TRIALS = 200


def _saver(who: str, path: str, barrier, results, trials: int) -> None:
    for trial in range(trials):
        loaded = load_file(Path(path), "session")  # content and fingerprint from one read
        if loaded.model is None:
            results.put((trial, who, "unreadable", "; ".join(str(p) for p in loaded.problems)))
            barrier.abort()
            return
        session, seen = loaded.model, loaded.source.fingerprint
        session.scores.setdefault("v", {})["q"] = float(trial % 6)
        session.notes.setdefault("v", {})["q"] = f"{who} {trial}"
        barrier.wait()  # both hold the same version, then save at the same instant
        try:
            save_session(session, Path(path), seen)
            results.put((trial, who, "won", ""))
        except SessionConflict:
            results.put((trial, who, "conflict", ""))
        barrier.wait()  # both done: the file now holds this trial's winner
        if who == "a":
            results.put((trial, who, "file", Path(path).read_text(encoding="utf-8")))
        barrier.wait()


@pytest.mark.serial
def test_two_processes_saving_at_once_have_exactly_one_winner(tmp_path: Path) -> None:
    path = tmp_path / "shared.session.toml"
    save_session(Session(evaluator="Sam Okafor"), path, None)
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_saver, args=(who, str(path), barrier, results, TRIALS)) for who in "ab"]
    for w in workers:
        w.start()
    outcomes: dict[int, dict[str, str]] = {}
    files: dict[int, str] = {}
    for _ in range(TRIALS * 3):
        trial, who, what, text = results.get(timeout=60)
        assert what != "unreadable", text
        if what == "file":
            files[trial] = text
        else:
            outcomes.setdefault(trial, {})[who] = what
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    lost = 0
    for trial in range(TRIALS):
        winners = [who for who, what in outcomes[trial].items() if what == "won"]
        assert len(winners) == 1, (trial, outcomes[trial])
        note = tomllib.loads(files[trial])["notes"]["v"]["q"]
        lost += note != f"{winners[0]} {trial}"
    assert lost == 0  # the file is always exactly the winner's content
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_one_read_gives_both_the_content_and_its_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "s.session.toml"
    save_session(Session(evaluator="Sam Okafor", weights={"compliance": 40}), path, None)
    loaded = load_file(path, "session")
    assert loaded.source.fingerprint == digest(path.read_bytes())
    assert loaded.model.weights == {"compliance": 40}
