"""A session someone commented by hand keeps its comments when the program saves it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_sessions import make_session
from vendortui.files.sessions import fingerprint, save_session, session_to_toml
from vendortui.files.toml_edit import edit_in_place, has_comment

HAND_WRITTEN = """\
# Sam's review of the 2026 RFP: keep this comment
evaluator = "Sam Okafor"   # that's me

[weights]
compliance = 30  # legal insists
customer_focus = 25

# the portal demo was on 2026-11-20
[scores.brightpath]
"cx.portal" = 3
"""


def test_a_hand_commented_session_keeps_its_comments_and_gets_every_change(tmp_path: Path) -> None:
    path = tmp_path / "mine.session.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    session = make_session()  # other weights, scores, notes, requirements, paths
    save_session(session, path, expected=fingerprint(path))
    text = path.read_text(encoding="utf-8")
    for comment in ("# Sam's review of the 2026 RFP: keep this comment", "# that's me", "# legal insists",
                    "# the portal demo was on 2026-11-20"):
        assert comment in text
    assert tomllib.loads(text) == tomllib.loads(session_to_toml(session))  # every value as a whole write has it
    assert "customer_focus = 30  # " not in text and "compliance = 22.5  # legal insists" in text
    assert text.endswith("\n")


def test_a_session_the_program_wrote_is_written_whole_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a.session.toml"
    session = make_session()
    save_session(session, path, expected=None)
    session.weights["compliance"] = 40.0
    save_session(session, path, expected=fingerprint(path))
    assert path.read_text(encoding="utf-8") == session_to_toml(session)


def test_a_file_tomlkit_cannot_edit_is_written_whole(tmp_path: Path) -> None:
    """A commented file that is not TOML any more: the session replaces it whole."""
    path = tmp_path / "broken.session.toml"
    path.write_text('# mine\nevaluator = "Sam Okafor"\nweights = [\n', encoding="utf-8")
    session = make_session()
    save_session(session, path, expected=fingerprint(path), force=True)
    assert path.read_text(encoding="utf-8") == session_to_toml(session)


@pytest.mark.parametrize(
    "text, commented",
    [
        ("# a comment\n", True),
        ("x = 1 # after a value\n", True),
        ('note = "see #3"\n', False),
        ("note = 'see #3'\n", False),
        ('note = "a \\"quoted\\" #3"\n', False),
        ('note = "a" # and a comment\n', True),
        ('a = "x"\nb = 2\n', False),
    ],
)
def test_what_counts_as_a_comment(text: str, commented: bool) -> None:
    assert has_comment(text) is commented


def test_a_file_nested_too_deeply_is_written_whole(tmp_path: Path) -> None:
    """Deeper than tomli reads (it raised RecursionError out of the save)."""
    path = tmp_path / "deep.session.toml"
    path.write_text('# mine\nevaluator = "Sam Okafor"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    session = make_session()
    save_session(session, path, expected=fingerprint(path), force=True)
    assert path.read_text(encoding="utf-8") == session_to_toml(session)


def test_an_edit_that_would_not_read_back_is_refused() -> None:
    assert edit_in_place("not = [toml\n", {"a": 1}) is None
    assert edit_in_place("# mine\nx = " + "[" * 5000 + "]" * 5000 + "\n", {"a": 1}) is None


texts = st.text(st.characters(codec="utf-8"), max_size=20)  # quotes, #, newlines, controls
values = st.one_of(st.integers(-10**6, 10**6), texts, st.booleans())
tables = st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), values, max_size=4)


@given(old=st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), tables, max_size=3),
       new=st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), tables, max_size=3))
def test_an_edit_in_place_reads_back_as_the_new_data_and_keeps_the_comment(
        old: dict[str, dict[str, object]], new: dict[str, dict[str, object]]) -> None:
    import tomli_w

    text = "# keep me\n" + tomli_w.dumps(old)
    edited = edit_in_place(text, new)
    assert edited is not None
    assert tomllib.loads(edited) == new
    assert edited.startswith("# keep me\n")


@given(data=st.dictionaries(st.from_regex(r"[a-z#\"']{1,6}", fullmatch=True), st.one_of(values, tables), max_size=4))
def test_a_file_tomli_w_wrote_never_counts_as_commented(data: dict[str, object]) -> None:
    """Keys and strings holding `#` and quotes included: what the program wrote is written whole."""
    import tomli_w

    assert not has_comment(tomli_w.dumps(data))
