"""Blind masking: a vendor's names in any disguise and money in any notation are hidden, in
time linear in the text (SPEC "Panel review", blind; "Bidders write the vendor files")."""

from __future__ import annotations

import re
import re._parser as parser  # type: ignore[import-not-found]  # typeshed has no stub for the private parser
import sys
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendortui.core import masking
from vendortui.core.masking import AMOUNT, folded_text, mask

sre_constants = re._constants  # type: ignore[attr-defined]

REPO = Path(__file__).resolve().parents[2]
ALPHA = [("Alpha Omega Recovery", "alpha-omega")]


def hide(text: str, names: list[tuple[str, str]] = ALPHA) -> str:
    return mask(text, names, "Vendor A")


@pytest.mark.parametrize("text", [
    "Alpha Omega Recovery answers.",
    "Al\u0440ha answers.",  # a Cyrillic р
    "\u0391lpha answers.",  # a Greek capital alpha
    "\uff21\uff4c\uff50\uff48\uff41 answers.",  # fullwidth letters
    "Al\u200bpha answers.",  # a zero-width space
    "Al\u00adpha answers.",  # a soft hyphen
    "Al\u200dph\u2060a answers.",  # a joiner and a word joiner
    "A\u0301lpha answers.",  # a combining accent
    "A l p h a answers.",
    "Al-pha answers.",
    "Visit getalpharecoveries.com for answers.",
    "Write to _alpha_ for answers.",
    "ALPHAOMEGA answers.",
    "Omega Recovery answers.",  # a later word of the name
    "𝐀𝐥𝐩𝐡𝐚 answers.",  # mathematical bold
])
def test_a_name_in_disguise_is_replaced_by_the_alias(text: str) -> None:
    out = hide(text)
    assert "Vendor A" in out
    folded = folded_text(out)
    assert "alpha" not in folded.replace(" ", "") and "omega" not in folded
    assert out.endswith("answers.")


def test_a_name_whose_first_word_is_generic_is_found_by_its_other_words() -> None:
    names = [("The Quillfeather Group", "tqg")]
    out = mask("The Quillfeather Group and quillfeather.io and Quill-feather staff.", names, "Vendor B")
    assert "quill" not in out.lower() and out.count("Vendor B") == 3
    assert out.startswith("Vendor B and")  # "The ... Group" goes with it


def test_common_words_of_a_name_are_not_masked_alone() -> None:
    out = hide("Recovery rates and working capital matter; the digital channel too.",
               [("Alpha Digital Recovery Capital", "alpha")])
    assert out == "Recovery rates and working capital matter; the digital channel too."


def test_a_name_made_of_common_words_is_masked_as_a_phrase() -> None:
    names = [("In-house payments team", "inhouse")]
    assert mask("The In-house payments team works days.", names, "Vendor C") == "The Vendor C works days."


@pytest.mark.parametrize("money", [
    "$4,000", "4000$", "4 000 €", "€ 4.000,50", "SEK 40000", "40000 sek", "₹30000", "Rs. 30000", "30k", "1.2m",
    "5 grand", "12 dollars", "12 cents", "9c", "8c", "0.5c", "£2.50", "USD 1.2 million", "30,000 EUR", "＄4,000",
    "$15,000-20,000", "20-30k", "4\u200b000 €", "３０００ $", "45¢", "2 thousand euros", "five thousand dollars",
    "a hundred and twenty pounds", "forty-five grand",
])
def test_money_in_every_notation_is_masked(money: str) -> None:
    out = hide(f"We ask {money} at 61-90 DPD.")
    assert out == f"We ask {AMOUNT} at 61-90 DPD.", out


@pytest.mark.parametrize("text", [
    "Accounts at 61-90 DPD, 91-180 and 181-365 days.",
    "Our 12-month liquidation was 28% (range 22-34%).",
    "In 2024 5 vendors placed 18,000 accounts.",
    "We employ 620 collectors in 3 centres, 8am-9pm.",
    "We report in pounds and dollars.",
])
def test_figures_that_are_not_money_stay(text: str) -> None:
    assert hide(text) == text


