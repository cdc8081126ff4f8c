"""Loading files: type detection, folders, id defaults, read failures, key lines."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from vendortui.core.models import Portfolio, PortfolioFile, Template, Vendor
from vendortui.core.problems import Problem, format_key
from vendortui.core.session_models import Session
from vendortui.files.loading import detect_kind, load_file, load_folder, load_portfolio
from vendortui.files.reading import folder_files, read_toml
from vendortui.files.toml_lines import key_lines, line_of

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = DATA / "good"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- type detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind, model",
    [
        ("flat-agency.toml", "vendor", Vendor),
        ("banded-agency.toml", "vendor", Vendor),
        ("esg-template.toml", "template", Template),
        ("book.toml", "portfolio", PortfolioFile),
        ("review.session.toml", "session", Session),
    ],
)
def test_good_files_are_recognised_and_load(name: str, kind: str, model: type[BaseModel]) -> None:
    path = GOOD / name
    assert detect_kind(str(path), tomllib.loads(path.read_text(encoding="utf-8"))) == kind
    loaded = load_file(path)
    assert loaded.problems == []
    assert loaded.kind == kind
    assert isinstance(loaded.model, model)


@pytest.mark.parametrize(
    "path, data, kind",
    [
        ("x.toml", {"name": "A", "kind": "agency"}, "vendor"),
        ("x.toml", {"fees": {}}, "vendor"),
        ("x.toml", {"kind": "agency"}, "vendor"),  # missing name: still a vendor
        ("x.toml", {"id": "t", "title": "T", "weights": {}}, "template"),  # missing sections
        ("x.toml", {"id": "t", "sections": []}, "template"),  # missing title and weights
        ("x.toml", {"portfolio": {"buckets": []}}, "portfolio"),
        ("x.toml", {"portfolio": {}, "currency": "EUR"}, "portfolio"),  # a stray key beside [portfolio]
        ("x.toml", {"id": "t", "title": "T", "weights": {}, "portfolio": {}}, "template"),
        ("review.session.toml", {"name": "looks like a vendor"}, "session"),  # the name decides
        ("x.toml", {"template": "t.toml", "scores": {}}, "session"),
        ("x.toml", {"evaluator": "Sam"}, "session"),
        ("rfp_templates/x.toml", {"version": "1"}, "template"),
    ],
)
def test_detect_kind(path: str, data: dict[str, Any], kind: str) -> None:
    assert detect_kind(path, data) == kind


def test_portfolio_file_with_a_stray_key_reports_that_key(tmp_path: Path) -> None:
    path = write(tmp_path, "book.toml", 'currency = "EUR"\n[portfolio]\nbuckets = [ { age = "0+", balance = 1 } ]\n')
    loaded = load_file(path)
    assert loaded.kind == "portfolio"
    assert [(p.line, p.key) for p in loaded.problems] == [(1, "currency")]
    assert "unknown key" in loaded.problems[0].message


def test_kind_can_be_forced(tmp_path: Path) -> None:
    loaded = load_file(GOOD / "flat-agency.toml", "template")
    assert loaded.model is None and {"id", "title", "weights", "sections"} <= {p.key for p in loaded.problems}


def test_load_portfolio_returns_the_whole_file() -> None:
    loaded = load_portfolio(GOOD / "book.toml")
    assert isinstance(loaded.model, PortfolioFile) and isinstance(loaded.model.portfolio, Portfolio)
    book = loaded.model.portfolio
    assert book.currency == "EUR"
    assert [str(b.age) for b in book.buckets] == ["61-90", "91-180"]
    assert book.buckets[1].accounts == 0
    assert loaded.model.staff is None and loaded.model.fx == {} and loaded.model.business_case is None


# --- vendor ids ---------------------------------------------------------------------------------


def test_vendor_id_defaults_to_the_file_name() -> None:
    assert load_file(GOOD / "flat-agency.toml").model.vid == "flat-agency"
    assert load_file(GOOD / "banded-agency.toml").model.vid == "banded"  # an explicit id wins


def test_file_name_that_is_not_a_valid_id_is_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path, "Bright Path.toml", 'name = "B"\nkind = "agency"\n')
    loaded = load_file(path)
    assert loaded.model is None
    assert len(loaded.problems) == 1
    p = loaded.problems[0]
    assert (p.line, p.key) == (1, "id")
    assert "file name gives the id 'Bright Path'" in p.message
    fixed = write(tmp_path, "Other.toml", 'id = "bright-path"\nname = "B"\nkind = "agency"\n')
    assert load_file(fixed).model.vid == "bright-path"


# --- load_folder ---------------------------------------------------------------------------------


def test_load_folder_keeps_good_vendors_and_reports_the_bad(tmp_path: Path) -> None:
    shutil.copy(GOOD / "flat-agency.toml", tmp_path / "flat-agency.toml")
    shutil.copy(GOOD / "banded-agency.toml", tmp_path / "banded-agency.toml")
    write(tmp_path, "broken.toml", 'name = "Broken"\nkind = "agency"\nwebsite = "x"\n[fees]\ncontingency = -1\n')
    write(tmp_path, "notes.txt", "not a toml file")
    good, problems = load_folder(tmp_path)
    assert sorted(item.model.vid for item in good) == ["banded", "flat-agency"]
    assert all(isinstance(item.model, Vendor) for item in good)
    assert {Path(p.path).name for p in problems} == {"broken.toml"}
    assert [(p.line, p.key) for p in problems] == [(3, "website"), (5, "fees.contingency")]


def test_a_repeated_id_leaves_both_files_out_and_names_each_in_the_other(tmp_path: Path) -> None:
    """A bidder copying a rival's id must not push the rival out, whichever sorts first."""
    write(tmp_path, "alpha.toml", 'name = "A"\nkind = "agency"\n')
    write(tmp_path, "beta.toml", '# copy of alpha\nid = "alpha"\nname = "B"\nkind = "agency"\n')
    write(tmp_path, "gamma.toml", 'name = "G"\nkind = "agency"\n')
    good, problems = load_folder(tmp_path)
    assert [item.model.name for item in good] == ["G"]
    where = sorted((Path(p.path).name, p.line, p.key) for p in problems)
    assert where == [("alpha.toml", 1, "id"), ("beta.toml", 2, "id")]
    for p in problems:
        other = "beta.toml" if p.path.endswith("alpha.toml") else "alpha.toml"
        assert "is also used by" in p.message and other in p.message


