"""Panel files and history cannot be forged (issue 20, "Panels and history"): every text a
member wrote prints through the one unsafe-character rule, agreements outside the template,
the vendors or the scale are problems, members are counted once however their name is
written and bounded before any session loads, and history entries are ones a save could
have written."""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendortui import cli
from vendortui.core.models import Template
from vendortui.core.names import name_key
from vendortui.core.panel import merge, panel_problems, without
from vendortui.core.session_models import Consensus, HistoryEntry, Panel
from vendortui.files import loading

REPO = Path(__file__).resolve().parents[2]
ESC_TITLE = "\\u001b]0;PWNED\\u0007"  # as TOML writes it: retitles a terminal if printed raw


@pytest.fixture
def board(tmp_path: Path) -> Path:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path / "sample_panel" / "board.panel.toml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def rename(session: Path, name: str) -> None:
    text = session.read_text(encoding="utf-8")
    session.write_text(re.sub(r'^evaluator = ".*"$', lambda _: f'evaluator = "{name}"', text, count=1, flags=re.M), encoding="utf-8")


def no_raw_controls(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text[:300])


# --------------------------------------------------------------------------- the one rule


def test_panel_table_shows_a_hostile_evaluator_name_as_escapes(board: Path, capsys) -> None:
    rename(board.parent / "cx.session.toml", f"Eve{ESC_TITLE}")
    text = board.read_text(encoding="utf-8").replace('by = "Sam Okafor"', 'by = "Sam\\u001b[2J"')
    board.write_text(text.replace("reason = \"cx.portal", "reason = \"\\u001b[2Jcx.portal"), encoding="utf-8")
    code, out, err = run(capsys, "panel", str(board))
    assert code == 0, err
    no_raw_controls(out + err)
    assert "Eve\\x1b]0;PWNED\\x07" in out  # shown, as visible escapes
    code, out, err = run(capsys, "panel", str(board), "--format", "json")
    no_raw_controls(out + err)
    harbor = next(r for r in json.loads(out) if r["vendor"] == "harbor-capital" and r["question"] == "cx.portal")
    assert harbor["reason"].startswith("\x1b[2J") and harbor["by"] == "Sam\x1b[2J"  # data intact, escaped in JSON


def test_history_shows_a_hostile_evaluator_and_signer_as_escapes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "eve.session.toml"
    path.write_text(f'evaluator = "Eve{ESC_TITLE}"\n[[history]]\nat = 2026-11-02T10:00:00Z\nby = "Eve{ESC_TITLE}"\n'
                    'vendor = "brightpath"\nquestion = "cx.portal"\nnew = 3\n', encoding="utf-8")
    code, out, err = run(capsys, "history", str(path))
    assert code == 0, err
    no_raw_controls(out + err)
    assert out.count("Eve\\x1b]0;PWNED\\x07") == 2  # the title and the By column


def test_a_history_value_that_is_text_is_a_problem_never_printed_raw(tmp_path: Path, capsys) -> None:
    path = tmp_path / "s.session.toml"
    path.write_text('evaluator = "Sam"\n[[history]]\nat = 2026-11-02T10:00:00Z\nby = "Sam"\nvendor = "v"\n'
                    'question = "q"\nold = "\\u001b[2J"\n', encoding="utf-8")
    code, out, err = run(capsys, "history", str(path))
    assert code == 1
    no_raw_controls(out + err)
    assert re.search(r"s\.session\.toml:\d+: history\[0\]\.old: ", err)


# --------------------------------------------------------------------------- agreements


def rank(capsys, board: Path) -> tuple[int, dict[str, dict], str]:
    code, out, err = run(capsys, "rank", "--panel", str(board), "--format", "json")
    return code, {r["id"]: r for r in json.loads(out)}, err


def test_a_consensus_above_the_scale_is_a_problem_and_never_counts(board: Path, capsys) -> None:
    _, before, _ = rank(capsys, board)
    with board.open("a", encoding="utf-8") as f:
        f.write('\n[consensus.brightpath]\n"cx.portal" = { score = 99, reason = "forged", by = "Eve" }\n')
    code, after, err = rank(capsys, board)
    assert code == 1
    line = board.read_text(encoding="utf-8").splitlines().index('"cx.portal" = { score = 99, reason = "forged", by = "Eve" }') + 1
    assert f'board.panel.toml:{line}: consensus.brightpath."cx.portal".score: score 99 is outside the scale (0-5)' in err
    assert after["brightpath"]["criteria"] == before["brightpath"]["criteria"]  # the forged 99 moved nothing
    assert after["brightpath"]["total"] == before["brightpath"]["total"]


