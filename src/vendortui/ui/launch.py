"""Start the interactive app from the command line (the only place `review` imports Textual)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from vendortui.files.options import LoadOptions, check_evaluator, check_paths

if TYPE_CHECKING:
    from vendortui.files.config import UserConfig
    from vendortui.ui.app import VendorApp


def prepare_app(options: LoadOptions) -> VendorApp:
    """The app for these options. Usage errors raise before anything starts.

    Nothing is parsed ahead here: worker processes forked before the first paint doubled it
    and starved on a busy machine. The app paints its shell, then loads (a small review at
    once, a big one in a thread).
    """
    check_paths(options)
    workspace = None
    if options.weights:
        # A bad --weights is a usage error (exit 2), which only the template can tell: load
        # now, before the app starts, and hand the app what was loaded.
        from vendortui.core.problems import ProblemsError
        from vendortui.files.workspace import open_workspace

        try:
            workspace = open_workspace(options)
        except ProblemsError:
            pass  # file problems are the app's to show, on screen

    from vendortui.ui.app import make_app

    app = make_app(options, workspace=workspace, handle_signals=True)
    app.use_config(*user_config(options, app.available_themes))
    # The evaluator may come from the settings file: the session must be theirs all the same.
    check_evaluator(options, app.config.evaluator)
    return app


def user_config(options: LoadOptions, themes: Collection[str]) -> tuple[UserConfig, Path]:
    """The settings file `--config` names, else the one in the user's config folder."""
    from vendortui.files.config import default_path, load_config
    from vendortui.ui import bindings

    path = Path(options.config) if options.config else default_path()
    config = load_config(path, bindings.ids(), themes, explicit=options.config is not None, contexts=bindings.contexts())
    return config, path


def run_app(options: LoadOptions) -> int:
    app = prepare_app(options)
    app.run()
    return app.return_code or 0
