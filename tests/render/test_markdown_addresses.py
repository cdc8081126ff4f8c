"""The address rule fires on addresses, not on English: a scheme name before a colon and a space
("our customers' data: encryption") is a word, while `data:text/html,...` is an address."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from vendortui.core.models import Template
from vendortui.files.loading import load_file
from vendortui.render.markdown import addresses, escape_inline

TEMPLATE = Path(__file__).resolve().parents[2] / "rfp_templates" / "collection-partner.toml"


def test_a_scheme_word_before_a_colon_and_a_space_is_text() -> None:
    text = "Describe how you secure our customers' data: encryption at rest and in transit"
    assert addresses(text) == []
    assert "`" not in escape_inline(text)
    for word in ("data", "file", "tel", "news", "git", "sms", "www."):
        assert addresses(f"the {word}: see below") == [] and addresses(f"ends with {word}:") == []


def test_real_addresses_still_go_into_code_spans() -> None:
    # (closing punctuation ends an address, as in prose: "(see www.x.com)")
    for written, address in (("data:text/html,<script>", "data:text/html"), ("javascript:alert(1)", "javascript:alert(1"),
                             ("https://example.com/x.", "https://example.com/x"), ("www.example.com", "www.example.com"),
                             ("tel:+441234", "tel:+441234"), ("mailto:a@b.co", "mailto:a@b.co")):
        text = f"see {written} now"
        [(start, end)] = addresses(text)
        assert text[start:end] == address
        assert f"`{address}`" in escape_inline(text)


def test_the_template_text_with_a_colon_stays_text_in_the_filled_rfp() -> None:
    template = load_file(TEMPLATE, "template").model
    assert isinstance(template, Template)
    texts = [q.text for _, q in template.questions()] + [r.text for r in template.requirements]
    assert any("customers' data:" in t for t in texts)
    for text in texts:
        assert "`" not in escape_inline(text), text


@given(st.sampled_from(["data", "file", "tel", "javascript", "mailto", "http"]), st.text(" .,;!?", min_size=1, max_size=3))
def test_a_scheme_followed_by_nothing_that_could_be_a_target_is_never_an_address(scheme: str, tail: str) -> None:
    assert addresses(f"x {scheme}:{tail}") == []
