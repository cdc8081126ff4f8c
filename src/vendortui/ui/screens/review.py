"""The review screen: one vendor's answers, question by question, scored from the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Header, Static

from vendortui.render.labels import status_label
from vendortui.render.text import plain_line, safe, safe_line
from vendortui.ui import bindings, messages
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.detail import STATUS_STYLE

if TYPE_CHECKING:
    from vendortui.core.scoring import RequirementOutcome
    from vendortui.ui.state import ReviewState


def _short(text: str, width: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ReviewScreen(StateScreen):
    """One vendor's answers and requirements, scored and decided from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.REVIEW]

    def __init__(self, state: ReviewState, vendor_id: str) -> None:
        super().__init__(state)
        self.review = state  # never None here: the review is open
        self.vendor_id = vendor_id
        self._bindings_for: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-head")
        with Horizontal(id="review-main"):
            yield DataTable(id="questions", cursor_type="row")
            with VerticalScroll(id="question-pane"):
                yield Static(id="question")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.add_column("Section", key="section")
        table.add_column("Question", key="question")
        table.add_column("Score", key="score")
        self.query_one("#question-pane").border_title = "Question"
        self._fill()
        table.focus()

    # --- what the table holds --------------------------------------------------------------
    def _rows(self) -> list[tuple[str, str, str]]:
        """(row key, section label, short text): the questions, then the requirements."""
        t = self.review.template
        rows = [(f"q:{q.id}", s.id, _short(q.text)) for s, q in t.questions()]
        rows += [(f"r:{r.id}", "must-have", _short(r.text or r.id)) for r in t.requirements]
        return rows

    def _fill(self) -> None:
        table = self.query_one("#questions", DataTable)
        row = table.cursor_row if table.row_count else 0
        table.clear()
        for key, section, label in self._rows():
            table.add_row(safe_line(section), safe_line(label), self._score_cell(key), key=key)
        table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._show_head()
        self._show_question()

    def _score_cell(self, key: str) -> Text:
        state = self.review
        kind, _, ident = key.partition(":")
        if kind == "q":
            s = state.score(self.vendor_id, ident)
            return Text("·" if s is None else f"{s:g}", justify="right", style="dim" if s is None else "bold")
        outcome = self._requirement(ident)
        return Text(outcome.status, style=STATUS_STYLE[outcome.status])

    def _requirement(self, rid: str) -> RequirementOutcome:
        r = self.review.ranked_vendor(self.vendor_id)
        return next(o for o in r.requirements if o.requirement.id == rid)

    def current_key(self) -> str | None:
        table = self.query_one("#questions", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    # --- rendering -----------------------------------------------------------------------------
    def show_state(self, state: ReviewState | None) -> None:
        if state is None:
            return  # reloading after a save conflict: the app puts a new review up
        self.review = state
        if not state.has_vendor(self.vendor_id):
            self.app.pop_screen()  # the vendor left with the reload
            return
        table = self.query_one("#questions", DataTable)
        for key, _, _ in self._rows():
            table.update_cell(key, "score", self._score_cell(key))
        self._show_head()
        self._show_question()

    def _show_head(self) -> None:
        state = self.review
        r = state.ranked_vendor(self.vendor_id)
        t = state.template
        text = Text()
        text.append(plain_line(r.vendor.name), style="bold")
        text.append(f"  ·  rank {r.rank} of {len(state.ranked)}  ·  total {r.total:.1f}/100  ·  ")
        text.append(plain_line(status_label(r)), style="green" if r.eligible else "bold red")
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
        state = self.review
        t = state.template
        kind, _, ident = key.partition(":")
        if kind == "r":
            o = self._requirement(ident)
            req = o.requirement
            how = (f"checked automatically: certification {req.certification!r}" if req.certification
                   else f"checked automatically: region {req.region!r}" if req.region
                   else "decided by the evaluator: press p (pass) or f (fail)")
            pane.update(Group(
                safe(req.text or req.id, style="bold"),
                safe(how, style="dim"),
                safe(f"\n{o.status}: {o.reason}", style=STATUS_STYLE[o.status]),
            ))
            return
        section, question = next((s, q) for s, q in t.questions() if q.id == ident)
        vendor = state.ws.vendor(self.vendor_id)
        answer = vendor.answers.get(ident, "").strip()
        score = state.score(self.vendor_id, ident)
        note = state.note(self.vendor_id, ident)
        auto = t.criteria.get(section.criterion)
        parts = [
            safe_line(f"{section.title or section.id} · {t.criterion_title(section.criterion)} · {question.id}"
                 + (f" · weight {question.weight:g}" if question.weight != 1 else ""), style="dim"),
            safe(question.text, style="bold"),
        ]
        if question.guidance:
            parts.append(safe(f"Guidance: {question.guidance}", style="italic cyan"))
        parts.append(Text("\nAnswer", style="bold underline"))
        parts.append(safe(answer) if answer else Text("No answer given.", style="dim italic"))
        line = Text("\nScore: ", style="bold")
        line.append("not scored" if score is None else f"{score:g} / {t.scale}", style="dim" if score is None else "bold green")
        line.append(f"   (0-{t.scale} to score, x to clear, n for a note)", style="dim")
        parts.append(line)
        if auto and auto.auto:
            parts.append(Text(f"This criterion is scored automatically from the {auto.auto.replace('_', ' ')}; "
                              "question scores inform the record only.", style="dim yellow"))
        if note:
            parts.append(safe(f"Note: {note}", style="magenta"))
        pane.update(Group(*parts))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_question()
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
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = self.current_key() or ""
        if action == "score":
            if parameters and isinstance(parameters[0], int) and parameters[0] > self.review.template.scale:
                return False
            return True if key.startswith("q:") else None
        if action in ("clear_score", "note"):
            return True if key.startswith("q:") else None
        if action == "decide":
            if key.startswith("r:") and not self._requirement(key[2:]).requirement.automatic:
                return True
            return None
        return True

    def action_score(self, value: int) -> None:
        key = self.current_key()
        if not key or not key.startswith("q:"):
            return
        self.post_message(messages.ScoreSet(self.vendor_id, key[2:], float(value)))
        self.action_move(1)

    def action_clear_score(self) -> None:
        key = self.current_key()
        if key and key.startswith("q:"):
            self.post_message(messages.ScoreSet(self.vendor_id, key[2:], None))

    def action_note(self) -> None:
        key = self.current_key()
        if not key or not key.startswith("q:"):
            return
        from vendortui.ui.screens.dialogs import PromptScreen

        qid = key[2:]

        def written(value: str | None) -> None:
            if value is not None:
                self.post_message(messages.NoteSet(self.vendor_id, qid, value))

        self.app.push_screen(PromptScreen(f"Note on {qid}", self.review.note(self.vendor_id, qid),
                                          "enter keep · escape cancel"), written)

    def action_decide(self, passed: bool) -> None:
        key = self.current_key()
        if not key or not key.startswith("r:"):
            self.notify("Move to a requirement (at the end of the list) to record pass or fail.", markup=False)
            return
        if self._requirement(key[2:]).requirement.automatic:
            self.notify("This requirement is checked automatically from the vendor's profile.", markup=False)
            return
        self.post_message(messages.RequirementDecided(self.vendor_id, key[2:], passed))

    def action_move(self, delta: int) -> None:
        table = self.query_one("#questions", DataTable)
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)), animate=False)

    def action_other_vendor(self, delta: int) -> None:
        ranked = self.review.ranked
        ids = [r.id for r in ranked]
        i = ids.index(self.vendor_id)
        self.vendor_id = ids[(i + delta) % len(ids)]
        self._fill()

    def action_back(self) -> None:
        self.app.pop_screen()
