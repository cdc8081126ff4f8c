"""`vendortui validate` with the data options every command takes (SPEC "Command line"):
`--vendors DIR` checks that folder as `rank --vendors DIR` would read it, `--session` and
`--panel` their files, `--weights` against the template, and a `--template` that does not load
is a problem, never silence."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.cli_runner import RunCli
from vendortui.core.weights import ALL_ZERO
from vendortui.files import samples

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = samples.vendors_dir() / "brightpath.toml"
BAD_VENDOR = 'name = "Broken Recovery"\nkind = "agency"\n\n[fees]\ncontingency = 2.5\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A vendor folder of one good sample vendor and one broken file."""
    here = tmp_path / "bids"
    here.mkdir()
    shutil.copy(SAMPLE, here / "brightpath.toml")
    (here / "broken.toml").write_text(BAD_VENDOR, encoding="utf-8")
    return here


@pytest.mark.parametrize("before", [False, True], ids=["after-the-command", "before-the-command"])
def test_vendors_option_checks_that_folder_and_not_the_samples(run_cli: RunCli, folder: Path, before: bool) -> None:
    argv = ["--vendors", str(folder), "validate"] if before else ["validate", "--vendors", str(folder)]
    result = run_cli(*argv)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{folder / 'broken.toml'}:5: fees.contingency: "), lines
    assert "2 files checked (1 vendor): 1 problem" in result.stderr  # the folder's files, not the samples'


def test_vendors_option_reads_the_folder_as_rank_does_not_its_subfolders(run_cli: RunCli, folder: Path) -> None:
    (folder / "broken.toml").rename(folder / "old.txt")
    (folder / "archive").mkdir()
    (folder / "archive" / "broken.toml").write_text(BAD_VENDOR, encoding="utf-8")
    shutil.copy(SAMPLE, folder / "archive" / "brightpath.toml")  # the same id, in a folder rank never reads
    result = run_cli("validate", "--vendors", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file checked (1 vendor): ok" in result.stderr
    assert run_cli("validate", str(folder)).returncode == 1  # a path is checked all the way down


def test_vendors_option_checks_the_bands_against_the_bundled_template(run_cli: RunCli, tmp_path: Path) -> None:
    """Valid on its own, the vendor leaves the bundled book's 91-180 bucket without a band:
    the folder as a path is fine, the folder as `--vendors` is what `rank` would refuse."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert '{ age = "91-180", rate = 0.17' in text
    (tmp_path / "brightpath.toml").write_text(text.replace('{ age = "91-180", rate = 0.17', '{ age = "100-180", rate = 0.17'),
                                              encoding="utf-8")
    assert run_cli("validate", str(tmp_path)).returncode == 0
    result = run_cli("validate", "--vendors", str(tmp_path))
    assert result.returncode == 1
    assert re.fullmatch(rf"{re.escape(str(tmp_path / 'brightpath.toml'))}:\d+: performance\.recovery: no band of vendor "
                        r"'brightpath' contains day 91, .*", result.stdout.strip()), result.stdout
    with_template = run_cli("validate", "--vendors", str(tmp_path), "--template", str(DATA / "good" / "esg-template.toml"))
    assert "contains day 91" not in with_template.stdout  # --template, when given, is the reference


@pytest.mark.parametrize("option", ["--vendors", "--session", "--panel"])
def test_a_data_option_naming_nothing_is_a_usage_error(run_cli: RunCli, tmp_path: Path, option: str) -> None:
    missing = tmp_path / "nowhere"
    result = run_cli("validate", option, str(missing))
    assert result.returncode == 2
    assert f"no such file or folder: {missing}" in result.stderr


def test_session_option_checks_the_session(run_cli: RunCli, tmp_path: Path) -> None:
    session = tmp_path / "review.session.toml"
    session.write_text((DATA / "good" / "review.session.toml").read_text(encoding="utf-8") + "\nbogus = 1\n",
                       encoding="utf-8")
    result = run_cli("validate", "--session", str(session))
    assert result.returncode == 1
    assert re.fullmatch(rf"{re.escape(str(session))}:\d+: \S*bogus: .*", result.stdout.strip()), result.stdout


def test_weights_option_is_checked_against_the_template(run_cli: RunCli) -> None:
    unknown = run_cli("validate", "--weights", "no_such_criterion=3")
    assert unknown.returncode == 2
    assert "--weights: unknown criterion 'no_such_criterion'" in unknown.stderr
    criteria = ("customer_focus", "compliance", "portfolio_performance", "insights_technology", "scalability",
                "fee_structure")
    zero = run_cli("validate", "--weights", ",".join(f"{c}=0" for c in criteria))
    assert zero.returncode == 2
    assert ALL_ZERO in zero.stderr
    assert run_cli("validate", "--weights", "customer_focus=40").returncode == 0


def test_a_template_that_does_not_load_is_a_problem(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    (folder / "broken.toml").unlink()
    template = tmp_path / "t.toml"
    template.write_text('title = "RFP"\nscale = "five"\n', encoding="utf-8")
    assert run_cli("validate", str(folder)).returncode == 0
    result = run_cli("validate", str(folder), "--template", str(template))
    assert result.returncode == 1
    assert f"{template}:2: scale: " in result.stdout
