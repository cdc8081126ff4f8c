"""Scores, eligibility, ranking and the shortlist (SPEC: "Scores and ranking").

Hand-computed cases; every expected number is worked out in the comment next to it.
The book is 100,000 in one bucket over 12 months unless a test says otherwise, so a vendor's
gross is 100,000 x its recovery rate.
"""

from __future__ import annotations

from typing import Any

import pytest

from vendortui.core.models import Portfolio, Template, Vendor
from vendortui.core.scoring import EvaluatorInputs, Ranked, effective_weights, rank, total_score

BOOK = Portfolio.model_validate({"buckets": [{"age": "0+", "balance": 100000, "accounts": 0}]})
PCI = {"id": "req.pci", "certification": "PCI DSS"}


def template(
    weights: dict[str, float],
    criteria: dict[str, Any] | None = None,
    requirements: list[dict] | None = None,
    sections: list[dict] | None = None,
    **extra: Any,
) -> Template:
    """A template with one question `<criterion>.q` per weighted criterion unless told."""
    if sections is None:
        sections = [
            {"id": cid, "criterion": cid, "questions": [{"id": f"{cid}.q", "text": "?"}]} for cid in weights
        ]
    return Template.model_validate(
        {
            "id": "t",
            "title": "T",
            "weights": weights,
            "criteria": criteria or {},
            "requirements": requirements or [],
            "sections": sections,
            **extra,
        }
    )


def vendor(vid: str, kind: str = "agency", name: str | None = None, **fields: Any) -> Vendor:
    fields.setdefault("certifications", ["PCI DSS"])
    return Vendor.model_validate({"id": vid, "name": name or vid.upper(), "kind": kind, **fields})


def agency(vid: str, recovery: float, contingency: float, **fields: Any) -> Vendor:
    return vendor(vid, "agency", performance={"recovery": recovery}, fees={"contingency": contingency}, **fields)


def software(vid: str, recovery: float, annual_cost: float, **fields: Any) -> Vendor:
    return vendor(vid, "software", performance={"recovery": recovery}, fees={"annual_cost": annual_cost}, **fields)


def buyer(vid: str, price: float, **fields: Any) -> Vendor:
    return vendor(vid, "debt_buyer", fees={"purchase_price": price}, **fields)


def run(tmpl: Template, vendors: list[Vendor], scores=None, decisions=None, weights=None) -> list[Ranked]:
    w = weights if weights is not None else effective_weights(tmpl)
    return rank(tmpl, BOOK, vendors, EvaluatorInputs(w, scores or {}, decisions or {}))


def by_id(ranked: list[Ranked]) -> dict[str, Ranked]:
    return {r.id: r for r in ranked}


def order(ranked: list[Ranked]) -> list[str]:
    return [r.id for r in ranked]


# ---------------------------------------------------------------------------
# Requirements


def test_requirements_knock_out_by_certification_region_and_decision():
    tmpl = template(
        {"customer_focus": 1},
        requirements=[PCI, {"id": "req.us", "region": "US"}, {"id": "req.policy", "text": "evaluator decides"}],
    )
    desk = {"scores": {"customer_focus": 3}}
    vendors = [
        vendor("ok", regions=["US"], **desk),
        vendor("nocert", regions=["US"], certifications=["SOC 2 Type II"], **desk),
        vendor("noregion", regions=["CA", "GB"], **desk),
        vendor("refused", regions=["US"], **desk),
        vendor("pending", regions=["US"], **desk),
    ]
    decisions = {
        "ok": {"req.policy": True},
        "nocert": {"req.policy": True},
        "noregion": {"req.policy": True},
        "refused": {"req.policy": False},
    }
    r = by_id(run(tmpl, vendors, decisions=decisions))
    assert (r["ok"].eligible, r["ok"].knocked_out_by, r["ok"].incomplete) == (True, [], False)
    assert (r["nocert"].eligible, r["nocert"].knocked_out_by) == (False, ["req.pci"])
    assert (r["noregion"].eligible, r["noregion"].knocked_out_by) == (False, ["req.us"])
    assert (r["refused"].eligible, r["refused"].knocked_out_by) == (False, ["req.policy"])
    # a decision still missing is not a failure, but the vendor is incomplete
    assert (r["pending"].eligible, r["pending"].knocked_out_by) == (True, [])
    assert r["pending"].incomplete is True
    assert r["pending"].pending == ["requirement:req.policy"]
    # an evaluator decision on an automatic requirement does not override the check
    r2 = by_id(run(tmpl, vendors, decisions={"nocert": {"req.pci": True, "req.policy": True}}))
    assert r2["nocert"].knocked_out_by == ["req.pci"]
    # all totals are 100 x 3/5 = 60 and all nets 0, so eligible come first by name (OK, PENDING)
    assert order(run(tmpl, vendors, decisions=decisions))[:2] == ["ok", "pending"]


