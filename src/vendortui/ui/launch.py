"""Start the interactive app from the command line (the only place `review` imports Textual)."""

from __future__ import annotations

from pathlib import Path

from vendortui.core.workspace import UsageError


def run_app(options: dict, evaluator: str | None = None) -> int:
    for name in ("vendors", "template", "portfolio"):
        value = options.get(name)
        if value and not Path(value).exists():
            raise UsageError(f"{name} not found: {value}")
    session = options.get("session")
    if session and Path(session).is_dir():
        raise UsageError(f"--session names a folder: {session}")
    if session and not Path(session).parent.exists():
        raise UsageError(f"folder for --session not found: {Path(session).parent}")

    workspace = None
    if options.get("weights"):
        # A bad --weights is a usage error (exit 2), which only the template can tell: load
        # now, before the app starts, and hand the app what was loaded.
        from vendortui.core.problems import ProblemsError
        from vendortui.core.workspace import open_workspace

        try:
            workspace = open_workspace(**options, cache=True)
        except ProblemsError:
            pass  # file problems are the app's to show, on screen

    from vendortui.ui.app import make_app

    app = make_app(options, evaluator=evaluator, workspace=workspace)
    app.run()
    return app.return_code or 0
