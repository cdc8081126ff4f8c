"""The analysis at 1,000 vendors does only the work its readers need, and gives what the
work over everything gives (issue 24, export of 1,000 vendors):

- weight flips look only at the crossings of the lines at the top, and confirm the leader with
  `Scorer.leader` instead of a whole ranking: the reference here is the first version, every
  pair's crossings and `leader_of(rank(...))`;
- tipping points are sought only for the pairs in a `PairScope`: the same points as every
  pair's, filtered;
- `shortlist.md` lists the pairs of `recommend.board_scope`, and says so when it leaves some out.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_analysis import fifty_vendors
from tests.core.test_properties import Review, reviews
from vendortui.core import analysis
from vendortui.core.analysis import EVERY_PAIR, Flip, PairScope, size_tipping_points
from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.recommend import EVERY_PAIR_UP_TO, board_scope
from vendortui.core.report import build_report
from vendortui.core.scoring import EvaluatorInputs, Ranked, leader_of, rank
from vendortui.files.workspace import LoadOptions, open_workspace
from vendortui.render.shortlist import shortlist_document

SAMPLE_TEMPLATE = Path(__file__).resolve().parents[2] / "src/vendortui/samples/rfp_templates/collection-partner.toml"


# --------------------------------------------------------------------------- weight flips


def reference_flips(
    template: Template, portfolio: Portfolio, vendors: Sequence[Vendor], evaluation: EvaluatorInputs,
) -> list[Flip]:
    """The first version: every pair's crossings, each candidate confirmed by a whole ranking."""
    ranked = rank(template, portfolio, vendors, evaluation)
    weights = dict(evaluation.weights)
    total_weight = math.fsum(weights.values())
    projections = {r.id: r.projection for r in ranked}
    eligible = [r for r in ranked if r.eligible and not r.loses]
    leader = eligible[0].id if eligible else None

    def leader_at(cid: str, w: float) -> str | None:
        trial = replace(evaluation, weights={**weights, cid: w})
        return leader_of(rank(template, portfolio, vendors, trial, projections))

    flips = []
    for cid, w0 in weights.items():
        others = total_weight - w0
        share = w0 / total_weight if total_weight > 0 else 0.0
        found = _reference_nearest(cid, w0, others > 0, weights, eligible, leader, leader_at) if leader else None
        if found is None:
            flips.append(Flip(cid, w0, share, None, None, None, None))
        else:
            w, who, direction = found
            flips.append(Flip(cid, w0, share, w, w / (others + w), who, direction))
    return flips


def _reference_nearest(
    cid: str, w0: float, zero_allowed: bool, weights: dict[str, float], eligible: Sequence[Ranked], leader: str,
    leader_at: Callable[[str, float], str | None],
) -> tuple[float, str | None, str] | None:
    lines = {r.id: (math.fsum(w * r.criteria[c].score for c, w in weights.items() if c != cid), r.criteria[cid].score)
             for r in eligible}

    def valid(w: float) -> bool:
        return math.isfinite(w) and (w > 0 or (w == 0 and zero_allowed))

    def crossing(u: str, v: str) -> float | None:
        (su, eu), (sv, ev) = lines[u], lines[v]
        return (sv - su) / (eu - ev) if eu != ev else None

    ids = list(lines)
    every = sorted({w for u, v in itertools.combinations(ids, 2) if (w := crossing(u, v)) is not None and valid(w)})
    mine = [w for v in ids if v != leader and (w := crossing(leader, v)) is not None and valid(w)]
    best = None
    for direction, candidates in (("above", sorted({w for w in mine if w >= w0})),
                                  ("below", sorted({w for w in mine if w <= w0}, reverse=True))):
        for p in candidates:
            tol = 1e-12 * max(1.0, abs(p))
            if direction == "above":
                i = bisect.bisect_right(every, p + tol)
                q: float | None = (p + every[i]) / 2 if i < len(every) else p + max(1.0, p)
            else:
                i = bisect.bisect_left(every, p - tol)
                q = (every[i - 1] + p) / 2 if i > 0 else p / 2 if p > 0 else p if zero_allowed else None
            if q is None:
                continue
            who = leader_at(cid, q)
            if who != leader:
                if best is None or abs(p - w0) < abs(best[0] - w0):
                    best = (p, who, direction)
                break
    return best


