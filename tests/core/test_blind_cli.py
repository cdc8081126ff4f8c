"""Blind on the command line: the flag cannot be lost (before or after the command, a blind
session, a panel), no name and no money in any output, and aliases nobody chose."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.cli_runner import invoke
from vendortui.core.blinding import assign
from vendortui.core.masking import folded_text

REPO = Path(__file__).resolve().parents[2]
US = REPO / "sample_vendors" / "us"  # the vendors a run uses by default
EVERY = sorted((REPO / "sample_vendors").rglob("*.toml"))
NAMES = [tomllib.loads(p.read_text(encoding="utf-8"))["name"] for p in EVERY]
ALL_IDS = [p.stem for p in EVERY]
IDS = sorted(p.stem for p in US.glob("*.toml"))
LETTERS = "abcdefghijklmnopqrstuvwxyz"[: len(IDS)]
assert len(IDS) >= 4 and NAMES
MONEY = re.compile(r"[$£€]\s?\d|\d\s?(?:USD|GBP|EUR)\b|\(-?\d{1,3}(?:,\d{3})+\)|\d+(?:\.\d+)?c\b")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`vendortui ARGS` in this process (the shared runner: output captured, state restored)."""
    result = invoke(*argv)
    return result.returncode, result.stdout, result.stderr


def assert_blind(text: str) -> None:
    low = text.lower()
    for name in NAMES:
        assert name.lower() not in low, name
    for vid in ALL_IDS:
        assert vid not in low, vid  # a file name names the vendor
    assert not MONEY.search(text), MONEY.search(text)


def exported(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))


