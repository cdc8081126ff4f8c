"""The wheel, as a user gets it: built from the project, installed in a fresh virtual
environment outside the repository, it ranks the bundled samples with no file of ours beside it.

Slow (a build and an install, 10-40 s): marked so, it starts first in the suite, and
`pytest -m slow` runs the slow tests alone. The build
is isolated (pip fetches `setuptools>=77` as pyproject.toml asks); the fresh environment
borrows the test environment's dependencies through a path file, so no network is needed for
them, and the vendortui it imports is the wheel's (asserted).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _sources(into: Path) -> Path:
    """The files a build reads, copied so the build leaves nothing in the repository."""
    project = into / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "src", project / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    return project


def test_the_wheel_installed_outside_the_repository_ranks_its_bundled_samples(tmp_path: Path) -> None:
    project = _sources(tmp_path)
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(project)],
                           capture_output=True, text=True, timeout=180)
    assert build.returncode == 0, build.stderr
    [wheel] = dist.glob("vendortui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        links = [i.filename for i in archive.infolist() if (i.external_attr >> 16) & 0o170000 == 0o120000]
    assert links == []
    for rel in ("rfp_templates/collection-partner.toml", "rfp_templates/uk-consumer-lender.toml",
                "sample_vendors/us/brightpath.toml", "sample_vendors/uk/wrenfield.toml",
                "sample_portfolios/lifecycle.toml"):
        assert f"vendortui/samples/{rel}" in names, rel
    assert "vendortui/ui/app.tcss" in names or any(n.endswith(".tcss") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Our dependencies, from the test environment; a plain path line processes none of its own
    # path files, so the editable vendortui there stays out of the way.
    (site / "zz-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                             capture_output=True, text=True, timeout=120)
    assert install.returncode == 0, install.stderr

    away = tmp_path / "elsewhere"
    away.mkdir()
    where = subprocess.run([str(python), "-c", "import vendortui; print(vendortui.__file__)"], cwd=away,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site), where
    script = venv / ("Scripts/vendortui.exe" if sys.platform == "win32" else "bin/vendortui")
    for template, expected in ((None, {"brightpath", "tertia", "ledgerline", "harbor-capital", "lexcollect",
                                       "inhouse", "ironbridge", "nudgepay"}),
                               ("uk-consumer-lender.toml", {"calderbrook", "larkspire", "merrowgate", "wrenfield"})):
        args = [str(script), "rank", "--format", "json"]
        if template:
            args += ["--template", str(Path(where).parent / "samples" / "rfp_templates" / template)]
        ranked = subprocess.run(args, cwd=away, capture_output=True, text=True, timeout=120)
        assert ranked.returncode == 0, ranked.stderr
        rows = json.loads(ranked.stdout)
        assert {row["id"] for row in rows} == expected
        assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
        assert str(REPO) not in ranked.stderr  # nothing read from the checkout
