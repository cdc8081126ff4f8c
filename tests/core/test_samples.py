"""The bundled samples: one vendor folder per RFP, named by its template, shipped as real files.

The package holds copies of the repository's top-level `rfp_templates/`, `sample_vendors/`
and `sample_portfolios/` (links would break a Windows checkout and a wheel built from one);
the first test keeps the copies identical, so an edit to one side cannot be forgotten.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from vendortui.core.problems import ProblemsError
from vendortui.files import samples
from vendortui.files.options import LoadOptions, template_vendors, vendor_files
from vendortui.files.paths import shown
from vendortui.files.validation import validate
from vendortui.files.workspace import open_workspace

REPO = Path(__file__).resolve().parents[2]
FOLDERS = ("rfp_templates", "sample_vendors", "sample_portfolios")


def tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if not p.is_dir()}


@pytest.mark.parametrize("name", FOLDERS)
def test_the_package_holds_real_copies_of_the_repository_samples(name: str) -> None:
    ours, packaged = REPO / name, samples.SAMPLES / name
    assert not packaged.is_symlink() and packaged.is_dir()
    left, right = tree(ours), tree(packaged)
    assert sorted(left) == sorted(right), f"copy {name}/ into src/vendortui/samples/ again"
    for rel, path in right.items():
        assert not path.is_symlink(), rel
        assert filecmp.cmp(left[rel], path, shallow=False), f"{rel} differs: copy {name}/ into src/vendortui/samples/ again"


def test_each_template_names_its_own_vendor_folder() -> None:
    for template, folder in (("collection-partner", "us"), ("uk-consumer-lender", "uk")):
        path = REPO / "rfp_templates" / f"{template}.toml"
        assert template_vendors(path) == shown(REPO / "sample_vendors" / folder)
        ws = open_workspace(LoadOptions(template=path))
        assert ws.vendors_dir == shown(REPO / "sample_vendors" / folder)
        assert {v.vid for v in ws.vendors} == {p.stem for p in (REPO / "sample_vendors" / folder).glob("*.toml")}
        assert ws.problems == []


def test_the_uk_folder_holds_the_pound_bidders_and_the_us_folder_the_others() -> None:
    uk = open_workspace(LoadOptions(template=REPO / "rfp_templates" / "uk-consumer-lender.toml"))
    us = open_workspace(LoadOptions())
    assert {v.vid for v in uk.vendors} == {"calderbrook", "larkspire", "merrowgate", "wrenfield"}
    assert not {v.vid for v in uk.vendors} & {v.vid for v in us.vendors}
    assert len(us.vendors) == 8


def test_the_default_run_loads_without_a_warning_or_a_problem() -> None:
    ws = open_workspace(LoadOptions())
    assert ws.problems == [] and ws.warnings == []
    assert len(vendor_files(LoadOptions()) or []) == len(ws.vendors)


def test_vendors_option_and_session_come_before_the_template_key(tmp_path: Path) -> None:
    shutil.copytree(REPO / "sample_vendors" / "uk", tmp_path / "mine")
    template = REPO / "rfp_templates" / "uk-consumer-lender.toml"
    ws = open_workspace(LoadOptions(template=template, vendors=tmp_path / "mine"))
    assert ws.vendors_dir == tmp_path / "mine"
    (tmp_path / "a.session.toml").write_text('vendors = "mine"\n', encoding="utf-8")
    ws = open_workspace(LoadOptions(template=template, session=tmp_path / "a.session.toml"))
    assert ws.vendors_dir == tmp_path / "mine"


def test_a_template_naming_a_missing_folder_is_a_problem_of_that_line(tmp_path: Path) -> None:
    text = (REPO / "rfp_templates" / "uk-consumer-lender.toml").read_text(encoding="utf-8")
    bad = tmp_path / "t.toml"
    bad.write_text(text.replace('vendors = "../sample_vendors/uk"', 'vendors = "nowhere"'), encoding="utf-8")
    line = next(i for i, s in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if s.startswith("vendors ="))
    with pytest.raises(ProblemsError) as raised:
        open_workspace(LoadOptions(template=bad))
    [problem] = raised.value.problems
    assert (problem.line, problem.key) == (line, "vendors")
    assert "no such folder" in problem.message and "relative to the template file" in problem.message
    report = validate([bad])
    assert [(p.line, p.key) for p in report.problems] == [(line, "vendors")]


def test_a_blank_vendors_key_is_refused(tmp_path: Path) -> None:
    text = (REPO / "rfp_templates" / "uk-consumer-lender.toml").read_text(encoding="utf-8")
    bad = tmp_path / "t.toml"
    bad.write_text(text.replace('vendors = "../sample_vendors/uk"', 'vendors = " "'), encoding="utf-8")
    assert [p.key for p in validate([bad]).problems] == ["vendors"]


def test_problem_paths_are_relative_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert shown(REPO / "sample_vendors" / "us" / "x.toml") == Path("sample_vendors/us/x.toml")
    assert shown(REPO / "rfp_templates" / ".." / "sample_vendors") == Path("sample_vendors")
    assert shown(tmp_path / "x.toml") == tmp_path / "x.toml"  # outside: as given
    assert not samples.vendors_dir().is_absolute()
    monkeypatch.chdir(tmp_path)
    assert samples.vendors_dir() == samples.SAMPLES / "sample_vendors" / "us"  # the package is elsewhere


def test_the_command_line_prints_problem_paths_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from vendortui.cli import main

    shutil.copytree(REPO / "sample_vendors" / "us", tmp_path / "vendors")
    (tmp_path / "vendors" / "bad.toml").write_text('id = "bad"\nname = "Bad"\nkind = "agency"\nbogus = 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["validate", str(tmp_path / "vendors")])  # named by its absolute path
    out = capsys.readouterr().out
    assert "vendors/bad.toml:4: bogus: unknown key" in out and str(tmp_path) not in out
    main(["rank", "--vendors", str(tmp_path / "vendors"), "--template", str(REPO / "rfp_templates" / "collection-partner.toml")])
    err = capsys.readouterr().err
    assert err.startswith("vendors/bad.toml:4: bogus:") and str(tmp_path) not in err
