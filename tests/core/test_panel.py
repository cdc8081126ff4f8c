"""Panel review (SPEC "Panel review"): the merge rules by hand, properties, the commands, history
and blind export.

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendortui.core.history import changes
from vendortui.core.models import Template, Vendor
from vendortui.core.panel import Member, merge, spread_flag
from vendortui.core.scoring import EvaluatorInputs, rank
from vendortui.core.session_models import Consensus, Panel, Session

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = Template.model_validate({
    "id": "t", "title": "T", "scale": 5, "weights": {"customer_focus": 1, "fee_structure": 1},
    "criteria": {"customer_focus": {"minimum": 3}},
    "requirements": [{"id": "req.enc", "text": "Encryption"}],
    "sections": [
        {"id": "cx", "criterion": "customer_focus", "questions": [{"id": "cx.a", "text": "A"}, {"id": "cx.b", "text": "B"}]},
        {"id": "fee", "criterion": "fee_structure", "questions": [{"id": "fee.a", "text": "F"}]},
    ],
})


def session(who: str, scores: dict | None = None, decisions: dict | None = None, notes: dict | None = None) -> Session:
    return Session(evaluator=who, scores=scores or {}, requirements=decisions or {}, notes=notes or {})


def member(who: str, sections=None, **kw) -> Member:
    return Member(who, session(who, **kw), frozenset(sections) if sections is not None else None)


PANEL = Panel.model_validate({"members": [{"session": "x"}]})


def test_means_sections_and_consensus():
    finance = member("Fin", sections=["fee"], scores={"v": {"cx.a": 1, "fee.a": 4}})
    legal = member("Leg", scores={"v": {"cx.a": 4, "fee.a": 2, "cx.b": 3}})
    cx = member("Cx", scores={"v": {"cx.a": 5}})
    panel = Panel.model_validate({"members": [{"session": "x"}], "consensus": {"v": {"cx.b": {"score": 4.5, "reason": "agreed"}}}})
    merged = merge(TEMPLATE, [finance, legal, cx], panel)
    s = merged.session.scores["v"]
    # cx.a: finance does not count on cx; (4 + 5) / 2 = 4.5. fee.a: (4 + 2) / 2 = 3. cx.b: consensus 4.5 over Leg's 3
    assert s == {"cx.a": 4.5, "fee.a": 3.0, "cx.b": 4.5}
    row = merged.row("v", "cx.a")
    assert row.scores == {"Cx": 5, "Leg": 4} and row.mean == 4.5 and row.spread == 1 and not row.flagged
    fee = merged.row("v", "fee.a")
    assert fee.spread == 2 and fee.flagged  # 2 >= 0.3 x 5 = 1.5
    assert merged.row("v", "cx.b").consensus.reason == "agreed" and merged.row("v", "cx.b").score == 4.5
    assert [r.flagged for r in merged.rows] == sorted((r.flagged for r in merged.rows), reverse=True)  # flagged first


@pytest.mark.parametrize(("scores", "spread", "flagged"), [
    ([3, 4.5], 1.5, True),  # exactly 30% of 5: flagged
    ([3, 4.4], 1.4, False),
    ([1], 0, False),  # one score: never flagged
    ([], None, False),
])
def test_spread_and_flag_at_the_boundary(scores, spread, flagged):
    got_spread, got_flag = spread_flag(scores, 5)
    assert got_flag is flagged
    assert got_spread == (pytest.approx(spread) if spread is not None else None)


def test_requirement_decisions_merge_or_stay_disputed():
    a = member("A", decisions={"v": {"req.enc": True}, "w": {"req.enc": True}, "x": {"req.enc": True}})
    b = member("B", decisions={"v": {"req.enc": True}, "w": {"req.enc": False}})
    panel = Panel.model_validate({"members": [{"session": "x"}],
                                  "decisions": {"x": {"req.enc": {"pass": False, "reason": "seen the audit"}}}})
    merged = merge(TEMPLATE, [a, b], panel)
    # v: all who decided agree -> pass; w: they disagree -> pending, disputed; x: the panel decided
    assert merged.session.requirements == {"v": {"req.enc": True}, "x": {"req.enc": False}}
    assert merged.disputed == [("w", "req.enc")]


def test_no_scores_at_all_leaves_the_desk_scores():
    merged = merge(TEMPLATE, [member("A"), member("B")], PANEL)
    assert merged.session.scores == {} and merged.rows == []
    v = Vendor.model_validate({"id": "v", "name": "V", "kind": "agency", "scores": {"customer_focus": 4}})
    from vendortui.core.models import Portfolio

    book = Portfolio.model_validate({"buckets": [{"age": "0+", "balance": 1}]})
    (r,) = rank(TEMPLATE, book, [v], EvaluatorInputs({"customer_focus": 1, "fee_structure": 1}, merged.session.scores))
    assert r.criteria["customer_focus"].source == "desk"


QUESTIONS = ["cx.a", "cx.b", "fee.a"]
SCORE = st.integers(0, 10).map(lambda x: x / 2)
SCORES = st.dictionaries(st.sampled_from(["v", "w"]), st.dictionaries(st.sampled_from(QUESTIONS), SCORE), max_size=2)
BOOK = None


def ranked(scores: dict) -> list[tuple[str, float]]:
    from vendortui.core.models import Portfolio

    vendors = [Vendor.model_validate({"id": vid, "name": vid, "kind": "agency", "scores": {"fee_structure": 2}})
               for vid in ("v", "w")]
    book = Portfolio.model_validate({"buckets": [{"age": "0+", "balance": 1}]})
    return [(r.id, round(r.total, 9)) for r in rank(TEMPLATE, book, vendors, EvaluatorInputs(dict(TEMPLATE.weights), scores))]


@given(SCORES)
def test_a_panel_of_one_ranks_like_that_members_session(scores):
    merged = merge(TEMPLATE, [member("Solo", scores=scores)], PANEL)
    assert ranked(merged.session.scores) == ranked(scores)


@given(st.lists(SCORES, min_size=1, max_size=4), st.randoms())
def test_the_order_of_members_never_changes_the_result(all_scores, rnd):
    members = [member(f"M{i}", scores=s) for i, s in enumerate(all_scores)]
    shuffled = members[:]
    rnd.shuffle(shuffled)
    assert merge(TEMPLATE, members, PANEL).session.scores == merge(TEMPLATE, shuffled, PANEL).session.scores


@given(st.lists(SCORES, min_size=1, max_size=3), st.sampled_from(["v", "w"]), st.sampled_from(QUESTIONS), SCORE)
def test_a_consensus_always_wins(all_scores, vid, qid, agreed):
    panel = Panel.model_validate({"members": [{"session": "x"}],
                                  "consensus": {vid: {qid: {"score": agreed, "reason": "agreed"}}}})
    merged = merge(TEMPLATE, [member(f"M{i}", scores=s) for i, s in enumerate(all_scores)], panel)
    assert merged.session.scores[vid][qid] == agreed


# --------------------------------------------------------------------------- history


def test_changes_lists_scores_decisions_and_weights():
    at = datetime(2026, 12, 1, tzinfo=UTC)
    before = Session(scores={"v": {"q": 3}}, weights={"fee": 10}, requirements={"v": {"r": True}})
    after = Session(scores={"v": {"q": 4, "p": 2}}, weights={"fee": 20}, requirements={"v": {}})
    entries = changes(before, after, at, "Sam")
    got = [(e.vendor, e.question or e.requirement or e.weight, e.old, e.new) for e in entries]
    assert got == [("v", "p", None, 2), ("v", "q", 3, 4), ("v", "r", True, None), (None, "fee", 10, 20)]
    assert {e.by for e in entries} == {"Sam"}


# --------------------------------------------------------------------------- the commands



SAMPLE = REPO / "sample_panel" / "board.panel.toml"


def test_panel_json_lists_every_scored_question_flagged_first(run_cli):
    out = run_cli("panel", str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and set(rows[0]) >= {"vendor", "question", "scores", "mean", "spread", "flagged", "consensus", "score"}
    flags = [r["flagged"] for r in rows]
    assert flags == sorted(flags, reverse=True) and flags[0]
    harbor = next(r for r in rows if (r["vendor"], r["question"]) == ("harbor-capital", "cx.portal"))
    # Tom 3.5 and Maria 1.5: mean 2.5, spread 2 (flagged); the consensus 3 is the score
    assert harbor["scores"] == {"Maria Gonzalez": 1.5, "Tom Whitfield": 3.5}
    assert (harbor["mean"], harbor["spread"], harbor["flagged"], harbor["consensus"], harbor["score"]) == (2.5, 2, True, 3, 3)
    # finance counts only on perf and fee: none of her cx scores appear
    assert not any("Priya Natarajan" in r["scores"] for r in rows if r["question"].startswith("cx."))


def test_rank_with_a_panel_uses_merged_scores_panel_weights_and_minimums(run_cli, tmp_path: Path):
    shutil.copytree(REPO / "sample_panel", tmp_path / "panel")
    shutil.copytree(REPO / "sample_vendors", tmp_path / "sample_vendors")
    shutil.copytree(REPO / "rfp_templates", tmp_path / "rfp_templates")
    board = tmp_path / "panel" / "board.panel.toml"
    rows = {r["id"]: r for r in json.loads(run_cli("rank", "--panel", str(board), "--format", "json").stdout)}
    assert rows["brightpath"]["rank"] == 1
    # the consensus on in-house comp.security (2.5) with legal's other compliance scores keeps
    # its compliance criterion below the minimum of 3: knocked out on merged scores
    text = board.read_text(encoding="utf-8")
    board.write_text(text.replace('"comp.security" = { score = 2.5', '"comp.security" = { score = 0'), encoding="utf-8")
    after = {r["id"]: r for r in json.loads(run_cli("rank", "--panel", str(board), "--format", "json").stdout)}
    assert after["inhouse"]["criteria"]["compliance"] < rows["inhouse"]["criteria"]["compliance"]
    assert "criterion:compliance" in after["inhouse"]["knocked_out_by"]


def test_a_member_on_another_template_is_a_problem_naming_the_member(run_cli, tmp_path: Path):
    shutil.copytree(REPO / "sample_panel", tmp_path / "panel")
    shutil.copytree(REPO / "sample_vendors", tmp_path / "sample_vendors")
    shutil.copytree(REPO / "rfp_templates", tmp_path / "rfp_templates")
    legal = tmp_path / "panel" / "legal.session.toml"
    legal.write_text(legal.read_text(encoding="utf-8").replace("collection-partner.toml", "uk-consumer-lender.toml"),
                     encoding="utf-8")
    out = run_cli("rank", "--panel", str(tmp_path / "panel" / "board.panel.toml"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "member legal.session.toml (Tom Whitfield) uses template" in out.stderr
    assert re.search(r"board\.panel\.toml:\d+: members\[1\]\.session: ", out.stderr)


def test_export_with_a_panel_shows_member_scores_and_the_consensus_reason(run_cli, tmp_path: Path):
    out = run_cli("export", "--panel", str(SAMPLE), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    harbor = (tmp_path / "out" / "harbor-capital.md").read_text(encoding="utf-8")
    assert "| Maria Gonzalez | 1.5 |" in harbor and "| Tom Whitfield | 3.5 |" in harbor
    assert "consensus 3.0 (Sam Okafor, 2026-12-01): cx.portal scores the self-service journey" in harbor
    shortlist = (tmp_path / "out" / "shortlist.md").read_text(encoding="utf-8")
    assert "## Panel" in shortlist and "| Priya Natarajan | fee, perf |" in shortlist


def test_export_blind_holds_no_vendor_name_and_no_money(run_cli, tmp_path: Path):
    out = run_cli("export", "--blind", "--out", str(tmp_path / "out"))
    assert out.returncode == 0
    names = [tomllib.loads(p.read_text(encoding="utf-8"))["name"] for p in (REPO / "sample_vendors" / "us").glob("*.toml")]
    files = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert len(names) == 8  # the default template's bidders, each under an alias
    assert files == ["shortlist.md", *[f"vendor-{c}.md" for c in "abcdefgh"]]
    everything = out.stdout + out.stderr + "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.md"))
    for name in names:
        assert name.lower() not in everything.lower(), name
    assert not re.search(r"[$£€]\s?\d|\d\s?(?:USD|GBP|EUR)\b", everything)
    assert "Vendor A" in everything


def test_panel_init_writes_a_panel_of_the_sessions(run_cli, tmp_path: Path):
    for name in ("finance", "legal"):
        shutil.copy(REPO / "sample_panel" / f"{name}.session.toml", tmp_path / f"{name}.session.toml")
    out = run_cli("panel", "new.panel.toml", "--init", "finance.session.toml", "legal.session.toml", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = tomllib.loads((tmp_path / "new.panel.toml").read_text(encoding="utf-8"))
    assert data["members"] == [{"session": "finance.session.toml"}, {"session": "legal.session.toml"}]
    again = run_cli("panel", "new.panel.toml", "--init", "finance.session.toml", cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr


def test_history_prints_what_each_save_changed(run_cli, tmp_path: Path):
    path = tmp_path / "s.session.toml"
    from vendortui.files.sessions import fingerprint, save_session

    first = Session(evaluator="Sam", scores={"v": {"q": 3}})
    save_session(first, path, None, baseline=Session(evaluator="Sam"))
    loaded = Session.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    second = loaded.model_copy(deep=True)
    second.scores["v"]["q"] = 4
    save_session(second, path, fingerprint(path), baseline=loaded)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [(h.get("old"), h["new"]) for h in data["history"]] == [(None, 3), (3, 4)]
    out = run_cli("history", str(path), "--format", "json")
    assert [e["new"] for e in json.loads(out.stdout)] == [3, 4]
    assert "v · q" in run_cli("history", str(path)).stdout


def test_a_consensus_needs_a_reason():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Consensus.model_validate({"score": 3, "reason": "  "})
