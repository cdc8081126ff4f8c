"""Monte Carlo draws only the vendors that can change a run's leader (`core.contenders`),
and takes percentiles at the u's order statistics (`montecarlo.spread`): both must give what
drawing every vendor in every run and sorting the nets gives. The reference here is that
brute force, written out with the money model's own draws and `Scorer.leader`."""

from __future__ import annotations

import math
import random
from array import array
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.core.test_analysis import RANGES, fifty_vendors, workspace
from tests.core.test_properties import reviews
from vendortui.core import montecarlo
from vendortui.core.autos import auto_score_bounds, auto_scores
from vendortui.core.basis import Basis
from vendortui.core.contenders import contenders
from vendortui.core.models import Band, BusinessCase, Portfolio, Template, Vendor
from vendortui.core.scoring import EvaluatorInputs, Ranked, Scorer, clamp, rank
from vendortui.files.workspace import LoadOptions, open_workspace

Figures = dict[str, tuple[float, float, float, float, tuple[float | None, ...]]]


def brute_force(
    template: Template, portfolio: Portfolio, vendors: list[Vendor], evaluation: EvaluatorInputs, runs: int, seed: int,
    ranked: list[Ranked] | None = None, basis: Basis | None = None,
) -> tuple[Figures, float]:
    """Every vendor drawn in every run, the leader from all of them, percentiles of the sorted nets."""
    ranked = ranked or rank(template, portfolio, vendors, evaluation)
    draws = montecarlo.vendor_draws(portfolio, vendors, ranked, basis)
    scorer = Scorer(template, vendors, evaluation)
    timed = basis is not None and basis.timing is not None
    by_id = sorted(range(len(vendors)), key=lambda i: vendors[i].vid)
    rng = random.Random(seed)
    firsts = [0] * len(vendors)
    nets: list[list[float]] = [[] for _ in vendors]
    npvs: list[list[float]] = [[] for _ in vendors]
    nobody = 0
    for _ in range(runs):
        us = [0.0] * len(vendors)
        for i in by_id:
            us[i] = rng.random()
        gross, net, ratio, resolved = montecarlo.run_draws(draws, us)
        npv = [d.npv(n) or 0.0 for d, n in zip(draws, net)] if timed else None
        for i, x in enumerate(net):
            nets[i].append(x)
            if npv is not None:
                npvs[i].append(npv[i])
        who = scorer.leader(gross, net, ratio, resolved, npv)
        if who is None:
            nobody += 1
        else:
            firsts[who] += 1
    out: Figures = {}
    for i, v in enumerate(vendors):
        p = [montecarlo.percentile(nets[i], q) for q in montecarlo.PERCENTILES]
        pv = tuple(montecarlo.percentile(npvs[i], q) for q in montecarlo.PERCENTILES) if timed else (None,) * 3
        out[v.vid] = (firsts[i] / runs, p[0], p[1], p[2], pv)
    return out, nobody / runs


def assert_same(
    template: Template, portfolio: Portfolio, vendors: list[Vendor], evaluation: EvaluatorInputs, runs: int, seed: int,
    ranked: list[Ranked] | None = None, basis: Basis | None = None,
) -> None:
    mc = montecarlo.monte_carlo(template, portfolio, vendors, evaluation, runs, seed, ranked=ranked, basis=basis)
    expected, nobody = brute_force(template, portfolio, vendors, evaluation, runs, seed, ranked, basis)
    assert mc.no_leader == nobody
    for d in mc.vendors:
        p_first, p10, p50, p90, npv = expected[d.id]
        assert d.p_first == p_first, d.id  # the same leader in every run: exactly the same counts
        got = (d.net_p10, d.net_p50, d.net_p90, d.npv_p10, d.npv_p50, d.npv_p90)
        for a, b in zip(got, (p10, p50, p90, *npv)):
            if b is None:
                assert a is None
            else:
                assert a == pytest.approx(b, rel=1e-9, abs=1e-6), d.id


@st.composite
def ranged_reviews(draw: st.DrawFn) -> tuple[Template, Portfolio, list[Vendor], EvaluatorInputs]:
    """A drawn review whose recovery bands carry ranges, sometimes with a business case and
    an auto criterion on business value."""
    template, book, vendors, inputs, _ = draw(reviews())
    spread = st.floats(0, 1, allow_nan=False, allow_subnormal=False)
    out = []
    for v in vendors:
        recovery = v.performance.recovery
        bands = [
            Band.model_validate({**b.model_dump(), "low": b.rate * (1 - draw(spread)),
                                 "high": b.rate + (1 - b.rate) * draw(spread)})
            for b in recovery
        ] if recovery else recovery
        out.append(v.model_copy(update={"performance": v.performance.model_copy(update={"recovery": bands})}))
    if draw(st.booleans()):
        case = BusinessCase(involuntary_churn_per_month=draw(st.integers(0, 500)), ltv=draw(st.integers(0, 2000)),
                            winback=draw(st.floats(0, 1)))
        inputs = replace(inputs, business_case=case)
        on_value = draw(st.booleans())
        if template.criteria and on_value:
            cid = next(iter(template.criteria))
            criteria = {**template.criteria, cid: template.criteria[cid].model_copy(update={"auto": "business_value"})}
            template = template.model_copy(update={"criteria": criteria})
    return template, book, out, inputs


