"""The layers and their boundaries, checked from the code itself.

`core` holds the rules and imports no other layer; `files` (persistence) and `render`
(text) build on the core only; `cli` and `ui` sit on top. No module imports Textual below
the `ui`, no import cycle exists (function-level imports included), and the app's shell
is drawn before pydantic is imported.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "vendortui"

ALLOWED = {  # layer -> the package's layers it may import
    "core": {"core"},
    "files": {"core", "files"},
    "render": {"core", "render"},
    "cli": {"core", "files", "render", "cli", "ui"},
    "ui": {"core", "files", "render", "ui"},
}
THIRD_PARTY_BANNED = {  # layer -> libraries it must not import
    "core": {"textual", "textual_plotext", "rich", "tomli_w"},
    "files": {"textual", "textual_plotext", "rich"},
    "render": {"textual", "textual_plotext"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def imports_of(path: Path) -> frozenset[str]:
    """Every module a file imports, at any depth (function-level imports included). Each
    file is parsed once per run: every parametrized case below reads the same answers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(found)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def internal(name: str) -> str | None:
    """The package module `name` refers to (a module, or a name inside one), if any."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


@functools.cache
def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        for imported in imports_of(path):
            target = internal(imported)
            if target and target != name and target != "vendortui":
                edges[name].add(target)
    return edges


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n)))
def test_each_module_imports_only_the_layers_below_it(name: str) -> None:
    own = layer(name)
    assert own is not None
    wrong = sorted(t for t in graph()[name] if layer(t) and layer(t) not in ALLOWED[own])
    assert wrong == [], f"{name} ({own}) imports {wrong}"
    banned = THIRD_PARTY_BANNED.get(own, set())
    libraries = sorted({i.split(".")[0] for i in imports_of(MODULES[name])} & banned)
    assert libraries == [], f"{name} ({own}) imports {libraries}"


def test_there_is_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for start in sorted(MODULES):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_function_level_imports_count(tmp_path: Path) -> None:
    """Guard against a check that cannot fail: an import inside a function is seen."""
    fake = tmp_path / "src" / "vendortui" / "core" / "fake.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def f():\n    from vendortui.ui import app\n")
    global SRC
    saved, SRC = SRC, tmp_path / "src"
    try:
        assert "vendortui.ui.app" in imports_of(fake)
    finally:
        SRC = saved


def test_no_module_is_over_450_lines() -> None:
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 450}
    assert long == {}


def test_no_pickle_and_no_private_textual_attribute() -> None:
    private = ("._begin_batch", "._end_batch", "._exit", "._closing", "._closed", "pickle")
    found = [(name, word) for name, p in MODULES.items() for word in private if word in p.read_text()]
    assert found == []


PROBE = textwrap.dedent(
    """
    import contextlib, importlib, io, json, pkgutil, sys

    import vendortui.core, vendortui.files, vendortui.render
    imported = []
    for package in (vendortui.core, vendortui.files, vendortui.render):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
            imported.append(info.name)
    import vendortui.cli

    def leaked():
        return sorted(m for m in sys.modules if m == "textual" or m.startswith(("textual.", "textual_")))

    after_import = leaked()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rank_code = vendortui.cli.main(["rank", "--format", "json"])
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        validate_code = vendortui.cli.main(["validate"])
    print(json.dumps({
        "imported": imported, "after_import": after_import, "after_commands": leaked(),
        "rank_code": rank_code, "ranked": len(json.loads(out.getvalue())), "validate_code": validate_code,
    }))
    """
)


def run_probe(code: str) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    probed: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return probed


def test_the_rules_and_headless_commands_never_import_textual() -> None:
    report = run_probe(PROBE)
    for module in ("core.models", "core.scoring", "files.loading", "render.shortlist"):
        assert f"vendortui.{module}" in report["imported"]
    assert report["after_import"] == []
    assert report["rank_code"] == 0 and report["ranked"] >= 4  # the bundled samples were really ranked
    assert report["validate_code"] == 0
    assert report["after_commands"] == []


def test_the_app_module_does_not_import_the_models() -> None:
    """The shell is painted while the models build: importing the app must not build them."""
    code = ("import json, sys, vendortui.ui.app; "
            "print(json.dumps(sorted(m for m in ('pydantic', 'vendortui.core.models') if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_probe_would_see_textual_if_it_were_imported() -> None:
    """Guard against a probe that cannot fail: importing textual is visible to it."""
    probe = 'import sys, textual; print(sorted(m for m in sys.modules if m == "textual")[:1])'
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['textual']"


# What `rank` and `validate` never run, and so never import (start-up of the headless commands).
NOT_FOR_RANKING = ("vendortui.core.analysis", "vendortui.core.montecarlo", "vendortui.core.plans",
                   "vendortui.core.recommend", "vendortui.core.blinding", "vendortui.core.masking")


def modules_after(argv: list[str]) -> list[str]:
    """The NOT_FOR_RANKING modules loaded by `vendortui ARGV` on the bundled samples, run in a
    new interpreter."""
    code = textwrap.dedent(f"""
        import contextlib, io, json, sys, vendortui.cli
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = vendortui.cli.main({argv!r})
        print(json.dumps({{"code": code, "loaded": [m for m in {NOT_FOR_RANKING!r} if m in sys.modules]}}))
    """)
    probed = run_probe(code)
    assert probed["code"] == 0
    loaded: list[str] = probed["loaded"]
    return loaded


@pytest.mark.parametrize("argv", [["rank", "--format", "json"], ["validate"]], ids=["rank", "validate"])
def test_rank_and_validate_import_no_analysis_plan_or_blinding(argv: list[str]) -> None:
    assert modules_after(argv) == []


def test_the_import_probe_sees_what_a_command_runs(tmp_path: Path) -> None:
    """Guard against a probe that cannot fail: an export (shortlist.md has the plan and the
    Monte Carlo) and a blind rank load them."""
    exported = modules_after(["export", "--out", str(tmp_path / "out")])
    assert {"vendortui.core.analysis", "vendortui.core.montecarlo", "vendortui.core.plans", "vendortui.core.recommend"} <= set(exported)
    assert {"vendortui.core.blinding", "vendortui.core.masking"} <= set(modules_after(["rank", "--blind"]))


# Render formats what the core computed once (`core.report.Report`): from the core it takes
# types and constants only. The one unsafe-character rule and blind masking (a vendor's name
# and money figures hidden in text) are text handling, not figures.
TEXT_RULES = {"vendortui.core.characters", "vendortui.core.masking"}


def computing_imports(path: Path) -> list[str]:
    """The core functions and modules a render file imports (at any depth)."""
    import importlib
    import inspect

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("vendortui.core"):
            continue
        if node.module in TEXT_RULES:
            continue
        module = importlib.import_module(node.module or "")
        for alias in node.names:
            obj = getattr(module, alias.name)
            if inspect.ismodule(obj) or inspect.isfunction(obj) or inspect.isbuiltin(obj):
                found.append(f"{node.module}.{alias.name}")
    return found


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) == "render"))
def test_render_imports_no_function_that_computes(name: str) -> None:
    assert computing_imports(MODULES[name]) == []


def test_the_render_rule_sees_a_computing_import(tmp_path: Path) -> None:
    """Guard against a check that cannot fail."""
    fake = tmp_path / "fake.py"
    fake.write_text("from vendortui.core.money import Projection, net_at_rate\nfrom vendortui.core import checks\n")
    assert computing_imports(fake) == ["vendortui.core.money.net_at_rate", "vendortui.core.checks"]
