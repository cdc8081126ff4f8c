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
    Binding("q", "quit", "Quit", id="quit", tooltip="Save, then quit (asks first when there is no session file yet)"),
]

RANKING_TABLE: list[Binding] = [
    Binding("enter", "select", "Review", id="ranking-select", tooltip="Score the highlighted vendor's answers"),
    Binding("up,k", "move(-1)", "Previous vendor", show=False, id="ranking-up"),
    Binding("down,j", "move(1)", "Next vendor", show=False, id="ranking-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="ranking-page-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="ranking-page-down"),
    Binding("home,g", "jump(0)", "First vendor", show=False, id="ranking-first"),
    Binding("end,G", "jump(-1)", "Last vendor", show=False, id="ranking-last"),
]

SHORTLIST: list[Binding] = [
    Binding("enter", "open_review", "Review", id="open-review", tooltip="Score the highlighted vendor's answers"),
    Binding("w", "focus_weights", "Weights", id="focus-weights", tooltip="Change the criteria weights live"),
    Binding("d", "toggle_detail", "Detail", id="toggle-detail", tooltip="Show or hide the vendor's detail (narrow screens)"),
    Binding("escape", "close_detail", "Close detail", id="close-detail", show=False,
            tooltip="Hide the vendor's detail again (narrow screens)"),
    Binding("a", "analysis", "Analyze", id="analysis", tooltip="Tipping points, weight flips, Monte Carlo"),
    Binding("e", "export", "Export", id="export", tooltip="Write filled RFPs and shortlist.md"),
    Binding("l", "plan", "Plan", id="plan", tooltip="The best placement plan: who works which ages, and the cut-off"),
    # Not in the footer (the status line names it): there is no room for it at 80 columns.
    Binding("b", "business", "Business case", id="business", show=False,
            tooltip="Lifetime value lost, dunning, customers won back, business value and gain; change the inputs live"),
    # Not in the footer (no room at 80 columns): help lists it.
    Binding("c", "cash", "Cash by month", id="cash", show=False,
            tooltip="Cumulative net by month, npv and payback of each vendor ([timing])"),
    # Not in the footer (the status line says "(p)" when there is something to list).
    Binding("p", "problems", "Problems", id="problems", tooltip="List the files' problems and warnings", show=False),
]

WEIGHTS: list[Binding] = [
    Binding("up,k", "move(-1)", "Previous", show=False, id="weights-up"),
    Binding("down,j", "move(1)", "Next", show=False, id="weights-down"),
    Binding("plus,right,equals_sign", "change(1)", "+5", id="weight-up", tooltip="Raise the weight by 5"),
    Binding("minus,left", "change(-1)", "-5", id="weight-down", tooltip="Lower the weight by 5"),
    Binding("r", "reset", "Reset", id="weights-reset", tooltip="Back to the template's weights"),
    Binding("escape", "leave", "Back", id="weights-leave", tooltip="Back to the ranking"),
]

SCORE_DIGITS: list[Binding] = [
    Binding(str(d), f"digit({d})", "Score" if d == 0 else f"Score {d}", show=d == 0,
            key_display="0-9" if d == 0 else None, id=f"score-{d}",
            tooltip="Score the question (with a scale over 9, start the score prompt)" if d == 0 else "")
    for d in range(10)
]

REVIEW: list[Binding] = [
    Binding("escape", "back", "Back", id="review-back", tooltip="Back to the shortlist"),
    *SCORE_DIGITS,
    Binding("s", "score_prompt", "Any score", id="score-prompt", tooltip="Any score from 0 to the scale, in halves"),
    Binding("x", "clear", "Clear", id="clear-score", tooltip="Clear the score, the decision or the override"),
    Binding("n", "note", "Note", id="note", tooltip="Write a note on the question or requirement"),
    Binding("j", "move(1)", "Down", show=False, id="review-down"),
    Binding("k", "move(-1)", "Up", show=False, id="review-up"),
    Binding("home,g", "jump(0)", "First", show=False, id="review-first"),
    Binding("end,G", "jump(-1)", "Last", show=False, id="review-last"),
    Binding("c", "consensus", "Consensus", id="consensus",
            tooltip="With a panel: the agreed score for this question, with the reason (required)"),
    Binding("F", "next_flagged", "Next flagged", id="next-flagged",
            tooltip="With a panel: the next question the members disagree on"),
    Binding("right_square_bracket", "other_vendor(1)", "Next", id="next-vendor", key_display="]",
            tooltip="Review the next vendor in the ranking"),
    Binding("left_square_bracket", "other_vendor(-1)", "Previous", id="prev-vendor", key_display="[", show=False,
            tooltip="Review the previous vendor in the ranking"),
    Binding("p", "decide(True)", "Pass", id="requirement-pass",
            tooltip="The vendor meets the requirement (an automatic check: override it, with a reason)"),
    Binding("f", "decide(False)", "Fail", id="requirement-fail",
            tooltip="The vendor fails the requirement (an automatic check: override it, with a reason)"),
]

