"""Every key of the app, by context, each with an id a keymap can remap.

Classes take a copy (`BINDINGS = [*bindings.APP]`): Textual types `BINDINGS` as a list of
bindings or tuples, and a list of `Binding` alone is not one (lists are invariant).

The screens and widgets take their `BINDINGS` from here, and the help screen lists the same
objects, so help never drifts from the keys and needs to import no screen.
"""

from __future__ import annotations

from textual.binding import Binding

APP: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the session (asks where the first time)"),
    Binding("question_mark", "help", "Help", id="help", tooltip="Every key, on every screen"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Save, then quit"),
]

RANKING_TABLE: list[Binding] = [
    Binding("enter", "select", "Review vendor", id="ranking-select", tooltip="Score the highlighted vendor's answers"),
    Binding("up,k", "move(-1)", "Previous vendor", show=False, id="ranking-up"),
    Binding("down,j", "move(1)", "Next vendor", show=False, id="ranking-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="ranking-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="ranking-page-down"),
    Binding("home,g", "jump(0)", "First vendor", show=False, id="ranking-first"),
    Binding("end,G", "jump(-1)", "Last vendor", show=False, id="ranking-last"),
]

SHORTLIST: list[Binding] = [
    Binding("enter", "open_review", "Review vendor", id="open-review", tooltip="Score the highlighted vendor's answers"),
    Binding("w", "focus_weights", "Weights", id="focus-weights", tooltip="Change the criteria weights live"),
    Binding("a", "analysis", "Analysis", id="analysis", tooltip="Tipping points, weight flips, Monte Carlo"),
    Binding("e", "export", "Export", id="export", tooltip="Write filled RFPs and shortlist.md"),
    Binding("p", "problems", "Problems", id="problems", tooltip="List the files with problems"),
]

WEIGHTS: list[Binding] = [
    Binding("up,k", "move(-1)", "Previous", show=False, id="weights-up"),
    Binding("down,j", "move(1)", "Next", show=False, id="weights-down"),
    Binding("plus,right,equals_sign", "change(1)", "+5", id="weight-up", tooltip="Raise the weight by 5"),
    Binding("minus,left", "change(-1)", "-5", id="weight-down", tooltip="Lower the weight by 5"),
    Binding("r", "reset", "Reset weights", id="weights-reset", tooltip="Back to the template's weights"),
    Binding("escape", "leave", "Back to table", id="weights-leave"),
]

SCORE_DIGITS: list[Binding] = [
    Binding(str(d), f"score({d})", "Score" if d == 0 else f"Score {d}", show=d == 0,
            key_display="0-9" if d == 0 else None, id=f"score-{d}")
    for d in range(10)
]

REVIEW: list[Binding] = [
    Binding("escape", "back", "Back", id="review-back", tooltip="Back to the shortlist"),
    *SCORE_DIGITS,
    Binding("x", "clear_score", "Clear score", id="clear-score"),
    Binding("n", "note", "Note", id="note", tooltip="Write a note on the question"),
    Binding("j", "move(1)", "Down", show=False, id="review-down"),
    Binding("k", "move(-1)", "Up", show=False, id="review-up"),
    Binding("right_square_bracket", "other_vendor(1)", "Next vendor", id="next-vendor", key_display="]"),
    Binding("left_square_bracket", "other_vendor(-1)", "Prev vendor", id="prev-vendor", key_display="["),
    Binding("p", "decide(True)", "Pass", id="requirement-pass", tooltip="Record that the vendor meets the requirement"),
    Binding("f", "decide(False)", "Fail", id="requirement-fail", tooltip="Record that the vendor fails the requirement"),
]

ANALYSIS: list[Binding] = [
    Binding("escape", "back", "Back", id="analysis-back", tooltip="Back to the shortlist"),
    Binding("m", "rerun", "Re-run Monte Carlo", id="analysis-rerun", tooltip="Draw again with the next seed"),
]

PROMPT: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="prompt-cancel"),
    Binding("ctrl+s", "submit", "Accept", id="prompt-accept", show=False),
]

CONFLICT: list[Binding] = [
    Binding("r", "choose('reload')", "Reload from disk", id="conflict-reload"),
    Binding("s", "choose('save_as')", "Save as…", id="conflict-save-as"),
    Binding("o", "choose('overwrite')", "Overwrite", id="conflict-overwrite"),
    Binding("escape", "choose(None)", "Cancel", id="conflict-cancel"),
]

HELP: list[Binding] = [Binding("escape,question_mark,q", "close", "Close help", id="help-close")]

PROBLEMS: list[Binding] = [Binding("escape,p,q", "close", "Close", id="problems-close")]


def help_groups() -> list[tuple[str, list[Binding]]]:
    """The bindings of each context, in the order a user meets them."""
    return [
        ("Everywhere", [*APP, Binding("ctrl+p", "", "Command palette: every action by name")]),
        ("Shortlist", [*(b for b in RANKING_TABLE if b.action != "select"), *SHORTLIST]),
        ("Weights panel (w)", WEIGHTS),
        ("Review (enter on a vendor)", [Binding("up/down", "", "Move between questions"), *REVIEW]),
        ("Analysis (a)", ANALYSIS),
        ("Save conflict", CONFLICT),
        ("Dialogs", [Binding("enter", "", "Accept"), *PROMPT]),
    ]
