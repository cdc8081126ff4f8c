"""The core and the headless commands never import Textual (they must start fast and run
without a terminal). Checked in a fresh interpreter, where nothing else has imported it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import contextlib, importlib, io, json, pkgutil, sys

    import vendortui.core

    imported = []
    for info in pkgutil.walk_packages(vendortui.core.__path__, "vendortui.core."):
        importlib.import_module(info.name)
        imported.append(info.name)
    import vendortui.cli
    imported.append("vendortui.cli")

    def leaked():
        return sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "textual_")))

    after_import = leaked()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rank_code = vendortui.cli.main(["rank", "--format", "json"])
    ranked = json.loads(out.getvalue())
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        validate_code = vendortui.cli.main(["validate"])
    print(json.dumps({
        "imported": imported,
        "after_import": after_import,
        "after_commands": leaked(),
        "rank_code": rank_code,
        "rank_stderr": err.getvalue(),
        "ranked_ids": [r["id"] for r in ranked],
        "validate_code": validate_code,
    }))
    """
)


def test_core_and_headless_commands_do_not_import_textual():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    for module in ("models", "loading", "checks", "toml_lines", "problems", "validation", "money", "scoring"):
        assert f"vendortui.core.{module}" in report["imported"]
    assert report["after_import"] == []
    assert report["rank_code"] == 0, report["rank_stderr"]
    assert len(report["ranked_ids"]) >= 4  # the bundled samples were really ranked
    assert report["validate_code"] == 0
    assert report["after_commands"] == []


def test_the_probe_would_see_textual_if_it_were_imported():
    """Guard against a probe that cannot fail: importing textual is visible to it."""
    probe = 'import sys, textual; print(sorted(m for m in sys.modules if m == "textual")[:1])'
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['textual']"
