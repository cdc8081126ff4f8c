"""`core.analysis` (issue 6): rate curves, size tipping points, weight flips, Monte Carlo.

Fixtures are in tests/data/analysis/: `worked/` is the SPEC's worked example plus a debt buyer
and an agency with per-account costs, `flips/` three criteria scored by hand, `ranges/`
recovery ranges with auto criteria and minimums that move with the draws. Every expected
number is worked out in the comments, never with the code under test.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import RunCli
from vendortui.core import analysis, montecarlo
from vendortui.core.defaults import RATES
from vendortui.core.models import BusinessCase, Performance, Portfolio, Template, Vendor
from vendortui.core.money import project
from vendortui.core.montecarlo import MonteCarlo
from vendortui.core.scoring import EvaluatorInputs, Scorer, leader_of, rank
from vendortui.files.workspace import LoadOptions, Workspace, open_workspace
from vendortui.render import analysis as analysis_text

DATA = Path(__file__).resolve().parents[1] / "data" / "analysis"
WORKED, FLIPS, RANGES = DATA / "worked", DATA / "flips", DATA / "ranges"


def workspace(folder: Path, template: str = "template.toml") -> Workspace:
    ws = open_workspace(LoadOptions(vendors=folder / "vendors", template=folder / template))
    assert not ws.problems, ws.problems
    return ws


def known(figure: float | None) -> float:
    """A Monte Carlo figure, which every run count but zero gives."""
    assert figure is not None
    return figure


def run_mc(ws: Workspace, runs: int, seed: int, vendors: list[Vendor] | None = None) -> MonteCarlo:
    return montecarlo.monte_carlo(ws.template, ws.portfolio, vendors or ws.vendors, ws.evaluation.inputs(), runs, seed)


# --------------------------------------------------------------------------- net at a rate

# Portfolio: one bucket of $100,000 and 100 accounts, horizon 12 months.
# inhouse:  net(r) = 100,000 r - 25,000                    (SPEC column A)
# software: net(r) = 100,000 r - 30,000                    (SPEC column B)
# partner:  net(r) = 100,000 r x 0.8                       (SPEC column C)
# buyer:    15c on the dollar: 15,000 whatever the rate
# lex:      net(r) = 100,000 r x 0.7 - (2,000 setup + 50 x 100 accounts) = 70,000 r - 7,000
NET_AT_RATE = {
    "inhouse": [-15000, -5000, 5000, 15000, 25000],
    "software": [-20000, -10000, 0, 10000, 20000],
    "partner": [8000, 16000, 24000, 32000, 40000],
    "buyer": [15000, 15000, 15000, 15000, 15000],
    "lex": [0, 7000, 14000, 21000, 28000],
}
# break-even = fixed / kept: inhouse 25,000 / 100,000; software 30,000 / 100,000;
# lex 7,000 / 70,000; partner and buyer have no fixed cost.
BREAK_EVEN = {"inhouse": 0.25, "software": 0.30, "partner": 0.0, "buyer": 0.0, "lex": 0.10}


def test_net_at_rate_and_break_even_reproduce_the_worked_example() -> None:
    result = analysis.analyze(workspace(WORKED).evaluation, runs=0, seed=0)
    assert RATES == (0.10, 0.20, 0.30, 0.40, 0.50)
    got = {v.id: v for v in result.vendors}
    assert set(got) == set(NET_AT_RATE)
    for vid, nets in NET_AT_RATE.items():
        assert [got[vid].net_at_rate[r] for r in RATES] == pytest.approx(nets, abs=1e-6), vid
        assert got[vid].break_even_rate == pytest.approx(BREAK_EVEN[vid], abs=1e-12), vid


def test_rate_curve_gives_points_for_a_chart() -> None:
    ws = workspace(WORKED)
    # lex: 70,000 r - 7,000 -> 0.05: -3,500; 0.25: 10,500
    points = analysis.rate_curve(ws.evaluation.vendor("lex"), ws.portfolio, 12, [0.05, 0.25])
    assert [p[0] for p in points] == [0.05, 0.25]
    assert [p[1] for p in points] == pytest.approx([-3500, 10500], abs=1e-6)


# --------------------------------------------------------------------------- tipping points

# At scale k, net = k x margin - base:
#   inhouse  margin 30,000 (30% of 100,000)         base 25,000
#   software margin 30,000                            base 30,000
#   partner  margin 25,000 x 0.8 = 20,000             base 0
#   buyer    margin 15,000 (purchase value)           base 0
#   lex      margin 40,000 - 12,000 fees - 5,000 per-account = 23,000, base 2,000 setup
# a overtakes b at k = (base_a - base_b) / (margin_a - margin_b) when both differences > 0:
#   lex/buyer      2,000 / 8,000    = 0.25       balance 25,000
#   lex/partner    2,000 / 3,000    = 0.6667     balance 66,666.67
#   inhouse/buyer  25,000 / 15,000  = 1.6667     balance 166,666.67
#   software/buyer 30,000 / 15,000  = 2          balance 200,000
#   inhouse/partner 25,000 / 10,000 = 2.5        balance 250,000
#   software/partner 30,000 / 10,000 = 3         balance 300,000
#   inhouse/lex    23,000 / 7,000   = 3.2857     balance 328,571.43
#   software/lex   28,000 / 7,000   = 4          balance 400,000
# inhouse/software: same margin, never cross; partner/buyer: same base (0), never cross.
TIPPING = [
    ("lex", "buyer", 0.25, 25000),
    ("lex", "partner", 2 / 3, 200000 / 3),
    ("inhouse", "buyer", 5 / 3, 500000 / 3),
    ("software", "buyer", 2.0, 200000),
    ("inhouse", "partner", 2.5, 250000),
    ("software", "partner", 3.0, 300000),
    ("inhouse", "lex", 23 / 7, 2300000 / 7),
    ("software", "lex", 4.0, 400000),
]


def test_size_tipping_points_by_hand() -> None:
    result = analysis.analyze(workspace(WORKED).evaluation, runs=0, seed=0)
    got = [(t.a, t.b, t.scale, t.balance) for t in result.size_tipping_points]
    assert [g[:2] for g in got] == [t[:2] for t in TIPPING]
    for g, want in zip(got, TIPPING):
        assert g[2] == pytest.approx(want[2], rel=1e-12) and g[3] == pytest.approx(want[3], rel=1e-12), g
    # accounts scale too: lex/buyer at 0.25 x 100 accounts
    assert result.size_tipping_points[0].accounts == pytest.approx(25)


def test_tipping_point_is_where_the_nets_cross() -> None:
    """At k = 2.5 the in-house team and the partner net the same: 2.5 x 30,000 - 25,000 = 50,000
    and 2.5 x 20,000 = 50,000; scaling the book's balance and accounts shows it."""
    ws = workspace(WORKED)
    buckets = [b.model_copy(update={"balance": 250000.0, "accounts": 250}) for b in ws.portfolio.buckets]
    scaled = ws.portfolio.model_copy(update={"buckets": buckets})
    assert project(ws.evaluation.vendor("inhouse"), scaled, 12).net == pytest.approx(50000)
    assert project(ws.evaluation.vendor("partner"), scaled, 12).net == pytest.approx(50000)


