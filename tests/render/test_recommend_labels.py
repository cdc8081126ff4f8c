"""The one label of a loss-maker's status, and the gain's sign: what every output prints."""

from __future__ import annotations

from tests.core.test_recommend import CASE, ranking, template
from vendortui.render.labels import gain_label, ltv_basis_label, status_label, status_short


def test_a_loss_makers_status_says_what_it_loses_or_only_that_it_does_when_blind() -> None:
    rows = {r.id: r for r in ranking()}
    t = template()
    # loser: net 10,000 - 40,000 = -30,000; rank 2, off the shortlist
    assert status_label(rows["loser"], t, "USD") == "eligible, loses $30,000 on this book"
    assert status_short(rows["loser"], t, "USD") == "loses $30,000"
    assert status_label(rows["loser"], t) == "eligible, loses money on this book"  # blind: no figure
    assert "$" not in status_short(rows["loser"], t)
    assert status_label(rows["first"], t, "USD") == "shortlisted"
    # with a business case the business value is said beside the loss: -30,000 + 10 x 420 = -25,800
    with_case = {r.id: r for r in ranking(case=CASE)}
    assert status_label(with_case["loser"], t, "USD") == "eligible, loses $30,000 on this book; business value -$25,800"
    # shortlisted by rank alone (shortlist_losses), it says so too
    by_rank = {r.id: r for r in ranking(template(shortlist_losses=True))}
    assert status_label(by_rank["loser"], t, "USD") == "shortlisted, loses $30,000 on this book"


def test_gain_and_ltv_basis_labels() -> None:
    assert gain_label(229375.8, "USD") == "+$229,376"
    assert gain_label(-157816.0, "USD") == "-$157,816"
    assert gain_label(0.2, "USD") == "$0"
    assert ltv_basis_label("revenue") == "LTV on revenue" and ltv_basis_label("margin") == "LTV on margin"
