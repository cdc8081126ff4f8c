"""`vendortui new-vendor ID`: a skeleton that validates and lists every question."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.cli_runner import RunCli

REPO = Path(__file__).resolve().parents[2]
UK = REPO / "rfp_templates" / "uk-consumer-lender.toml"



def question_ids(template: Path) -> list[str]:
    data = tomllib.loads(template.read_text())
    return [q["id"] for s in data["sections"] for q in s["questions"]]


def test_skeleton_has_every_question_as_an_empty_answer_and_validates(run_cli: RunCli, tmp_path: Path) -> None:
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


def test_template_option_and_out_file(run_cli: RunCli, tmp_path: Path) -> None:
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


def test_bad_id_and_missing_template_are_usage_errors(run_cli: RunCli, tmp_path: Path) -> None:
    r = run_cli("new-vendor", "Acme Recovery")
    assert r.returncode == 2 and "a-z, 0-9" in r.stderr
    r = run_cli("new-vendor", "acme", "--template", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and "not found" in r.stderr
    assert "Traceback" not in r.stderr


def test_vendors_option_writes_into_that_folder(run_cli: RunCli, tmp_path: Path) -> None:
    r = run_cli("new-vendor", "acme", "--vendors", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    written = tmp_path / "acme.toml"
    assert tomllib.loads(written.read_text())["id"] == "acme"
    before = written.read_text()
    again = run_cli("new-vendor", "acme", "--vendors", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert written.read_text() == before
    missing = run_cli("new-vendor", "acme", "--vendors", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "--vendors must be a folder" in missing.stderr


def test_session_option_takes_the_sessions_template(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "uk.toml").write_text(UK.read_text(encoding="utf-8"), encoding="utf-8")
    session = tmp_path / "review.session.toml"
    session.write_text('template = "uk.toml"\nevaluator = "Sam Okafor"\n', encoding="utf-8")
    r = run_cli("new-vendor", "brit-collect", "--session", str(session))
    assert r.returncode == 0, r.stderr
    assert list(tomllib.loads(r.stdout)["answers"]) == question_ids(UK)
    missing = run_cli("new-vendor", "brit-collect", "--session", str(tmp_path / "none.session.toml"))
    assert missing.returncode == 2 and "session not found" in missing.stderr
    device = tmp_path / "device.session.toml"
    device.symlink_to("/dev/zero")
    refused = run_cli("new-vendor", "brit-collect", "--session", str(device))
    assert refused.returncode == 1 and refused.stdout == ""
    assert "is not a regular file" in refused.stderr


def test_a_sessions_template_path_reaches_the_terminal_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    session = tmp_path / "esc.session.toml"
    session.write_text('template = "x\\u001b[31mred.toml"\nevaluator = "Sam"\n', encoding="utf-8")
    r = run_cli("new-vendor", "acme", "--session", str(session))
    assert r.returncode == 2
    assert "\x1b" not in r.stderr
    assert "template not found: " in r.stderr and "\\x1b[31mred.toml" in r.stderr