# --------------------------------------------------------------------------- weight flips

# flips/: weights cf = 1, comp = 2, scal = 1; desk scores (cf, comp, scal):
#   alpha (2, 5, 5)  net 100,000 x 0.20 x 0.8 = 16,000
#   beta  (4, 3, 1)  net  8,000
#   gamma (5, 1, 2)  net 24,000
#   delta (5, 5, 5)  knocked out (no PCI DSS): never a leader, whatever the weights
# Totals are proportional to sum_c w_c s_c: alpha 2+10+5 = 17, beta 4+6+1 = 11, gamma 5+2+2 = 9.
#
# customer_focus = w (comp 2, scal 1 fixed): alpha 15 + 2w, beta 7 + 4w, gamma 4 + 5w.
#   alpha = gamma at 15 + 2w = 4 + 5w -> w = 11/3; alpha = beta at w = 4; beta = gamma at w = 3.
#   Upwards from 1 the first crossing with alpha is 11/3, and just above it gamma leads
#   (at 3.8: alpha 22.6, beta 22.2, gamma 23). Share: (11/3) / (11/3 + 3) = 11/20 = 55%.
#   Downwards: no crossing below 1.
# compliance = w (cf 1, scal 1): alpha 7 + 5w, beta 5 + 3w, gamma 7 + w.
#   alpha = gamma at w = 0 (7 = 7); alpha = beta at w = -1 (not a weight).
#   At w = 0 the totals tie (70 each) and the net breaks it: gamma 24,000 > alpha 16,000.
# scalability = w (cf 1, comp 2): alpha 12 + 5w, beta 10 + w, gamma 7 + 2w: alpha leads for every
#   w >= 0 (the crossings are at w = -0.5 and w = -5/3).