def test_load_folder_of_bundled_samples_is_clean() -> None:
    from vendortui.files import samples

    good, problems = load_folder(samples.vendors_dir())
    assert problems == []
    assert len(good) == len(list(samples.vendors_dir().glob("*.toml"))) >= 4


# --- reading files -------------------------------------------------------------------------------


def test_read_failures_become_problems(tmp_path: Path) -> None:
    cases = {
        "empty.toml": (b"", 1, "empty file"),
        "blank.toml": (b"  \n\n\t\n", 1, "empty file"),
        "latin1.toml": ('name = "A"\nsummary = "caf\u00e9"\n'.encode("latin-1"), 2, "not UTF-8"),
        "garbage.toml": (bytes(range(256)), 2, "not UTF-8 text (byte 0x80)"),  # after the \n at 0x0a
    }
    for name, (raw, line, message) in cases.items():
        source, problems = read_toml(write(tmp_path, name, raw))
        assert source.data is None
        assert len(problems) == 1, name
        assert (problems[0].line, problems[0].key) == (line, "(file)"), name
        assert message in problems[0].message, name
    _, problems = read_toml(tmp_path)
    assert "folder" in problems[0].message
    _, problems = read_toml(tmp_path / "missing.toml")
    assert "cannot read" in problems[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.toml", b"\xef\xbb\xbfname = \"A\"\nkind = \"agency\"\n")
    loaded = load_file(path)
    assert loaded.problems == []
    assert loaded.model.name == "A"


def test_syntax_error_names_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "v.toml", 'name = "A"\nkind = "agency"\n\n[fees]\nannual_cost = 30,000\n')
    [problem] = load_file(path).problems
    assert (problem.line, problem.key) == (5, "annual_cost")
    assert problem.message.startswith("invalid TOML: ")
    assert "(at line" not in problem.message


def test_syntax_error_line_counts_only_newlines(tmp_path: Path) -> None:
    """A U+2028 inside a string is not a line break for TOML; the key must still be found."""
    path = write(tmp_path, "v.toml", 'summary = "one\u2028two"\nkind = agency\n')
    [problem] = load_file(path).problems
    assert (problem.line, problem.key) == (2, "kind")


def test_syntax_error_in_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "v.toml", 'name = "A"\n[fees]\n[fees]\n')
    [problem] = load_file(path).problems
    assert (problem.line, problem.key) == (3, "fees")


