"""The Textual application: loads the review in a worker, applies edits, owns saving.

Screens never change the review themselves: they post edit messages (`ui.messages`); the
app applies each to its state, a reactive that every screen watches and redraws from.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import signal
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from vendortui.core.problems import Problem, ProblemsError
from vendortui.files.config import UserConfig
from vendortui.files.options import LoadOptions, UsageError, own_session_name, vendor_files
from vendortui.files.reading import total_bytes
from vendortui.render.text import plain_line
from vendortui.ui import bindings, messages
from vendortui.ui.collector import CollectorPause
from vendortui.ui.screens.dialogs import ConflictScreen, PromptScreen
from vendortui.ui.screens.help import HelpScreen
from vendortui.ui.screens.shortlist import ShortlistScreen

if TYPE_CHECKING:
    from vendortui.files.workspace import Workspace
    from vendortui.ui.state import AppState

# The models (pydantic) are imported by the loading worker, not here: the shell is painted
# while they build.

AUTOSAVE_SECONDS = 3.0
DEFAULT_SESSION_NAME = "review.session.toml"


# A review this small loads on the interface's thread, straight after the first frame: on the
# 2-core machine 100 generated vendors (141 KB) take 22 ms and 25 vendors the size of the
# samples (259 KB) 13 ms, so the interface stops for two frames at most and the shortlist
# comes with no thread to wait for. A bigger review, or one whose folder only a session names,
# loads in a worker thread: the interface never stops for it.
SMALL_REVIEW_FILES = 150
SMALL_REVIEW_BYTES = 256 * 1024


def loads_at_once(files: list[Path] | None) -> bool:
    """Whether a review with these vendor files loads on the interface's thread."""
    return files is not None and len(files) <= SMALL_REVIEW_FILES and total_bytes(files) <= SMALL_REVIEW_BYTES


