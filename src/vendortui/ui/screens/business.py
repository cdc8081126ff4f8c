"""The business case (`b`): what involuntary churn costs, and what each vendor keeps of it.

The four inputs are edited live: every valid value goes up as a `BusinessCaseSet` message,
the app re-ranks and saves it in the session, and this screen redraws from the new state.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.timer import Timer
from textual.widgets import Header, Input, Label, Static

from vendortui.core.business import on_default_winback
from vendortui.core.models import ACCOUNTS_MAX, MONEY_MAX
from vendortui.render.formatting import money, rate
from vendortui.render.labels import LIFETIME_VALUE_LOST, gain_label, ltv_basis_label
from vendortui.render.text import safe_line
from vendortui.ui import bindings, messages
from vendortui.ui.screens.base import StateScreen
from vendortui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from vendortui.core.report import CaseFigures
    from vendortui.ui.state import AppState

APPLY_AFTER = 0.3  # seconds after the last key in an input

# (key, label, upper bound, is a share)
INPUTS = (
    ("involuntary_churn_per_month", "Subscribers lost to failed payments, a month", float(ACCOUNTS_MAX), False),
    ("ltv", "Lifetime value of a subscriber (LTV)", MONEY_MAX, False),
    ("cac", "Cost to acquire a replacement (CAC)", MONEY_MAX, False),
    ("winback", "Default winback: share of resolved accounts that stay", 1.0, True),
    ("grace_cure", "Grace cure: share of churn dunning keeps", 1.0, True),
)


def parse_input(text: str, upper: float, share: bool) -> float | str:
    """The number typed, or why it is not one this input takes."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace("£", "").replace("€", "")
    percent = share and cleaned.endswith("%")
    try:
        value = float(cleaned.rstrip("%"))
    except ValueError:
        return "a number, please"
    if percent:
        value /= 100
    if not math.isfinite(value) or value < 0:
        return "0 or more"
    if value > upper:
        return "between 0 and 1 (or 0% to 100%)" if share else f"at most {upper:,.0f}"
    return value


class BusinessScreen(StateScreen):
    """Inputs on top, each vendor's business value below, best first."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.BUSINESS]
    SUB_TITLE = "Business case · what churn costs, what each vendor keeps"

    def __init__(self) -> None:
        super().__init__()
        self._pending_apply: dict[str, Timer] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="business-main"):
            yield Static(id="business-intro")
            with Grid(id="business-inputs"):
                case = self.loaded.business_case()
                basis = ltv_basis_label(case.ltv_basis if case is not None else "revenue").removeprefix("LTV ")
                for key, label, _, _ in INPUTS:
                    yield Label(f"Lifetime value (LTV), {basis}" if key == "ltv" else label)  # what it counts
                    yield Input(id=f"in-{key}", classes="business-input")
                    yield Static("", id=f"err-{key}", classes="input-error")
            yield Static(id="winback-note", classes="input-note")
            yield Static(id="business-totals")
            yield Static(id="business-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        case = self.loaded.business_case()
        for key, _, _, share in INPUTS:
            value = getattr(case, key) if case is not None else 0.0
            self.query_one(f"#in-{key}", Input).value = _shown(value, share)
        self.show_state(self.loaded)
        self.query_one(f"#in-{INPUTS[0][0]}", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)
        self.show_state(self.state)  # the vendors' table fits the new width

    def on_input_changed(self, event: Input.Changed) -> None:
        """Applied a moment after the last key, so typing 150% never passes through 1 (100%)."""
        key = (event.input.id or "").removeprefix("in-")
        if not any(spec[0] == key for spec in INPUTS):
            return
        old = self._pending_apply.pop(key, None)
        if old is not None:
            old.stop()
        self._pending_apply[key] = self.set_timer(APPLY_AFTER, lambda: self._apply(key))

    def _apply(self, key: str) -> None:
        self._pending_apply.pop(key, None)
        _, _, upper, share = next(spec for spec in INPUTS if spec[0] == key)
        value = parse_input(self.query_one(f"#in-{key}", Input).value, upper, share)
        error = self.query_one(f"#err-{key}", Static)
        case = self.loaded.business_case()
        if isinstance(value, str):
            kept = _shown(getattr(case, key), share) if case is not None else "0"
            error.update(Text(f"{value}; still {kept}", style="bold red"))
            return
        error.update("")
        if case is None or getattr(case, key) != value:
            self.post_message(messages.BusinessCaseSet(key, value))

    def show_state(self, state: AppState | None) -> None:
        if state is None:
            return
        intro = Text("Steps 1 and 2 of the seed: what involuntary churn costs a year, what a grace period and "
                     "dunning keep before any placement, and what each vendor's way of collecting keeps. Changes "
                     "are kept in your session.", style="dim")
        if state.ws.evaluation.terms.business_case is None and state.ws.session.business_case is None:
            intro.append("\nNo [business_case] in the template or portfolio: the figures below start at 0.", style="yellow")
        self.query_one("#business-intro", Static).update(intro)
        self.query_one("#winback-note", Static).update(_winback_note(state))
        self.query_one("#business-totals", Static).update(_totals(state.report.case, state.currency))
        width = self.query_one("#business-main").scrollable_content_region.width or self.size.width
        self.query_one("#business-table", Static).update(_vendors(state, max(width - 1, 40)))

    def action_focus_move(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_back(self) -> None:
        self.app.pop_screen()


def _shown(value: float, share: bool) -> str:
    if share:
        return f"{value * 100:g}%"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _winback_note(state: AppState) -> Text:
    """Whom the default winback reaches: a bidder's own claim replaces it."""
    vendors = [r.vendor for r in state.ranked]
    reached = on_default_winback(vendors)
    if not vendors:
        return Text("")
    if not reached:
        return Text("Every vendor states its own winback: changing the default changes no figure.", style="yellow")
    if len(reached) == len(vendors):
        return Text("No vendor states its own winback: the default applies to all.", style="dim")
    return Text(f"The default winback applies to {len(reached):,} of {len(vendors):,} vendors; the others state "
                "their own.", style="dim")