def test_minimum_knocks_out_only_a_scored_criterion_below_it():
    tmpl = template(
        {"customer_focus": 1, "compliance": 1},
        criteria={"compliance": {"minimum": 3}},
        requirements=[PCI],
    )
    vendors = [
        vendor("low", scores={"customer_focus": 4, "compliance": 2}),
        vendor("exact", scores={"customer_focus": 4, "compliance": 3}),
        vendor("unscored", scores={"customer_focus": 4}),
        # the session's question score replaces the desk score: 2.5 < 3
        vendor("questioned", scores={"customer_focus": 4, "compliance": 5}),
        # fails a requirement and the minimum: both are listed
        vendor("both", certifications=[], scores={"customer_focus": 4, "compliance": 1}),
    ]
    r = by_id(run(tmpl, vendors, scores={"questioned": {"compliance.q": 2.5}}))
    assert (r["low"].eligible, r["low"].knocked_out_by) == (False, ["criterion:compliance"])
    assert (r["exact"].eligible, r["exact"].knocked_out_by) == (True, [])
    # no score yet: not failed, listed as pending, vendor incomplete, score 0
    assert (r["unscored"].eligible, r["unscored"].knocked_out_by) == (True, [])
    assert r["unscored"].incomplete is True
    assert r["unscored"].pending == ["criterion:compliance"]
    assert r["unscored"].criteria["compliance"].score == 0
    assert (r["questioned"].eligible, r["questioned"].knocked_out_by) == (False, ["criterion:compliance"])
    assert r["questioned"].criteria["compliance"].score == 2.5
    assert set(r["both"].knocked_out_by) == {"req.pci", "criterion:compliance"}
    assert r["both"].eligible is False


# ---------------------------------------------------------------------------
# Auto scores


