"""`vendortui validate` end to end: exit codes, what is reported, and fuzzed input."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from tests.cli_runner import CliResult
from vendortui import cli

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = DATA / "good"
BAD_VENDOR = 'name = "Broken Recovery"\nkind = "agency"\n\n[fees]\ncontingency = 2.5\n'
PROBLEM_LINE = re.compile(r"^.+:\d+: \S.*: .+$")



def no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_without_paths_checks_the_bundled_samples(run_cli):
    result = run_cli("validate")
    no_traceback(result)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert re.search(r"(\d+) files checked \(2 templates, (\d+) vendors\): ok", result.stderr), result.stderr


def test_good_fixtures_validate_one_by_one_and_together(run_cli):
    files = sorted(GOOD.glob("*.toml"))
    assert len(files) >= 5
    for path in [*files, GOOD]:
        result = run_cli("validate", str(path))
        no_traceback(result)
        assert result.returncode == 0, f"{path}: {result.stdout}{result.stderr}"
        assert result.stdout == ""
    assert "1 portfolio, 1 session, 1 template, 2 vendors" in result.stderr


def test_folder_with_one_good_and_one_bad_vendor_reports_only_the_bad(run_cli, tmp_path: Path):
    shutil.copy(GOOD / "flat-agency.toml", tmp_path / "good.toml")
    (tmp_path / "broken.toml").write_text(BAD_VENDOR, encoding="utf-8")
    result = run_cli("validate", str(tmp_path))
    no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [f"{tmp_path / 'broken.toml'}:5: fees.contingency: {lines[0].split(': ', 2)[2]}"]
    assert "must be at most 1" in lines[0]
    assert "good.toml" not in result.stdout
    assert "2 files checked (1 vendor): 1 problem" in result.stderr


def test_a_path_that_does_not_exist_is_a_usage_error(run_cli, tmp_path: Path):
    missing = tmp_path / "nowhere.toml"
    result = run_cli("validate", str(GOOD / "flat-agency.toml"), str(missing))
    no_traceback(result)
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert result.stdout == ""


def test_session_with_missing_vendors_folder_is_reported(run_cli, tmp_path: Path):
    shutil.copy(GOOD / "esg-template.toml", tmp_path / "esg-template.toml")
    (tmp_path / "r.session.toml").write_text('template = "esg-template.toml"\nvendors = "vendors"\n', encoding="utf-8")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'r.session.toml'}:2: vendors: no such folder: {tmp_path / 'vendors'} (paths are relative to the session file)"
    ]
    (tmp_path / "vendors").mkdir()
    assert run_cli("validate", str(tmp_path)).returncode == 0


def test_help_exits_0_from_the_script_and_in_process(run_cli, monkeypatch):
    """The installed console script, in a process of its own, prints what `main` prints."""
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps to the terminal: the same width for both
    module = run_cli("--help")
    assert module.returncode == 0
    assert "validate" in module.stdout
    sibling = Path(sys.executable).with_name("vendortui")  # the venv's console script
    script = str(sibling) if sibling.exists() else shutil.which("vendortui")
    assert script, "the vendortui console script is not installed"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout == module.stdout
    sub = run_cli("validate", "--help")
    assert sub.returncode == 0
    assert "PATH" in sub.stdout


# --- fuzzing: whatever is in the file, a report and exit code 0 or 1, never a traceback -----

VALID = (GOOD / "banded-agency.toml").read_text(encoding="utf-8")
TEMPLATE = (GOOD / "esg-template.toml").read_text(encoding="utf-8")


def validate_in_process(content: bytes, name: str = "fuzzed.toml") -> tuple[int, str]:
    """Run `main(["validate", file])` with VENDORTUI_DEBUG set, so that an exception is not
    swallowed by the last-resort handler but fails the test with its traceback."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with mock.patch.dict(os.environ, {"VENDORTUI_DEBUG": "1"}), \
                contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["validate", str(path)])
        text = out.getvalue()
        assert code in (0, 1), text + err.getvalue()
        assert "internal error" not in err.getvalue()
        for line in text.splitlines():
            assert line.startswith(f"{path}:"), line
            assert PROBLEM_LINE.match(line), line
        assert (code == 1) == bool(text)
        return code, text




@given(st.binary(max_size=400))
def test_fuzz_random_bytes(content: bytes):
    validate_in_process(content)


@given(st.text(max_size=400))
def test_fuzz_random_text(content: str):
    validate_in_process(content.encode("utf-8"))


@given(
    st.sampled_from([VALID, TEMPLATE]),
    st.integers(min_value=0, max_value=2000),
    st.integers(min_value=0, max_value=12),
    st.text(alphabet=st.sampled_from(list('"=[]{},.\n #-+0123456789abcxyz_\'')), max_size=12),
    st.sampled_from(["fuzzed.toml", "fuzzed.session.toml"]),
)
def test_fuzz_mutated_valid_files(base: str, start: int, length: int, insert: str, name: str):
    """Small edits of valid files reach past the TOML parser into the models and checks."""
    start = start % (len(base) + 1)
    validate_in_process((base[:start] + insert + base[start + length :]).encode("utf-8"), name)


def test_validating_a_valid_file_in_process_reports_nothing():
    """The fuzz helper itself must see a clean file as clean."""
    assert validate_in_process(VALID.encode("utf-8")) == (0, "")
    code, text = validate_in_process(BAD_VENDOR.encode("utf-8"))
    assert code == 1 and "fees.contingency" in text