def _totals(figures: CaseFigures | None, currency: str) -> Text:
    text = Text()
    if figures is None:
        return text
    basis = ltv_basis_label(figures.case.ltv_basis)
    text.append(f"{LIFETIME_VALUE_LOST}: ", style="bold")
    text.append(money(figures.revenue_at_risk, currency), style="bold red")
    text.append(f" ({basis})  ·  replacement cost: ", style="bold")
    text.append(f"{money(figures.replacement_cost, currency)} a year")
    text.append("\nStep 2, grace period and dunning: ", style="bold")
    text.append(f"{figures.kept_by_dunning:,.0f} subscribers kept a year (grace cure {rate(figures.case.grace_cure, 0)}) "
                f"= {money(figures.dunning_value, currency)} ({basis}), added to no vendor")
    text.append(f"\nBusiness value = net recovery + customers won back x LTV ({basis}). CAC avoided is shown, not added.",
                style="dim")
    return text


# The best vendors by business value, not all of them: a table of 1,000 rows took seconds to
# lay out and nobody reads past the first screens of it here.
SHOWN_VENDORS = 50


def _vendors(state: AppState, width: int) -> Table:
    """Each vendor's figures, best business value first, in `width` cells: every figure whole.
    CAC avoided, then the gain over today, are left out before a name is cut; then names are cut,
    then Won back and Rank go."""
    currency = state.currency
    rows = sorted(state.ranked, key=lambda r: (not r.eligible, -r.value, r.rank))
    more = len(rows) - SHOWN_VENDORS
    rows = rows[:SHOWN_VENDORS]
    with_gain = any(r.gain_vs_status_quo is not None for r in state.ranked)
    cells: dict[str, list[Text]] = {name: [] for name in ("Vendor", "Rank", "Net", "Won back", "Retained", "Business value",
                                                          *(["Gain over today"] if with_gain else []), "CAC avoided")}
    for r in rows:
        b = r.business
        style = "" if r.eligible else "dim"
        cells["Vendor"].append(safe_line(r.vendor.name, style=style))
        cells["Rank"].append(Text(str(r.rank), style=style))
        cells["Net"].append(Text(money(r.projection.net, currency), style=style))
        cells["Won back"].append(Text(f"{b.won_back:,.0f}" if b else "-", style=style))
        cells["Retained"].append(Text(money(b.retained_value, currency) if b else "-", style=style))
        cells["Business value"].append(Text(money(b.business_value, currency) if b else "-", style="bold " + style if b else style))
        if with_gain:
            gain = r.gain_vs_status_quo
            cells["Gain over today"].append(Text(gain_label(gain, currency) if gain is not None else "-",
                                                 style=("bold red " if gain is not None and gain < 0 else "") + style))
        cells["CAC avoided"].append(Text(money(b.cac_avoided, currency) if b else "-", style="dim"))
    # Headers on two lines ("Business / value") take no more room than the figures below them.
    natural = {name: max([*(len(line) for line in name.split(" ", 1)), *(c.cell_len for c in col)])
               for name, col in cells.items()}
    names = list(cells)
    vendor_min = min(natural["Vendor"], 14)

    def fits(vendor: int) -> bool:
        return sum(natural[n] for n in names if n != "Vendor") + vendor + 2 * len(names) <= width

    # CAC avoided (shown, not added), then the gain (in the detail pane and shortlist.md too) go
    # before a name is cut
    for optional in ("CAC avoided", "Gain over today"):
        if optional in names and not fits(natural["Vendor"]):
            names.remove(optional)
    while len(names) > 3 and not fits(vendor_min):
        names.remove(next(n for n in ("CAC avoided", "Gain over today", "Won back", "Rank") if n in names))
    vendor_width = max(vendor_min, min(natural["Vendor"], width - sum(natural[n] + 2 for n in names if n != "Vendor") - 2))
    table = Table(box=None, padding=(0, 1), header_style="bold", title="Vendors by business value (eligible first)",
                  title_justify="left")
    for name in names:
        header = Text("\n".join(name.split(" ", 1)) if name != "Vendor" else name)
        if name == "Vendor":
            table.add_column(header, no_wrap=True, overflow="ellipsis", width=vendor_width)
        else:
            table.add_column(header, justify="right", no_wrap=True, width=natural[name])
    for i in range(len(rows)):
        table.add_row(*(cells[name][i] for name in names))
    if more > 0:
        table.caption = Text(f"{more:,} more vendor{'s' if more != 1 else ''} below these, every one in shortlist.md (e) "
                             "and `vendortui rank`.", style="dim")
        table.caption_justify = "left"
    return table
