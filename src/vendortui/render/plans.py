"""Placement plans as JSON (SPEC's shape), Markdown and plain sentences.

JSON: `{"segments": [{"vendor", "name", "ages", "gross", "fees", "fixed", "net"}], "net",
"single_best": {"vendor", "name", "net"}, "gain"}`, with `"cutoff"` and `"keep"` when the
plan has a cut-off. Money as numbers in the portfolio's currency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vendortui.core.plans import Plan, Segment, Strategy
from vendortui.core.recommend import Recommendation
from vendortui.render.formatting import listing, money
from vendortui.render.markdown import Md, cell, one_line, table
from vendortui.render.rows import json_line


def ages_label(segment: Segment) -> str:
    """`61-180 days`: the run of ages a segment takes, from its first bucket to its last."""
    first, last = segment.ages[0], segment.ages[-1]
    if last.high is None:
        return f"{first.low}+ days"
    return f"{first.low}-{last.high} days"


def plan_object(plan: Plan, names: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if plan.cutoff is not None:
        out["cutoff"] = plan.cutoff
        out["keep"] = plan.kept
    out["segments"] = [
        {"vendor": s.vendor, "name": names.get(s.vendor, s.vendor), "ages": [str(a) for a in s.ages],
         "gross": _num(s.gross), "fees": _num(s.fees), "fixed": _num(s.fixed), "net": _num(s.net)}
        for s in plan.segments
    ]
    out["net"] = _num(plan.net)
    out["single_best"] = {"vendor": plan.single_best, "name": names.get(plan.single_best or "", plan.single_best),
                          "net": _num(plan.single_best_net)}
    out["gain"] = _num(plan.gain)
    return out


def _num(x: float) -> float:
    return round(x, 6)


def plans_json(plans: Sequence[Plan], names: Mapping[str, str], several: bool,
               against: Recommendation | None = None) -> str:
    """One object, or (several cut-offs) a list of them. `against` (`plan --shortlist`): the
    object gains `over_every_eligible`, what the plan over every eligible vendor nets, how much
    more, and who would have to join the shortlist for it."""
    objects = [plan_object(p, names) for p in plans]
    if against is not None and against.over_all is not None and not several:
        objects[0]["over_every_eligible"] = {"net": _num(against.over_all.net), "more": _num(against.more),
                                             "joining": list(against.joining)}
    return json_line(objects if several else objects[0])


def against_all(rec: Recommendation, names: Mapping[str, str], currency: str) -> str:
    """The plan over the shortlist against the plan over every eligible vendor, in a sentence."""
    if rec.over_all is None:
        return ""
    if rec.more <= 0:
        return "No plan over the other eligible vendors nets more."
    who = listing([names.get(v, v) for v in rec.joining])
    return (f"The best plan over every eligible vendor would net {money(rec.more, currency)} more, with {who} "
            "joining the shortlist.")


def plan_sentence(plan: Plan, names: Mapping[str, str], currency: str) -> str:
    """`Brightpath Digital Recovery to 180 days, then Tertia Secondary Recovery to 365 days, then
    Harbor Capital Receivables after: $188,305 net, $11,590 more than Brightpath Digital Recovery
    alone.` Plain text: callers escape it for where it goes."""
    segs = plan.segments
    if len(segs) == 1:
        text = f"{names.get(segs[0].vendor, segs[0].vendor)} for the whole book"
    else:
        parts = [f"{names.get(x.vendor, x.vendor)} to {x.ages[-1].high} days" for x in segs[:-1]]
        text = ", then ".join([*parts, f"{names.get(segs[-1].vendor, segs[-1].vendor)} after"])
    text += f": {money(plan.net, currency)} net"
    if plan.single_best is not None and len(segs) > 1:
        best, gain = names.get(plan.single_best, plan.single_best), plan.gain
        if gain > 0:
            text += f", {money(gain, currency)} more than {best} alone"
        elif gain < 0:
            text += f", {money(-gain, currency)} less than {best} alone"
        else:
            text += f", the same as {best} alone"
    return text + "."


def segments_table(plan: Plan, names: Mapping[str, str], currency: str) -> list[str]:
    rows = [[names.get(s.vendor, s.vendor), ages_label(s), money(s.gross, currency), money(s.fees, currency),
             money(s.fixed, currency), Md(f"**{cell(money(s.net, currency))}**")] for s in plan.segments]
    return table(["Vendor", "Ages", "Gross", "Fees", "Fixed", "Net"], rows, right=(2, 3, 4, 5))


def cutoff_table(plans: Sequence[Plan], names: Mapping[str, str], currency: str) -> list[str]:
    """One row per cut-off: what the kept vendor takes, who follows, the net and the gain."""
    rows = []
    for p in plans:
        kept = [s for s in p.segments if s.vendor == p.kept][:1] if p.segments and p.segments[0].vendor == p.kept else []
        keeps = ages_label(kept[0]) if kept else "nothing (no bucket starts earlier)"
        rest = p.segments[1:] if kept else p.segments
        after = ", ".join(f"{names.get(s.vendor, s.vendor)} {ages_label(s)}" for s in rest) or "nobody"
        rows.append([f"{p.cutoff} days", keeps, after, money(p.net, currency), money(p.gain, currency)])
    return table(["Cut-off", "Kept in-house", "Then", "Net", "Gain over the best single vendor"], rows, right=(3, 4))


def strategy_markdown(s: Strategy, names: Mapping[str, str], currency: str, over: str = "the eligible vendors") -> list[str]:
    """The "Placement strategy" section of `shortlist.md` (without its heading); `over`: whom
    the plans place with, in words."""
    best = s.best
    out = ["Best plan: " + one_line(plan_sentence(best, names, currency)), ""]
    out += segments_table(best, names, currency) + [""]
    if best.single_best is not None:
        out += ["Best single vendor: " + one_line(f"{names.get(best.single_best, best.single_best)}, "
                f"{money(best.single_best_net, currency)} net. Plans of up to {s.max_options} options over "
                f"{over}, each segment costed as its vendor would cost those buckets alone."), ""]
    if s.by_cutoff:
        keeper = names.get(s.keep or "", s.keep or "")
        out += ["Cut-off for involving a partner: " + one_line(f"{keeper} keeps the accounts younger than the "
                "cut-off, the rest is placed as above."), ""]
        out += cutoff_table(s.by_cutoff, names, currency) + [""]
    else:
        out += ["No in-house option among the vendors: no cut-off to compare.", ""]
    return out


def plans_markdown(plans: Sequence[Plan], names: Mapping[str, str], currency: str,
                   against: Recommendation | None = None) -> str:
    """`vendortui plan --format markdown` (`against`: with `--shortlist`, the plan over every
    eligible vendor in a sentence)."""
    out: list[str] = ["# Placement plan", ""]
    for p in plans:
        if p.cutoff is not None:
            out += [f"## Cut-off {p.cutoff} days", ""]
        out += ["Plan: " + one_line(plan_sentence(p, names, currency)), ""] + segments_table(p, names, currency) + [""]
    if against is not None and len(plans) == 1 and plans[0].cutoff is None and against_all(against, names, currency):
        out += [one_line(against_all(against, names, currency)), ""]
    if len(plans) > 1:
        out += ["## Cut-offs compared", ""] + cutoff_table(plans, names, currency) + [""]
    return "\n".join(out).rstrip("\n") + "\n"