def test_auto_cost_ratio():
    tmpl = template(
        {"fee_structure": 1}, criteria={"fee_structure": {"auto": "cost_ratio"}}, requirements=[PCI], shortlist=3
    )
    vendors = [
        agency("p", 0.2, 0.25),  # gross 20,000, fees 5,000: ratio 0.25, the lowest positive in the pool
        agency("q", 0.2, 0.50),  # ratio 0.5
        software("r", 0.1, 10000),  # gross 10,000, fixed 10,000: ratio 1.0
        vendor("z", "in_house", performance={"recovery": 0.1}),  # nothing paid: ratio 0
        buyer("d", 0.05, scores={"fee_structure": 3}),  # no ratio: keeps its desk score
        buyer("d2", 0.0),  # no ratio, no desk score: missing
        buyer("d3", 0.1, scores={"fee_structure": 1}),  # no ratio: the session's question score
        software("g", 0.0, 1000),  # gross 0: ratio infinite
        agency("k", 0.2, 0.10, certifications=[]),  # ratio 0.1, better than the pool, but knocked out
    ]
    ranked = run(tmpl, vendors, scores={"d3": {"fee_structure.q": 4}})
    r = by_id(ranked)
    s = {vid: x.criteria["fee_structure"].score for vid, x in r.items()}
    # scale x lowest / own, lowest = 0.25 (k's 0.1 is not in the pool)
    assert s["p"] == pytest.approx(5.0)  # 5 x 0.25/0.25
    assert s["q"] == pytest.approx(2.5)  # 5 x 0.25/0.5
    assert s["r"] == pytest.approx(1.25)  # 5 x 0.25/1.0
    assert s["z"] == 5.0  # cost ratio 0 scores the scale
    assert s["d"] == 3.0 and r["d"].criteria["fee_structure"].source == "desk"
    assert s["d2"] == 0.0 and r["d2"].incomplete and r["d2"].pending == ["criterion:fee_structure"]
    assert s["d3"] == 4.0 and r["d3"].criteria["fee_structure"].source == "questions"
    assert s["g"] == 0.0  # infinite ratio
    assert s["k"] == 5.0  # 5 x 0.25/0.1 = 12.5, clamped to the scale
    for vid in ("p", "q", "r", "z", "g", "k"):
        assert r[vid].criteria["fee_structure"].source == "auto"
    # totals = 100 x s / 5 = 20 x s
    assert r["q"].total == pytest.approx(50.0)
    assert r["r"].total == pytest.approx(25.0)
    assert r["d3"].total == pytest.approx(80.0)
    # order: P and Z tie at 100, P's net 15,000 beats Z's 10,000; then D3 80, D 60, Q 50, R 25;
    # D2 (0, net 0) before G (0, net -1,000); knocked-out K last
    assert order(ranked) == ["p", "z", "d3", "d", "q", "r", "d2", "g", "k"]
    assert [x.id for x in ranked if x.shortlisted] == ["p", "z", "d3"]


def test_auto_net_recovery():
    tmpl = template({"fee_structure": 1}, criteria={"fee_structure": {"auto": "net_recovery"}}, requirements=[PCI])
    vendors = [
        agency("p", 0.2, 0.25),  # 20,000 - 5,000 = 15,000: the best net in the pool
        agency("q", 0.2, 0.50),  # 20,000 - 10,000 = 10,000
        software("n", 0.1, 30000),  # 10,000 - 30,000 = -20,000
        buyer("d", 0.05),  # 100,000 x 0.05 = 5,000 (a debt buyer gets the auto score too)
        agency("k", 0.2, 0.10, certifications=[]),  # 20,000 - 2,000 = 18,000, knocked out
    ]
    s = {x.id: x.criteria["fee_structure"].score for x in run(tmpl, vendors)}
    assert s["p"] == pytest.approx(5.0)  # 5 x 15,000/15,000
    assert s["q"] == pytest.approx(10 / 3)  # 5 x 10,000/15,000
    assert s["n"] == 0.0  # 5 x max(-20,000, 0)/15,000
    assert s["d"] == pytest.approx(5 / 3)  # 5 x 5,000/15,000
    assert s["k"] == 5.0  # 5 x 18,000/15,000 = 6, clamped


def test_auto_gross_recovery():
    tmpl = template({"fee_structure": 1}, criteria={"fee_structure": {"auto": "gross_recovery"}}, requirements=[PCI])
    vendors = [
        agency("p", 0.2, 0.25),  # gross 20,000: the best in the pool
        agency("q", 0.1, 0.50),  # gross 10,000
        buyer("d", 0.05),  # gross 5,000
        agency("k", 0.3, 0.10, certifications=[]),  # gross 30,000, knocked out
    ]
    s = {x.id: x.criteria["fee_structure"].score for x in run(tmpl, vendors)}
    assert s["p"] == pytest.approx(5.0)  # 5 x 20,000/20,000
    assert s["q"] == pytest.approx(2.5)  # 5 x 10,000/20,000
    assert s["d"] == pytest.approx(1.25)  # 5 x 5,000/20,000
    assert s["k"] == 5.0  # 5 x 30,000/20,000 = 7.5, clamped