def test_weight_flips_by_hand() -> None:
    result = analysis.analyze(workspace(FLIPS).evaluation, runs=0, seed=0)
    assert result.leader == "alpha"
    flips = {f.criterion: f for f in result.weight_sensitivity}
    assert list(flips) == ["customer_focus", "compliance", "scalability"]

    cf = flips["customer_focus"]
    assert (cf.weight, cf.share) == (1, 0.25)
    assert cf.flip_weight == pytest.approx(11 / 3, rel=1e-12)
    assert cf.flip_share == pytest.approx(0.55, rel=1e-12)
    assert (cf.new_leader, cf.direction) == ("gamma", "above")

    comp = flips["compliance"]
    assert (comp.weight, comp.share) == (2, 0.5)
    assert (comp.flip_weight, comp.flip_share, comp.new_leader, comp.direction) == (0, 0, "gamma", "below")

    scal = flips["scalability"]
    assert (scal.flip_weight, scal.flip_share, scal.new_leader, scal.direction) == (None, None, None, None)


# With compliance = 1 and scalability = 0, customer_focus = w gives alpha 5 + 2w, beta 3 + 4w,
# gamma 1 + 5w: alpha = beta at w = 1, alpha = gamma at w = 4/3, beta = gamma at w = 2.
#   w = 1.4: alpha 7.8, beta 8.6, gamma 8.0 -> beta leads; its crossings are 1 (alpha, 0.4 away)
#            and 2 (gamma, 0.6 away): the nearer is below 1, where alpha takes over
#            (at 0.9: alpha 6.8, beta 6.6). Share 1 / (1 + 1) = 50%.
#   w = 1.5: beta leads (alpha 8, beta 9, gamma 8.5); 1 and 2 are equally far: the one above is
#            reported, gamma (at 2.1: gamma 11.5, beta 11.4). Share 2 / (2 + 1) = 2/3.
#   w = 0.5: alpha leads (6, 5, 3.5); above 1 beta takes over (at 1.1: beta 7.4, alpha 7.2,
#            gamma 6.5) even though gamma, further on, leads from w = 2 (at w = 2: beta 11 =
#            gamma 11, gamma's net wins): the new leader is the one just past the flip.
@pytest.mark.parametrize(
    ("w0", "flip", "share", "who", "direction"),
    [(1.4, 1.0, 0.5, "alpha", "below"), (1.5, 2.0, 2 / 3, "gamma", "above"), (0.5, 1.0, 0.5, "beta", "above")],
)
def test_the_nearest_flip_and_the_leader_just_past_it(w0: float, flip: float, share: float, who: str, direction: str) -> None:
    ws = workspace(FLIPS)
    ev = replace(ws.evaluation.inputs(), weights={"customer_focus": w0, "compliance": 1, "scalability": 0})
    cf = analysis.weight_sensitivity(ws.template, ws.portfolio, ws.vendors, ev)[0]
    assert cf.criterion == "customer_focus"
    assert cf.flip_weight == pytest.approx(flip, rel=1e-12) and cf.flip_share == pytest.approx(share, rel=1e-12)
    assert (cf.new_leader, cf.direction) == (who, direction)


def test_a_tie_at_weight_zero_that_the_leader_wins_is_no_flip() -> None:
    """With gamma's net cut to 100,000 x 0.10 x 0.8 = 8,000 < alpha's 16,000, the tie at
    compliance = 0 goes to alpha: compliance no longer flips. customer_focus still does (the
    scores did not change, so still at 11/3)."""
    ws = workspace(FLIPS)
    vendors = [
        v.model_copy(update={"performance": Performance.model_validate({"recovery": 0.10})}) if v.vid == "gamma" else v
        for v in ws.vendors
    ]
    flips = {f.criterion: f for f in analysis.weight_sensitivity(ws.template, ws.portfolio, vendors, ws.evaluation.inputs())}
    assert flips["compliance"].flip_weight is None and flips["compliance"].new_leader is None
    assert flips["customer_focus"].flip_weight == pytest.approx(11 / 3, rel=1e-12)


def test_at_exactly_the_flip_weight_the_tie_break_decides() -> None:
    """customer_focus = 11/3: alpha and gamma tie on total (both 15 + 22/3 = 4 + 55/3 = 67/3),
    and gamma's higher net (24,000 > 16,000) puts it first."""
    ws = workspace(FLIPS)
    ev = ws.evaluation.inputs()
    at = replace(ev, weights={**ev.weights, "customer_focus": 11 / 3})
    ranked = rank(ws.template, ws.portfolio, ws.vendors, at)
    assert ranked[0].total == pytest.approx(ranked[1].total) and {ranked[0].id, ranked[1].id} == {"alpha", "gamma"}
    assert leader_of(ranked) == "gamma"