class VendorApp(App[int]):
    """vendortui: weight, score, rank and export a debt-collection RFP."""

    TITLE = "vendortui"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [*bindings.APP]

    # The review being edited: screens watch it. Edits change the state in place, so every
    # assignment notifies, equal or not; the screens redraw what changed in them, so the
    # state asks for no repaint of the whole screen.
    state: reactive[AppState | None] = reactive(None, always_update=True, init=False, repaint=False)

    def __init__(
        self,
        options: LoadOptions,
        autosave: float = AUTOSAVE_SECONDS,
        workspace: Workspace | None = None,
        handle_signals: bool = False,
        config: UserConfig | None = None,
        pause_collector: bool | None = None,
    ) -> None:
        """`pause_collector` (None: as `handle_signals`, the CLI's app in its own process):
        keep the garbage collector's passes off key presses (`ui.collector`)."""
        super().__init__()
        self.options = options
        self.config = UserConfig()
        self.config_path: Path | None = None  # where settings are read from, for help (the CLI's app)
        self.use_config(config or UserConfig())
        self.handle_signals = handle_signals
        self.autosave_delay = autosave
        self._workspace = workspace  # loaded already (to check --weights): the first load uses it
        self._autosave_timer: Timer | None = None
        self._before_reload: AppState | None = None
        self._vendor_files = vendor_files(options)  # for "Loading N vendor files…" and the first load
        # Why no review is open (a failed load); set before the state, which screens watch.
        self.load_error: list[Problem] | str | None = None
        self._frozen = False  # the first load is frozen out of the collector (the CLI's app only)
        # The CLI's app, in a process of its own, keeps the collector's passes off key presses.
        pause = handle_signals if pause_collector is None else pause_collector
        self._collector = CollectorPause(self.set_timer) if pause else None

    def use_config(self, config: UserConfig, path: Path | None = None) -> None:
        """The user's settings, before the app runs: theme now, keymap once mounted."""
        self.config, self.config_path = config, path or config.path
        if config.theme:
            self.theme = config.theme

    # --- loading ------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[None]:
        """The shortlist's shell is painted at once; the ranking fills in when loaded."""
        files = None if self._vendor_files is None else len(self._vendor_files)
        return ShortlistScreen(files_to_load=files, config_problems=self.config.problems)

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.problems:
            n = len(self.config.problems)
            self.notify(f"{plain_line(str(self.config.problems[0]))}" + (f" (and {n - 1} more: press p)" if n > 1 else ""),
                        title="Settings file: left out", severity="error", timeout=10, markup=False)
        if self.handle_signals:  # the real terminal only, not under a test's event loop
            loop = asyncio.get_running_loop()
            for name in ("SIGTERM", "SIGHUP"):
                if hasattr(signal, name):
                    loop.add_signal_handler(getattr(signal, name), self.save_and_exit)

    def on_ready(self) -> None:
        # Textual sends Ready once, when the first frame is on screen: the shell is painted
        # before the load competes with it, and the load starts at once after it.
        if loads_at_once(self._vendor_files):
            # Shown once the screen has settled the layout of that first frame: a widget
            # resized by it, whose text changes before it has caught up, keeps the height it
            # had (Textual 8.2.8): the weights and status lines came out one line high.
            self.call_after_refresh(self._loaded, *self._load())
        else:
            self.load_review()

    @work(thread=True, exclusive=True, group="load")
    def load_review(self) -> None:
        """Reading and validating files happens off the UI thread: the interface never freezes."""
        loaded = self._load()
        try:
            self.call_from_thread(self._loaded, *loaded)
        except RuntimeError:
            pass  # the app closed while loading: nothing to show

    def _load(self) -> tuple[AppState | None, list[Problem] | str | None]:
        """The review read and ranked, or why it could not be (on either thread)."""
        from vendortui.files.workspace import open_workspace
        from vendortui.ui.state import loaded_state

        error: list[Problem] | str | None = None
        state = None
        # The load builds many objects and no cycles worth collecting: the collector's full
        # passes cost a third of it at 1,000 vendors. Its objects then live as long as the
        # app; in the CLI's app (its own process), the first load is frozen out of later
        # collections, so that no pass walks them again on a key press.
        collecting = gc.isenabled()
        gc.disable()
        try:
            ws, self._workspace = self._workspace, None
            ws = ws or open_workspace(self.options)  # blind there if asked or the session is
            state = loaded_state(ws, self.options.evaluator or self.config.evaluator or "")
        except ProblemsError as e:
            error = e.problems
        except UsageError as e:
            error = str(e)
        finally:
            if self.handle_signals and not self._frozen:
                gc.freeze()
                self._frozen = True
            if collecting:
                gc.enable()
        return state, error

    def _loaded(self, state: AppState | None, error: list[Problem] | str | None) -> None:
        previous, self._before_reload = self._before_reload, None
        if state is None and previous is not None:
            self.state = previous  # a failed reload: keep the review that was open (screens redraw)
            shown = error if isinstance(error, str) else "; ".join(str(p) for p in error or [])[:300]
            self.notify(f"Could not reload: {plain_line(shown)}. Your version is still open: save it under "
                        "another name (ctrl+s after a new --session) or fix the file.", severity="error",
                        timeout=12, markup=False)
            return
        if state is not None and self.options.evaluator:
            state.ws.session.evaluator = self.options.evaluator
        elif state is not None and not state.ws.session.evaluator and self.config.evaluator:
            state.ws.session.evaluator = self.config.evaluator  # a new session: saving needn't ask
        self.load_error = error
        self.state = state  # every screen watching the state redraws, once
        if state is not None and state.ws.problems:
            n = len(state.ws.problems)
            self.notify(f"{n} file problem{'s' if n != 1 else ''}: press p to list them", severity="warning", timeout=6, markup=False)

    def show_state(self) -> None:
        """The state changed in place: every screen watching it redraws."""
        self.mutate_reactive(VendorApp.state)

    # --- edits (messages up) ---------------------------------------------------------------
    @on(messages.Edit)
    def apply_edit(self, edit: messages.Edit) -> None:
        """The one way the review changes: an edit a screen posted, applied to the state."""
        if self.state is None:
            return
        if self._collector is not None:
            self._collector.hold()
        refused = edit.apply(self.state)
        if refused:
            self.notify(refused, severity="warning", markup=False)
            return
        self._edited()
        if edit.done:
            self.notify(edit.done, markup=False)

    def _edited(self) -> None:
        """After every edit: redraw, and autosave a few seconds after the last one."""
        self.show_state()
        if self.state and self.state.session_path is not None:
            if self._autosave_timer is not None:
                self._autosave_timer.stop()
            self._autosave_timer = self.set_timer(self.autosave_delay, self.autosave)

    def autosave(self) -> None:
        self._autosave_timer = None
        if self.state and self.state.dirty and self.state.session_path is not None:
            self.save_to(self.state.session_path, quiet=True)

    # --- saving -----------------------------------------------------------------------
    def action_save(self) -> None:
        if self.state is None:
            return
        if self.state.ws.panel_path is not None:
            self.save_panel()
        elif self.state.session_path is None:
            self.ask_where_to_save()
        else:
            self.save_to(self.state.session_path)

    def ask_where_to_save(self, then_quit: bool = False) -> None:
        def chosen(value: str | None) -> None:
            if value and self.save_to(Path(value).expanduser(), new_path=True) and then_quit:
                self.exit(0)

        # A session belongs to its evaluator: named after them when the name is known.
        who = self.state.ws.session.evaluator if self.state is not None else ""
        name = own_session_name(who) if who else DEFAULT_SESSION_NAME
        self.push_screen(PromptScreen("Save the session as", name, "ctrl+s/enter save · escape cancel"), chosen)

    def save_to(self, path: Path, *, new_path: bool = False, force: bool = False, quiet: bool = False) -> bool:
        """Save atomically; on a conflict ask the user rather than overwrite. True if saved."""
        from vendortui.files.sessions import NotYourSession, SessionConflict, fingerprint, save_session

        state = self.state
        assert state is not None
        ws = state.ws
        if ws.panel_path is not None:
            return self.save_panel(force=force, quiet=quiet)
        if not ws.session.evaluator:
            self._ask_evaluator(path, new_path, force)
            return False
        if path.is_dir():
            self.notify(f"{plain_line(str(path))} is a folder: choose a file name", severity="error", markup=False)
            return False
        expected = ws.session_fingerprint if not new_path else None
        other = new_path and path.exists() and path.resolve() != (ws.session_path or Path()).resolve()
        if other:
            expected = fingerprint(path) if force else "(new file)"
        ws.locate_inputs(path)
        try:
            ws.session_fingerprint = save_session(ws.session, path, expected, force=force, baseline=ws.saved,
                                                  onto_other=other)
            ws.saved = ws.session.model_copy(deep=True)
        except NotYourSession as e:
            self.notify(f"{plain_line(str(e))}. Nothing was written.", severity="error", timeout=10, markup=False)
            return False
        except SessionConflict:
            self._conflict(path, new_path)
            return False
        except OSError as e:
            self.notify(f"Could not save {plain_line(str(path))}: {e.strerror or e}", severity="error", timeout=8, markup=False)
            return False
        ws.session_path = path
        state.dirty = False
        if force:  # the overwrite kept what was written on disk meanwhile: rank on it
            state.rerank()
        if not quiet:
            self.notify(f"Saved {plain_line(str(path))}", markup=False)
        self.show_state()
        return True

    def save_panel(self, force: bool = False, quiet: bool = False) -> bool:
        """A panel's agreements (weights, consensus) go to its panel file, atomically, with the
        same conflict check as a session."""
        from vendortui.files.panels import save_panel
        from vendortui.files.sessions import SessionConflict

        state = self.state
        assert state is not None and state.ws.panel is not None and state.ws.panel_path is not None
        ws, view, path = state.ws, state.ws.panel, state.ws.panel_path
        view.panel.weights = dict(ws.session.weights)
        try:
            saved = ws.panel_for_file(view.saved) if view.saved is not None else None
            ws.panel_fingerprint = save_panel(ws.panel_for_file(), path, ws.panel_fingerprint, force=force, baseline=saved)
            view.saved = view.panel.model_copy(deep=True)
        except SessionConflict:
            self._conflict(path)
            return False
        except OSError as e:
            self.notify(f"Could not save {plain_line(str(path))}: {e.strerror or e}", severity="error", markup=False)
            return False
        state.dirty = False
        if not quiet:
            self.notify(f"Saved {plain_line(str(path))}", markup=False)
        self.show_state()
        return True

    def _ask_evaluator(self, path: Path, new_path: bool, force: bool) -> None:
        def named(value: str | None) -> None:
            if value and self.state:
                self.state.ws.session.evaluator = value.strip()
                self.save_to(path, new_path=new_path, force=force)

        self.push_screen(PromptScreen("Your name, recorded as the evaluator", "", "enter save · escape cancel"), named)

    def _conflict(self, path: Path, new_path: bool = False) -> None:
        def decided(choice: str | None) -> None:
            if choice == "reload":
                self.reload(path)
            elif choice == "save_as":
                self.ask_where_to_save()
            elif choice == "overwrite":  # a save-as stays one: the file there is not the one loaded
                self.save_to(path, new_path=new_path, force=True)

        self.push_screen(ConflictScreen(str(path), self.config.keymap), decided)

    def reload(self, path: Path) -> None:
        """Open the session as it is on disk now, back on the shortlist. If that fails (the
        file is broken now, a template vanished), the review as it was stays open."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.state is None or self.state.ws.panel_path is None:
            self.options = dataclasses.replace(self.options, session=str(path))
        # a panel reloads from its panel file, which the options already name
        self._before_reload, self.state = self.state, None
        self.show_state()
        self.load_review()

    # --- quitting --------------------------------------------------------------------------
    def on_unmount(self) -> None:
        if self._collector is not None:
            self._collector.release()  # the collector as it was, whatever runs after the app

    async def action_quit(self) -> None:
        """Every way out (q, ctrl+q, ctrl+c, the palette's Quit) saves first; with no session
        file yet it asks: save (and where), discard, or cancel."""
        from vendortui.ui.screens.dialogs import QuitChoice, QuitScreen

        state = self.state
        if state is None or not state.dirty:
            self.exit(0)
        elif state.session_path is None:
            def chosen(choice: QuitChoice | None) -> None:
                if choice == "save":
                    self.ask_where_to_save(then_quit=True)
                elif choice == "discard":
                    self.exit(0)

            if not isinstance(self.screen, QuitScreen):
                self.push_screen(QuitScreen(), chosen)
        elif self.save_to(state.session_path):
            self.exit(0)

    def action_help_quit(self) -> None:
        """ctrl+c: Textual only says which key quits; people press it to leave, so it does."""
        self.call_next(self.action_quit)

    def save_and_exit(self) -> None:
        """The app is told to stop (SIGTERM, SIGHUP: a closed terminal): no one can be asked,
        so unsaved edits go where they belong, else to a recovered copy beside it. A panel's
        agreements go to its panel file (consensus kept); a session keeps its template,
        vendors and portfolio so it reopens. A session nobody has named is saved without an
        evaluator: it belongs to nobody until its first save under a name."""
        from vendortui.files.sessions import save_on_exit

        state = self.state
        if state is not None and state.dirty:
            ws = state.ws
            if ws.panel is not None and ws.panel_path is not None:
                from vendortui.files.panels import save_panel_on_exit

                ws.panel.panel.weights = dict(ws.session.weights)
                saved = ws.panel_for_file(ws.panel.saved) if ws.panel.saved is not None else None
                save_panel_on_exit(ws.panel_for_file(), ws.panel_path, ws.panel_fingerprint, saved)
            else:
                save_on_exit(ws.session, ws.session_path, ws.session_fingerprint, ws.saved, ws.locate_inputs)
        self.exit(0)

    def get_key_display(self, binding: Binding) -> str:
        """The score keys read as the template's scale ("0-5"), not every digit."""
        if binding.id == "score-0" and self.state is not None:
            return f"0-{min(self.state.template.scale, 9)}"
        return super().get_key_display(binding)

    # --- help and the command palette ----------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config, self.config_path))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action that has a key is also a command: the palette lists what applies now."""
        yield from super().get_system_commands(screen)
        focused = screen.focused
        nodes = [*(focused.ancestors_with_self if focused else [screen]), self]
        seen = set()
        for node in nodes:
            if not type(node).__module__.startswith("vendortui"):
                continue  # Textual's own widgets' keys (cursor moves) are not review actions
            for binding in type(node).BINDINGS:
                if not isinstance(binding, Binding) or not binding.description or binding.description in seen:
                    continue
                _, name, params = parse(binding.action)
                if node.check_action(name, params) is not True:
                    continue
                seen.add(binding.description)
                key = self.get_key_display(binding)
                help_text = (binding.tooltip or binding.description) + f"  [key: {key}]"
                yield SystemCommand(binding.description, help_text, partial(node.run_action, binding.action))


def make_app(
    options: LoadOptions | None = None,
    autosave: float = AUTOSAVE_SECONDS,
    workspace: Workspace | None = None,
    handle_signals: bool = False,
    config: UserConfig | None = None,
) -> VendorApp:
    """The one factory for the CLI and the tests. `workspace`, when the caller has loaded
    the review with these options already, spares the app loading it again; `handle_signals`
    saves unsaved edits when the process is told to stop and freezes the first load out of
    the garbage collector (the CLI's app, in a process of its own); `config`, the
    user's settings (none unless given: a test never reads the user's file)."""
    return VendorApp(options or LoadOptions(), autosave=autosave, workspace=workspace, handle_signals=handle_signals,
                     config=config)
