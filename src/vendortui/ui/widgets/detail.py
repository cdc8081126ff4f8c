"""The detail pane for the highlighted vendor: scores, money by bucket, requirements, to-do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from vendortui.render.formatting import money, rate
from vendortui.render.labels import (
    SOURCE_LABELS,
    break_even_label,
    evidence_label,
    gain_label,
    kind_label,
    pending_label,
    staff_label,
    status_label,
    time_label,
)
from vendortui.render.text import plain_line, safe, safe_line

if TYPE_CHECKING:
    from vendortui.core.models import Template, Vendor
    from vendortui.core.scoring import Ranked

STATUS_STYLE = {"pass": "green", "fail": "bold red", "pending": "yellow"}


def money_text(amount: float, currency: str) -> Text:
    """Negative money stands out: red and bold."""
    return Text(money(amount, currency), style="bold red" if amount < 0 else "")


class VendorDetail(Vertical):
    """A one-line head (total and status, which change with every weight key) above the body
    (criteria, money, requirements, to-do), which weights never change. Only the part that
    changed is rendered again: a weight key press must not re-render the money tables."""

    DEFAULT_CSS = """
    VendorDetail { height: auto; }
    VendorDetail > Static { height: auto; }
    """

    shown_id: str | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._head: tuple[Vendor, str, str] | None = None  # (vendor, status, total) the head shows
        self._body_of: tuple[tuple[object, ...], tuple[str, ...]] | None = None  # what the body was rendered from

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield Static(id="detail-body")

    def show(
        self, r: Ranked | None, template: Template | None, currency: str, blind: bool = False,
        status_quo: str | None = None,
    ) -> None:
        self.shown_id = r.id if r else None
        head = self.query_one("#detail-head", Static)
        body = self.query_one("#detail-body", Static)
        if r is None or template is None:
            self._head, self._body_of = None, None
            head.update(Text("No vendor selected.", style="dim"))
            body.update("")
            return
        shown_currency = None if blind else currency  # a blind review says "loses money", no figure
        new_head = (r.vendor, status_label(r, template, shown_currency), f"{r.total:.1f}")
        if new_head != self._head:
            # Only the total's digits changed (same width): the head wraps as before, and
            # the screen need not be laid out again.
            digits_only = self._head is not None and self._head[:2] == new_head[:2] and len(self._head[2]) == len(new_head[2])
            head.update(detail_head(r, template, shown_currency), layout=not digits_only)
            self._head = new_head
        source = (r.vendor, r.projection, r.criteria, r.requirements, r.unscored_questions, template, currency, blind,
                  status_quo)
        pending = tuple(r.pending)
        if self._body_of is None or self._body_of[1] != pending or any(a is not b for a, b in zip(self._body_of[0], source)):
            body.update(detail_body(r, template, currency, blind, status_quo))
            self._body_of = (source, pending)


def _money_cells(amounts: tuple[float, ...], currency: str) -> list[Text]:
    return [Text(money(x, currency)) for x in amounts]


def detail_head(r: Ranked, template: Template, currency: str | None = None) -> Text:
    """Name, kind, total and status: the part of the detail a weight key press changes."""
    v = r.vendor
    head = Text()
    head.append(plain_line(v.name), style="bold")
    head.append(f"  ·  {kind_label(v)}  ·  total {r.total:.1f}/100  ·  ")
    style = "bold red" if not r.eligible else "bold yellow" if r.loses else "green"
    head.append(plain_line(status_label(r, template, currency)), style=style)
    return head


def gain_text(r: Ranked, currency: str, status_quo: str | None) -> Text | None:
    """The vendor's gain over today's arrangement (its value against the status quo's)."""
    gain = r.gain_vs_status_quo
    if gain is None:
        return None
    text = Text()
    if r.id == status_quo:
        text.append("Today's arrangement", style="bold cyan")
        text.append(": every vendor's gain over today is taken against its value", style="dim")
        return text
    text.append("Gain over today ", style="bold")
    text.append(gain_label(gain, currency), style="bold red" if gain < 0 else "bold green")
    text.append(" (its value less the status quo's)", style="dim")
    return text


def business_text(r: Ranked, currency: str) -> Text:
    """Net, then what the vendor's way of collecting keeps: the business case in two lines."""
    b = r.business
    assert b is not None
    text = Text()
    text.append("Business value ", style="bold")
    text.append(money(b.business_value, currency), style="bold red" if b.business_value < 0 else "bold green")
    text.append(f" = net {money(r.projection.net, currency)} + retained {money(b.retained_value, currency)}")
    text.append(f"\n{b.resolved_accounts:,.0f} accounts resolved, {b.won_back:,.0f} customers won back "
                f"(CAC avoided {money(b.cac_avoided, currency)}, not added)", style="dim")
    return text


def detail_body(
    r: Ranked, template: Template, currency: str, blind: bool = False, status_quo: str | None = None
) -> Group:
    """Criteria, money by bucket, requirements and what is left to do."""
    v, p = r.vendor, r.projection
    parts: list[Any] = []
    if v.summary:
        parts.append(safe(v.summary, style="italic"))
    if r.business is not None and not blind:
        parts.append(business_text(r, currency))
    gain = None if blind else gain_text(r, currency, status_quo)
    if gain is not None:
        parts.append(gain)

    scores = Table(title="Criteria", title_justify="left", box=None, padding=(0, 1), show_header=False)
    scores.add_column()
    scores.add_column(justify="right")
    scores.add_column(style="dim")
    for cid, cs in r.criteria.items():
        label = SOURCE_LABELS[cs.source]
        if cs.source == "questions":
            label = f"{cs.scored_questions}/{cs.questions} questions"
        scores.add_row(safe_line(template.criterion_title(cid)), Text(f"{cs.score:.1f}/{template.scale}"), Text(label))

    buckets = Table(title="Money by bucket", title_justify="left", box=None, padding=(0, 1))
    for name in ("Age", "Gross", "Fees", "Fixed", "Net"):
        buckets.add_column(name, justify="left" if name == "Age" else "right")
    for b in p.buckets:
        buckets.add_row(Text(str(b.age)), *_money_cells((b.gross, b.fees, b.fixed), currency), money_text(b.net, currency))
    buckets.add_row(Text("Total", style="bold"), *_money_cells((p.gross, p.fees, p.fixed), currency), money_text(p.net, currency))
    ratio = "n/a (debt buyer)" if p.cost_ratio is None else rate(p.cost_ratio)
    summary = Text(f"Cost ratio {ratio}  ·  break-even recovery rate {break_even_label(r)}", style="dim")
    staff = staff_label(r.vendor, p, template.horizon_months, currency)
    if staff:
        summary.append(f"\nFixed costs include {staff}.")
    for line in (time_label(p, currency), evidence_label(r, currency)):
        if line:
            summary.append(f"\n{line}.")

    reqs = Table(title="Requirements", title_justify="left", box=None, padding=(0, 1), show_header=False)
    reqs.add_column()
    reqs.add_column()
    reqs.add_column(style="dim")
    for o in r.requirements:
        reqs.add_row(safe_line(o.requirement.id), Text(o.status, style=STATUS_STYLE[o.status]), safe_line(o.reason))

    todo = Text()
    if r.pending or r.unscored_questions:
        todo.append("Still to do: ", style="bold yellow")
        items = [pending_label(p, template) for p in r.pending]
        if r.unscored_questions:
            items.append(f"{len(r.unscored_questions)} question(s) unscored")
        todo.append(plain_line("; ".join(items)))
    else:
        todo.append("Fully scored.", style="green")

    if blind:
        parts += [scores, Text("Money hidden: a blind review scores the answers alone.", style="dim"), reqs, todo]
    else:
        parts += [scores, buckets, summary, reqs, todo]
    return Group(*parts)