def test_a_single_weighted_criterion_never_flips() -> None:
    """worked/ weights customer_focus alone: its share is 100% at every weight above 0."""
    result = analysis.analyze(workspace(WORKED).evaluation, runs=0, seed=0)
    assert [(f.criterion, f.flip_weight, f.new_leader) for f in result.weight_sensitivity] == [("customer_focus", None, None)]


def test_flips_on_the_samples_agree_with_a_scan_of_the_ranking() -> None:
    """Between the current weight and the flip weight the leader does not change; just past
    it, the new leader leads. Checked with scoring.rank at evenly spaced weights."""
    ws = open_workspace(LoadOptions())
    ev = ws.evaluation.inputs()
    leader = leader_of(ws.evaluation.rank())

    def leader_at(cid: str, w: float) -> str | None:
        return leader_of(rank(ws.template, ws.portfolio, ws.vendors, replace(ev, weights={**ev.weights, cid: w})))

    flips = analysis.weight_sensitivity(ws.template, ws.portfolio, ws.vendors, ev)
    assert any(f.flip_weight is not None for f in flips)
    for f in flips:
        end = f.flip_weight if f.flip_weight is not None else f.weight + 2000
        for i in range(41):
            w = f.weight + (end - f.weight) * i / 40 * (1 - 1e-9)
            assert leader_at(f.criterion, w) == leader, (f.criterion, w)
        if f.flip_weight is not None:
            step = 1e-6 * max(1.0, f.flip_weight)
            beyond = f.flip_weight + step if f.direction == "above" else max(f.flip_weight - step, 0.0)
            assert leader_at(f.criterion, beyond) == f.new_leader != leader


def test_flip_sentences_name_the_share_of_total_weight() -> None:
    ws = workspace(FLIPS)
    result = analysis.analyze(ws.evaluation, runs=0, seed=0)
    sentences = analysis_text.flip_sentences(result, ws.template)
    assert sentences == [
        "Customer focus above 55.0% of the total weight (raw weight 3.667, now 1 = 25.0%) "
        "makes Gamma the leader instead of Alpha.",
        "Compliance at 0% of the total weight (raw weight 0, now 2 = 50.0%) "
        "makes Gamma the leader instead of Alpha.",
    ]
    assert analysis_text.flip_sentences(result) == sentences  # titles kept in the result


# --------------------------------------------------------------------------- Monte Carlo pieces


def test_triangular_quantile_by_hand() -> None:
    # triangular(0, 0.5, 1): F(mode) = 0.5; u = 0.125 < 0.5 -> 0 + sqrt(0.125 x 1 x 0.5) = 0.25
    assert montecarlo.triangular_quantile(0.125, 0.0, 0.5, 1.0) == pytest.approx(0.25)
    # u = 0.875 -> 1 - sqrt(0.125 x 1 x 0.5) = 0.75; u = 0.5 -> the mode
    assert montecarlo.triangular_quantile(0.875, 0.0, 0.5, 1.0) == pytest.approx(0.75)
    assert montecarlo.triangular_quantile(0.5, 0.0, 0.5, 1.0) == pytest.approx(0.5)
    # triangular(0.1, 0.2, 0.4): F(mode) = 1/3; u = 0 -> low; u = 0.9 -> 0.4 - sqrt(0.1 x 0.3 x 0.2) = 0.32254
    assert montecarlo.triangular_quantile(0.0, 0.1, 0.2, 0.4) == pytest.approx(0.1)
    assert montecarlo.triangular_quantile(0.9, 0.1, 0.2, 0.4) == pytest.approx(0.4 - math.sqrt(0.006))
    # mode at the floor (only `high`): triangular(0.2, 0.2, 0.38) at u = 0.75 -> 0.38 - sqrt(0.25 x 0.18 x 0.18) = 0.29
    assert montecarlo.triangular_quantile(0.75, 0.2, 0.2, 0.38) == pytest.approx(0.29)
    # degenerate range: the rate
    assert montecarlo.triangular_quantile(0.3, 0.2, 0.2, 0.2) == 0.2


def test_percentile_is_linear_interpolation() -> None:
    # h = (5 - 1) p: p10 -> 0.4 -> 1 + 0.4 x (2 - 1) = 1.4; p50 -> 3; p90 -> 3.6 -> 4.6
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert [montecarlo.percentile(values, p) for p in (0.1, 0.5, 0.9)] == pytest.approx([1.4, 3.0, 4.6])
    assert montecarlo.percentile([1.0, 3.0], 0.5) == pytest.approx(2.0)
    assert montecarlo.percentile([7.0], 0.9) == 7.0


