"""The Textual application: loads the review in a worker, owns saving, routes screens."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from vendortui.core.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from vendortui.ui.state import ReviewState

# The core (pydantic models, loading) is imported by the loading worker, not here: the
# interface starts while the models build.

AUTOSAVE_SECONDS = 3.0
# A load shorter than this shows the shortlist as the first frame. Painting a "Loading" frame
# first would flash, and its repaints would take the interpreter from the loading thread.
FIRST_FRAME_WAIT = 0.3
# Keys typed over the last run's frame are replayed this far apart once the review loads.
REPLAY_KEY_GAP = 0.02
# The cache of validated vendor files is written once the shortlist is up, not before it.
CACHE_SAVE_DELAY = 1.0
DEFAULT_SESSION_NAME = "review.session.toml"


class VendorApp(App[int]):
    """vendortui: weight, score, rank and export a debt-collection RFP."""

    TITLE = "vendortui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the session (asks where the first time)"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Every key, on every screen"),
        Binding("q", "quit_saving", "Quit", id="quit", tooltip="Save, then quit"),
    ]

    def __init__(
        self, options: dict, evaluator: str | None = None, autosave: float = AUTOSAVE_SECONDS, workspace=None
    ) -> None:
        super().__init__()
        self._workspace = workspace  # loaded already (to check --weights): the first load uses it
        self.options = options
        self.evaluator = evaluator
        self.autosave_delay = autosave
        self.state: ReviewState | None = None
        self.load_error: list[Problem] | str | None = None
        self._autosave_timer = None
        self._holding_paint = False
        self._hold_timer = None
        self._early_keys: list[events.Key] | None = None  # pressed over the last run's frame
        self._loaded_fingerprint: str | None = None  # the session's, as this run loaded it

    # --- loading ------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The shortlist is the first screen: on the last run's frame when nothing changed."""
        from vendortui.ui.first_frame import load_first_frame
        from vendortui.ui.screens.shortlist import ShortlistScreen

        frame = load_first_frame(self.options, self.evaluator)
        if frame is None:
            self._begin_batch()  # no frame until the review is loaded, or FIRST_FRAME_WAIT has passed
            self._holding_paint = True
        else:
            self._early_keys = []
        return ShortlistScreen(frame)

    def on_mount(self) -> None:
        if self._holding_paint:
            self._hold_timer = self.set_timer(FIRST_FRAME_WAIT, self._release_paint)
            self.load_review()
        else:
            # The frame is drawn first: a loading thread would slow the drawing down.
            self.call_after_refresh(self.load_review)

    async def on_event(self, event: events.Event) -> None:
        """Over the last run's frame, keys wait for the review: none is lost or misapplied."""
        if (
            self._early_keys is not None
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key not in ("ctrl+c", "ctrl+q")
        ):
            self._early_keys.append(event)
            return
        await super().on_event(event)

    def _replay_early_keys(self) -> None:
        keys, self._early_keys = self._early_keys or [], None
        if keys:
            self.run_worker(self._replay(keys), group="replay")

    async def _replay(self, keys: list[events.Key]) -> None:
        """One key at a time, as typed: `w` must have moved the focus to the weights before
        `+` arrives, and that takes a few hops between widgets."""
        import asyncio

        for key in keys:
            self.post_message(events.Key(key.key, key.character))
            await asyncio.sleep(REPLAY_KEY_GAP)

    def _release_paint(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._holding_paint:
            self._holding_paint = False
            self._end_batch()
            self.screen.refresh()

    @work(thread=True, exclusive=True, group="load")
    def load_review(self) -> None:
        """Reading and validating files happens off the UI thread: the interface never freezes."""
        import gc

        from vendortui.core.workspace import UsageError, open_workspace
        from vendortui.ui.state import ReviewState

        gc.disable()  # thousands of models and no cycles: the collector only slows the load
        try:
            ws, self._workspace = self._workspace, None
            if ws is None:
                ws = open_workspace(**self.options, cache=True)
            state = ReviewState(ws)
        except ProblemsError as e:
            self.call_from_thread(self._load_failed, e.problems)
            return
        except UsageError as e:
            self.call_from_thread(self._load_failed, str(e))
            return
        finally:
            gc.enable()
        self.call_from_thread(self._loaded, state)

    def _closing_down(self) -> bool:
        """The app is quitting: a load that finishes now must start nothing new."""
        return self._exit or self._closing or self._closed

    def _loaded(self, state: ReviewState) -> None:
        if self._closing_down():
            return
        self.state = state
        if self.evaluator:
            state.ws.session.evaluator = self.evaluator
        self._loaded_fingerprint = state.ws.session_fingerprint
        self.refresh_screens()
        self._release_paint()
        self._replay_early_keys()
        self.set_timer(CACHE_SAVE_DELAY, self._save_cache)
        if state.ws.problems:
            n = len(state.ws.problems)
            self.notify(f"{n} file problem{'s' if n != 1 else ''}: press p to list them", severity="warning", timeout=6)

    def _save_cache(self) -> None:
        """Once the shortlist is up: keep validated vendors, and this first frame, for next time."""
        if self.state is None:
            return
        cache, keep_frame = self.state.ws.vendor_cache, self._frame_keeper()

        def save() -> None:
            if cache is not None:
                cache.save()
            if keep_frame is not None:
                keep_frame()

        self.run_worker(save, thread=True, group="cache", exit_on_error=False)

    def _frame_keeper(self):
        """What writes the frame the next run would open on (made now, from the state as it
        is), or None when that frame is not what the files on disk hold."""
        state = self.state
        if state is None or state.dirty or state.ws.problems:
            return None
        from vendortui.ui.first_frame import save_first_frame
        from vendortui.ui.screens.shortlist import first_frame_of

        return partial(save_first_frame, self.options, self.evaluator, state.ws, first_frame_of(state))

    def _load_failed(self, error: list[Problem] | str) -> None:
        if self._closing_down():
            return
        self.load_error = error
        self.refresh_screens()
        self._release_paint()
        self._replay_early_keys()

    def refresh_screens(self) -> None:
        """Every screen on the stack re-renders from the state (after a load or an edit)."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_from_state", None)
            if refresh is not None:
                refresh()

    # --- edits and autosave ---------------------------------------------------------------
    def edited(self) -> None:
        """Called after every edit: re-render, and autosave a few seconds after the last one."""
        self.refresh_screens()
        if self.state and self.state.session_path is not None:
            if self._autosave_timer is not None:
                self._autosave_timer.stop()
            self._autosave_timer = self.set_timer(self.autosave_delay, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        if self.state and self.state.dirty and self.state.session_path is not None:
            self.save_to(self.state.session_path, quiet=True)

    # --- saving -----------------------------------------------------------------------
    def action_save(self) -> None:
        if self.state is None:
            return
        if self.state.session_path is None:
            self.ask_where_to_save()
        else:
            self.save_to(self.state.session_path)

    def ask_where_to_save(self, then_quit: bool = False) -> None:
        from vendortui.ui.screens.dialogs import PromptScreen

        def chosen(value: str | None) -> None:
            if value:
                if self.save_to(Path(value).expanduser(), new_path=True) and then_quit:
                    self._exit_saved()

        self.push_screen(
            PromptScreen("Save the session as", DEFAULT_SESSION_NAME, "ctrl+s/enter save · escape cancel"),
            chosen,
        )

    def save_to(self, path: Path, *, new_path: bool = False, force: bool = False, quiet: bool = False) -> bool:
        """Save atomically; on a conflict ask the user rather than overwrite. True if saved."""
        from vendortui.core.sessions import SessionConflict, relative_to, save_session

        state = self.state
        assert state is not None
        ws = state.ws
        if not ws.session.evaluator:
            self._ask_evaluator(path, new_path, force)
            return False
        if path.is_dir():
            self.notify(f"{path} is a folder: choose a file name", severity="error")
            return False
        expected = ws.session_fingerprint if not new_path else None
        if new_path and path.exists() and path.resolve() != (ws.session_path or Path()).resolve():
            from vendortui.core.sessions import fingerprint

            expected = fingerprint(path) if force else "(new file)"
        folder = path.parent.resolve()
        ws.session.template = relative_to(ws.template_path, folder)
        ws.session.vendors = relative_to(ws.vendors_dir, folder)
        try:
            ws.session_fingerprint = save_session(ws.session, path, expected, force=force)
        except SessionConflict:
            self._conflict(path)
            return False
        except OSError as e:
            self.notify(f"Could not save {path}: {e.strerror or e}", severity="error", timeout=8)
            return False
        ws.session_path = path
        state.dirty = False
        if not quiet:
            self.notify(f"Saved {path}")
        self.refresh_screens()
        return True

    def _ask_evaluator(self, path: Path, new_path: bool, force: bool) -> None:
        from vendortui.ui.screens.dialogs import PromptScreen

        def named(value: str | None) -> None:
            if value and self.state:
                self.state.ws.session.evaluator = value.strip()
                self.save_to(path, new_path=new_path, force=force)

        self.push_screen(PromptScreen("Your name, recorded as the evaluator", "", "enter save · escape cancel"), named)

    def _conflict(self, path: Path) -> None:
        from vendortui.ui.screens.dialogs import ConflictScreen

        def decided(choice: str | None) -> None:
            if choice == "reload":
                self.options["session"] = str(path)
                self.state = None
                self.refresh_screens()
                self.load_review()
            elif choice == "save_as":
                self.ask_where_to_save()
            elif choice == "overwrite":
                self.save_to(path, force=True)

        self.push_screen(ConflictScreen(str(path)), decided)

    # --- quitting --------------------------------------------------------------------------
    def action_quit_saving(self) -> None:
        state = self.state
        if state is None or not state.dirty:
            self._exit_saved()
        elif state.session_path is None:
            self.ask_where_to_save(then_quit=True)
        elif self.save_to(state.session_path):
            self._exit_saved()

    def _exit_saved(self) -> None:
        """Quit; after a save, keep the saved review's first frame for the next run."""
        state = self.state
        if state is not None and state.ws.session_fingerprint != self._loaded_fingerprint:
            keep_frame = self._frame_keeper()
            if keep_frame is not None:
                keep_frame()
        self.exit(0)

    def get_key_display(self, binding: Binding) -> str:
        """The score keys read as the template's scale ("0-5"), not every digit."""
        if binding.id == "score-0" and self.state is not None:
            return f"0-{min(self.state.template.scale, 9)}"
        return super().get_key_display(binding)

    # --- help and the command palette ----------------------------------------------------
    def action_help(self) -> None:
        from vendortui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action that has a key is also a command: the palette lists what applies now."""
        from textual.actions import parse

        yield from super().get_system_commands(screen)
        nodes = [screen.focused, *(screen.focused.ancestors_with_self if screen.focused else [screen]), self]
        seen = set()
        for node in nodes:
            if node is None or not type(node).__module__.startswith("vendortui"):
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
    options: dict | None = None, evaluator: str | None = None, autosave: float = AUTOSAVE_SECONDS, workspace=None
) -> VendorApp:
    """The one factory for the CLI and the tests. `workspace`, when the caller has loaded
    the review with these options already, spares the app loading it again."""
    opts = {"vendors": None, "template": None, "portfolio": None, "session": None, "weights": None}
    opts.update(options or {})
    return VendorApp(opts, evaluator=evaluator, autosave=autosave, workspace=workspace)
