"""The export's shortcuts in `render.markdown` give what the full escaping gives: a cell of
plain figures is returned as it is, and a short text escaped once is escaped the same the
next time, whatever came in between (the memo holds results, never state)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vendortui.render import markdown
from vendortui.render.markdown import cell, escape_inline, one_line

# The plain alphabet, the characters next to it that need work, and some hostile ones.
ALPHABET = "Aa09 $%,()+#'\"!?;/=-" + ".:@*_`|[]<>&\\~\n\r\t\u200b\u202e\x1b"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_a_cell_is_what_the_full_escaping_gives(text: str) -> None:
    assert cell(text) == markdown._cell_text(text)


@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=8))
def test_remembered_escapes_do_not_depend_on_what_came_before(texts: list[str]) -> None:
    first = [(escape_inline(t), one_line(t), cell(t)) for t in texts]
    assert [(escape_inline(t), one_line(t), cell(t)) for t in reversed(texts)] == first[::-1]


def test_the_plain_shortcut_leaves_markdown_and_addresses_to_the_escaping() -> None:
    assert cell(" $1,234 ") == "$1,234"
    assert cell("a|b") == "a\\|b"
    assert cell("see x.com") == "see `x.com`"
    assert cell("a\nb") == "a<br>b"


def test_long_texts_are_escaped_in_full() -> None:
    long = "x" * (markdown._MEMO_CHARS + 1) + "*"
    assert escape_inline(long).endswith("\\*")
    assert cell(long) == long[:-1] + "\\*"