def test_one_run_by_hand() -> None:
    """One agency, one band 0.10-0.20-0.40, 20% fee on $100,000: with Random(7)'s first draw u,
    r = 0.1 + sqrt(u x 0.3 x 0.1) if u < 1/3 else 0.4 - sqrt((1 - u) x 0.3 x 0.2);
    net = 100,000 x r x 0.8, and that one run's percentiles are all that net."""
    ws = workspace(WORKED)
    one = Vendor.model_validate(
        {"id": "solo", "name": "Solo", "kind": "agency", "fees": {"contingency": 0.2},
         "performance": {"recovery": [{"age": "0+", "rate": 0.2, "low": 0.1, "high": 0.4}]}}
    )
    u = random.Random(7).random()
    r = 0.1 + math.sqrt(u * 0.3 * 0.1) if u < 1 / 3 else 0.4 - math.sqrt((1 - u) * 0.3 * 0.2)
    mc = run_mc(ws, 1, 7, vendors=[one])
    d = mc.vendors[0]
    assert (d.id, d.p_first) == ("solo", 1.0)
    assert d.net_p10 == d.net_p50 == d.net_p90 == pytest.approx(100000 * r * 0.8, rel=1e-12)


# --------------------------------------------------------------------------- Monte Carlo


def test_same_seed_same_output_and_another_seed_other_draws() -> None:
    ws = workspace(RANGES)
    first = analysis_text.to_json(analysis.analyze(ws.evaluation, runs=200, seed=11))
    again = analysis_text.to_json(analysis.analyze(ws.evaluation, runs=200, seed=11))
    other = analysis_text.to_json(analysis.analyze(ws.evaluation, runs=200, seed=12))
    assert first == again

    def swift(text: str) -> dict[str, Any]:
        row: dict[str, Any] = next(v for v in json.loads(text)["monte_carlo"]["vendors"] if v["id"] == "swift")
        return row

    assert swift(first)["net_p50"] != swift(other)["net_p50"]


def test_draws_follow_vendor_ids_not_file_order() -> None:
    ws = workspace(RANGES)
    forward = {d.id: d for d in run_mc(ws, 100, 3).vendors}
    backward = {d.id: d for d in run_mc(ws, 100, 3, vendors=list(reversed(ws.vendors))).vendors}
    assert forward == backward


def test_invariants_with_ranges() -> None:
    ws = workspace(RANGES)
    mc = run_mc(ws, 300, 5)
    assert sum(known(d.p_first) for d in mc.vendors) + known(mc.no_leader) == pytest.approx(1.0)
    for d in mc.vendors:
        assert known(d.net_p10) <= known(d.net_p50) <= known(d.net_p90), d
    got = {d.id: d for d in mc.vendors}
    # Knocked out whatever the draws: no PCI DSS (nocert), compliance 2 < 3 (lowcomp).
    assert got["nocert"].p_first == got["lowcomp"].p_first == 0
    # The debt buyer's bid is not drawn: 40,000 x 0.12 + 35,000 x 0.06 + 25,000 x 0.06 = 8,400.
    assert got["buyer"].net_p10 == got["buyer"].net_p90 == pytest.approx(8400)
    # No range at all: fixed at 100,000 x 0.15 x 0.78 = 11,700.
    assert got["fixed"].net_p10 == got["fixed"].net_p90 == pytest.approx(11700)
    # Only `high`: the rate is the floor, so no run nets less than the point net
    # 40,000 x 0.20 x 0.75 + 60,000 x 0.10 x 0.75 = 6,000 + 4,500 = 10,500.
    assert known(got["upside"].net_p10) >= 10500 - 1e-6 and known(got["upside"].net_p90) > 10500
    # Ranged vendors spread.
    assert known(got["swift"].net_p10) < known(got["swift"].net_p90)


def test_p_first_sums_to_one_when_someone_is_always_eligible() -> None:
    # The samples: eligibility depends on requirements and a minimum on an evaluator score only.
    ws = open_workspace(LoadOptions())
    mc = run_mc(ws, 200, 1)
    assert sum(known(d.p_first) for d in mc.vendors) == pytest.approx(1.0)
    assert mc.no_leader == 0
    assert 0 < max(known(d.p_first) for d in mc.vendors) <= 1


def test_without_ranges_every_percentile_is_the_point_net() -> None:
    ws = workspace(WORKED)
    mc = run_mc(ws, 50, 9)
    nets = {r.id: r.projection.net for r in ws.evaluation.rank()}
    # lex leads on customer_focus 5 in every run (nothing moves).
    assert {d.id: d.p_first for d in mc.vendors} == {"lex": 1.0, "partner": 0.0, "inhouse": 0.0, "software": 0.0, "buyer": 0.0}
    for d in mc.vendors:
        assert d.net_p10 == d.net_p50 == d.net_p90 == nets[d.id]