def test_problems_of_a_file_are_all_reported_sorted_by_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "v.toml",
        'kind = "bank"\nregions = "US"\n[fees]\ncontingency = 1.5\n[performance]\nrecovery = [ { age = "9-1", rate = 0.1 } ]\n',
    )
    problems = load_file(path).problems
    assert [(p.line, p.key) for p in problems] == [
        (1, "kind"), (1, "name"), (2, "regions"), (4, "fees.contingency"), (6, "performance.recovery[0].age"),
    ]


def test_friendly_messages(tmp_path: Path) -> None:
    path = write(
        tmp_path, "v.toml",
        'name = ""\nkind = "agency"\nfees = 3\ncontacts = "x"\n[performance]\nrecovery = "20%"\nreferences = [1]\n',
    )
    by_key = {p.key: p.message for p in load_file(path).problems}
    assert by_key["name"] == "must not be empty"
    assert by_key["fees"] == "must be a table (got 3)"
    assert by_key["contacts"] == "unknown key; did you mean 'contact'?"
    assert by_key["performance.recovery"].startswith("must be a number or a list of { age")
    assert by_key["performance.references[0]"] == "must be text in quotes (got 1)"
    bands = write(tmp_path, "w.toml", 'name = "A"\nkind = "agency"\n[fees]\ncontingency = [0.2]\n')
    [problem] = load_file(bands).problems
    assert (problem.key, problem.line) == ("fees.contingency[0]", 4)
    assert "each band must be a table like" in problem.message
    for each in [*load_file(path).problems, problem]:
        assert "Input should" not in each.message and "instance of" not in each.message


def test_one_number_rate_error_points_at_the_number(tmp_path: Path) -> None:
    path = write(tmp_path, "v.toml", 'name = "A"\nkind = "agency"\n[fees]\n\ncontingency = nan\n')
    [problem] = load_file(path).problems
    assert (problem.line, problem.key) == (5, "fees.contingency")  # not fees.contingency[0].rate
    assert "finite" in problem.message


def test_session_datetimes_must_be_datetimes(tmp_path: Path) -> None:
    path = write(tmp_path, "r.session.toml", 'created = 2026-11-23\nevaluator = "Sam"\n')
    [problem] = load_file(path).problems
    assert (problem.line, problem.key) == (1, "created")
    assert "date and time" in problem.message


# --- key lines -----------------------------------------------------------------------------------

TRICKY = '''\
# comment with [brackets] and key = "value"
id = "t"   # trailing comment
title = """
A title with "quotes" and ""two"" and
fake = "key" inside
[not.a.header]
"""
notes = \'\'\'
literal [not.a.header] with 'quotes'
\'\'\'
fees.contingency = 0.2
"quoted.key" = 1

[weights]
customer_focus = 1
"cx.portal" = 2
'cx.tone' = 3

[portfolio]
buckets = [
    { age = "61-90", balance = 1, accounts = 2 },  # first
    # a comment between elements, with { braces } and [brackets]
    { age = "91-180", balance = 2 },
    {age="181+",balance=3}
]

[[sections]]
id = "cx"

[[sections.questions]]
id = "cx.portal"
text = "Q1 with \\" escaped quote and # not a comment"

[[sections.questions]]
id = "cx.tone"

[[sections]]
id = "fee"

[ sections.meta ]
x = 1

[[ sections.questions ]]
id = "fee.model"
text = 'C:\\path\\'
nested = { a = { b = [1, 2] } }

[scores.brightpath]
"cx.portal" = 4
'''


def test_quoted_keys_with_escapes_match_what_tomllib_reads() -> None:
    text = 'a = 1\n"caf\\u00e9" = 2\n"tab\\there" = 3\n\'lit\\eral\' = 4\n'
    data = tomllib.loads(text)
    assert set(data) == {"a", "caf\u00e9", "tab\there", "lit\\eral"}
    lines = key_lines(text)
    assert [lines[(k,)] for k in data] == [1, 2, 3, 4]


