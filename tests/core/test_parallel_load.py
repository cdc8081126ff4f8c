"""Reading a big folder on several cores gives exactly what reading it in order gives."""

from __future__ import annotations

from pathlib import Path

from vendortui.files import reading
from vendortui.files.loading import load_folder


def write_vendors(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        rate = (i % 40) / 100
        (folder / f"v{i:04d}.toml").write_text(
            f'name = "Vendor {i}"\nkind = "agency"\n[fees]\ncontingency = 0.2\n'
            f'[performance]\nrecovery = [ {{ age = "0-90", rate = {rate} }}, {{ age = "91+", rate = 0.05 }} ]\n'
        )
    (folder / "v0007.toml").write_text('name = "Broken"\nkind = "agency"\n[fees]\ncontingency = 1.5\n')
    (folder / "v0100.toml").write_bytes(b"\xff\xfe garbage")


def test_parallel_read_matches_sequential(tmp_path: Path) -> None:
    n = reading.PARALLEL_MIN_FILES + 10
    write_vendors(tmp_path / "vendors", n)
    good_seq, problems_seq = load_folder(tmp_path / "vendors", parallel=False)
    good_par, problems_par = load_folder(tmp_path / "vendors", parallel=True)
    assert [g.model for g in good_par] == [g.model for g in good_seq]
    assert problems_par == problems_seq
    assert len(good_par) == n - 2
    assert [p.path.rsplit("/", 1)[-1] for p in problems_par] == ["v0007.toml", "v0100.toml"]
    assert problems_par[0].line == 4 and problems_par[0].key == "fees.contingency"


def test_a_prefetched_folder_is_read_once_and_gives_the_same_result(tmp_path: Path) -> None:
    from vendortui.files import reading

    n = reading.PARALLEL_MIN_FILES + 10
    write_vendors(tmp_path / "vendors", n)
    good_seq, problems_seq = load_folder(tmp_path / "vendors", parallel=False)
    reading.prefetch(tmp_path / "vendors")
    assert len(reading._prefetched) == 1
    good, problems = load_folder(tmp_path / "vendors", parallel=True)
    assert reading._prefetched == {}  # taken, not read a second time
    assert [g.model for g in good] == [g.model for g in good_seq] and problems == problems_seq


def test_a_folder_that_changed_after_its_prefetch_is_read_as_it_is_now(tmp_path: Path) -> None:
    from vendortui.files import reading

    n = reading.PARALLEL_MIN_FILES + 10
    write_vendors(tmp_path / "vendors", n)
    reading.prefetch(tmp_path / "vendors")
    stale = next(iter(reading._prefetched.values()))
    (tmp_path / "vendors" / "zzz-new.toml").write_text('name = "Newcomer"\nkind = "in_house"\n')
    good, _ = load_folder(tmp_path / "vendors", parallel=True)
    assert reading._prefetched == {}
    assert stale._pending == type(stale._pending)()  # the stale read-ahead was shut down
    assert "Newcomer" in {g.model.name for g in good}
    assert len(good) == n - 2 + 1


def test_prefetching_a_missing_folder_or_a_small_one_does_nothing(tmp_path: Path) -> None:
    from vendortui.files import reading

    reading.prefetch(tmp_path / "missing")
    write_vendors(tmp_path / "few", 5)
    reading.prefetch(tmp_path / "few")
    assert reading._prefetched == {}
