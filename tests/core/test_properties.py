"""Property tests of the money model and the ranking, on the core functions directly.

Models are built with `model_validate` from generated data: any number of buckets, banded
or flat rates whose bands need not line up with the buckets, every vendor kind, random
requirements, minimums, auto criteria, desk and question scores (some above the scale, which
the loader refuses but the core must clamp) and evaluator decisions.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.money import net_at_rate, project
from vendortui.core.scoring import EvaluatorInputs, effective_weights, rank

KINDS = ("agency", "software", "in_house", "debt_buyer")
CRITERIA = ("customer_focus", "compliance", "portfolio_performance", "insights_technology", "scalability", "fee_structure")
CERTS = ("PCI DSS", "SOC 2 Type II", "ISO 27001")
REGIONS = ("US", "CA", "GB")

# Subnormal floats are left out: 5e-324 / 2 is 0 and such underflow says nothing about the
# rules (a setup cost of 5e-324 has a break-even "rate" of 0).
rates = st.floats(0, 1, allow_nan=False, allow_subnormal=False)
amounts = st.one_of(st.integers(0, 10_000_000), st.floats(0, 1e7, allow_nan=False, allow_subnormal=False))
small_amounts = st.one_of(st.integers(0, 200), st.floats(0, 200, allow_nan=False, allow_subnormal=False))
# Weights as people write them: 0, or not absurdly small (scaled by 1e-3 they stay normal floats).
weight_values = st.one_of(st.integers(0, 100), st.just(0.0), st.floats(1e-3, 100, allow_nan=False))


def score_values(top: float) -> st.SearchStrategy[float]:
    return st.floats(0, top, allow_nan=False, allow_subnormal=False)


def contiguous(cuts: list[int]) -> list[str]:
    """Age ranges from day 0 to open-ended, split at `cuts`: [30, 90] -> 0-29, 30-89, 90+."""
    lows = [0, *sorted(cuts)]
    return [f"{lo}-{lows[i + 1] - 1}" if i + 1 < len(lows) else f"{lo}+" for i, lo in enumerate(lows)]


cut_lists = st.lists(st.integers(1, 800), max_size=3, unique=True)


@st.composite
def banded(draw: st.DrawFn) -> Any:
    """One number, or bands covering every age (so every bucket finds its band)."""
    if draw(st.booleans()):
        return draw(rates)
    return [{"age": age, "rate": draw(rates)} for age in contiguous(draw(cut_lists))]


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    ages = contiguous(draw(cut_lists))
    keep = draw(st.lists(st.sampled_from(ages), min_size=1, max_size=len(ages), unique=True))
    buckets = [
        {"age": age, "balance": draw(amounts), "accounts": draw(st.integers(0, 20_000))}
        for age in ages if age in keep
    ]
    return Portfolio.model_validate({"buckets": buckets})


def vendor_data(draw: st.DrawFn, vid: str, kind: str | None = None) -> dict[str, Any]:
    kind = kind or draw(st.sampled_from(KINDS))
    fees: dict[str, Any] = {
        "contingency": draw(banded()),
        "annual_cost": draw(amounts),
        "setup_cost": draw(amounts),
        "per_account": draw(small_amounts),
    }
    if kind == "debt_buyer":
        fees["purchase_price"] = draw(banded())
    return {
        "id": vid,
        "name": draw(st.sampled_from(["Alpha", "Bravo", "Charlie", "alpha", "Delta"])) + f" {vid}",
        "kind": kind,
        "certifications": draw(st.lists(st.sampled_from(CERTS), unique=True)),
        "regions": draw(st.lists(st.sampled_from(REGIONS), unique=True)),
        "fees": fees,
        "performance": {"recovery": draw(banded())},
        # up to 7 on a scale that may be 5: the core must clamp
        "scores": draw(st.dictionaries(st.sampled_from(CRITERIA), score_values(7))),
    }


@st.composite
def vendors(draw: st.DrawFn, vid: str = "v", kind: str | None = None) -> Vendor:
    return Vendor.model_validate(vendor_data(draw, vid, kind))


# A drawn review: its template, book, vendors, evaluator inputs and horizon.
Review = tuple[Template, Portfolio, list[Vendor], EvaluatorInputs, int]


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    """A whole review: template, book, vendors and the evaluator's input."""
    used = draw(st.lists(st.sampled_from(CRITERIA), min_size=1, max_size=len(CRITERIA), unique=True))
    weights = {cid: draw(weight_values) for cid in used}
    if not any(w > 0 for w in weights.values()):
        weights[used[0]] = 1
    scale = draw(st.integers(1, 10))
    criteria: dict[str, Any] = {}
    for cid in used:
        c: dict[str, Any] = {}
        if draw(st.booleans()):
            c["auto"] = draw(st.sampled_from(["cost_ratio", "net_recovery", "gross_recovery"]))
        if draw(st.booleans()):
            c["minimum"] = draw(score_values(scale))
        criteria[cid] = c
    requirements = []
    for i in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(["certification", "region", "decision"]))
        req: dict[str, Any] = {"id": f"req.{i}"}
        if what == "certification":
            req["certification"] = draw(st.sampled_from(CERTS))
        elif what == "region":
            req["region"] = draw(st.sampled_from(REGIONS))
        requirements.append(req)
    sections = [
        {
            "id": cid,
            "criterion": cid,
            "questions": [
                {"id": f"{cid}.{j}", "text": "?", "weight": draw(st.sampled_from([0, 0.5, 1, 2, 3]))}
                for j in range(draw(st.integers(1, 3)))
            ],
        }
        for cid in used
    ]
    tmpl = Template.model_validate(
        {
            "id": "t", "title": "T", "scale": scale, "horizon_months": draw(st.integers(1, 36)),
            "shortlist": draw(st.integers(1, 4)), "weights": weights, "criteria": criteria,
            "requirements": requirements, "sections": sections,
        }
    )
    book = draw(portfolios())
    n = draw(st.integers(1, 6))
    vs = [Vendor.model_validate(vendor_data(draw, f"v{i}")) for i in range(n)]
    questions = [q.id for s in tmpl.sections for q in s.questions]
    scores = {
        v.vid: draw(st.dictionaries(st.sampled_from(questions), score_values(scale + 2)))
        for v in vs
    }
    decisions = {
        v.vid: draw(st.dictionaries(st.sampled_from([r["id"] for r in requirements] or ["none"]), st.booleans()))
        for v in vs
    }
    return tmpl, book, vs, EvaluatorInputs(effective_weights(tmpl), scores, decisions), scale