def test_nobody_eligible_nobody_leads() -> None:
    ws = workspace(WORKED, "nobody.toml")
    result = analysis.analyze(ws.evaluation, runs=20, seed=0)
    assert result.leader is None
    assert all(f.flip_weight is None for f in result.weight_sensitivity)
    assert sum(known(d.p_first) for d in result.monte_carlo.vendors) == 0
    assert result.monte_carlo.no_leader == 1.0


def test_zero_runs_gives_no_figures() -> None:
    mc = run_mc(workspace(RANGES), 0, 0)
    assert mc.no_leader is None
    assert all((d.p_first, d.net_p10, d.net_p50, d.net_p90) == (None,) * 4 for d in mc.vendors)


# --------------------------------------------------------------------------- fast path == scoring.rank


def fifty_vendors(seed: int = 1) -> list[Vendor]:
    """50 generated vendors of every kind, with ranges, for the sample template."""
    rng = random.Random(seed)
    kinds = ["agency", "software", "in_house", "debt_buyer"]
    criteria = ["customer_focus", "compliance", "portfolio_performance", "insights_technology", "scalability", "fee_structure"]
    out = []
    for i in range(50):
        kind = kinds[i % 4]
        bands: list[dict[str, Any]] = []
        for age, base in (("0-90", 0.28), ("91-180", 0.16), ("181-365", 0.07), ("366+", 0.02)):
            r = base * rng.uniform(0.6, 1.3)
            bands.append({"age": age, "rate": r, "low": r * 0.75, "high": min(1.0, r * 1.25)})
        fees = (
            {"purchase_price": [{"age": b["age"], "rate": b["rate"] * 0.4} for b in bands]}
            if kind == "debt_buyer"
            else {
                "contingency": rng.uniform(0.15, 0.35) if kind == "agency" else 0.0,
                "annual_cost": 0 if kind == "agency" else rng.uniform(20000, 160000),
                "setup_cost": rng.uniform(0, 10000),
                "per_account": rng.uniform(0, 2),
            }
        )
        out.append(Vendor.model_validate({
            "id": f"v{i:02d}", "name": f"Vendor {i:02d}", "kind": kind, "regions": ["US"],
            "certifications": ["PCI DSS"] + (["SOC 2 Type II"] if i % 5 else []),
            "scores": {c: round(rng.uniform(1, 5), 1) for c in criteria},
            "fees": fees, "performance": {"recovery": bands},
        }))
    return out


def check_fast_path(
    template: Template, portfolio: Portfolio, vendors: list[Vendor], evaluation: EvaluatorInputs, runs: int, seed: int,
) -> tuple[list[list[str]], list[str | None]]:
    """Each run's money, totals, eligibility and leader from the fast path equal scoring.rank
    on money.project with the same per-bucket rates. Returns each run's knock-outs and
    leader, for the caller to check that the case exercised what it meant to."""
    draws = montecarlo.vendor_draws(portfolio, vendors, rank(template, portfolio, vendors, evaluation))
    scorer = Scorer(template, vendors, evaluation)
    rng = random.Random(seed)
    knocks, leaders = [], []
    for _ in range(runs):
        us = [rng.random() for _ in vendors]
        rates = [d.rates(u) for d, u in zip(draws, us)]
        gross, net, ratio, resolved = montecarlo.run_draws(draws, us)
        projections = {
            v.vid: project(v, portfolio, template.horizon_months, recovery_rates=r) for v, r in zip(vendors, rates)
        }
        ranked = {r.id: r for r in rank(template, portfolio, vendors, evaluation, projections)}
        for i, v in enumerate(vendors):
            p = projections[v.vid]
            assert (gross[i], net[i], ratio[i]) == (p.gross, p.net, p.cost_ratio), v.vid
            assert resolved[i] == pytest.approx(p.resolved_accounts), v.vid
        who = scorer.leader(gross, net, ratio, resolved)
        leaders.append(None if who is None else vendors[who].vid)
        assert leaders[-1] == leader_of(list(ranked.values()))
        knocks.append([f"{r.id}:{k}" for r in ranked.values() for k in r.knocked_out_by])
    return knocks, leaders


def test_fast_path_matches_scoring_rank_when_eligibility_moves() -> None:
    ws = workspace(RANGES)
    knocks, leaders = check_fast_path(ws.template, ws.portfolio, ws.vendors, ws.evaluation.inputs(), 150, 4)
    # The draws did move eligibility: the net_recovery minimum knocked "edge" out in some
    # runs and not in others, and it led only when let in.
    out = ["edge:criterion:portfolio_performance" in k for k in knocks]
    assert any(out) and not all(out)
    assert "edge" in leaders and all(who != "edge" for who, k in zip(leaders, out) if k)


