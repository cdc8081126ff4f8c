"""`vendortui new-vendor ID`: a skeleton that validates and lists every question."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UK = REPO / "rfp_templates" / "uk-consumer-lender.toml"



def question_ids(template: Path) -> list[str]:
    data = tomllib.loads(template.read_text())
    return [q["id"] for s in data["sections"] for q in s["questions"]]


def test_skeleton_has_every_question_as_an_empty_answer_and_validates(run_cli, tmp_path: Path) -> None:
    r = run_cli("new-vendor", "acme-recovery")
    assert r.returncode == 0, r.stderr
    data = tomllib.loads(r.stdout)
    assert data["id"] == "acme-recovery"
    main = REPO / "rfp_templates" / "collection-partner.toml"
    assert list(data["answers"]) == question_ids(main)
    assert set(data["answers"].values()) == {""}
    path = tmp_path / "acme-recovery.toml"
    path.write_text(r.stdout)
    checked = run_cli("validate", str(path), "--template", str(main))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_template_option_and_out_file(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "vendors"
    out.mkdir()
    r = run_cli("new-vendor", "brit-collect", "--template", str(UK), "--out", str(out))
    assert r.returncode == 0, r.stderr
    written = out / "brit-collect.toml"
    assert list(tomllib.loads(written.read_text())["answers"]) == question_ids(UK)
    # never overwrites a profile someone is filling in
    written.write_text(written.read_text().replace('"TODO: the vendor\'s name"', '"Brit Collect"'))
    again = run_cli("new-vendor", "brit-collect", "--template", str(UK), "--out", str(written))
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert '"Brit Collect"' in written.read_text()


def test_bad_id_and_missing_template_are_usage_errors(run_cli, tmp_path: Path) -> None:
    r = run_cli("new-vendor", "Acme Recovery")
    assert r.returncode == 2 and "a-z, 0-9" in r.stderr
    r = run_cli("new-vendor", "acme", "--template", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and "not found" in r.stderr
    assert "Traceback" not in r.stderr
