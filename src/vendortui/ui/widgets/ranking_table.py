"""The ranking table: a Line-API widget that draws only the rows on screen.

A weight key press re-orders every vendor and changes most ranks and totals. Textual's
DataTable re-measures and re-renders each changed cell through Rich; at 1,000 vendors that
alone took longer than the 50 ms a key press has. Here a row is a handful of segments built
from plain strings, cached per vendor until what it shows changes, and only the visible
rows are ever turned into strips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from vendortui.ui import bindings

PAD = 1  # blank cells each side of a cell's text, as DataTable draws them


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: runs of (text, Rich style string), aligned left or right."""

    parts: tuple[tuple[str, str], ...]
    right: bool = False
    width: int = field(init=False, compare=False)  # in terminal cells, measured once

    def __post_init__(self) -> None:
        object.__setattr__(self, "width", sum(cell_len(text) for text, _ in self.parts))

    @classmethod
    def of(cls, text: str, style: str = "", right: bool = False) -> Cell:
        return _one_run(text, style, right)

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def __str__(self) -> str:
        return self.plain


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    key: str
    right: bool = False
    shrink: int = 0  # when the table is too narrow: 1 gives up room first, then 2...; 0 never
    min_width: int = 12
    drop: int = 0  # when shrinking is not enough: 1 is hidden first, then 2...; 0 never


@lru_cache(maxsize=32768)  # every rank of 10,000 vendors, every total
def _one_run(text: str, style: str, right: bool) -> Cell:
    """Cells are immutable, so equal ones are shared: a re-ranking mostly re-uses ranks and
    totals that some row already showed."""
    return Cell(((text, style),), right)


def _segments(cell: Cell, width: int) -> list[Segment]:
    """The cell's text fitted to exactly `width` cells, padded on both sides."""
    pad = " " * PAD
    parts = [(text, Style.parse(style) if style else None) for text, style in cell.parts if text]
    used = sum(cell_len(text) for text, _ in parts)
    if used > width:  # cut, ending with an ellipsis
        room, kept = width - 1, []
        for text, style in parts:
            if room <= 0:
                break
            piece = set_cell_size(text, min(room, cell_len(text)))
            kept.append((piece, style))
            room -= cell_len(piece)
        parts = kept + [("…", None)]
        used = width
    fill = Segment(" " * (width - used)) if used < width else None
    body = [Segment(text, style) for text, style in parts]
    out = [Segment(pad)]
    if fill is not None and cell.right:
        out.append(fill)
    out += body
    if fill is not None and not cell.right:
        out.append(fill)
    out.append(Segment(pad))
    return out


