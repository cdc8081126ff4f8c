"""The review screen: one vendor's answers, question by question, scored from the keyboard,
and its requirements, decided or overridden with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static

from vendortui.render.labels import number, status_label
from vendortui.render.text import plain_line, safe_line
from vendortui.ui import bindings, messages
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.detail import STATUS_STYLE
from vendortui.ui.widgets.footer import KeyFooter
from vendortui.ui.widgets.question import panel_block, question_panel, requirement_panel

if TYPE_CHECKING:
    from vendortui.core.requirements import RequirementOutcome
    from vendortui.ui.state import AppState


SCORE_WIDTH = 7  # "4.5 ⚑", "pending"
SHORT = 30  # rows: below this the head leaves out the criteria (the shortlist's detail has them)


def _short(text: str, width: int = 44) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class AnswersScreen(StateScreen):
    """One vendor's answers and requirements, scored and decided from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.REVIEW]

    def __init__(self, vendor_id: str) -> None:
        super().__init__()
        self.vendor_id = vendor_id
        self._bindings_for: tuple[str, bool] | None = None
        self._label_width = 44  # the question column's, set from the list's width on resize

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-head")
        with Horizontal(id="review-main"):
            yield DataTable(id="questions", cursor_type="row")
            with VerticalScroll(id="question-pane"):
                yield Static(id="question")
        yield Static(id="review-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        self._add_columns(table)
        self.query_one("#question-pane").border_title = "Question"
        self._fill()
        table.focus()

    def _add_columns(self, table: DataTable[Text]) -> None:
        table.add_column("Score", key="score", width=SCORE_WIDTH)  # first: on a narrow screen it must still show
        table.add_column("Question", key="question", width=self._label_width)

    # --- what the table holds --------------------------------------------------------------
    def _rows(self) -> list[tuple[str, str]]:
        """(row key, short text): the questions, then the requirements (must-haves)."""
        t, width = self.loaded.template, self._label_width
        rows = [(f"q:{q.id}", _short(q.text, width)) for _, q in t.questions()]
        rows += [(f"r:{r.id}", _short("must-have: " + (r.text or r.id), width)) for r in t.requirements]
        return rows

    def _fill(self) -> None:
        table = self.query_one("#questions", DataTable)
        row = table.cursor_row if table.row_count else 0
        table.clear()
        for key, label in self._rows():
            table.add_row(self._score_cell(key), safe_line(label), key=key)
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._show_head()
        self._show_question()

    def _score_cell(self, key: str) -> Text:
        kind, _, ident = key.partition(":")
        if kind == "q":
            s = self.loaded.score(self.vendor_id, ident)
            view = self.loaded.ws.panel
            row = view.merged.row(self.vendor_id, ident) if view is not None else None
            flag = " ⚑" if row is not None and row.flagged and row.consensus is None else ""
            shown = ("·" if s is None else number(s)) + flag
            return Text(shown, justify="right", style="dim" if s is None else "bold red" if flag else "bold")
        outcome = self._requirement(ident)
        return Text(outcome.status, style=STATUS_STYLE[outcome.status])

    def _requirement(self, rid: str) -> RequirementOutcome:
        r = self.loaded.ranked_vendor(self.vendor_id)
        return next(o for o in r.requirements if o.requirement.id == rid)

    def current_key(self) -> str | None:
        table = self.query_one("#questions", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    # --- rendering -----------------------------------------------------------------------------
    def show_state(self, state: AppState | None) -> None:
        if state is None:
            return  # reloading after a save conflict: the app goes back to the shortlist
        if not state.has_vendor(self.vendor_id):
            return  # the vendor left with a reload; the app pops this screen
        table = self.query_one("#questions", DataTable)
        for key, _ in self._rows():
            table.update_cell(key, "score", self._score_cell(key))
        self._show_head()
        self._show_question()

    def _show_head(self) -> None:
        state = self.loaded
        r = state.ranked_vendor(self.vendor_id)
        t = state.template
        text = Text()
        text.append(plain_line(r.vendor.name), style="bold")
        text.append(f"  ·  rank {r.rank} of {len(state.ranked)}  ·  total {r.total:.1f}/100  ·  ")
        shown = status_label(r, t, None if state.blind else state.currency)  # a blind review shows no figure
        text.append(plain_line(shown), style="bold red" if not r.eligible else "bold yellow" if r.loses else "green")
        if self.has_class("-short"):  # the answer needs the rows more
            self.query_one("#review-head", Static).update(text)
            self.sub_title = f"Review · {plain_line(r.vendor.name)}"
            return
        text.append("\n")
        for cid, cs in r.criteria.items():
            text.append(f"{plain_line(t.criterion_title(cid))} ", style="dim")
            text.append(f"{cs.score:.1f}", style="bold")
            text.append("  ")
        self.query_one("#review-head", Static).update(text)
        self.sub_title = f"Review · {plain_line(r.vendor.name)}"

    def _show_question(self) -> None:
        key = self.current_key()
        pane = self.query_one("#question", Static)
        if key is None:
            pane.update("")
            return
        state, vid = self.loaded, self.vendor_id
        kind, _, ident = key.partition(":")
        if kind == "r":
            overridden = ident in state.ws.session.overrides.get(vid, {})
            pane.update(requirement_panel(self._requirement(ident), state.requirement_note(vid, ident), overridden))
            return
        section, question = next((s, q) for s, q in state.template.questions() if q.id == ident)
        answer = state.ws.evaluation.vendor(vid).answers.get(ident, "").strip()
        view = state.ws.panel
        block = panel_block(view.merged.row(vid, ident), state.template.scale) if view is not None else None
        pane.update(question_panel(state.template, section, question, answer, state.score(vid, ident),
                                   state.note(vid, ident), block))

    def say(self, text: str) -> None:
        """A line above the footer: why a key did nothing, what it did."""
        self.query_one("#review-hint", Static).update(Text(text, style="yellow"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_question()
        self.query_one("#review-hint", Static).update("")
        kind = self._row_kind()
        if kind != self._bindings_for:  # the footer's keys differ between questions and requirements
            self._bindings_for = kind
            self.refresh_bindings()

    def _row_kind(self) -> tuple[str, bool]:
        """What the keys that apply depend on: a question, or a requirement and who decides it."""
        key = self.current_key() or ""
        if key.startswith("r:"):
            return "r", self._requirement(key[2:]).requirement.automatic
        return key[:1], False

    # --- actions ----------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)
        self.set_class(event.size.height < SHORT, "-short")
        self._show_head()
        # The list takes a share of the width (CSS); its labels are cut to fit it, not scrolled.
        table = self.query_one("#questions", DataTable)
        width = max(table.scrollable_content_region.width - SCORE_WIDTH - 4, 10)
        if width != self._label_width:
            self._label_width = width
            table.clear(columns=True)
            self._add_columns(table)
            self._fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that apply to the highlighted row are shown (and act): scores on a
        question, pass and fail on a requirement; with a panel, consensus instead of scores."""
        state = self.state
        if state is None:  # a reload is under way (this screen is on its way out): keys wait
            return action not in ("consensus", "next_flagged", "digit", "score_prompt", "decide", "clear")
        on_question = (self.current_key() or "").startswith("q:")
        panel = state.ws.panel is not None
        if action in ("consensus", "next_flagged"):
            return panel and (on_question or action == "next_flagged")
        if panel and action in ("digit", "score_prompt", "decide", "clear"):
            return False  # members score in their own sessions
        if action in ("digit", "score_prompt"):
            return on_question
        if action == "decide":
            return not on_question
        return True

    def action_digit(self, value: int) -> None:
        """A digit scores the question at once while the scale is 9 or below; with a longer
        scale it starts the score prompt (typing 1 then 0 must not score two questions)."""
        scale = self.loaded.template.scale
        if scale > 9:
            self.action_score_prompt(str(value))
        elif value > scale:
            self.say(f"Scores run 0 to {scale}: {value} is above the scale. Press s for any score in halves.")
        else:
            self._score(float(value))

    def action_score_prompt(self, typed: str = "") -> None:
        key = self.current_key()
        if not key or not key.startswith("q:"):
            return
        from vendortui.ui.screens.dialogs import ScoreScreen

        self.app.push_screen(ScoreScreen(key[2:], self.loaded.template.scale, typed), self._scored)

    def _scored(self, value: float | None) -> None:
        if value is not None:
            self._score(value)

    def _score(self, value: float) -> None:
        key = self.current_key()
        if key and key.startswith("q:"):
            self.post_message(messages.ScoreSet(self.vendor_id, key[2:], value))
            self.action_move(1)

    def action_clear(self) -> None:
        key = self.current_key() or ""
        kind, _, ident = key.partition(":")
        if kind == "q":
            self.post_message(messages.ScoreSet(self.vendor_id, ident, None))
        elif kind == "r" and self._requirement(ident).requirement.automatic:
            self.post_message(messages.RequirementOverridden(self.vendor_id, ident, None, ""))
        elif kind == "r":
            self.post_message(messages.RequirementDecided(self.vendor_id, ident, None))

    def action_note(self) -> None:
        key = self.current_key() or ""
        kind, _, ident = key.partition(":")
        if not ident:
            return
        from vendortui.ui.screens.dialogs import PromptScreen

        on_requirement = kind == "r"
        current = self.loaded.requirement_note(self.vendor_id, ident) if on_requirement else self.loaded.note(self.vendor_id, ident)

        def written(value: str | None) -> None:
            if value is not None:
                self.post_message(messages.NoteSet(self.vendor_id, ident, value, on_requirement))

        self.app.push_screen(PromptScreen(f"Note on {ident}", current, "enter keep · escape cancel"), written)

    def action_decide(self, passed: bool) -> None:
        key = self.current_key() or ""
        if not key.startswith("r:"):
            self.say("Move to a requirement (after the questions) to record pass or fail.")
            return
        rid = key[2:]
        if not self._requirement(rid).requirement.automatic:
            self.post_message(messages.RequirementDecided(self.vendor_id, rid, passed))
            return
        from vendortui.ui.screens.dialogs import PromptScreen

        verdict = "pass" if passed else "fail"

        def reasoned(reason: str | None) -> None:
            if reason is None:
                return
            if not reason.strip():
                self.say("An override needs a reason: nothing was changed.")
                return
            self.post_message(messages.RequirementOverridden(self.vendor_id, rid, passed, reason.strip()))

        self.app.push_screen(PromptScreen(f"Why does {rid} {verdict}, whatever the profile says? (required)", "",
                                          "enter override · escape cancel"), reasoned)

    def action_consensus(self) -> None:
        """The panel's agreed score for this question: a score, then the reason (required)."""
        key = self.current_key() or ""
        if not key.startswith("q:"):
            return
        from vendortui.ui.screens.dialogs import PromptScreen, ScoreScreen

        qid, scale = key[2:], self.loaded.template.scale

        def scored(value: float | None) -> None:
            if value is None:
                return

            def reasoned(reason: str | None) -> None:
                if reason is None:
                    return
                if not reason.strip():
                    self.say("A consensus needs a reason: nothing was changed.")
                    return
                self.post_message(messages.ConsensusSet(self.vendor_id, qid, value, reason.strip()))

            self.app.push_screen(PromptScreen(f"Why {number(value)} for {qid}? (required)", "",
                                              "enter record · escape cancel"), reasoned)

        self.app.push_screen(ScoreScreen(f"{qid} (the panel's consensus)", scale), scored)

    def action_next_flagged(self) -> None:
        """To the next question the members disagree on (with no consensus yet), wrapping."""
        view = self.loaded.ws.panel
        if view is None:
            return
        flagged = {f"q:{r.question}" for r in view.merged.rows if r.vendor == self.vendor_id and r.flagged
                   and r.consensus is None}
        keys = [k for k, _ in self._rows()]
        table = self.query_one("#questions", DataTable)
        order = keys[table.cursor_row + 1:] + keys[: table.cursor_row + 1]
        target = next((k for k in order if k in flagged), None)
        if target is None:
            self.say("No question of this vendor is flagged without a consensus.")
            return
        table.move_cursor(row=keys.index(target), animate=False)

    def action_move(self, delta: int) -> None:
        table = self.query_one("#questions", DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)), animate=False)

    def action_jump(self, row: int) -> None:
        table = self.query_one("#questions", DataTable)
        table.move_cursor(row=row if row >= 0 else table.row_count - 1, animate=False)

    def action_other_vendor(self, delta: int) -> None:
        ranked = self.loaded.ranked
        ids = [r.id for r in ranked]
        i = ids.index(self.vendor_id)
        self.vendor_id = ids[(i + delta) % len(ids)]
        self._fill()

    def action_back(self) -> None:
        self.app.pop_screen()
