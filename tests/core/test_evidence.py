"""Claims weighed by their evidence (SPEC "Time value and evidence", `[evidence] k`).

Every expected number is worked out in the comment next to it, never by the code under test.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendortui.core.basis import NoEvidence, basis_for
from vendortui.core.curves import CurvePoint, Evidence, Timing
from vendortui.core.evaluation import Evaluation
from vendortui.core.evidence import evidence_weight, evidenced_rates, priors
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.terms import Terms

BOOK = Portfolio.model_validate({"buckets": [{"age": "0-90", "balance": 60000, "accounts": 600},
                                             {"age": "91+", "balance": 40000, "accounts": 400}]})


def vendor(vid: str, young: float, old: float, n: int | None = None, kind: str = "agency", **fields: Any) -> Vendor:
    performance: dict[str, Any] = {"recovery": [{"age": "0-90", "rate": young}, {"age": "91+", "rate": old}]}
    if n is not None:
        performance["similar_portfolios"] = n
    return Vendor.model_validate({"id": vid, "name": vid.title(), "kind": kind, "performance": performance, **fields})


BOLD = vendor("bold", 0.40, 0.20)  # no comparable placements: n = 0
MID = vendor("mid", 0.20, 0.10, n=10)
PROVEN = vendor("proven", 0.10, 0.04, n=30)
BUYER = vendor("buyer", 0.90, 0.90, n=1000, kind="debt_buyer", fees={"purchase_price": 0.05})


def test_the_weight_shrinks_with_k() -> None:
    assert evidence_weight(BOLD, Evidence(k=10)) == 0  # 0 / (0 + 10)
    assert evidence_weight(MID, Evidence(k=10)) == 0.5  # 10 / 20
    assert evidence_weight(PROVEN, Evidence(k=10)) == 0.75  # 30 / 40
    assert evidence_weight(PROVEN, Evidence(k=30)) == 0.5  # 30 / 60
    assert evidence_weight(BUYER, Evidence(k=10)) is None  # a price is a bid, not a claim


def test_the_prior_is_the_median_of_the_claims_debt_buyers_left_out() -> None:
    # young: median(0.40, 0.20, 0.10) = 0.20; old: median(0.20, 0.10, 0.04) = 0.10 (the buyer's 0.90 ignored)
    assert priors([BOLD, MID, PROVEN, BUYER], BOOK.buckets) == {0: 0.20, 91: 0.10}
    # an even count takes the mean of the middle two: young median(0.40, 0.20, 0.10, 0.30) = 0.25
    fourth = vendor("fourth", 0.30, 0.30)
    assert priors([BOLD, MID, PROVEN, fourth], BOOK.buckets)[0] == pytest.approx(0.25)


def test_evidenced_rates_by_hand() -> None:
    prior = {0: 0.20, 91: 0.10}
    k10 = Evidence(k=10)
    # bold (z = 0): the prior itself
    assert evidenced_rates(BOLD, BOOK.buckets, k10, prior) == [0.20, 0.10]
    # proven (z = 0.75): 0.75 x 0.10 + 0.25 x 0.20 = 0.125; 0.75 x 0.04 + 0.25 x 0.10 = 0.055
    assert evidenced_rates(PROVEN, BOOK.buckets, k10, prior) == pytest.approx([0.125, 0.055])
    # with k = 30 (z = 0.5): 0.5 x 0.10 + 0.5 x 0.20 = 0.15; 0.5 x 0.04 + 0.5 x 0.10 = 0.07
    assert evidenced_rates(PROVEN, BOOK.buckets, Evidence(k=30), prior) == pytest.approx([0.15, 0.07])


def template(shortlist: int = 3) -> Template:
    return Template.model_validate({
        "id": "t", "title": "T", "shortlist": shortlist, "weights": {"fee_structure": 1},
        "criteria": {"fee_structure": {"auto": "net_recovery"}},
        "sections": [{"id": "s", "criterion": "customer_focus", "questions": [{"id": "q", "text": "Q"}]}],
    })


def review(vendors: list[Vendor], evidenced: bool, timing: Timing | None = None) -> Evaluation:
    return Evaluation(template(), BOOK, vendors, terms=Terms(timing=timing, evidence=Evidence(k=10)), evidenced=evidenced)


def test_evidence_weight_and_evidenced_net_beside_every_vendor() -> None:
    p = review([BOLD, MID, PROVEN, BUYER], evidenced=False).projections()
    # bold claims 60,000 x 0.40 + 40,000 x 0.20 = 32,000; evidenced: 60,000 x 0.20 + 40,000 x 0.10 = 16,000
    assert p["bold"].net == pytest.approx(32000)
    assert p["bold"].evidence_weight == 0 and p["bold"].evidenced_net == pytest.approx(16000)
    # proven: 60,000 x 0.125 + 40,000 x 0.055 = 7,500 + 2,200 = 9,700
    assert p["proven"].evidenced_net == pytest.approx(9700)
    # the buyer's price stands: 100,000 x 0.05 = 5,000
    assert p["buyer"].evidence_weight is None and p["buyer"].evidenced_net == p["buyer"].net == 5000


def test_evidence_mode_uses_the_evidenced_rates_for_every_figure() -> None:
    p = review([BOLD, MID, PROVEN], evidenced=True).projections()
    assert p["bold"].net == pytest.approx(16000) and p["proven"].gross == pytest.approx(9700)
    # with a curve as well: rates x S(H); S(12) = 0.5 on (24, 1.0) halves proven's 9,700
    timed = review([BOLD, MID, PROVEN], evidenced=True, timing=Timing(curve=[CurvePoint(month=24, share=1.0)]))
    assert timed.projections()["proven"].net == pytest.approx(4850)


def test_evidence_changes_the_order() -> None:
    # claimed: bold 0.40 leads proven 0.32 on the young bucket (0.0 on the old one for all)
    bold = vendor("bold", 0.40, 0.0)
    proven = vendor("proven", 0.32, 0.0, n=90)  # z = 90 / 100 = 0.9
    low = vendor("low", 0.10, 0.0, n=90)
    mid = vendor("mid", 0.20, 0.0, n=90)
    claimed = review([bold, proven, low, mid], evidenced=False).rank()
    assert [r.id for r in claimed][:2] == ["bold", "proven"]
    # prior = median(0.40, 0.32, 0.20, 0.10) = 0.26; bold -> 0.26, proven -> 0.9 x 0.32 + 0.1 x 0.26 = 0.314
    evidenced = review([bold, proven, low, mid], evidenced=True).rank()
    assert [r.id for r in evidenced][:2] == ["proven", "bold"]
    assert evidenced[0].projection.net == pytest.approx(60000 * 0.314)


def test_evidence_mode_needs_the_table() -> None:
    with pytest.raises(NoEvidence):
        basis_for(12, None, None, [BOLD], BOOK.buckets, evidenced=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 1000)), min_size=1, max_size=6), st.floats(0.01, 1000))
def test_an_evidenced_rate_lies_between_the_claim_and_the_prior(claims: list[tuple[float, int]], k: float) -> None:
    vendors = [vendor(f"v{i}", r, r, n=n) for i, (r, n) in enumerate(claims)]
    prior = priors(vendors, BOOK.buckets)
    for v, (r, _) in zip(vendors, claims):
        got = evidenced_rates(v, BOOK.buckets, Evidence(k=k), prior)[0]
        assert min(r, prior[0]) - 1e-12 <= got <= max(r, prior[0]) + 1e-12


def test_monte_carlo_draws_the_evidenced_rates() -> None:
    """A claim with no evidence (z = 0) is the prior whatever its range: its draws do not move;
    one with z = 0.5 moves half as far as it claims."""
    from vendortui.core.montecarlo import monte_carlo

    ranged = {"recovery": [{"age": "0-90", "rate": 0.40, "low": 0.20, "high": 0.60},
                           {"age": "91+", "rate": 0.20, "low": 0.10, "high": 0.30}]}
    bold = Vendor.model_validate({"id": "bold", "name": "Bold", "kind": "agency", "performance": ranged})
    half = Vendor.model_validate({"id": "half", "name": "Half", "kind": "agency",
                                  "performance": {**ranged, "similar_portfolios": 10}})
    ev = review([bold, half, MID, PROVEN], evidenced=True)
    mc = monte_carlo(ev.template, ev.portfolio, ev.vendors, ev.inputs(), 300, 3, ranked=ev.rank(), basis=ev.basis())
    draws = {d.id: d for d in mc.vendors}
    point = ev.projections()
    # prior young = median(0.40, 0.40, 0.20, 0.10) = 0.30, old = median(0.20, 0.20, 0.10, 0.04) = 0.15:
    # bold's evidenced net is 60,000 x 0.30 + 40,000 x 0.15 = 24,000 in every draw
    assert draws["bold"].net_p10 == draws["bold"].net_p90 == pytest.approx(24000)
    # half (z = 0.5): its range of +-0.20 and +-0.10 shrinks to +-0.10 and +-0.05: at most 60,000 x 0.10 +
    # 40,000 x 0.05 = 8,000 from its evidenced net 60,000 x 0.35 + 40,000 x 0.175 = 28,000
    assert point["half"].net == pytest.approx(28000)
    assert draws["half"].net_p10 is not None and draws["half"].net_p90 is not None
    assert 20000 - 1e-6 <= draws["half"].net_p10 < draws["half"].net_p90 <= 36000 + 1e-6
