"""The board page in the cases the samples do not show: every eligible vendor loses money, the
choice is today's arrangement, the plan over every eligible vendor nets more, no status quo."""

from __future__ import annotations

from tests.core.test_recommend import BOOK, CASE, FIRST, LOSER, MID, OLD, OUT, TWO, YOUNG, template, vendor
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import Portfolio, Vendor
from vendortui.core.report import build_report
from vendortui.core.terms import Terms
from vendortui.render.board import board_page


def page(vendors: list[Vendor], status_quo: str | None = None, shortlist: int = 2, book: Portfolio = BOOK) -> str:
    report = build_report(Evaluation(template(shortlist=shortlist), book, vendors, terms=Terms(status_quo=status_quo)))
    return "\n".join(board_page(report, analysed=False))


def test_no_recommendation_when_every_eligible_vendor_loses_money() -> None:
    text = page([LOSER, OUT], status_quo="loser")
    assert "No recommendation: every eligible vendor loses money on this book." in text
    assert "No vendor is shortlisted" in text
    assert "Loser (rank 1, loses $30,000)" in text  # named, with what it loses
    assert "Size of the book: not assessed" in text  # no analysis: not claimed either way


def test_the_choice_can_be_todays_arrangement() -> None:
    text = page([FIRST, LOSER], status_quo="first")
    assert "Recommended: First (rank 1" in text and "That is today's arrangement: keep First." in text


def test_the_plan_over_every_eligible_vendor_names_who_would_join() -> None:
    # young 0-90 (40,000) + mid 91+ (25,000) = 65,000 over the shortlist; with old: 70,000
    text = page([YOUNG, MID, OLD], book=TWO)
    assert "Over the shortlist: Young to 90 days, then Mid after: $65,000 net" in text
    assert "would net $5,000 more, with Old joining the shortlist." in text
    assert "No status quo is named" in text and "Gain over today" not in text


def test_a_loss_against_today_is_stated_as_a_loss() -> None:
    # weak: 10% fee on 10%: net 9,000; today (first) nets 24,000; weak ranks first on its desk score
    weak = vendor("weak", 5, fees={"contingency": 0.1}, performance={"recovery": 0.1}, certifications=["SOC 2"])
    low = FIRST.model_copy(update={"scores": {"customer_focus": 1.0}})
    text = page([weak, low], status_quo="first", shortlist=1)
    assert "It brings $15,000 less than today's arrangement, First ($24,000)" in text


def test_a_value_resting_wholly_on_a_winback_claim_is_said_so() -> None:
    # claimer: software recovering 10% (10,000) for 12,000 a year: net -2,000; resolved 100; won back
    # 100 x 0.5 = 50; retained 21,000; value 19,000. Its claim adds (0.5 - 0.1) x 100 x 420 = 16,800,
    # less than its value: 88%. With a 15,000 licence (net -5,000, value 16,000) it is 105%: all of it.
    claimer = vendor("claimer", 5, kind="software", fees={"annual_cost": 15000},
                     performance={"recovery": 0.1, "winback": 0.5}, certifications=["SOC 2"])
    report = build_report(Evaluation(template(shortlist=1), BOOK, [claimer], terms=Terms(business_case=CASE)))
    text = "\n".join(board_page(report, analysed=False))
    assert ("Winback claim: all of Claimer's value ($16,000) rests on its own claim that 50% of resolved accounts "
            "stay customers; at the 10% assumed for the others it would be -$800.") in text