def test_percentages_in_a_sentence_about_fees_are_masked() -> None:
    text = "Contingency by age: 20% on 0-90 DPD, 25% on 91-180 and 22-34% beyond. Liquidation was 28%."
    assert hide(text) == f"Contingency by age: {AMOUNT} on 0-90 DPD, {AMOUNT} on 91-180 and {AMOUNT} beyond. Liquidation was 28%."
    assert hide("A recall fee of 5 percent applies.") == f"A recall fee of {AMOUNT} applies."
    assert hide("We retain 25% on accounts over a year.") == f"We retain {AMOUNT} on accounts over a year."
    assert hide("Ours is 25% of amounts collected, 30% of what we collect.") == \
        f"Ours is {AMOUNT} of amounts collected, {AMOUNT} of what we collect."
    assert hide("We recovered 20% of the balance.") == "We recovered 20% of the balance."


def test_the_bundled_debt_buyer_shows_no_price() -> None:
    vendor = tomllib.loads((REPO / "sample_vendors" / "us" / "harbor-capital.toml").read_text(encoding="utf-8"))
    for answer in vendor["answers"].values():
        out = mask(answer, [(vendor["name"], vendor["id"])], "Vendor K")
        assert not re.search(r"\d(?:\.\d+)?c\b|[$£€]\s?\d|\bcents\b", out), out
        assert "harbor" not in out.lower()
    price = vendor["answers"]["fee.model"]
    assert "8c at 91-180" in price
    assert f"{AMOUNT} at 91-180" in mask(price)


def test_numbers_are_masked_in_our_own_messages_when_asked() -> None:
    message = "shortlisted with a negative net recovery (-151,450): it costs more"
    assert mask(message, figures=True) == f"shortlisted with a negative net recovery ({AMOUNT}): it costs more"
    assert mask("score 7 is above the scale (0-5)", figures=True) == "score 7 is above the scale (0-5)"


# --- properties ------------------------------------------------------------------------------

DISGUISES = [
    lambda w: w, str.upper, str.title,
    lambda w: "\u200b".join(w), lambda w: "\u00ad".join(w), lambda w: " ".join(w),
    lambda w: w.replace("a", "\u0430").replace("o", "\u043e").replace("p", "\u0440"),  # Cyrillic look-alikes
    lambda w: "".join(chr(ord(c) + 0xFEE0) for c in w),  # fullwidth
    lambda w: f"get{w}now.com", lambda w: f"_{w}_",
]
prose = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)


@given(prose, st.sampled_from(DISGUISES), prose)
def test_the_name_never_survives_whatever_surrounds_it(before: str, disguise: Callable[[str], str], after: str) -> None:
    out = hide(before + " " + disguise("alpha") + " " + after)
    assert "alpha" not in re.sub(r"[\W_]", "", folded_text(out)) or "alpha" in re.sub(r"[\W_]", "", folded_text(before + after))


@given(prose, st.sampled_from(["$", "€", "£", "¥", "₹", "＄", "USD ", "EUR "]), st.integers(0, 10**9), prose)
def test_no_currency_figure_survives(before: str, sign: str, amount: int, after: str) -> None:
    out = mask(f"{before} {sign}{amount:,} {after}")
    assert not re.search(r"[$€£¥₹]\s?\d|(?:usd|eur) ?\d", folded_text(out)[len(folded_text(before)):][:20])
    assert AMOUNT in out


@given(prose)
def test_masking_twice_changes_nothing_more(text: str) -> None:
    once = hide(text)
    assert hide(once) == once


# --- linear time ------------------------------------------------------------------------------


def _unbounded_backtracking(parsed: Iterable[tuple[Any, Any]]) -> list[str]:
    """Greedy or lazy repeats with no upper bound, anywhere in a parsed pattern: what can
    make a regex backtrack over a long run. Possessive repeats never give back."""
    found = []
    for op, av in parsed:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, sub = av
            if high == sre_constants.MAXREPEAT or high > 8:
                found.append(f"{op}({low},{high})")
            found += _unbounded_backtracking(sub)
        elif op is sre_constants.POSSESSIVE_REPEAT:
            found += _unbounded_backtracking(av[2])
        elif op is sre_constants.SUBPATTERN:
            found += _unbounded_backtracking(av[-1])
        elif op is sre_constants.BRANCH:
            for branch in av[1]:
                found += _unbounded_backtracking(branch)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.ATOMIC_GROUP):
            found += _unbounded_backtracking(av[-1] if op is not sre_constants.ATOMIC_GROUP else av)
    return found