@pytest.mark.parametrize("argv", [["--blind", "export"], ["export", "--blind"]])
def test_blind_before_or_after_the_command_exports_blind(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--out", str(tmp_path / "out"))
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert files == ["shortlist.md", *[f"vendor-{c}.md" for c in LETTERS]]
    assert_blind(out + err + exported(tmp_path / "out"))
    assert "[amount]" in exported(tmp_path / "out").replace("\\", "")  # escaped in Markdown


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_blind_rank_shows_aliases_and_no_money(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "--blind", "rank", "--format", fmt)
    assert code == 0, err
    assert_blind(out + err)
    assert "Vendor A" in out or "vendor-a" in out
    if fmt == "json":
        rows = json.loads(out)
        assert all(r["net"] is None and r["gross"] is None and r["fees"] is None for r in rows)


def blind_session(tmp_path: Path) -> Path:
    path = tmp_path / "blind.session.toml"
    path.write_text(tomli_w.dumps({
        "template": str(REPO / "rfp_templates" / "collection-partner.toml"), "vendors": str(US),
        "evaluator": "Sam", "blind": True, "blind_seed": 12345,
    }), encoding="utf-8")
    return path


def test_a_blind_session_is_blind_for_rank_and_export_without_the_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    session = blind_session(tmp_path)
    code, out, err = run(capsys, "rank", "--session", str(session), "--format", "json")
    assert code == 0, err
    assert_blind(out + err)
    code, out, err = run(capsys, "export", "--session", str(session), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert_blind(out + err + exported(tmp_path / "out"))


@pytest.mark.parametrize("command", ["analyze", "plan"])
def test_money_commands_refuse_a_blind_review(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str) -> None:
    code, out, err = run(capsys, command, "--session", str(blind_session(tmp_path)))
    assert code == 2 and "blind" in err and not out
    code, out, err = run(capsys, "--blind", command)
    assert code == 2 and "--blind" in err and not out


@pytest.mark.parametrize("command", [["validate"], ["new-vendor", "x"], ["history", "s.session.toml"]])
def test_blind_on_a_command_that_cannot_be_blind_is_a_usage_error(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, err = run(capsys, "--blind", *command)
    assert code == 2 and "--blind applies to" in err and not out


def test_a_panel_with_blind_is_blind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    board = tmp_path / "sample_panel" / "board.panel.toml"
    code, out, err = run(capsys, "rank", "--panel", str(board), "--blind", "--format", "json")
    assert code == 0, err
    assert_blind(out + err)
    named = json.loads(run(capsys, "rank", "--panel", str(board), "--format", "json")[1])
    blind = json.loads(out)
    assert sorted(r["total"] for r in blind) == sorted(r["total"] for r in named)  # same scores, merged by vendor


def test_blind_problems_name_aliases_and_no_figure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    vendors = tmp_path / "vendors"
    shutil.copytree(US, vendors)
    (vendors / "zz-broken-acme.toml").write_text('name = "Acme Debt"\nkind = "agency"\nfees = 3\n', encoding="utf-8")
    # Shortlisted by rank alone, the loss-maker (Ledgerline) is warned about with its figure.
    template = tmp_path / "rfp.toml"
    template.write_text("shortlist_losses = true\n" + (REPO / "rfp_templates" / "collection-partner.toml").read_text(
        encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, "--blind", "rank", "--vendors", str(vendors), "--template", str(template))
    assert code == 1
    assert "Vendor" in err and "[amount]" in err  # the shortlisted vendor losing money, by alias
    assert_blind(out + err)
    assert "acme" not in err.lower() and "a vendor file" in err


def test_blind_on_a_session_scored_by_name_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "named.session.toml"
    path.write_text(tomli_w.dumps({"evaluator": "Sam", "scores": {"brightpath": {"cx.portal": 4}}}), encoding="utf-8")
    code, _, err = run(capsys, "--blind", "rank", "--session", str(path))
    assert code == 2 and "scored with the vendors' names" in err


# --- aliases --------------------------------------------------------------------------------


def test_aliases_follow_the_seed_not_the_id_a_bidder_chose() -> None:
    ids = ["aaa-first", *IDS]
    firsts = {assign(ids, seed).to_alias["aaa-first"] for seed in range(40)}
    assert len(firsts) > 3  # "aaa-first" is not Vendor A whatever the seed
    assert assign(ids, 7).to_alias == assign(ids, 7).to_alias


def test_a_vendor_added_later_moves_nobody() -> None:
    before = assign(IDS, 99)
    after = assign([*IDS, "newcomer"], 99, before.order)
    assert all(after.to_alias[v] == a for v, a in before.to_alias.items())
    assert after.to_alias["newcomer"] == f"vendor-{chr(ord('a') + len(IDS))}"
    gone = assign(IDS[1:], 99, before.order)
    assert all(gone.to_alias[v] == before.to_alias[v] for v in IDS[1:])


def test_the_blind_export_names_files_by_alias_in_the_seeds_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    session = blind_session(tmp_path)
    run(capsys, "export", "--session", str(session), "--out", str(tmp_path / "out"))
    mapping = assign(IDS, 12345).to_alias
    assert sorted(mapping.values()) == [f"vendor-{c}" for c in LETTERS]
    assert [mapping[v] for v in sorted(IDS)] != sorted(mapping.values())  # not the id order
    harbor = (tmp_path / "out" / f"{mapping['harbor-capital']}.md").read_text(encoding="utf-8")
    assert "debt buyer" in harbor and "harbor" not in folded_text(harbor)


def test_a_member_who_scored_blind_is_merged_by_vendor(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from vendortui.core.blinding import rekeyed
    from vendortui.core.session_models import Session

    for name in ("sample_panel", "sample_vendors", "rfp_templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    board = tmp_path / "sample_panel" / "board.panel.toml"
    named = json.loads(run(capsys, "rank", "--panel", str(board), "--format", "json")[1])
    member = tmp_path / "sample_panel" / "cx.session.toml"
    data = tomllib.loads(member.read_text(encoding="utf-8"))
    blinding = assign(IDS, 4242)
    session = rekeyed(Session.model_validate(data), blinding.to_alias)
    blind = session.model_dump(exclude_none=True, by_alias=True) | {
        "blind": True, "blind_seed": 4242, "blind_order": blinding.order}
    member.write_text(tomli_w.dumps(blind), encoding="utf-8")
    assert "vendor-" in member.read_text(encoding="utf-8")
    code, out, err = run(capsys, "rank", "--panel", str(board), "--format", "json")
    assert code == 0, err
    assert [(r["id"], r["total"]) for r in json.loads(out)] == [(r["id"], r["total"]) for r in named]


def test_a_file_not_read_quotes_nothing_and_names_no_other_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    vendors = tmp_path / "vendors"
    shutil.copytree(US, vendors)
    shutil.copy(vendors / "brightpath.toml", vendors / "zz-copy.toml")  # the same id: neither is used
    code, out, err = run(capsys, "--blind", "rank", "--vendors", str(vendors))
    assert code == 1 and "also used by a vendor file" in err and "'…'" in err
    assert_blind(out + err)
    assert "zz-copy" not in err and str(vendors) not in err


def test_a_blind_session_of_an_earlier_version_keeps_its_scores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = blind_session(tmp_path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    del data["blind_seed"]
    data["scores"] = {"brightpath": {"cx.portal": 0}}  # keyed by vendor id, as blind sessions once were
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    before = json.loads(run(capsys, "rank", "--session", str(path), "--format", "json")[1])
    data["scores"] = {"brightpath": {"cx.portal": 5}}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    after = json.loads(run(capsys, "rank", "--session", str(path), "--format", "json")[1])
    assert sorted(r["total"] for r in before) != sorted(r["total"] for r in after)  # the score counts


def test_a_file_not_read_at_all_keeps_our_words_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Its name is hidden, but masked inside our own message it garbled it: a FIFO named
    `fifo.toml` read "(a the vendor, a device or a socket)", an empty `empty.toml` "the vendor file"."""
    import os

    vendors = tmp_path / "vendors"
    shutil.copytree(US, vendors)
    os.mkfifo(vendors / "fifo.toml")
    os.mkfifo(vendors / "file.toml")  # nor the key "(file)" turned "(vendor)"
    (vendors / "empty.toml").write_text("", encoding="utf-8")
    (vendors / "acme-collections.toml").write_bytes(b"\xff\xfe not text")
    code, out, err = run(capsys, "--blind", "rank", "--vendors", str(vendors))
    assert code == 1
    fifo = "a vendor file:0: (file): is not a regular file (a FIFO, a device or a socket): not read"
    assert err.count(fifo) == 2
    assert "a vendor file:1: (file): empty file" in err
    assert "(file): not UTF-8 text" in err
    assert_blind(out + err)
    assert "acme" not in err.lower() and str(vendors) not in err


def test_a_file_read_but_invalid_still_has_its_name_masked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Where the file's own words stand (its keys), its name is masked as before."""
    vendors = tmp_path / "vendors"
    shutil.copytree(US, vendors)
    (vendors / "acme.toml").write_text('id = "acme"\nname = "x"\nkind = "agency"\n[acme]\nx = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "--blind", "rank", "--vendors", str(vendors))
    assert code == 1 and "a vendor file:4: vendor: unknown key" in err  # the key `acme`, masked
    assert_blind(out + err)
    assert "acme" not in err.lower()
