"""What the review's right pane shows: one question with the vendor's answer and the
evaluator's score and note, or one requirement with its outcome, override and note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from vendortui.render.labels import number
from vendortui.render.text import safe, safe_line
from vendortui.ui.widgets.detail import STATUS_STYLE

if TYPE_CHECKING:
    from vendortui.core.models import Question, Section, Template
    from vendortui.core.panel import QuestionRow
    from vendortui.core.scoring import RequirementOutcome

def score_hint(scale: int) -> str:
    quick = f"0-{scale} score" if scale <= 9 else "digits open the score prompt"
    return f"({quick}, s for any score in halves, x clears, n notes)"


def panel_block(row: QuestionRow | None, scale: int) -> Group:
    """A panel's view of one question: each member's score and note, the mean, the spread
    (flagged when the members disagree) and the consensus with its reason."""
    parts: list[Table | Text] = [Text("\nPanel", style="bold underline")]
    if row is None or not (row.scores or row.consensus):
        parts.append(Text("No member has scored this question yet.", style="dim"))
        return Group(*parts)
    table = Table(box=None, padding=(0, 1), show_header=False)
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for who, s in row.scores.items():
        table.add_row(safe_line(who), Text(number(s), style="bold"), safe(row.notes.get(who, ""), style="magenta"))
    parts.append(table)
    facts = Text()
    if row.mean is not None:
        facts.append(f"mean {number(round(row.mean, 2))}  ·  spread {number(row.spread or 0)}")
    if row.flagged:
        facts.append(f"  ⚑ the members disagree (spread of 30% of the scale, {0.3 * scale:g}, or more)", style="bold red")
    parts.append(facts)
    if row.consensus is not None:
        c = row.consensus
        line = Text(f"Consensus {number(c.score)}", style="bold green")
        line.append_text(safe_line(f" ({c.by or 'panel'}): {c.reason}"))
        parts.append(line)
    else:
        parts.append(Text("c records the panel's consensus score, with the reason", style="dim"))
    return Group(*parts)


def question_panel(
    template: Template,
    section: Section,
    question: Question,
    answer: str,
    score: float | None,
    note: str,
    panel: Group | None = None,
) -> Group:
    criterion = template.criteria.get(section.criterion)
    head = f"{section.title or section.id} · {template.criterion_title(section.criterion)} · {question.id}"
    if question.weight != 1:
        head += f" · weight {question.weight:g}"
    # The answer straight after the question (on screen with it at 80x24), the guidance last.
    parts: list[Text | Group] = [safe_line(head, style="dim"), safe(question.text, style="bold")]
    parts.append(Text("\nAnswer", style="bold underline"))
    parts.append(safe(answer) if answer else Text("No answer given.", style="dim italic"))
    line = Text("\nScore: " if panel is None else "\nMerged score: ", style="bold")
    shown = "not scored" if score is None else f"{number(score)} / {template.scale}"
    line.append(shown, style="dim" if score is None else "bold green")
    if panel is None:
        line.append(f"   {score_hint(template.scale)}", style="dim")
    parts.append(line)
    if criterion is not None and criterion.auto:
        parts.append(Text(f"This criterion is scored automatically from the {criterion.auto.replace('_', ' ')}; "
                          "question scores inform the record only.", style="dim yellow"))
    if panel is not None:
        parts.append(panel)
    elif note:
        parts.append(safe(f"Note: {note}", style="magenta"))
    if question.guidance:
        parts.append(safe(f"\nGuidance: {question.guidance}", style="italic cyan"))
    return Group(*parts)


def requirement_panel(outcome: RequirementOutcome, note: str, overridden: bool) -> Group:
    req = outcome.requirement
    if req.certification is not None:
        how = f"checked automatically: certification {req.certification!r}"
    elif req.region is not None:
        how = f"checked automatically: region {req.region!r}"
    else:
        how = "decided by the evaluator"
    if req.automatic:
        keys = "x removes the override" if overridden else "p or f overrides it, with a reason (an expired certificate)"
    else:
        keys = "p passes, f fails, x clears"
    parts = [
        safe(req.text or req.id, style="bold"),
        safe_line(f"{req.id} · {how}", style="dim"),
        safe(f"\n{outcome.status}: {outcome.reason}", style=STATUS_STYLE[outcome.status]),
        Text(f"\n{keys}; n writes a note", style="dim"),
    ]
    if note:
        parts.append(safe(f"Note: {note}", style="magenta"))
    return Group(*parts)
