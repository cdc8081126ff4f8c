"""Checks that relate files: vendors against a standalone portfolio, sessions against templates."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "rfp_templates" / "collection-partner.toml"



def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_portfolio_option_checks_band_coverage(run_cli, tmp_path: Path) -> None:
    book = write(tmp_path / "book.toml", '[portfolio]\nbuckets = [ { age = "31-60", balance = 1000 } ]\n')
    vendor = write(tmp_path / "late.toml", 'name = "Late"\nkind = "agency"\n[performance]\nrecovery = [ { age = "61+", rate = 0.1 } ]\n')
    r = run_cli("validate", str(vendor), "--portfolio", str(book))
    assert r.returncode == 1
    assert f"{vendor}:4: performance.recovery: no band of vendor 'late' contains day 31" in r.stdout
    # the same vendor alone has nothing to be checked against
    assert run_cli("validate", str(vendor)).returncode == 0
    # a missing --portfolio is a usage error
    assert run_cli("validate", str(vendor), "--portfolio", str(tmp_path / "nope.toml")).returncode == 2


def test_a_portfolio_file_in_the_same_run_checks_coverage(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "book.toml", '[portfolio]\nbuckets = [ { age = "0-30", balance = 1000 } ]\n')
    write(tmp_path / "late.toml", 'name = "Late"\nkind = "agency"\n[fees]\ncontingency = [ { age = "31+", rate = 0.2 } ]\n')
    r = run_cli("validate", str(tmp_path))
    assert r.returncode == 1
    assert "fees.contingency: no band of vendor 'late' contains day 0" in r.stdout


def test_a_decision_on_an_automatic_requirement_is_reported(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "template.toml", TEMPLATE.read_text())
    session = write(
        tmp_path / "r.session.toml",
        'template = "template.toml"\n[requirements.brightpath]\n"req.pci" = false\n"req.encryption" = true\n',
    )
    r = run_cli("validate", str(session))
    assert r.returncode == 1
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(f"{session}:3: requirements.brightpath.\"req.pci\": requirement 'req.pci' is checked automatically")