@pytest.mark.parametrize("kind", ["cost_ratio", "net_recovery", "gross_recovery"])
def test_fast_path_matches_scoring_rank_for_every_auto_kind(kind: str) -> None:
    """ranges/ with its minimum-bearing criterion switched to each auto kind in turn."""
    ws = workspace(RANGES)
    criteria = dict(ws.template.criteria)
    criteria["portfolio_performance"] = criteria["portfolio_performance"].model_copy(update={"auto": kind})
    template = ws.template.model_copy(update={"criteria": criteria})
    knocks, _ = check_fast_path(template, ws.portfolio, ws.vendors, ws.evaluation.inputs(), 60, 6)
    assert any("criterion:portfolio_performance" in k for run in knocks for k in run)


def test_fast_path_matches_scoring_rank_on_business_value_with_a_case() -> None:
    """`auto = "business_value"` under a business case: each draw's resolved accounts carry
    through to the business value the Monte Carlo leader is chosen on."""
    ws = workspace(RANGES)
    criteria = dict(ws.template.criteria)
    criteria["portfolio_performance"] = criteria["portfolio_performance"].model_copy(update={"auto": "business_value"})
    template = ws.template.model_copy(update={"criteria": criteria})
    case = BusinessCase(involuntary_churn_per_month=100, ltv=500, winback=0.3)
    evaluation = replace(ws.evaluation.inputs(), business_case=case)
    knocks, leaders = check_fast_path(template, ws.portfolio, ws.vendors, evaluation, 60, 6)
    assert any("criterion:portfolio_performance" in k for run in knocks for k in run)
    assert None not in leaders
    # The customers won back moved the lead: the same draws without the case (business value
    # = net) elect another leader in some runs, so the case's value was what was ranked on.
    _, without_case = check_fast_path(template, ws.portfolio, ws.vendors, replace(evaluation, business_case=None), 60, 6)
    assert any(a != b for a, b in zip(leaders, without_case))


def test_fast_path_breaks_equal_totals_on_net() -> None:
    """Two vendors with the same scores tie on every total (no auto criterion in flips/), so
    the net decides, and the draws make each one the better in some runs."""
    ws = workspace(FLIPS)
    twins = [
        Vendor.model_validate(
            {"id": vid, "name": vid.title(), "kind": "agency", "certifications": ["PCI DSS"],
             "fees": {"contingency": 0.2}, "scores": {"customer_focus": 5, "compliance": 5, "scalability": 5},
             "performance": {"recovery": [{"age": "0+", "rate": 0.2, "low": low, "high": high}]}}
        )
        for vid, low, high in (("twin-b", 0.1, 0.3), ("twin-a", 0.15, 0.25))
    ]
    _, leaders = check_fast_path(ws.template, ws.portfolio, [*ws.vendors, *twins], ws.evaluation.inputs(), 40, 8)
    assert set(leaders) == {"twin-a", "twin-b"}


def test_fast_path_matches_scoring_rank_on_the_samples_and_fifty_vendors() -> None:
    ws = open_workspace(LoadOptions())
    check_fast_path(ws.template, ws.portfolio, ws.vendors, ws.evaluation.inputs(), 30, 2)
    check_fast_path(ws.template, ws.portfolio, fifty_vendors(), ws.evaluation.inputs(), 10, 3)


def test_monte_carlo_leader_counts_match_scoring_rank() -> None:
    """p_first recounted run by run with scoring.rank, drawing as documented (ids in order)."""
    ws = workspace(RANGES)
    runs, seed = 60, 21
    mc = run_mc(ws, runs, seed)
    draws = montecarlo.vendor_draws(ws.portfolio, ws.vendors, ws.evaluation.rank())
    order = sorted(range(len(ws.vendors)), key=lambda i: ws.vendors[i].vid)
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for _ in range(runs):
        us = [0.0] * len(ws.vendors)
        for i in order:
            us[i] = rng.random()
        rates = [d.rates(u) for d, u in zip(draws, us)]
        projections = {v.vid: project(v, ws.portfolio, 12, recovery_rates=r) for v, r in zip(ws.vendors, rates)}
        who = leader_of(rank(ws.template, ws.portfolio, ws.vendors, ws.evaluation.inputs(), projections))
        if who:
            counts[who] = counts.get(who, 0) + 1
    assert {d.id: d.p_first for d in mc.vendors if d.p_first} == {k: n / runs for k, n in counts.items()}


# --------------------------------------------------------------------------- output



