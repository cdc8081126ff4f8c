"""The ranking table: a DataTable that can update many cells with one repaint."""

from __future__ import annotations

from typing import Iterable

from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets._data_table import ColumnKey, RowKey


class RankingTable(DataTable):
    """A weight key press changes the rank and total of most rows at once.

    `DataTable.update_cell` repaints after every cell; at 1,000 vendors that is 2,000
    repaints for one key press. `update_cells` writes the same cells, then repaints once.
    """

    BINDINGS = [
        # The same key as the screen's "Review vendor", shown in the footer while the table
        # has focus (DataTable's own enter binding is hidden and would shadow the screen's).
        Binding("enter", "select_cursor", "Review vendor", id="open-review-from-table"),
    ]

    def update_cells(self, changes: Iterable[tuple[str, str, object]]) -> None:
        data = self._data
        columns: dict[str, ColumnKey] = {}
        count = 0
        for row, column, value in changes:
            key = columns.get(column)
            if key is None:
                key = columns[column] = ColumnKey(column)
            data[RowKey(row)][key] = value
            count += 1
        if count:
            self._update_count += 1  # the render caches key on it: cached rows are stale
            self.refresh()