def patterns_run_on_whole_texts() -> dict[str, re.Pattern[str]]:
    """Every pattern masking runs over a text (names are found with `str.find`)."""
    return {
        "money": masking._MONEY, "percentage": masking._PERCENTAGE, "fee word": masking._FEE_WORD,
        "sentence end": masking._SENTENCE_END, "figure": masking._FIGURE, "runs": masking._ASCII_OR_NOT,
        "alias-like": masking._ALIAS_LIKE, "coded": masking._CODED, "share": masking._SHARE,
        "in words": masking._IN_WORDS, "unit word": masking._UNIT_WORD,
        "splitter": masking._SPLITTER, "word": masking._WORD, "alnum run": masking._ALNUM_RUN, "gap": masking._GAP,
    }


@pytest.mark.parametrize("name", list(patterns_run_on_whole_texts()))
def test_no_pattern_run_over_a_whole_text_can_backtrack_over_a_run(name: str) -> None:
    pattern = patterns_run_on_whole_texts()[name]
    assert _unbounded_backtracking(parser.parse(pattern.pattern, pattern.flags)) == []


def test_the_old_money_pattern_is_caught_by_that_check() -> None:
    old = r"(?i)(?:[$£€¥]\s?)\d[\d,.]*(?:\s?(?:k|m|bn)\b)?|\b\d[\d,.]*\s?(?:k|m|bn)?\s?(?:usd|gbp)\b"
    assert _unbounded_backtracking(parser.parse(old)) != []


HOSTILE = ["1,", "1 ", "$1 ", "1 a ", "alpha x ", "25% fee. ", "usd 1 ", "1 000 ", "Al\u200bpha\u00ad ", "é"]


def _python_steps(text: str) -> int:
    """How many lines of Python masking runs: the Python part of the work (the regex
    engine's part is bounded by the structure test above)."""
    steps = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[[FrameType, str, Any], Any]:
        nonlocal steps
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        hide(text)
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize("unit", HOSTILE)
def test_the_work_grows_linearly_with_the_text(unit: str) -> None:
    small, large = _python_steps(unit * 500), _python_steps(unit * 4000)
    assert large <= 8 * small + 200, (small, large)


@pytest.mark.parametrize("unit", HOSTILE)
def test_a_long_answer_is_masked(unit: str) -> None:
    """256 KiB of each unit: a pattern that backtracks (quadratic or worse) would not finish,
    and a linear one takes well under a second; the line count above bounds the rest."""
    text = unit * (2**18 // len(unit.encode()))
    out = hide(text)
    assert len(out) <= len(text) * 4


def test_a_bidder_cannot_write_one_of_our_aliases() -> None:
    text = "Vendor B was fined; V\u0435ndor  C too. As a vendor to banks, a vendor in Ohio, we differ."
    out = mask(text, ALPHA, "Vendor A", aliases=True)
    assert out == "another vendor was fined; another vendor too. As a vendor to banks, a vendor in Ohio, we differ."
    assert mask("Alpha Omega Recovery is Vendor A", ALPHA, "Vendor Q", aliases=True) == "Vendor Q is another vendor"


def test_the_blind_vendor_carries_no_alias_of_another() -> None:
    from vendortui.core.blinding import blinded
    from vendortui.core.models import Vendor

    vendor = Vendor.model_validate({"id": "alpha", "name": "Alpha Omega Recovery", "kind": "agency",
                                    "summary": "Alpha, since 1990", "contact": "ceo@alpha.example",
                                    "answers": {"q": "Unlike Vendor B, Alpha charges $5."}})
    shown = blinded(vendor, "vendor-c", "Vendor C")
    assert (shown.vid, shown.name, shown.summary, shown.contact) == ("vendor-c", "Vendor C", "", "")
    assert shown.answers == {"q": f"Unlike another vendor, Vendor C charges {AMOUNT}."}


def test_a_name_split_in_two_words_is_found_and_prose_is_not() -> None:
    names = [("Brightpath Digital Recovery", "brightpath")]
    assert mask("Bright Path and bright-path and B r i g h t p a t h.", names, "Vendor D") == \
        "Vendor D and Vendor D and Vendor D."
    assert hide("The total phase of the plan; an alp hamlet.") == "The total phase of the plan; an alp hamlet."


def test_names_are_found_without_compiling_a_pattern_per_vendor() -> None:
    masking.name_rule.cache_clear()
    before = re._cache.copy() if hasattr(re, "_cache") else {}
    for i in range(300):
        mask(f"Vendor{i} Alpha answers.", [(f"Quill{i}feather Partners", f"quill{i}")], "Vendor A")
    grown = set(getattr(re, "_cache", {})) - set(before)
    assert len(grown) < 10  # the rules are plain strings
