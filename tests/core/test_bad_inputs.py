"""Every bad-input case under tests/data/bad/ gives exactly the problems expected.json lists.

A case is a file `bad/<case>.toml` or, when it needs several files (a vendor and the
template whose portfolio it must cover, a session and its template, two vendors sharing an
id), a folder `bad/<case>/`. `expected.json` maps each case to the problems the real
command must print, as `path:line: key: ...message...`, and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
EXPECTED: dict[str, list[dict]] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


def case_path(case: str) -> Path:
    folder = BAD / case
    return folder if folder.is_dir() else BAD / f"{case}.toml"


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    on_disk = {p.name.removesuffix(".toml") for p in BAD.iterdir() if p.name != "expected.json"}
    assert on_disk == set(EXPECTED)
    for case, problems in EXPECTED.items():
        assert problems, f"{case}: a bad case must expect at least one problem"
        for problem in problems:
            assert set(problem) == {"file", "line", "key", "message"}, case
            assert (case_path(case) / problem["file"] if case_path(case).is_dir() else case_path(case)).is_file()


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_case_is_reported(run_cli, case: str):
    target = case_path(case)
    arg = target.name  # run from the bad/ folder so printed paths are short and known
    result = run_cli("validate", arg, cwd=BAD)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "internal error" not in output
    assert result.returncode == 1, output

    lines = [line for line in result.stdout.splitlines() if ": warning: " not in line]  # warnings: elsewhere
    for problem in EXPECTED[case]:
        shown = f"{arg}/{problem['file']}" if target.is_dir() else arg
        prefix = f"{shown}:{problem['line']}: {problem['key']}: "
        matching = [line for line in lines if line.startswith(prefix) and problem["message"] in line[len(prefix):]]
        assert matching, f"expected a line starting {prefix!r} containing {problem['message']!r}; got:\n{result.stdout}"
    # Every problem of the case is reported at once, and nothing else is.
    assert len(lines) == len(EXPECTED[case]), result.stdout
    assert "problem" in result.stderr  # the summary line goes to stderr


def test_three_errors_in_one_file_give_three_lines():
    """All problems of a file are reported together, not only the first pydantic meets."""
    assert len(EXPECTED["three-errors"]) == 3
    assert len({p["key"] for p in EXPECTED["three-errors"]}) == 3


def test_all_bad_cases_together_report_every_expected_problem(run_cli):
    """Validating many paths in one run reports the problems of each of them."""
    cases = sorted(EXPECTED)
    result = run_cli("validate", *(case_path(c).name for c in cases), cwd=BAD)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for case in cases:
        for problem in EXPECTED[case]:
            shown = f"{case}/{problem['file']}" if case_path(case).is_dir() else f"{case}.toml"
            prefix = f"{shown}:{problem['line']}: {problem['key']}: "
            assert any(line.startswith(prefix) and problem["message"] in line for line in lines), prefix
    files = sum(len(list(case_path(c).rglob("*.toml"))) if case_path(c).is_dir() else 1 for c in cases)
    assert f"{files} files checked" in result.stderr