@pytest.mark.parametrize("auto", ["net_recovery", "gross_recovery"])
def test_auto_best_at_or_below_zero_scores_everyone_zero(auto):
    tmpl = template({"fee_structure": 1}, criteria={"fee_structure": {"auto": auto}}, requirements=[PCI])
    vendors = [
        software("s1", 0.0, 15000),  # gross 0, net -15,000
        software("s2", 0.0, 20000),  # gross 0, net -20,000
        agency("k", 0.1, 0.2, certifications=[]),  # gross 10,000, net 8,000, knocked out
    ]
    # best net over the pool = -15,000 <= 0; best gross over the pool = 0: everyone scores 0,
    # the knocked-out vendor included
    s = {x.id: x.criteria["fee_structure"].score for x in run(tmpl, vendors)}
    assert s == {"s1": 0.0, "s2": 0.0, "k": 0.0}


def test_auto_net_recovery_everyone_losing_money():
    tmpl = template({"fee_structure": 1}, criteria={"fee_structure": {"auto": "net_recovery"}})
    # nets: 10,000 - 15,000 = -5,000 and 10,000 - 20,000 = -10,000: best -5,000 <= 0
    vendors = [software("s1", 0.1, 15000), software("s2", 0.1, 20000)]
    ranked = run(tmpl, vendors)
    assert [x.criteria["fee_structure"].score for x in ranked] == [0.0, 0.0]
    # equal totals (0): the higher net (-5,000) ranks first
    assert order(ranked) == ["s1", "s2"]


def test_auto_pool_counts_pending_decisions_and_excludes_failed_ones():
    tmpl = template(
        {"fee_structure": 1},
        criteria={"fee_structure": {"auto": "net_recovery"}},
        requirements=[{"id": "req.policy", "text": "evaluator decides"}],
    )
    vendors = [
        agency("v1", 0.2, 0.25),  # net 15,000, decision pending: still in the pool
        agency("v2", 0.2, 0.50),  # net 10,000, decision true
        agency("v3", 0.25, 0.20),  # net 25,000 - 5,000 = 20,000, decision false: not in the pool
    ]
    ranked = run(tmpl, vendors, decisions={"v2": {"req.policy": True}, "v3": {"req.policy": False}})
    r = by_id(ranked)
    s = {vid: x.criteria["fee_structure"].score for vid, x in r.items()}
    assert s["v1"] == pytest.approx(5.0)  # best = 15,000
    assert s["v2"] == pytest.approx(10 / 3)  # 5 x 10,000/15,000
    assert s["v3"] == 5.0  # 5 x 20,000/15,000 = 6.67, clamped
    assert r["v1"].eligible and r["v1"].incomplete
    assert r["v3"].knocked_out_by == ["req.policy"]
    assert order(ranked) == ["v1", "v2", "v3"]


def test_minimums_apply_after_auto_scores():
    tmpl = template(
        {"fee_structure": 1, "compliance": 1},
        criteria={"fee_structure": {"auto": "net_recovery", "minimum": 2}, "compliance": {"minimum": 3}},
    )
    vendors = [
        agency("p", 0.2, 0.25, scores={"compliance": 4}),  # net 15,000
        agency("q", 0.2, 0.80, scores={"compliance": 4}),  # 20,000 - 16,000 = 4,000
        # net 40,000 - 10,000 = 30,000; fails the compliance minimum, but passes every
        # requirement, so it still sets the best net
        agency("x", 0.4, 0.25, scores={"compliance": 1}),
    ]
    r = by_id(run(tmpl, vendors))
    # best = 30,000: p = 5 x 15,000/30,000 = 2.5; q = 5 x 4,000/30,000 = 0.667 < 2
    assert r["p"].criteria["fee_structure"].score == pytest.approx(2.5)
    assert r["p"].eligible
    assert r["q"].criteria["fee_structure"].score == pytest.approx(2 / 3)
    assert r["q"].knocked_out_by == ["criterion:fee_structure"]
    assert r["x"].criteria["fee_structure"].score == pytest.approx(5.0)
    assert r["x"].knocked_out_by == ["criterion:compliance"]