def test_cli_json_end_to_end(run_cli: RunCli) -> None:
    args = ["analyze", "--format", "json", "--vendors", RANGES / "vendors", "--template", RANGES / "template.toml",
            "--runs", "500", "--seed", "7"]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"leader", "vendors", "size_tipping_points", "weight_sensitivity", "monte_carlo"}
    assert data["leader"] == "edge"
    ids = {"edge", "swift", "steady", "upside", "fixed", "buyer", "nocert", "lowcomp"}
    assert {v["id"] for v in data["vendors"]} == ids
    for v in data["vendors"]:
        assert set(v) >= {"id", "break_even_rate", "net_at_rate"}
        assert list(v["net_at_rate"]) == ["0.10", "0.20", "0.30", "0.40", "0.50"]
        assert all(isinstance(x, (int, float)) for x in v["net_at_rate"].values())
    # steady: 8,000 + 1,000 + 1 x 1,220 accounts = 10,220 fixed -> 0.10 x 100,000 - 10,220 = -220
    steady = next(v for v in data["vendors"] if v["id"] == "steady")
    assert steady["net_at_rate"]["0.10"] == pytest.approx(-220)
    assert steady["break_even_rate"] == pytest.approx(0.1022)
    for t in data["size_tipping_points"]:
        assert set(t) >= {"a", "b", "scale", "balance"} and t["scale"] > 0
    assert [w["criterion"] for w in data["weight_sensitivity"]] == [
        "customer_focus", "compliance", "portfolio_performance", "fee_structure"
    ]
    for w in data["weight_sensitivity"]:
        assert set(w) >= {"criterion", "weight", "flip_weight", "new_leader"}
    mc = data["monte_carlo"]
    assert (mc["runs"], mc["seed"]) == (500, 7)
    assert {d["id"] for d in mc["vendors"]} == ids
    for d in mc["vendors"]:
        assert set(d) >= {"id", "p_first", "net_p10", "net_p50", "net_p90"}
    # Same command, another process with another hash seed: the same bytes.
    other = subprocess.run([sys.executable, "-m", "vendortui", *map(str, args)], capture_output=True, text=True,
                           timeout=120, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert other.stdout == done.stdout


def test_cli_markdown_and_table_run(run_cli: RunCli) -> None:
    common = ["--vendors", FLIPS / "vendors", "--template", FLIPS / "template.toml", "--runs", "50"]
    md = run_cli("analyze", "--format", "markdown", *common)
    assert md.returncode == 0, md.stderr
    for heading in ("## Net at a portfolio-wide recovery rate", "## Portfolio-size tipping points",
                    "## Weight sensitivity", "## Monte Carlo"):
        assert heading in md.stdout
    assert "above 55.0% of the total weight" in md.stdout and "makes Gamma the leader" in md.stdout
    table = run_cli("analyze", *common)
    assert table.returncode == 0, table.stderr
    assert "Monte Carlo: 50 runs, seed 0" in table.stdout and "Gamma" in table.stdout


def test_markdown_shows_money_in_the_portfolio_currency() -> None:
    result = analysis.analyze(workspace(WORKED).evaluation, runs=10, seed=0)
    text = analysis_text.to_markdown(result, "USD")
    # inhouse at 10%: -$15,000; lex/buyer tipping point at 0.25x, $25,000
    assert "| In-house team | 25.0% | -$15,000 | -$5,000 | $5,000 | $15,000 | $25,000 |" in text
    assert "| Lex legal agency | Debt buyer at 15c | 0.25x | $25,000 |" in text


def test_analysis_imports_no_ui() -> None:
    code = "import sys, vendortui.core.analysis; print(sorted(m for m in ('rich', 'textual') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_monte_carlo_memory_grows_by_one_float_a_run_and_vendor() -> None:
    """Each run keeps its vendors' u's (8 bytes a run and vendor), not a list of nets;
    a vendor's column is sliced and sorted for its percentiles one vendor at a time."""
    import tracemalloc

    ws = workspace(RANGES)
    n = len(ws.vendors)

    def peak(runs: int) -> int:
        tracemalloc.start()
        try:
            run_mc(ws, runs, 0)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # 2,000 runs apart: the fixed costs cancel, and under tracemalloc each run is slow
    small, big = peak(300), peak(2_300)
    per_run = (big - small) / 2_000
    # the u's: 8n bytes a run, and up to 8n more while the array grows (realloc may copy);
    # one column sliced out (8 bytes) and its sorted list (an 8-byte pointer and a 24-byte
    # float); nothing to spare. A list of
    # nets per run would cost over 300 bytes a run here.
    assert per_run <= 16 * n + 32 + 8, (per_run, n)