@pytest.mark.parametrize(("append", "key", "message"), [
    ('[consensus.nosuch]\n"cx.portal" = { score = 3, reason = "r" }\n', "consensus.nosuch", "no vendor 'nosuch'"),
    ('[consensus.brightpath]\n"cx.portl" = { score = 3, reason = "r" }\n', 'consensus.brightpath."cx.portl"',
     "no question 'cx.portl'"),
    ('[decisions.nosuch]\n"req.encryption" = { pass = true, reason = "r" }\n', "decisions.nosuch", "no vendor 'nosuch'"),
    ('[decisions.brightpath]\n"req.nothing" = { pass = true, reason = "r" }\n', 'decisions.brightpath."req.nothing"',
     "no requirement 'req.nothing'"),
])
def test_agreements_on_nothing_real_are_problems(board: Path, capsys, append: str, key: str, message: str) -> None:
    with board.open("a", encoding="utf-8") as f:
        f.write("\n" + append)
    n = len(board.read_text(encoding="utf-8").splitlines())  # the table's header is line n - 1, its entry n
    code, out, err = run(capsys, "panel", str(board), "--format", "json")
    assert code == 1
    assert re.search(rf"board\.panel\.toml:({n - 1}|{n}): {re.escape(key)}: {re.escape(message)}", err), err
    json.loads(out)  # the table still prints, without the agreement


def test_validate_a_panel_checks_its_members(board: Path, capsys) -> None:
    code, _, err = run(capsys, "validate", str(board))
    assert code == 0, err
    text = board.read_text(encoding="utf-8").replace('session = "legal.session.toml"', 'session = "gone.session.toml"')
    board.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(board))
    assert code == 1
    assert re.search(r"board\.panel\.toml:\d+: members\[1\]\.session: no such session file", out)


def test_validate_a_panel_whose_member_scores_another_template(board: Path, capsys) -> None:
    legal = board.parent / "legal.session.toml"
    legal.write_text(legal.read_text(encoding="utf-8").replace("collection-partner.toml", "uk-consumer-lender.toml"),
                     encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(board))
    assert code == 1 and "member legal.session.toml (Tom Whitfield) uses template" in out


def test_validate_a_panel_with_a_forged_consensus(board: Path, capsys) -> None:
    with board.open("a", encoding="utf-8") as f:
        f.write('\n[consensus.brightpath]\n"cx.portal" = { score = 99, reason = "r" }\n')
    code, out, _ = run(capsys, "validate", str(board))
    assert code == 1 and re.search(r"board\.panel\.toml:\d+: .*score 99 is outside the scale \(0-5\)", out), out


# --------------------------------------------------------------------------- members


@pytest.mark.parametrize("twin", ["priya  natarajan", "Priya Natarajan\u200b", "ＰＲＩＹＡ Natarajan", "Pri\u00adya Natarajan"])
def test_a_member_twice_is_found_however_the_name_is_written(board: Path, capsys, twin: str) -> None:
    shutil.copy(board.parent / "finance.session.toml", board.parent / "twin.session.toml")
    rename(board.parent / "twin.session.toml", twin.encode("unicode_escape").decode("ascii"))
    with board.open("a", encoding="utf-8") as f:
        f.write('\n[[members]]\nsession = "twin.session.toml"\n')
    code, _, err = run(capsys, "rank", "--panel", str(board))
    assert code == 1
    assert re.search(r"board\.panel\.toml:\d+: members\[3\]\.session: .* is a member twice", err), err


@given(st.text(alphabet="abcXYZ ", min_size=1, max_size=12).filter(str.strip),
       st.lists(st.sampled_from([" ", "  ", "\u200b", "\u00ad", "\u2060", "\ufeff"]), max_size=4))
def test_spacing_case_and_invisible_characters_never_make_another_name(name: str, noise: list[str]) -> None:
    disguised = "".join(noise) + name.upper().replace(" ", "   ") + "".join(noise)
    assert name_key(disguised) == name_key(name)


def test_two_thousand_copies_of_a_member_stop_before_any_session_loads(board: Path, capsys, monkeypatch) -> None:
    loads = []
    real = loading.load_file
    monkeypatch.setattr("vendortui.files.panels.load_file", lambda path, kind=None, read=None: loads.append(kind) or
                        real(path, kind, read))
    with board.open("a", encoding="utf-8") as f:
        f.write('\n[[members]]\nsession = "./finance.session.toml"\n' * 2000)
    start = time.perf_counter()
    code, _, err = run(capsys, "panel", str(board))
    assert time.perf_counter() - start < 5
    assert code == 1 and "members: 2003 members: a panel has at most 100" in err
    assert "session" not in loads


def test_a_session_listed_twice_is_a_problem_before_it_loads(board: Path, capsys) -> None:
    with board.open("a", encoding="utf-8") as f:
        f.write('\n[[members]]\nsession = "./finance.session.toml"\n')
    code, _, err = run(capsys, "panel", str(board))
    assert code == 1 and "members[3].session: the same session file as member 1" in err


# --------------------------------------------------------------------------- history


def entry(**kw) -> str:
    base = {"at": "2026-11-02T10:00:00Z", "by": '"Sam"', "vendor": '"brightpath"', "question": '"cx.portal"', "new": "3"}
    base.update(kw)
    return "[[history]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v is not None)