class RankingTable(ScrollView, can_focus=True):
    """Rows keyed by vendor id; the cursor follows the highlighted vendor when rows re-order."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings.RANKING_TABLE]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"ranking--header", "ranking--cursor", "ranking--even-row"}

    DEFAULT_CSS = """
    RankingTable {
        scrollbar-gutter: stable;  /* the same room for columns with or without a scrollbar */
        background: $surface;
        color: $foreground;
        & > .ranking--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .ranking--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .ranking--even-row {
            background: $surface-darken-1 40%;
        }
        & > .ranking--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .ranking--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """Another vendor is under the cursor."""

        def __init__(self, vendor_id: str) -> None:
            super().__init__()
            self.vendor_id = vendor_id

    class Selected(Message):
        """Enter (or a click on the highlighted row): open this vendor."""

        def __init__(self, vendor_id: str) -> None:
            super().__init__()
            self.vendor_id = vendor_id

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.columns = tuple(columns)
        self._ids: list[str] = []
        self._cells: dict[str, tuple[Cell, ...]] = {}
        self._index: dict[str, int] = {}
        self._natural = [cell_len(c.label) for c in self.columns]  # widest text per column
        self._widths: list[int | None] = list(self._natural)  # None: hidden (the table is narrow)
        self._segments: dict[str, list[Segment]] = {}  # per vendor, for the current widths
        self._highlighted: str | None = None
        self._paint_style: Style | None = None  # the widget's style during one paint (render_lines)

    # --- data ---------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def row_ids(self) -> list[str]:
        """Vendor ids in the order shown."""
        return list(self._ids)

    @property
    def highlighted_id(self) -> str | None:
        return self._ids[self.cursor_row] if self._ids else None

    def cell(self, row: int, column: str) -> Cell:
        i = next(n for n, c in enumerate(self.columns) if c.key == column)
        return self._cells[self._ids[row]][i]

    def set_rows(self, ids: Sequence[str], changed: dict[str, tuple[Cell, ...]]) -> None:
        """Show `ids` in this order. `changed` holds the cells of new rows and of rows whose
        cells changed; every other row keeps its cells. The cursor stays on its vendor."""
        keep = self.highlighted_id
        natural, exact = self._widened(changed)
        self._cells.update(changed)
        if len(self._cells) != len(ids):  # vendors left: forget them
            wanted = set(ids)
            self._cells = {k: v for k, v in self._cells.items() if k in wanted}
            self._segments = {k: v for k, v in self._segments.items() if k in wanted}
            exact = False
        for vid in changed:
            self._segments.pop(vid, None)
        self._ids = list(ids)
        self._index = {vid: i for i, vid in enumerate(self._ids)}
        if not exact:  # a widest cell may have gone: measure every row again
            natural = [cell_len(c.label) for c in self.columns]
            for cells in self._cells.values():
                for i, cell in enumerate(cells):
                    if cell.width > natural[i]:
                        natural[i] = cell.width
        if natural != self._natural:
            self._natural = natural
            self._fit_columns()
        self.virtual_size = Size(self._table_width(), len(self._ids) + 1)
        # The highlighted vendor keeps the cursor; if it left, the cursor keeps its row.
        row = self._index.get(keep, self.cursor_row) if keep is not None else 0
        self._set_cursor(min(row, max(len(self._ids) - 1, 0)), scroll=keep is not None)
        self.refresh()

    def _widened(self, changed: dict[str, tuple[Cell, ...]]) -> tuple[list[int], bool]:
        """Column widths after `changed`, measuring only the changed rows; False when a
        changed row was the widest of a column and got narrower (then every row counts)."""
        natural = list(self._natural)
        exact = True
        for vid, cells in changed.items():
            old = self._cells.get(vid)
            for i, cell in enumerate(cells):
                if old is not None and cell is old[i]:
                    continue  # the same cell (a name, a net): nothing to measure again
                w = cell.width
                if w > natural[i]:
                    natural[i] = w
                if old is not None and w < old[i].width == self._natural[i]:
                    exact = False
        return natural, exact

    # --- geometry ------------------------------------------------------------------------
    def _table_width(self) -> int:
        return sum(w + 2 * PAD for w in self._widths if w is not None)

    @property
    def shown_columns(self) -> list[str]:
        """The keys of the columns on screen (a narrow table hides some)."""
        return [c.key for c, w in zip(self.columns, self._widths) if w is not None]

    def _fit_columns(self) -> None:
        """Natural widths; when the table is too narrow, shrinkable columns give up room in
        their order (cut with an ellipsis), then droppable columns are hidden in theirs, and
        what still does not fit scrolls sideways."""
        room = self.scrollable_content_region.width if self.is_mounted else 0
        dropped: set[int] = set()
        drops = sorted((c.drop, i) for i, c in enumerate(self.columns) if c.drop)
        while True:
            widths: list[int | None] = [None if i in dropped else w for i, w in enumerate(self._natural)]
            excess = sum(w + 2 * PAD for w in widths if w is not None) - room
            for _, i in sorted((c.shrink, i) for i, c in enumerate(self.columns) if c.shrink and i not in dropped):
                width = widths[i]
                if not room or excess <= 0 or width is None:
                    break
                cut = min(excess, max(0, width - self.columns[i].min_width))
                widths[i] = width - cut
                excess -= cut
            if not room or excess <= 0 or len(dropped) == len(drops):
                break
            dropped.add(drops[len(dropped)][1])
        if widths != self._widths:
            self._widths = widths
            self._segments.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns()
        self.virtual_size = Size(self._table_width(), len(self._ids) + 1)
        self._scroll_to_cursor()

    def _visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)  # less the header

    # --- cursor ----------------------------------------------------------------------------
    def _set_cursor(self, row: int, scroll: bool = True) -> None:
        self.cursor_row = row
        if scroll:
            self._scroll_to_cursor()
        vid = self.highlighted_id
        if vid != self._highlighted:
            self._highlighted = vid
            if vid is not None:
                self.post_message(self.Highlighted(vid))

    def _scroll_to_cursor(self) -> None:
        if not self._ids:
            return
        top, rows = int(self.scroll_y), self._visible_rows()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + rows:
            self.scroll_to(y=self.cursor_row - rows + 1, animate=False, immediate=True)

    def watch_cursor_row(self) -> None:
        self.refresh()

    def move_cursor(self, row: int) -> None:
        if self._ids:
            self._set_cursor(max(0, min(row, len(self._ids) - 1)))

    def action_move(self, delta: int) -> None:
        self.move_cursor(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * self._visible_rows())

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self._ids) - 1)

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Selected(self.highlighted_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_y) + offset.y - 1  # less the header
        if offset.y >= 1 and 0 <= row < len(self._ids):
            was = self.cursor_row
            self.move_cursor(row)
            if row == was:
                self.action_select()

    # --- drawing ---------------------------------------------------------------------------
    def _row_segments(self, vid: str) -> list[Segment]:
        segments = self._segments.get(vid)
        if segments is None:
            segments = []
            for cell, width in zip(self._cells[vid], self._widths):
                if width is not None:
                    segments += _segments(cell, width)
            # Padding and plain text run together: a row of 7 cells is a few runs, not 35,
            # for everything that styles, filters and crops it on each paint.
            segments = self._segments[vid] = list(Segment.simplify(segments))
        return segments

    def _header_segments(self) -> list[Segment]:
        segments = []
        for column, width in zip(self.columns, self._widths):
            if width is not None:
                segments += _segments(Cell.of(column.label, right=column.right), width)
        return segments

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is worked out once for the lines of one paint, not per line
        # (it walks the ancestors' backgrounds): a re-ranking repaints every visible row.
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._paint_style or self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("ranking--header")
            segments = self._header_segments()
        else:
            row = scroll_y + y - 1
            if row >= len(self._ids):
                return Strip.blank(width, base)
            style = base
            if row % 2:
                style += self.get_component_rich_style("ranking--even-row")
            if row == self.cursor_row:
                style += self.get_component_rich_style("ranking--cursor")
            segments = self._row_segments(self._ids[row])
        strip = Strip(Segment.apply_style(segments, style), self._table_width())
        return strip.crop_extend(scroll_x, scroll_x + width, style)
