"""The detail pane for the highlighted vendor: scores, money by bucket, requirements, to-do."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from vendortui.core.formatting import money, rate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vendortui.core.models import Template
    from vendortui.core.scoring import Ranked

SOURCE_LABEL = {"questions": "scored", "desk": "desk", "auto": "auto", "missing": "missing"}
STATUS_STYLE = {"pass": "green", "fail": "bold red", "pending": "yellow"}


def money_text(amount: float, currency: str) -> Text:
    """Negative money stands out: red and bold."""
    return Text(money(amount, currency), style="bold red" if amount < 0 else "")


class VendorDetail(Static):
    shown_id: str | None = None

    def show(self, r: Ranked | None, template: Template, currency: str) -> None:
        self.shown_id = r.id if r else None
        if r is None:
            self.update(Text("No vendor selected.", style="dim"))
            return
        v, p = r.vendor, r.projection
        head = Text()
        head.append(v.name, style="bold")
        head.append(f"  ·  {v.kind.replace('_', '-')}  ·  total {r.total:.1f}/100  ·  ")
        head.append(r.status, style="green" if r.eligible else "bold red")
        parts: list = [head]
        if v.summary:
            parts.append(Text(v.summary, style="italic"))

        scores = Table(title="Criteria", title_justify="left", box=None, padding=(0, 1), show_header=False)
        scores.add_column()
        scores.add_column(justify="right")
        scores.add_column(style="dim")
        for cid, cs in r.criteria.items():
            label = SOURCE_LABEL[cs.source]
            if cs.source == "questions":
                label = f"{cs.scored_questions}/{cs.questions} questions"
            scores.add_row(template.criterion_title(cid), f"{cs.score:.1f}/{template.scale}", label)

        buckets = Table(title="Money by bucket", title_justify="left", box=None, padding=(0, 1))
        for name in ("Age", "Gross", "Fees", "Fixed", "Net"):
            buckets.add_column(name, justify="left" if name == "Age" else "right")
        for b in p.buckets:
            buckets.add_row(str(b.age), money(b.gross, currency), money(b.fees, currency), money(b.fixed, currency), money_text(b.net, currency))
        buckets.add_row(Text("Total", style="bold"), money(p.gross, currency), money(p.fees, currency), money(p.fixed, currency), money_text(p.net, currency))
        ratio = "n/a (debt buyer)" if p.cost_ratio is None else rate(p.cost_ratio)
        summary = Text(f"Cost ratio {ratio}  ·  break-even recovery rate {rate(p.break_even_rate)}", style="dim")

        reqs = Table(title="Requirements", title_justify="left", box=None, padding=(0, 1), show_header=False)
        reqs.add_column()
        reqs.add_column()
        reqs.add_column(style="dim")
        for o in r.requirements:
            reqs.add_row(o.requirement.id, Text(o.status, style=STATUS_STYLE[o.status]), o.reason)

        todo = Text()
        if r.pending or r.unscored_questions:
            todo.append("Still to do: ", style="bold yellow")
            items = [p.replace("requirement:", "decide ").replace("criterion:", "score ") for p in r.pending]
            if r.unscored_questions:
                items.append(f"{len(r.unscored_questions)} question(s) unscored")
            todo.append("; ".join(items))
        else:
            todo.append("Fully scored.", style="green")

        parts += [scores, buckets, summary, reqs, todo]
        self.update(Group(*parts))