@given(reviews())
def test_weight_flips_match_every_pair_and_a_whole_ranking(review: Review) -> None:
    template, book, vendors, ev, _ = review
    ranked = rank(template, book, vendors, ev)
    assert analysis.weight_sensitivity(template, book, vendors, ev, ranked) == reference_flips(template, book, vendors, ev)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_weight_flips_of_fifty_vendors_match_the_reference(seed: int) -> None:
    """Fifty vendors whose scores take few values, so that lines tie and cross at one weight."""
    ws = open_workspace(LoadOptions(template=SAMPLE_TEMPLATE))
    vendors = fifty_vendors(seed)
    rng = random.Random(seed)
    ev = ws.evaluation.inputs()
    ev = replace(ev, weights={cid: rng.choice([0, 0.5, 1, 2, 3]) or 1 for cid in ev.weights})
    got = analysis.weight_sensitivity(ws.template, ws.portfolio, vendors, ev)
    assert got == reference_flips(ws.template, ws.portfolio, vendors, ev)
    assert any(f.flip_weight is not None for f in got)  # the comparison covers real flips


# --------------------------------------------------------------------------- pair scopes


@given(st.data())
def test_a_scope_gives_every_pairs_points_for_its_pairs(data: st.DataObject) -> None:
    ws = open_workspace(LoadOptions(template=SAMPLE_TEMPLATE))
    vendors = fifty_vendors(data.draw(st.integers(1, 5)))[: data.draw(st.integers(2, 20))]
    ids = [v.vid for v in vendors]
    among = data.draw(st.none() | st.sets(st.sampled_from(ids)).map(frozenset))
    involving = data.draw(st.none() | st.sets(st.sampled_from(ids)).map(frozenset))
    scope = PairScope(among, involving)
    every = size_tipping_points(vendors, ws.portfolio, ws.template.horizon_months)
    expected = [t for t in every if (among is None or {t.a, t.b} <= among)
                and (involving is None or t.a in involving or t.b in involving)]
    assert size_tipping_points(vendors, ws.portfolio, ws.template.horizon_months, scope=scope) == expected
    pairs = list(scope.pairs(ids))
    assert len(pairs) == len(set(pairs)) and all(a != b for a, b in pairs)
    assert set(pairs) == {(a, b) for a, b in itertools.permutations(ids, 2)
                          if (among is None or {a, b} <= among) and (involving is None or a in involving or b in involving)}


def test_every_pair_has_points_between_vendors_of_every_kind() -> None:
    """The comparison above is not vacuous: fifty vendors cross many times."""
    ws = open_workspace(LoadOptions(template=SAMPLE_TEMPLATE))
    points = size_tipping_points(fifty_vendors(1), ws.portfolio, ws.template.horizon_months, scope=EVERY_PAIR)
    assert len(points) > 100


# --------------------------------------------------------------------------- what shortlist.md lists


def test_a_small_review_lists_every_pair_of_eligible_vendors() -> None:
    report = build_report(open_workspace(LoadOptions()).evaluation)
    eligible = {r.id for r in report.ranked if r.eligible}
    assert len(eligible) <= EVERY_PAIR_UP_TO
    assert board_scope(report.ranked, report.status_quo) == PairScope(frozenset(eligible))
    assert report.board_tipping == [t for t in report.analysis.size_tipping_points if {t.a, t.b} <= eligible]
    assert report.board_tipping  # the samples do cross
    assert "Only the pairs with" not in shortlist_document(report, date(2026, 12, 3))


def test_a_large_review_lists_the_pairs_a_board_can_act_on(tmp_path: Path) -> None:
    """With more eligible vendors than EVERY_PAIR_UP_TO, shortlist.md lists the pairs with a
    shortlisted vendor or the status quo, names them, and `analyze` still has every pair."""
    ws = open_workspace(LoadOptions(template=SAMPLE_TEMPLATE))
    vendors = fifty_vendors(2)
    evaluation = replace(ws.evaluation, vendors=vendors)
    report = build_report(evaluation)
    eligible = {r.id for r in report.ranked if r.eligible}
    assert len(eligible) > EVERY_PAIR_UP_TO
    watched = {r.id for r in report.ranked if r.shortlisted} | ({report.status_quo} & eligible if report.status_quo else set())
    assert watched
    expected = [t for t in report.analysis.size_tipping_points
                if {t.a, t.b} <= eligible and (t.a in watched or t.b in watched)]
    assert report.board_tipping == expected
    assert len(expected) < len([t for t in report.analysis.size_tipping_points if {t.a, t.b} <= eligible])
    doc = shortlist_document(report, date(2026, 12, 3))
    names = [r.vendor.name for r in report.ranked if r.id in watched]
    assert "Only the pairs with " + ", ".join(names[:-1]) + " and " + names[-1] + " are listed" in doc
    assert "`vendortui analyze` lists every pair" in doc
