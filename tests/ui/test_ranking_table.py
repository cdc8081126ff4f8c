"""The ranking table on its own: drawing, fitting columns, the cursor, scrolling, keys, mouse."""

from __future__ import annotations

from textual.app import App, ComposeResult

from vendortui.ui.widgets.ranking_table import Cell, Column, RankingTable

COLUMNS = (
    Column("#", "rank", right=True),
    Column("Vendor", "vendor", shrink=2, min_width=8),
    Column("Total", "total", right=True),
    Column("Status", "status", shrink=1, min_width=6),
)


def row(rank: int, name: str, total: float, status: str = "eligible") -> tuple[Cell, ...]:
    return (Cell.of(str(rank), right=True), Cell.of(name), Cell.of(f"{total:.1f}", "bold", right=True),
            Cell((("★ ", "bold green"), (status, ""))))


def rows(n: int) -> tuple[list[str], dict[str, tuple[Cell, ...]]]:
    ids = [f"v{i:04d}" for i in range(n)]
    return ids, {vid: row(i + 1, f"Vendor number {i}", 100 - i / 10) for i, vid in enumerate(ids)}


class TableApp(App):
    CSS = "RankingTable { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[str] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield RankingTable(COLUMNS, id="ranking")

    def on_ranking_table_highlighted(self, event: RankingTable.Highlighted) -> None:
        self.highlighted.append(event.vendor_id)

    def on_ranking_table_selected(self, event: RankingTable.Selected) -> None:
        self.selected.append(event.vendor_id)


async def filled(pilot, n: int) -> tuple[RankingTable, list[str]]:
    """The app's table, focused, showing n generated rows."""
    table = pilot.app.query_one(RankingTable)
    ids, cells = rows(n)
    table.set_rows(ids, cells)
    table.focus()
    await pilot.pause()
    return table, ids


def line(table: RankingTable, y: int) -> str:
    return table.render_line(y).text


async def test_draws_a_header_and_the_rows_in_order() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table, ids = await filled(pilot, 3)
        await pilot.pause()
        assert table.row_count == 3 and table.row_ids == ids
        header = line(table, 0)
        assert header.index("#") < header.index("Vendor") < header.index("Total") < header.index("Status")
        first = line(table, 1)
        assert "Vendor number 0" in first and "100.0" in first and "★ eligible" in first
        # right-aligned numbers end where their header ends
        assert first.index("100.0") + len("100.0") == header.index("Total") + len("Total")
        assert line(table, 4).strip() == ""  # below the last row: blank
        assert table.cell(2, "vendor").plain == "Vendor number 2"


async def test_the_cursor_follows_its_vendor_when_the_rows_reorder() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table, ids = await filled(pilot, 5)
        await pilot.press("down", "down")
        assert table.highlighted_id == "v0002"
        app.highlighted.clear()
        reordered = list(reversed(ids))
        table.set_rows(reordered, {vid: row(i + 1, f"Vendor {vid}", 50.0) for i, vid in enumerate(reordered)})
        await pilot.pause()
        assert table.highlighted_id == "v0002" and table.cursor_row == 2
        assert app.highlighted == []  # the same vendor: no new highlight
        assert "Vendor v0002" in line(table, 3)
        # cells not passed again are kept
        table.set_rows(ids, {})
        await pilot.pause()
        assert table.cell(0, "vendor").plain == "Vendor v0000"
        assert table.highlighted_id == "v0002"


async def test_keys_move_and_scroll_so_the_cursor_stays_in_view() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table, _ids = await filled(pilot, 100)
        await pilot.pause()
        visible = table.scrollable_content_region.height - 1

        def in_view() -> bool:
            top = int(table.scroll_y)
            return top <= table.cursor_row < top + visible

        await pilot.press("pagedown")
        assert table.cursor_row == visible and in_view()
        await pilot.press("end")
        assert table.cursor_row == 99 and in_view()
        assert "Vendor number 99" in line(table, table.cursor_row - int(table.scroll_y) + 1)
        await pilot.press("k", "up", "pageup")
        assert table.cursor_row == 97 - visible and in_view()
        await pilot.press("home")
        assert table.cursor_row == 0 and int(table.scroll_y) == 0
        await pilot.press("up")
        assert table.cursor_row == 0
        await pilot.press("j", "G")
        assert table.cursor_row == 99
        await pilot.press("g")
        assert table.cursor_row == 0
        assert app.highlighted[-1] == "v0000"


async def test_enter_and_clicks_select() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table, _ids = await filled(pilot, 5)
        await pilot.press("down", "enter")
        assert app.selected == ["v0001"]
        await pilot.click(RankingTable, offset=(5, 4))  # the header is line 0: row 3
        assert table.highlighted_id == "v0003" and app.selected == ["v0001"]
        await pilot.click(RankingTable, offset=(5, 4))  # on the highlighted row: select it
        assert app.selected == ["v0001", "v0003"]
        await pilot.click(RankingTable, offset=(5, 0))  # the header selects nothing
        assert table.highlighted_id == "v0003"


async def test_narrow_tables_shorten_the_shrinkable_columns_first() -> None:
    app = TableApp()
    async with app.run_test(size=(36, 10)) as pilot:
        table = app.query_one(RankingTable)
        ids = ["a", "b"]
        table.set_rows(ids, {
            "a": row(1, "A vendor with a very long legal name indeed", 90.0, "knocked out: req.pci, req.soc2"),
            "b": row(2, "Short", 80.0),
        })
        await pilot.pause()
        width = table.scrollable_content_region.width
        first = line(table, 1)
        assert len(first) == width
        assert "…" in first and "90.0" in first  # the total is never cut
        assert first.startswith(" 1  A vendor")
        assert table.virtual_size.width <= width  # it fits: no sideways scrolling


async def test_fewer_rows_keep_the_cursor_inside() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        table, ids = await filled(pilot, 10)
        table.move_cursor(9)
        table.set_rows(ids[:3], {})
        await pilot.pause()
        assert table.row_count == 3 and table.cursor_row == 2 and table.highlighted_id == "v0002"
        table.action_select()  # the control: a highlighted row is selected once the message is handled
        await pilot.pause()
        assert app.selected == ["v0002"]
        table.set_rows([], {})
        await pilot.pause()
        assert table.highlighted_id is None
        table.action_select()  # nothing to select: no message, no error
        await pilot.pause()  # a message it posted would be handled by now
        assert app.selected == ["v0002"]


async def test_a_column_narrows_when_its_widest_cell_does() -> None:
    app = TableApp()
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(RankingTable)
        long_status = row(1, "Acme", 90.0, "knocked out: req.pci, req.soc2, req.licensing")
        table.set_rows(["a", "b"], {"a": long_status, "b": row(2, "Beta", 80.0)})
        await pilot.pause()
        wide = table.virtual_size.width
        table.set_rows(["a", "b"], {"a": row(1, "Acme", 90.0)})  # only the changed row passed
        await pilot.pause()
        assert table.virtual_size.width == wide - len("knocked out: req.pci, req.soc2, req.licensing") + len("eligible")
        table.set_rows(["a", "b"], {"b": row(2, "A much longer vendor name", 80.0)})
        await pilot.pause()
        longer = len("A much longer vendor name") - len("Vendor")
        assert table.virtual_size.width == wide - len("knocked out: req.pci, req.soc2, req.licensing") + len("eligible") + longer