# ---------------------------------------------------------------------------
# Evaluator scores and totals


EVAL_SECTIONS = [
    {
        "id": "cx",
        "criterion": "customer_focus",
        "questions": [
            {"id": "cx.a", "text": "?", "weight": 2},
            {"id": "cx.b", "text": "?"},
            {"id": "cx.c", "text": "?"},
        ],
    },
    {"id": "comp", "criterion": "compliance", "questions": [{"id": "comp.a", "text": "?"}]},
    {"id": "scal", "criterion": "scalability", "questions": [{"id": "scal.a", "text": "?"}]},
]


def test_question_weighted_mean_desk_fallback_and_missing():
    tmpl = template({"customer_focus": 50, "compliance": 30, "scalability": 20}, sections=EVAL_SECTIONS)
    vendors = [
        vendor("v", scores={"customer_focus": 5, "compliance": 4}),
        # desk 6 and question 7 exceed the scale (the loader refuses them; the core clamps)
        vendor("w", scores={"customer_focus": 6, "scalability": 2}),
    ]
    scores = {"v": {"cx.a": 4, "cx.b": 1}, "w": {"comp.a": 7}}
    r = by_id(run(tmpl, vendors, scores=scores))
    v = r["v"].criteria
    # customer_focus: scored questions only, weighted: (2 x 4 + 1 x 1) / (2 + 1) = 3.0;
    # cx.c is unscored and does not count; the desk score 5 is not used
    assert v["customer_focus"].score == pytest.approx(3.0)
    assert v["customer_focus"].source == "questions"
    assert (v["customer_focus"].scored_questions, v["customer_focus"].questions) == (2, 3)
    # compliance: no question scored -> desk 4
    assert (v["compliance"].score, v["compliance"].source) == (4.0, "desk")
    # scalability: neither -> 0, incomplete
    assert (v["scalability"].score, v["scalability"].source) == (0.0, "missing")
    assert r["v"].incomplete and r["v"].pending == ["criterion:scalability"]
    # total = 100 x (50 x 3 + 30 x 4 + 20 x 0) / (5 x 100) = 27,000 / 500 = 54
    assert r["v"].total == pytest.approx(54.0)
    w = r["w"].criteria
    assert w["customer_focus"].score == 5.0  # desk 6 clamped
    assert w["compliance"].score == 5.0  # question 7 clamped
    assert w["scalability"].score == 2.0
    assert not r["w"].incomplete
    # total = 100 x (50 x 5 + 30 x 5 + 20 x 2) / 500 = 44,000 / 500 = 88
    assert r["w"].total == pytest.approx(88.0)


def test_scale_other_than_five():
    tmpl = template({"customer_focus": 1, "compliance": 3}, scale=10)
    v = vendor("v", scores={"customer_focus": 10, "compliance": 4})
    # total = 100 x (1 x 10 + 3 x 4) / (10 x 4) = 2,200 / 40 = 55
    assert run(tmpl, [v])[0].total == pytest.approx(55.0)


def test_weights_override_the_template():
    tmpl = template({"customer_focus": 25, "compliance": 20}, criteria={"fee_structure": {"auto": "cost_ratio"}})
    # template weights; fee_structure has none -> 0; the session then the command line override
    assert effective_weights(tmpl) == {"customer_focus": 25, "compliance": 20, "fee_structure": 0}
    assert effective_weights(tmpl, {"customer_focus": 30}, {"compliance": 0}) == {
        "customer_focus": 30,
        "compliance": 0,
        "fee_structure": 0,
    }
    a = vendor("a", scores={"customer_focus": 5, "compliance": 0})
    b = vendor("b", scores={"customer_focus": 0, "compliance": 5})
    # template: a = 100 x 25 x 5/(5 x 45) = 55.6 > b = 100 x 20 x 5/(5 x 45) = 44.4
    assert order(run(tmpl, [a, b])) == ["a", "b"]
    # compliance = 30: a = 100 x 125/(5 x 55) = 45.5 < b = 100 x 150/(5 x 55) = 54.5
    w = effective_weights(tmpl, {"compliance": 30})
    ranked = run(tmpl, [a, b], weights=w)
    assert order(ranked) == ["b", "a"]
    assert ranked[0].total == pytest.approx(100 * 150 / 275)