def tolerance(*values: float) -> float:
    """Rounding slack for float sums of amounts up to ~1e8."""
    return 1e-9 * max(1.0, *(abs(v) for v in values))


# ---------------------------------------------------------------------------
# Money


@given(vendors(), portfolios(), st.integers(1, 36))
def test_net_never_exceeds_gross(v: Vendor, book: Portfolio, horizon: int) -> None:
    p = project(v, book, horizon)
    assert p.net <= p.gross
    assert p.gross >= 0 and p.fees >= 0 and p.fixed >= 0
    if v.is_debt_buyer:
        assert p.net == p.gross and p.fees == 0 and p.fixed == 0 and p.cost_ratio is None


@st.composite
def raised_recovery(draw: st.DrawFn) -> tuple[Vendor, Vendor]:
    """A vendor's data and the same with every recovery band's rate raised (or kept)."""
    data = vendor_data(draw, "v")
    low = data["performance"]["recovery"]
    if isinstance(low, float):
        high: Any = draw(st.floats(low, 1, allow_nan=False, allow_subnormal=False))
    else:
        high = [{**b, "rate": draw(st.floats(b["rate"], 1, allow_nan=False, allow_subnormal=False))} for b in low]
    raised = {**data, "performance": {"recovery": high}}
    return Vendor.model_validate(data), Vendor.model_validate(raised)


@given(raised_recovery(), portfolios(), st.integers(1, 36))
def test_higher_recovery_never_lowers_net(pair: tuple[Vendor, Vendor], book: Portfolio, horizon: int) -> None:
    low, high = pair
    p_low, p_high = project(low, book, horizon), project(high, book, horizon)
    assert p_high.net >= p_low.net - tolerance(p_low.gross, p_low.fixed, p_high.gross)
    assert p_high.gross >= p_low.gross - tolerance(p_low.gross)