@given(ranged_reviews(), st.integers(0, 2**32))
def test_drawing_the_contenders_names_the_same_leaders_as_drawing_everyone(
    review: tuple[Template, Portfolio, list[Vendor], EvaluatorInputs], seed: int
) -> None:
    template, book, vendors, inputs = review
    assert_same(template, book, vendors, inputs, 40, seed)


def test_fifty_generated_vendors_draw_few_and_lose_nothing() -> None:
    ws = open_workspace(LoadOptions())
    vendors = fifty_vendors()
    inputs = ws.evaluation.inputs()
    scorer = Scorer(ws.template, vendors, inputs)
    drawn = contenders(scorer, montecarlo.ranges(montecarlo.vendor_draws(
        ws.portfolio, vendors, rank(ws.template, ws.portfolio, vendors, inputs)), False))
    # Most of the fifty can neither lead nor set the lowest cost ratio: they are not drawn.
    assert 0 < len(drawn) < len(vendors) // 2
    assert_same(ws.template, ws.portfolio, vendors, inputs, 300, 5)


def test_the_samples_with_timing_give_the_same_npv_percentiles() -> None:
    ws = open_workspace(LoadOptions())
    basis = ws.evaluation.basis()
    assert basis.timing is not None  # the bundled template has [timing]
    ev = ws.evaluation
    assert_same(ev.template, ev.portfolio, list(ev.vendors), ev.inputs(), 200, 3, ev.rank(), basis)


def test_ranges_fixture_where_minimums_move_with_the_draws() -> None:
    ws = workspace(RANGES)
    assert_same(ws.template, ws.portfolio, list(ws.vendors), ws.evaluation.inputs(), 300, 11)


# --------------------------------------------------------------------------- the pieces


intervals = st.tuples(st.floats(-1e6, 1e6), st.floats(0, 1e6)).map(lambda t: (t[0], t[0] + t[1]))
ratio_intervals = st.one_of(
    st.none(), st.tuples(st.floats(0, 5), st.floats(0, 5)).map(lambda t: (t[0], t[0] + t[1])),
    st.just((0.1, math.inf)),
)


@st.composite
def figures_within(draw: st.DrawFn, kind: str) -> tuple[list[Any], list[Any], list[int]]:
    n = draw(st.integers(1, 6))
    ranges = [draw(ratio_intervals if kind == "cost_ratio" else intervals) for _ in range(n)]
    points: list[float | None] = []
    for r in ranges:
        if r is None:
            points.append(None)
        elif r[1] == math.inf:
            points.append(draw(st.sampled_from([r[0], 1.0, math.inf])))
        else:
            points.append(draw(st.floats(r[0], r[1])))
    pool = sorted(draw(st.sets(st.integers(0, n - 1))))
    return ranges, points, pool


@given(st.sampled_from(["cost_ratio", "net_recovery", "gross_recovery", "business_value"]).flatmap(
    lambda kind: st.tuples(st.just(kind), figures_within(kind))), st.integers(1, 10))
@example(("net_recovery", ([(-5.0, 10.0), (1.0, 2.0)], [10.0, 1.0], [0, 1])), 5)
def test_auto_scores_at_any_point_lie_within_their_bounds(case: tuple[str, Any], scale: int) -> None:
    kind, (ranges, points, pool) = case
    if kind == "gross_recovery":  # gross is never negative
        ranges = [(max(a, 0.0), max(b, 0.0)) for a, b in ranges]
        points = [max(p, 0.0) for p in points]
    bounds, setters = auto_score_bounds(kind, scale, ranges, pool)  # type: ignore[arg-type]
    figures = [p if p is not None else None for p in points]
    real = [float(x) if x is not None else 0.0 for x in figures]
    scores = auto_scores(kind, scale, real, real, figures, pool, real, real)  # type: ignore[arg-type]
    for s, b in zip(scores, bounds):
        if b is None:
            assert s is None
        else:
            assert s is not None
            assert b[0] - 1e-9 <= clamp(s, scale) <= b[1] + 1e-9
    # The best (lowest positive ratio) is one a setter can reach: scores computed over the
    # setters alone are the same.
    alone = auto_scores(kind, scale, real, real, figures, sorted(setters), real, real)  # type: ignore[arg-type]
    assert alone == scores


@given(st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=400), st.data())
def test_order_statistics_without_sorting_equal_the_sorted_values(values: list[float], data: st.DataObject) -> None:
    column = array("d", values)
    ranks = data.draw(st.lists(st.integers(0, len(values) - 1), min_size=1, max_size=6, unique=True))
    expected = sorted(values)
    # sort_limit 0: every column takes the windowed pass (and its fall-back for data that is not uniform)
    assert montecarlo.order_statistics(column, ranks, sort_limit=0) == {k: expected[k] for k in ranks}


def test_order_statistics_on_a_long_uniform_column_keep_the_windows() -> None:
    rng = random.Random(3)
    column = array("d", (rng.random() for _ in range(200_000)))
    ranks = [19_999, 20_000, 99_999, 100_000, 179_999, 180_000]
    expected = sorted(column)
    assert montecarlo.order_statistics(column, ranks) == {k: expected[k] for k in ranks}
