"""What the review's right pane shows: one question with the vendor's answer and the
evaluator's score and note, or one requirement with its outcome, override and note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from vendortui.render.labels import number
from vendortui.render.text import safe, safe_line
from vendortui.ui.widgets.detail import STATUS_STYLE

if TYPE_CHECKING:
    from vendortui.core.models import Question, Section, Template
    from vendortui.core.scoring import RequirementOutcome

def score_hint(scale: int) -> str:
    quick = f"0-{scale} score" if scale <= 9 else "digits open the score prompt"
    return f"({quick}, s for any score in halves, x clears, n notes)"


def question_panel(
    template: Template,
    section: Section,
    question: Question,
    answer: str,
    score: float | None,
    note: str,
) -> Group:
    criterion = template.criteria.get(section.criterion)
    head = f"{section.title or section.id} · {template.criterion_title(section.criterion)} · {question.id}"
    if question.weight != 1:
        head += f" · weight {question.weight:g}"
    parts = [safe_line(head, style="dim"), safe(question.text, style="bold")]
    if question.guidance:
        parts.append(safe(f"Guidance: {question.guidance}", style="italic cyan"))
    parts.append(Text("\nAnswer", style="bold underline"))
    parts.append(safe(answer) if answer else Text("No answer given.", style="dim italic"))
    line = Text("\nScore: ", style="bold")
    shown = "not scored" if score is None else f"{number(score)} / {template.scale}"
    line.append(shown, style="dim" if score is None else "bold green")
    line.append(f"   {score_hint(template.scale)}", style="dim")
    parts.append(line)
    if criterion is not None and criterion.auto:
        parts.append(Text(f"This criterion is scored automatically from the {criterion.auto.replace('_', ' ')}; "
                          "question scores inform the record only.", style="dim yellow"))
    if note:
        parts.append(safe(f"Note: {note}", style="magenta"))
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