BUSINESS: list[Binding] = [
    Binding("escape", "back", "Back", id="business-back", tooltip="Back to the shortlist"),
    Binding("down", "focus_move(1)", "Next input", id="business-next", show=False),
    Binding("up", "focus_move(-1)", "Previous input", id="business-previous", show=False),
]

PLAN: list[Binding] = [
    Binding("escape", "back", "Back", id="plan-back", tooltip="Back to the shortlist"),
    Binding("plus,equals_sign", "options(1)", "More options", id="plan-more", tooltip="Allow one more option in a plan"),
    Binding("minus", "options(-1)", "Fewer options", id="plan-fewer", tooltip="Allow one option fewer (1: the best single vendor)"),
]

ANALYSIS: list[Binding] = [
    Binding("escape", "back", "Back", id="analysis-back", tooltip="Back to the shortlist"),
    Binding("m", "rerun", "Re-run Monte Carlo", id="analysis-rerun", tooltip="Draw again with the next seed"),
    Binding("f", "toggle_figures", "Chart/figures", id="analysis-figures",
            tooltip="Below 120 columns: switch between the chart and the flips and Monte Carlo"),
]

CASH: list[Binding] = [
    Binding("escape", "back", "Back", id="cash-back", tooltip="Back to the shortlist"),
    Binding("v", "every_vendor", "All/shortlist", id="cash-every-vendor",
            tooltip="Chart every vendor, or the shortlist only"),
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

QUIT: list[Binding] = [
    Binding("s", "choose('save')", "Save, then quit", id="quit-save"),
    Binding("d", "choose('discard')", "Discard and quit", id="quit-discard"),
    Binding("escape,c", "choose(None)", "Cancel", id="quit-cancel"),
]

HELP: list[Binding] = [Binding("escape,question_mark,q", "close", "Close help", id="help-close")]

PROBLEMS: list[Binding] = [
    Binding("escape,p,q", "close", "Close", id="problems-close"),
    Binding("home,g", "jump(0)", "First", show=False, id="problems-first"),
    Binding("end,G", "jump(-1)", "Last", show=False, id="problems-last"),
]


def ids() -> set[str]:
    """Every binding id a keymap may name (the user's config file is checked against them)."""
    groups = (APP, RANKING_TABLE, SHORTLIST, WEIGHTS, SCORE_DIGITS, REVIEW, ANALYSIS, PLAN, BUSINESS, CASH, PROMPT, CONFLICT,
              QUIT, HELP, PROBLEMS)
    return {b.id for group in groups for b in group if b.id}


def contexts() -> list[tuple[str, dict[str, str]]]:
    """Where keys must be distinct: each screen with the keys that work everywhere, and each
    dialog and focused part on its own (binding id -> its default keys)."""
    def keys(*groups: list[Binding]) -> dict[str, str]:
        return {b.id: b.key for group in groups for b in group if b.id}

    return [
        ("the shortlist", keys(APP, SHORTLIST)), ("the ranking table", keys(RANKING_TABLE)),
        ("the weights panel", keys(WEIGHTS)), ("the review", keys(APP, REVIEW)), ("the analysis", keys(APP, ANALYSIS)),
        ("the placement plan", keys(APP, PLAN)), ("the business case", keys(APP, BUSINESS)),
        ("dialogs", keys(PROMPT)), ("the save-conflict dialog", keys(CONFLICT)), ("help", keys(HELP)),
        ("the problems list", keys(PROBLEMS)),
    ]


def help_groups() -> list[tuple[str, list[Binding]]]:
    """The bindings of each context, in the order a user meets them."""
    return [
        ("Everywhere", [*APP, Binding("ctrl+p", "", "Command palette: every action by name")]),
        ("Shortlist", [*(b for b in RANKING_TABLE if b.action != "select"), *SHORTLIST]),
        ("Weights panel (w)", WEIGHTS),
        ("Review (enter on a vendor)", [Binding("up/down", "", "Move between questions"), *REVIEW]),
        ("Analysis (a)", ANALYSIS),
        ("Placement plan (l)", PLAN),
        ("Business case (b)", [Binding("tab", "", "Next input (also down; shift+tab, up: the previous)"), *BUSINESS]),
        ("Cash by month (c)", CASH),
        ("Save conflict", CONFLICT),
        ("Quit with unsaved edits (no session file)", QUIT),
        ("Dialogs", [Binding("enter", "", "Accept"), *PROMPT]),
    ]