def test_key_lines_on_tricky_toml() -> None:
    tomllib.loads(TRICKY)  # the fixture itself is valid TOML
    lines = key_lines(TRICKY)
    expected = {
        ("id",): 2,
        ("title",): 3,
        ("notes",): 8,
        ("fees", "contingency"): 11,
        ("quoted.key",): 12,
        ("weights",): 14,
        ("weights", "customer_focus"): 15,
        ("weights", "cx.portal"): 16,
        ("weights", "cx.tone"): 17,
        ("portfolio", "buckets"): 20,
        ("portfolio", "buckets", 0): 21,
        ("portfolio", "buckets", 0, "accounts"): 21,
        ("portfolio", "buckets", 1): 23,
        ("portfolio", "buckets", 1, "balance"): 23,
        ("portfolio", "buckets", 2, "age"): 24,
        ("sections",): 27,
        ("sections", 0): 27,
        ("sections", 0, "id"): 28,
        ("sections", 0, "questions", 0): 30,
        ("sections", 0, "questions", 0, "id"): 31,
        ("sections", 0, "questions", 0, "text"): 32,
        ("sections", 0, "questions", 1, "id"): 35,
        ("sections", 1): 37,
        ("sections", 1, "id"): 38,
        ("sections", 1, "meta", "x"): 41,
        ("sections", 1, "questions", 0): 43,
        ("sections", 1, "questions", 0, "id"): 44,
        ("sections", 1, "questions", 0, "text"): 45,
        ("sections", 1, "questions", 0, "nested", "a", "b", 1): 46,
        ("scores", "brightpath", "cx.portal"): 49,
    }
    assert {k: lines.get(k) for k in expected} == expected
    # nothing inside strings or comments is taken for a key or header
    assert ("fake",) not in lines and ("not",) not in lines and ("key",) not in lines
    assert ("sections", 2) not in lines and ("sections", 0, "questions", 2) not in lines


def test_key_lines_with_windows_line_endings() -> None:
    text = 'name = "A"\r\n\r\n[fees]\r\ncontingency = [\r\n  { age = "0+", rate = 0.2 },\r\n]\r\n'
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("fees", "contingency", 0, "rate")] == 5
    assert lines[("fees",)] == 3


def test_key_lines_in_inline_tables_with_every_kind_of_key() -> None:
    text = 'rows = [\n  { "a b" = 1, c.d = 2 },\n  {e=3,\'f\'=4, g . h = 5},\n  { i = { j = 6 } }\n]\n'
    data = tomllib.loads(text)
    assert data["rows"][1] == {"e": 3, "f": 4, "g": {"h": 5}}
    lines = key_lines(text)
    assert lines[("rows", 0, "a b")] == 2 and lines[("rows", 0, "c", "d")] == 2
    assert [lines[("rows", 1, k)] for k in ("e", "f")] == [3, 3] and lines[("rows", 1, "g", "h")] == 3
    assert lines[("rows", 2, "i", "j")] == 4 and ("rows", 3) not in lines


def test_key_lines_never_raises_on_text_it_cannot_follow() -> None:
    assert key_lines("a = [1,\n") == {("a",): 1, ("a", 0): 1}
    assert key_lines("") == {}
    assert key_lines("[[x") == {("x",): 1, ("x", 0): 1}  # keeps what it found


def test_line_of_falls_back_to_the_nearest_parent_then_1() -> None:
    lines: dict[tuple[str | int, ...], int] = {("fees",): 4, ("fees", "contingency"): 5}
    assert line_of(lines, ("fees", "contingency", 0, "rate")) == 5
    assert line_of(lines, ("fees", "setup_cost")) == 4
    assert line_of(lines, ("name",)) == 1
    assert line_of(lines, ()) == 1


def test_format_key_and_problem_line() -> None:
    assert format_key(("fees", "contingency", 0, "rate")) == "fees.contingency[0].rate"
    assert format_key(("scores", "brightpath", "cx.portal")) == 'scores.brightpath."cx.portal"'
    assert format_key(()) == "(document)"
    assert str(Problem("v.toml", 3, "kind", "bad")) == "v.toml:3: kind: bad"


def test_a_problem_is_always_one_line(tmp_path: Path) -> None:
    """Keys and values quoted from the file may hold line breaks; the output must not."""
    path = write(tmp_path, "v.toml", 'name = "A"\nkind = "agency"\n"web\\nsite" = 1\n[scores]\n"a\\u2028b" = "x"\n')
    problems = load_file(path).problems
    assert len(problems) == 2
    for problem in problems:
        assert len(str(problem).splitlines()) == 1
    assert str(problems[0]).startswith(f"{path}:3: \"web\\nsite\": unknown key")


def test_a_folder_is_read_in_name_order(tmp_path: Path) -> None:
    """By each name's characters, as the paths themselves sort ('-' before '.', capitals
    before small letters, accented letters last)."""
    names = ["b.toml", "ä.toml", "a.toml", "A.toml", "a-b.toml", "a10.toml", "a9.toml"]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    found = folder_files(tmp_path)
    assert [p.name for p in found] == ["A.toml", "a-b.toml", "a.toml", "a10.toml", "a9.toml", "b.toml", "ä.toml"]
    assert found == sorted(tmp_path.glob("*.toml"))
