"""The weights panel: each criterion's raw weight and share, changed live from the keyboard."""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from rich.console import Console, JustifyMethod
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


class WeightRow(NamedTuple):
    mark: Text
    title: Text
    weight: Text
    share: Text


# The columns after the title: the weight (5 cells) and the share (6), a space before each.
MARK, WEIGHT, SHARE = 1, 5, 6
FIXED = MARK + WEIGHT + SHARE + 3


def weight_rows(rows: list[WeightRow], width: int, console: Console) -> Table | Text:
    """One line per criterion: the mark, the title on the room left (its first line when it
    wraps), the weight and the share right-aligned. The lines a grid table would draw, in a
    tenth of the time: the panel is redrawn on every weight key press. Below the room for a
    title, the grid table itself (it knows how to squeeze columns)."""
    room = width - FIXED
    if room < 1:
        return _grid(rows)
    out = Text(no_wrap=True, overflow="crop", end="")
    for n, row in enumerate(rows):
        if n:
            out.append("\n")
        out.append_text(row.mark)
        columns: tuple[tuple[Text, int, JustifyMethod], ...] = (
            (row.title, room, "left"), (row.weight, WEIGHT, "right"), (row.share, SHARE, "right"))
        for cell, size, justify in columns:
            out.append(" ")
            out.append_text(_first_line(cell, size, justify, console))
    return out


def _first_line(cell: Text, size: int, justify: JustifyMethod, console: Console) -> Text:
    """The first line of `cell` wrapped to `size` cells as a table cell wraps it (a word too
    long ends in an ellipsis), padded to `size` in the cell's own style."""
    lines = cell.wrap(console, size, justify=justify, overflow="ellipsis")
    line = lines[0] if lines else Text(style=cell.style)
    if justify == "left":
        line.pad_right(size - line.cell_len)
    else:
        line.pad_left(size - line.cell_len)
    return line


def _grid(rows: list[WeightRow]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=MARK)
    table.add_column(ratio=1)
    table.add_column(justify="right", width=WEIGHT)
    table.add_column(justify="right", width=SHARE)
    for row in rows:
        table.add_row(*row)
    return table


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
        rows = [self._row(i, cid, w, percent[cid]) for i, (cid, w) in enumerate(self.weights.items())]
        return weight_rows(rows, self.content_size.width, self.app.console)

    def _row(self, i: int, cid: str, w: float, percent: float) -> WeightRow:
        here = i == self.cursor and self.has_focus
        return WeightRow(
            Text("▶" if i == self.cursor else " ", style="bold"),
            safe_line(self.titles.get(cid, cid), style="reverse" if here else ""),
            Text(f"{w:g}{'*' if w != self.defaults.get(cid, 0) else ' '}"),
            Text(share_text(percent), style="bold" if percent >= 20 else "dim"),
        )

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
