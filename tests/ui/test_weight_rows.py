"""The weights panel draws its rows as text lines (`weights.weight_rows`), not as a grid
table, because it is redrawn on every weight key press: each line must be what the grid
table draws for that row, character for character and style for style."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from vendortui.ui.widgets.weights import FIXED, WeightRow, _grid, weight_rows

words = st.text(alphabet="abcXYZ é日-", min_size=0, max_size=14)
titles = st.lists(words, min_size=0, max_size=5).map(" ".join)
weights = st.sampled_from(["0 ", "5*", "25*", "100 ", "12345*", "1e+06 ", "2.5*"])
shares = st.sampled_from(["0%", "5%", "25%", "100%", "33.3%"])


@st.composite
def rows(draw: st.DrawFn) -> list[WeightRow]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        here = draw(st.booleans())
        out.append(WeightRow(Text("▶" if here else " ", style="bold"), Text(draw(titles), style="reverse" if here else ""),
                             Text(draw(weights)), Text(draw(shares), style=draw(st.sampled_from(["bold", "dim"])))))
    return out


def cells(line: list[Segment]) -> list[tuple[str, object]]:
    """A drawn line as (character, style) pairs: the same look whatever the segments' cuts."""
    return [(ch, segment.style or None) for segment in line for ch in segment.text]


@given(rows(), st.integers(FIXED + 1, 100))
def test_each_line_is_what_the_grid_table_draws_for_its_row(given_rows: list[WeightRow], width: int) -> None:
    console = Console(width=width, color_system="truecolor")
    options = console.options.update_width(width)
    drawn = console.render_lines(weight_rows(given_rows, width, console), options, pad=True)
    assert len(drawn) == len(given_rows)  # one line per criterion, however long its title
    for line, row in zip(drawn, given_rows):
        expected = console.render_lines(_grid([row]), options, pad=True)[0]
        assert cells(line) == cells(expected)


def test_below_the_room_for_a_title_the_grid_table_squeezes_the_columns() -> None:
    row = WeightRow(Text(" "), Text("Compliance"), Text("5 "), Text("5%"))
    console = Console(width=FIXED)
    assert isinstance(weight_rows([row], FIXED, console), Table)