@given(vendors(), portfolios(), st.integers(1, 36), rates, rates)
def test_net_at_rate_is_non_decreasing_in_the_rate(v: Vendor, book: Portfolio, horizon: int, r1: float, r2: float) -> None:
    lo, hi = sorted((r1, r2))
    n_lo, n_hi = net_at_rate(v, book, horizon, lo), net_at_rate(v, book, horizon, hi)
    assert n_hi >= n_lo - tolerance(n_lo, book.total_balance)


@given(st.sampled_from(["agency", "software", "in_house"]).flatmap(lambda k: vendors(kind=k)), portfolios(), st.integers(1, 36))
def test_break_even_rate_zeroes_net(v: Vendor, book: Portfolio, horizon: int) -> None:
    p = project(v, book, horizon)
    be = p.break_even_rate
    assert be >= 0
    if p.fixed == 0:
        assert be == 0  # SPEC: 0 for a vendor with no fixed cost
        return
    assert be > 0
    if math.isfinite(be):
        slack = tolerance(p.fixed, book.total_balance * be)
        assert abs(net_at_rate(v, book, horizon, be)) <= slack
        # the same through the full projection, every bucket recovering at `be`
        flat = project(v, book, horizon, recovery_rates=[be] * len(book.buckets))
        assert abs(flat.net) <= slack
    else:
        # fees take everything: no recovery rate pays the fixed costs
        assert net_at_rate(v, book, horizon, 1.0) < 0


# ---------------------------------------------------------------------------
# Ranking


@given(reviews())
def test_totals_and_criterion_scores_stay_in_range(review: Review) -> None:
    tmpl, book, vs, evaluation, scale = review
    for r in rank(tmpl, book, vs, evaluation):
        assert 0 <= r.total <= 100, r.total
        for c in r.criteria.values():
            assert 0 <= c.score <= scale, (c.id, c.score)


@given(reviews())
def test_knocked_out_never_ranks_above_eligible(review: Review) -> None:
    tmpl, book, vs, evaluation, _ = review
    ranked = rank(tmpl, book, vs, evaluation)
    flags = [r.eligible for r in ranked]
    assert flags == sorted(flags, reverse=True)  # all True before any False
    assert [r.rank for r in ranked] == list(range(1, len(vs) + 1))
    assert sorted(r.id for r in ranked) == sorted(v.vid for v in vs)
    for r in ranked:
        assert r.eligible == (not r.knocked_out_by)
        assert r.incomplete == bool(r.pending)
    # the shortlist is the first `shortlist` eligible vendors whose value (net here) is 0 or
    # more (SPEC "The recommendation"); a loss-maker keeps its rank off it
    gated = [r.id for r in ranked if r.eligible and round(r.projection.net, 2) >= 0]
    assert [r.id for r in ranked if r.shortlisted] == gated[: tmpl.shortlist]


@given(reviews())
def test_order_is_by_total_then_net_within_each_group(review: Review) -> None:
    tmpl, book, vs, evaluation, _ = review
    ranked = rank(tmpl, book, vs, evaluation)
    for a, b in itertools.pairwise(ranked):
        if a.eligible != b.eligible:
            continue
        assert a.total >= b.total - 1e-9
        if abs(a.total - b.total) < 1e-12:
            assert a.projection.net >= b.projection.net - 1e-6


@given(reviews(), st.one_of(st.integers(1, 1000), st.floats(1e-3, 1e3, allow_nan=False)))
def test_scaling_all_weights_never_changes_the_order(review: Review, factor: float) -> None:
    tmpl, book, vs, evaluation, _ = review
    scaled = EvaluatorInputs({c: w * factor for c, w in evaluation.weights.items()}, evaluation.scores, evaluation.decisions)
    before = rank(tmpl, book, vs, evaluation)
    after = rank(tmpl, book, vs, scaled)
    assert [(r.id, r.eligible, r.shortlisted) for r in after] == [(r.id, r.eligible, r.shortlisted) for r in before]
    for x, y in zip(before, after):
        assert abs(x.total - y.total) <= 1e-9 * max(1.0, x.total)
