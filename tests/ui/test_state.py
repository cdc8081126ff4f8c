"""The review state's rules as units: what an edit changes, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import options
from vendortui.files.workspace import open_workspace
from vendortui.ui.state import AppState, loaded_state


@pytest.fixture
def state(workdir: Path) -> AppState:
    return AppState(open_workspace(options(workdir)))


def test_the_last_positive_weight_cannot_go_to_zero(state: AppState) -> None:
    ids = list(state.weights())
    for cid in ids[:-1]:
        assert state.set_weight(cid, 0)
    last = ids[-1]
    before = state.weights()
    assert state.set_weight(last, 0) is False
    assert state.weights() == before and before[last] > 0


def test_a_weight_never_goes_below_zero(state: AppState) -> None:
    cid = next(iter(state.weights()))
    assert state.set_weight(cid, -5)
    assert state.weights()[cid] == 0


def test_a_weight_edit_reorders_and_marks_the_session_changed(state: AppState) -> None:
    assert not state.dirty
    heavy = dict.fromkeys(state.weights(), 0.0)
    for cid, w in heavy.items():
        state.set_weight(cid, w if cid != "fee_structure" else 100)
    assert state.dirty
    best_fee = max(state.ranked, key=lambda r: (r.eligible, r.criteria["fee_structure"].score))
    assert state.ranked[0].id == best_fee.id


def test_scores_notes_and_decisions_go_into_the_session(state: AppState) -> None:
    vid = state.ranked[0].id
    state.set_score(vid, "cx.portal", 2.0)
    assert state.ws.session.scores[vid]["cx.portal"] == 2.0
    assert state.ranked_vendor(vid).criteria["customer_focus"].source == "questions"
    state.set_score(vid, "cx.portal", None)
    assert "cx.portal" not in state.ws.session.scores[vid]
    state.set_note(vid, "cx.portal", "  checked  ")
    assert state.note(vid, "cx.portal") == "checked"
    state.set_note(vid, "cx.portal", " ")
    assert state.note(vid, "cx.portal") == ""
    state.decide(vid, "req.encryption", False)
    assert state.ranked_vendor(vid).knocked_out_by == ["req.encryption"]


def test_weights_given_on_the_command_line_start_as_the_evaluators_own(workdir: Path) -> None:
    state = loaded_state(open_workspace(options(workdir, weights={"compliance": 40})))
    assert state.weights()["compliance"] == 40
    assert state.ws.session.weights["compliance"] == 40 and state.dirty


def test_the_status_line_groups_its_counts_by_thousands(workdir: Path) -> None:
    from vendortui.ui.screens.shortlist import status_text

    ws = open_workspace(options(workdir))
    first = ws.vendors[0]
    ws.vendors.extend(first.model_copy(update={"id": f"{first.id}-{i}"}) for i in range(1001 - len(ws.vendors)))
    text = status_text(AppState(ws)).plain
    assert " · 1,001 vendors · " in text