@pytest.mark.parametrize(("text", "key", "message"), [
    (entry(at="1970-01-01T00:00:00Z"), "history[0].at", "before 2000"),
    (entry(at="2999-01-01T00:00:00Z"), "history[0].at", "in the future"),
    (entry(new="1e308"), "history[0].new", "a score is a number from 0 to 100"),
    (entry(new="true"), "history[0].new", "a score is a number from 0 to 100"),
    (entry(question=None, requirement='"req.encryption"', new="3"), "history[0].new", "true or false"),
    (entry(by=None), "history[0].by", ""),
    (entry(question=None), "history[0]", "names one of question, requirement or weight"),
    (entry(question=None, weight='"fee_structure"'), "history[0].vendor", "a weight entry none"),
])
def test_impossible_history_entries_are_problems(tmp_path: Path, capsys, text: str, key: str, message: str) -> None:
    path = tmp_path / "s.session.toml"
    path.write_text('evaluator = "Sam"\n' + text, encoding="utf-8")
    code, _, err = run(capsys, "history", str(path))
    assert code == 1
    assert re.search(rf"s\.session\.toml:\d+: {re.escape(key)}: .*{re.escape(message)}", err), err


def test_history_naming_what_the_template_and_vendors_do_not_have(workdir_session: Path, capsys) -> None:
    path = workdir_session
    path.write_text(path.read_text(encoding="utf-8") + entry(question='"cx.portl"'), encoding="utf-8")
    code, _, err = run(capsys, "rank", "--session", str(path))
    assert code == 1 and re.search(r"history\[0\]\.question: no question 'cx\.portl'", err), err
    path.write_text(path.read_text(encoding="utf-8").replace('"cx.portl"', '"cx.portal"').replace(
        'vendor = "brightpath"', 'vendor = "nosuch"'), encoding="utf-8")
    code, _, err = run(capsys, "rank", "--session", str(path))
    assert code == 1 and re.search(r"history\[0\]\.vendor: no vendor 'nosuch'", err), err


@pytest.fixture
def workdir_session(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "sample_vendors", tmp_path / "vendors")
    shutil.copy(REPO / "rfp_templates" / "collection-partner.toml", tmp_path / "template.toml")
    path = tmp_path / "sam.session.toml"
    path.write_text('template = "template.toml"\nvendors = "vendors"\nevaluator = "Sam"\n', encoding="utf-8")
    return path


def test_a_recent_entry_within_the_clock_skew_is_accepted() -> None:
    soon = datetime.now(UTC) + timedelta(hours=2)
    assert HistoryEntry(at=soon, by="Sam", vendor="v", question="q", new=3).at == soon


# --------------------------------------------------------------------------- the rule, in general

TEMPLATE = Template.model_validate({
    "id": "t", "title": "T", "scale": 5, "weights": {"customer_focus": 1},
    "requirements": [{"id": "req.a", "text": "A"}],
    "sections": [{"id": "cx", "criterion": "customer_focus", "questions": [{"id": "cx.a", "text": "A"}]}],
})
agreements = st.dictionaries(
    st.sampled_from(["v", "w", "ghost"]),
    st.dictionaries(st.sampled_from(["cx.a", "cx.b"]),
                    st.builds(lambda n: Consensus(score=n / 2, reason="r"), st.integers(0, 200)), min_size=1),
)


@given(agreements, st.dictionaries(st.sampled_from(["v", "w", "ghost"]),
                                   st.dictionaries(st.sampled_from(["req.a", "req.b"]), st.booleans(), min_size=1)))
def test_no_agreement_counts_unless_its_vendor_question_and_score_are_real(consensus: dict, decided: dict) -> None:
    panel = Panel.model_validate({"members": [{"session": "x"}], "consensus": consensus, "decisions": {
        vid: {rid: {"pass": p, "reason": "r"} for rid, p in d.items()} for vid, d in decided.items()}})
    found = panel_problems(panel, TEMPLATE, {"v", "w"})
    merged = merge(TEMPLATE, [], without(panel, found)).session
    for vid, scores in merged.scores.items():
        assert vid in {"v", "w"} and set(scores) <= {"cx.a"} and all(s <= 5 for s in scores.values())
    for vid, decisions in merged.requirements.items():
        assert vid in {"v", "w"} and set(decisions) <= {"req.a"}
    wrong = {(vid, qid) for vid, by in consensus.items() for qid, c in by.items()
             if vid == "ghost" or qid != "cx.a" or c.score > 5}
    flagged = {loc[1:3] for loc, _ in found if loc[0] == "consensus" and len(loc) > 2}
    flagged |= {(vid, qid) for loc, _ in found if loc[0] == "consensus" and len(loc) == 2
                for vid in [loc[1]] for qid in consensus.get(vid, {})}
    assert flagged == wrong  # every wrong agreement is a problem, and no right one


def test_validate_a_session_checks_its_history(workdir_session: Path, capsys) -> None:
    path = workdir_session
    path.write_text(path.read_text(encoding="utf-8") + entry(vendor='"nosuch"'), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and re.search(r"sam\.session\.toml:\d+: history\[0\]\.vendor: no vendor 'nosuch'", out), out
    path.write_text(path.read_text(encoding="utf-8").replace('"nosuch"', '"brightpath"').replace('new = 3', 'new = 7'),
                    encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and re.search(r"history\[0\]\.new: score 7 is above the scale \(0-5\)", out), out
