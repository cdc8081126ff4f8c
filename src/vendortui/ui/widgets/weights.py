"""The weights panel: each criterion's raw weight and share, changed live from the keyboard."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from vendortui.render.formatting import share_text, shares
from vendortui.render.text import safe_line
from vendortui.ui import bindings, messages

STEP = 5


class WeightsPanel(Widget, can_focus=True):
    """`up`/`down` choose a criterion, `+`/`-` (or `right`/`left`) change it by 5."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.WEIGHTS]

    cursor = reactive(0)
    compact = reactive(False, layout=True)  # one wrapped block instead of a row each (short screens)

    class Leave(Message):
        """Escape: back to the ranking."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.weights: dict[str, float] = {}
        self.titles: dict[str, str] = {}
        self.defaults: dict[str, float] = {}

    def show(self, weights: dict[str, float], titles: dict[str, str], defaults: dict[str, float]) -> None:
        same_rows = list(weights) == list(self.weights) and titles == self.titles
        self.weights, self.titles, self.defaults = dict(weights), titles, defaults
        self.cursor = min(self.cursor, max(len(weights) - 1, 0))
        self.refresh(layout=not same_rows)  # new numbers in the same rows keep the height

    @property
    def criterion(self) -> str | None:
        ids = list(self.weights)
        return ids[self.cursor] if ids else None

    def render(self) -> Table | Text:
        percent = shares(self.weights)  # add up to 100; equal weights, equal shares
        if self.compact:
            return self._compact(percent)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1)
        table.add_column(ratio=1)
        table.add_column(justify="right", width=5)
        table.add_column(justify="right", width=6)
        for i, (cid, w) in enumerate(self.weights.items()):
            here = i == self.cursor and self.has_focus
            style = "reverse" if here else ""
            mark = "▶" if i == self.cursor else " "
            changed = "*" if w != self.defaults.get(cid, 0) else " "
            table.add_row(
                Text(mark, style="bold"),
                safe_line(self.titles.get(cid, cid), style=style),
                Text(f"{w:g}{changed}"),
                Text(share_text(percent[cid]), style="bold" if percent[cid] >= 20 else "dim"),
            )
        return table

    def _compact(self, percent: dict[str, float]) -> Text:
        """Every criterion on as few lines as the width allows: `Title 25%`, the selected one
        marked; its raw weight is shown beside it."""
        text = Text("Weights (w): ", style="bold")
        for i, (cid, w) in enumerate(self.weights.items()):
            if i:
                text.append(" · ", style="dim")
            here = i == self.cursor
            item = safe_line(self.titles.get(cid, cid), style="reverse" if here and self.has_focus else "")
            item.append(f" {share_text(percent[cid])}", style="bold" if here else "")
            if here and self.has_focus:
                item.append(f" (weight {w:g})", style="dim")
            text.append_text(item)
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.compact:
            return max(len(self._compact(shares(self.weights)).wrap(self.app.console, max(width, 1))), 1)
        return max(len(self.weights), 1)

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()
        self.screen.refresh_bindings()  # the screen offers other keys while weights are edited

    def on_blur(self) -> None:
        self.refresh()
        self.screen.refresh_bindings()

    def action_move(self, delta: int) -> None:
        if self.weights:
            self.cursor = (self.cursor + delta) % len(self.weights)

    def action_change(self, direction: int) -> None:
        cid = self.criterion
        if cid is not None:
            self.post_message(messages.WeightSet(cid, max(0.0, self.weights[cid] + direction * STEP)))

    def action_reset(self) -> None:
        self.post_message(messages.WeightsReset())

    def action_leave(self) -> None:
        self.post_message(self.Leave())