def test_total_score_formula_and_all_zero_weights():
    # 100 x (3 x 5 + 1 x 1) / (5 x 4) = 1,600 / 20 = 80
    assert total_score({"a": 3, "b": 1}, {"a": 5, "b": 1}, 5) == pytest.approx(80.0)
    # a criterion without a score counts as 0: 100 x 3 x 5 / (5 x 4) = 75
    assert total_score({"a": 3, "b": 1}, {"a": 5}, 5) == pytest.approx(75.0)
    with pytest.raises(ValueError):
        total_score({"a": 0, "b": 0}, {"a": 5}, 5)


def test_full_marks_total_is_never_above_100():
    # Full marks: 100 x (1 x 3 + 31.67... x 3) / (3 x 32.67...) = 100 exactly on paper; summing
    # the rounded products once gave 100.00000000000001 (found by test_properties).
    total = total_score({"a": 0.0, "b": 1.0, "c": 31.671588030247324}, {"a": 0.0, "b": 3.0, "c": 3.0}, 3)
    assert total <= 100.0
    assert total == pytest.approx(100.0)


# ---------------------------------------------------------------------------
# Order and shortlist


def test_ties_broken_by_net_then_name():
    tmpl = template({"customer_focus": 1})
    desk3 = {"scores": {"customer_focus": 3}}  # total 100 x 3/5 = 60
    vendors = [
        # ids sort the other way round from the names, so the test tells name from id
        vendor("a", "in_house", name="Bravo", performance={"recovery": 0.05}, **desk3),  # net 5,000
        vendor("b", "in_house", name="Alpha", performance={"recovery": 0.05}, **desk3),  # net 5,000
        vendor("c", "in_house", name="Charlie", performance={"recovery": 0.09}, **desk3),  # net 9,000
        vendor("d", "in_house", name="Zulu", scores={"customer_focus": 4}),  # total 80, net 0
    ]
    ranked = run(tmpl, vendors)
    # Zulu (80) first; then the 60s by net: Charlie 9,000; then Alpha before Bravo by name
    assert [x.vendor.name for x in ranked] == ["Zulu", "Charlie", "Alpha", "Bravo"]
    assert [x.rank for x in ranked] == [1, 2, 3, 4]


def test_knocked_out_after_eligible_and_shortlist_is_first_eligible():
    tmpl = template({"customer_focus": 1}, requirements=[PCI], shortlist=2)
    vendors = [
        vendor("k1", certifications=[], scores={"customer_focus": 5}),  # 100, knocked out
        vendor("k2", certifications=[], scores={"customer_focus": 1}),  # 20, knocked out
        vendor("e3", scores={"customer_focus": 2}),  # 40
        vendor("e1", scores={"customer_focus": 4}),  # 80
        vendor("e2", scores={"customer_focus": 3}),  # 60
    ]
    ranked = run(tmpl, vendors)
    assert order(ranked) == ["e1", "e2", "e3", "k1", "k2"]
    assert [x.shortlisted for x in ranked] == [True, True, False, False, False]
    assert [x.eligible for x in ranked] == [True, True, True, False, False]
    # fewer eligible vendors than the shortlist: all of them, and no knocked-out one
    tmpl3 = template({"customer_focus": 1}, requirements=[PCI], shortlist=3)
    ranked = run(tmpl3, [vendors[0], vendors[3], vendors[1]])
    assert [(x.id, x.shortlisted) for x in ranked] == [("e1", True), ("k1", False), ("k2", False)]
