"""The cache of validated vendor files: used only for unchanged files, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from vendortui.core import cache as cache_module
from vendortui.core import reading
from vendortui.core.cache import FolderCache, cache_dir
from vendortui.core.workspace import open_workspace

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_vendors"
TEMPLATE = REPO / "rfp_templates" / "collection-partner.toml"


def age(path: Path, seconds: float = 60) -> None:
    """Files edited a minute ago, as a buyer's vendor folder is (fresh files are never cached)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def vendors(tmp_path: Path) -> Path:
    folder = tmp_path / "vendors"
    shutil.copytree(SAMPLES, folder)
    for path in folder.glob("*.toml"):
        age(path)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the vendor files read from disk (not taken from the cache)."""
    seen: list[str] = []
    real = reading.read_toml

    def counting(path):
        if Path(path).parent != TEMPLATE.parent:  # the template is read every time
            seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(reading, "read_toml", counting)
    return seen


def load(folder: Path, **extra):
    return open_workspace(vendors=folder, template=TEMPLATE, cache=True, **extra)


def test_a_second_load_reads_no_unchanged_file_and_gives_the_same_vendors(vendors: Path, reads: list[str]) -> None:
    first = load(vendors)
    first.vendor_cache.save()
    assert len(reads) == 8
    reads.clear()
    second = load(vendors)
    assert reads == []
    assert [v.model_dump() for v in second.vendors] == [v.model_dump() for v in first.vendors]
    assert [r.id for r in second.rank()] == [r.id for r in first.rank()]
    assert [r.total for r in second.rank()] == [r.total for r in first.rank()]
    assert not second.vendor_cache.changed  # nothing new to write


def test_an_edited_file_is_read_again_and_its_new_values_used(vendors: Path, reads: list[str]) -> None:
    load(vendors).vendor_cache.save()
    path = vendors / "brightpath.toml"
    text = path.read_text()
    assert 'name = "Brightpath Digital Recovery"' in text
    path.write_text(text.replace('name = "Brightpath Digital Recovery"', 'name = "Brightpath Renamed"'))
    age(path, 30)
    reads.clear()
    ws = load(vendors)
    assert reads == ["brightpath.toml"]
    assert "Brightpath Renamed" in {v.name for v in ws.vendors}
    assert ws.vendor_cache.changed


def test_an_edit_that_keeps_size_and_time_is_still_seen_through_the_change_time(vendors: Path, reads: list[str]) -> None:
    load(vendors).vendor_cache.save()
    path = vendors / "brightpath.toml"
    st = path.stat()
    text = path.read_text()
    path.write_text(text.replace("Brightpath Digital Recovery", "Brightpath Digital Recoverz"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same modification time
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    reads.clear()
    ws = load(vendors)
    assert reads == ["brightpath.toml"]
    assert "Brightpath Digital Recoverz" in {v.name for v in ws.vendors}


def test_new_and_removed_files_are_noticed(vendors: Path, reads: list[str]) -> None:
    load(vendors).vendor_cache.save()
    text = (vendors / "brightpath.toml").read_text()
    (vendors / "brightpath-2.toml").write_text(
        text.replace('id = "brightpath"', 'id = "brightpath-2"').replace('name = "Brightpath Digital Recovery"', 'name = "Brightpath Two"')
    )
    (vendors / "harbor-capital.toml").unlink()
    reads.clear()
    ws = load(vendors)
    assert reads == ["brightpath-2.toml"]
    names = {v.name for v in ws.vendors}
    assert "Brightpath Two" in names
    assert not any("Harbor" in n for n in names)


def test_a_file_written_moments_ago_is_not_cached(vendors: Path, reads: list[str]) -> None:
    path = vendors / "brightpath.toml"
    path.write_text(path.read_text())  # modified now: a second edit this second could go unseen
    load(vendors).vendor_cache.save()
    reads.clear()
    load(vendors)
    assert reads == ["brightpath.toml"]


def test_checks_against_the_template_still_run_on_cached_vendors_with_their_lines(vendors: Path, tmp_path: Path) -> None:
    load(vendors).vendor_cache.save()
    # The same RFP scored out of 3: every desk score above 3 is now a problem of its vendor.
    strict = tmp_path / "out-of-3.toml"
    strict.write_text(TEMPLATE.read_text().replace("scale = 5", "scale = 3"))
    ws = open_workspace(vendors=vendors, template=strict, cache=True)
    uncached = open_workspace(vendors=vendors, template=strict)
    assert ws.problems, "desk scores above 3 must be reported"
    assert sorted(map(str, ws.problems)) == sorted(map(str, uncached.problems))
    assert all(p.line > 0 and p.key.startswith("scores.") for p in ws.problems)
    assert [v.vid for v in ws.vendors] == [v.vid for v in uncached.vendors]


def test_a_duplicate_id_among_cached_files_names_its_line(vendors: Path) -> None:
    text = (vendors / "brightpath.toml").read_text()
    assert text.splitlines()[1] == 'id = "brightpath"'
    (vendors / "zz-copy.toml").write_text(text)  # the same id in a second file
    age(vendors / "zz-copy.toml")
    load(vendors).vendor_cache.save()
    ws = load(vendors)
    [problem] = [p for p in ws.problems if "already used" in p.message]
    assert problem.path.endswith("zz-copy.toml") and problem.line == 2 and problem.key == "id"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape", "other version", "group writable"])
def test_a_damaged_or_untrusted_cache_is_ignored(vendors: Path, reads: list[str], damage: str) -> None:
    load(vendors).vendor_cache.save()
    [file] = list(cache_dir().glob("vendor-*.pickle"))
    if damage == "garbage":
        file.write_bytes(b"\x00not a pickle")
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[:100])
    elif damage == "wrong shape":
        file.write_bytes(pickle.dumps(["a", "list"]))
    elif damage == "other version":
        saved = pickle.loads(file.read_bytes())
        saved["version"] = "0" * 64
        file.write_bytes(pickle.dumps(saved))
    else:
        file.chmod(0o664)
    reads.clear()
    ws = load(vendors)
    assert sorted(reads) == sorted(p.name for p in vendors.glob("*.toml"))
    assert len(ws.vendors) == 8 and not ws.problems


def test_turned_off_it_neither_reads_nor_writes(vendors: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDORTUI_CACHE", "off")
    assert cache_dir() is None
    ws = load(vendors)
    ws.vendor_cache.save()
    reads.clear()
    load(vendors)
    assert len(reads) == 8
    assert not list(Path(os.environ["VENDORTUI_CACHE_DIR"]).glob("*"))


def test_the_cache_file_is_private_and_written_atomically(vendors: Path) -> None:
    load(vendors).vendor_cache.save()
    [file] = list(cache_dir().glob("vendor-*.pickle"))
    assert file.stat().st_mode & 0o077 == 0
    assert not list(cache_dir().glob(".*.tmp"))


def test_a_cache_that_cannot_be_written_is_no_error(vendors: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("VENDORTUI_CACHE_DIR", str(blocker / "cache"))
    ws = load(vendors)
    ws.vendor_cache.save()  # must not raise
    assert len(load(vendors).vendors) == 8


def test_the_cache_is_per_folder(vendors: Path, tmp_path: Path, reads: list[str]) -> None:
    other = tmp_path / "other"
    shutil.copytree(vendors, other)
    load(vendors).vendor_cache.save()
    reads.clear()
    load(other)
    assert len(reads) == 8


def test_code_version_changes_with_the_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = cache_module.code_version()
    fake = tmp_path / "core"
    fake.mkdir()
    for name in cache_module._CODE_FILES:
        (fake / name).write_bytes((Path(cache_module.__file__).parent / name).read_bytes())
    (fake / "models.py").write_text((fake / "models.py").read_text() + "\n# a new field\n")
    monkeypatch.setattr(cache_module, "__file__", str(fake / "cache.py"))
    assert cache_module.code_version() != before


def test_folder_cache_without_a_directory_does_nothing(vendors: Path) -> None:
    fc = FolderCache(vendors, "vendor", None)
    assert fc.lookup(vendors / "brightpath.toml") is None
    assert not fc.changed
    fc.save()
