"""The recommendation a board signs (SPEC "The recommendation (what a CFO signs)").

Built once from a ranking; `shortlist.md`'s board page, the plan screen and `plan
--shortlist` format it and never recompute it. Decided here once:

- The **choice** is the first shortlisted vendor whose value passes the gate: with
  `shortlist_losses = true` a loss-maker may be shortlisted, but it is never recommended.
- The recommendation's **plan** is the best plan over the shortlisted vendors plus the status
  quo when it is eligible (plans take eligible vendors only); it is compared with the best plan
  over every eligible vendor, a superset, so that one nets as much or more.
- **Winback claim**: the part of a vendor's value that rests on its own `winback` is what its
  claim adds over the business case's default: `(own - default) x resolved x ltv` (nothing
  when it claims no more than the default). The board sees the largest share among the shortlist.
- **Tipping points near today's book**: between half and twice its size, both vendors
  eligible and one of them shortlisted (or the status quo); nearest to today's size first.
- **Tipping points `shortlist.md` lists** (`board_scope`): between eligible vendors only; with
  more than `EVERY_PAIR_UP_TO` of them, only the pairs with a shortlisted vendor or the status
  quo, the ones the decision turns on (at 1,000 vendors every pair would be hundreds of
  thousands of rows; `vendortui analyze` still lists every pair).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vendortui.core.analysis import PairScope, TippingPoint
from vendortui.core.basis import Basis
from vendortui.core.defaults import MAX_OPTIONS
from vendortui.core.models import BusinessCase, Portfolio, Vendor
from vendortui.core.plans import NoPlan, Plan, Strategy, best_plan, strategy
from vendortui.core.scoring import Ranked

NEAR = 2.0  # a tipping point within this factor of today's book is a risk the board sees
EVERY_PAIR_UP_TO = 20  # eligible vendors whose every pair shortlist.md lists


@dataclass(frozen=True)
class WinbackClaim:
    vendor: str
    own: float  # the vendor's own winback
    assumed: float  # the business case's default, used for vendors that give none
    resting: float  # value that rests on the claim: (own - assumed) x resolved accounts x LTV
    share: float  # resting / the vendor's value


@dataclass(frozen=True)
class OpenItems:
    vendor: str
    decisions: int  # requirement decisions still to make
    criteria: int  # criteria with no score yet
    questions: int  # questions still to score

    @property
    def any(self) -> bool:
        return bool(self.decisions or self.criteria or self.questions)


@dataclass(frozen=True)
class Recommendation:
    choice: str | None  # the vendor recommended; None when no shortlisted vendor makes money
    shortlist: tuple[str, ...]  # in rank order
    losses: tuple[str, ...]  # eligible vendors kept off the shortlist by the value gate
    status_quo: str | None
    gain: float | None  # the choice's value minus the status quo's
    strategy: Strategy | None  # the plan over the shortlist plus the status quo, with its cut-offs
    over_all: Plan | None  # the best plan over every eligible vendor
    no_plan: str | None  # why there is no plan
    claim: WinbackClaim | None  # the largest share of a shortlisted vendor's value resting on its own winback
    open_items: tuple[OpenItems, ...]  # per shortlisted vendor, in rank order

    @property
    def more(self) -> float:
        """How much more the best plan over every eligible vendor nets (0 when it is the same)."""
        if self.strategy is None or self.over_all is None:
            return 0.0
        return max(self.over_all.net - self.strategy.best.net, 0.0)

    @property
    def joining(self) -> tuple[str, ...]:
        """Who would have to join the shortlist for the plan over every eligible vendor."""
        if self.strategy is None or self.over_all is None or self.more <= 0:
            return ()
        pool = {*self.shortlist, *([self.status_quo] if self.status_quo else [])}
        return tuple(dict.fromkeys(v for v in self.over_all.vendors if v not in pool))


def choice(ranked: Sequence[Ranked]) -> Ranked | None:
    """The first shortlisted vendor that does not lose money on this book."""
    return next((r for r in ranked if r.shortlisted and not r.loses), None)


def shortlist_pool(ranked: Sequence[Ranked], status_quo: str | None) -> list[Vendor]:
    """What `plan --shortlist` places with: the shortlisted vendors, and the status quo when
    it is eligible, in rank order."""
    return [r.vendor for r in ranked if r.shortlisted or (r.id == status_quo and r.eligible)]


def keep_warning(keep: Ranked) -> str | None:
    """Why a vendor kept below a cut-off cannot be placed with (None: it is eligible)."""
    if keep.eligible:
        return None
    why = []
    for item in keep.knocked_out_by:
        if item.startswith("criterion:"):
            cid = item.removeprefix("criterion:")
            why.append(f"{cid} scores {keep.criteria[cid].score:.1f}, below its minimum")
        else:
            reason = next((o.reason for o in keep.requirements if o.requirement.id == item), "failed")
            why.append(f"{item}: {reason}")
    return f"{keep.vendor.name} is knocked out ({'; '.join(why)}); it keeps the younger accounts because --keep asked for it"


def winback_claims(ranked: Iterable[Ranked], case: BusinessCase | None) -> list[WinbackClaim]:
    """Each shortlisted vendor whose own winback claim adds value over the default, largest share first."""
    if case is None:
        return []
    found = []
    for r in ranked:
        own = r.vendor.performance.winback
        if not r.shortlisted or own is None or own <= case.winback or r.business is None or r.value <= 0:
            continue
        resting = (own - case.winback) * r.business.resolved_accounts * case.ltv
        found.append(WinbackClaim(r.id, own, case.winback, resting, resting / r.value))
    return sorted(found, key=lambda c: (-c.share, c.vendor))


def _watched(ranked: Sequence[Ranked], status_quo: str | None) -> set[str]:
    """The vendors a board watches: the shortlist and today's arrangement."""
    return {r.id for r in ranked if r.shortlisted} | ({status_quo} if status_quo else set())


def near_tipping_points(
    points: Iterable[TippingPoint], ranked: Sequence[Ranked], status_quo: str | None, near: float = NEAR
) -> list[TippingPoint]:
    """Tipping points within `near` x of today's book between eligible vendors, one of them
    shortlisted or the status quo; nearest to today's size first."""
    eligible = {r.id for r in ranked if r.eligible}
    watched = _watched(ranked, status_quo)
    close = [t for t in points if t.a in eligible and t.b in eligible and (t.a in watched or t.b in watched)
             and 1 / near <= t.scale <= near]
    return sorted(close, key=lambda t: (abs(t.scale - 1), t.scale, t.a, t.b))


def board_scope(ranked: Sequence[Ranked], status_quo: str | None) -> PairScope:
    """The pairs whose tipping points `shortlist.md` lists (see the module's docstring)."""
    eligible = frozenset(r.id for r in ranked if r.eligible)
    if len(eligible) <= EVERY_PAIR_UP_TO:
        return PairScope(eligible)
    return PairScope(eligible, eligible & _watched(ranked, status_quo))


def open_items(r: Ranked) -> OpenItems:
    decisions = sum(1 for item in r.pending if item.startswith("requirement:"))
    criteria = sum(1 for item in r.pending if item.startswith("criterion:"))
    return OpenItems(r.id, decisions, criteria, len(r.unscored_questions))


def recommend(
    ranked: Sequence[Ranked],
    portfolio: Portfolio,
    horizon: int,
    case: BusinessCase | None,
    status_quo: str | None = None,
    cutoffs: Sequence[int] | None = None,
    max_options: int = MAX_OPTIONS,
    basis: Basis | None = None,
) -> Recommendation:
    """The recommendation over a ranking. The tipping points near today's book, which need
    the analysis, are `near_tipping_points` apart (the plan screen does without them)."""
    chosen = choice(ranked)
    today = next((r for r in ranked if r.id == status_quo), None)
    gain = chosen.value - today.value if chosen is not None and today is not None else None
    plan: Strategy | None = None
    over_all: Plan | None = None
    why: str | None = None
    try:
        # The same rates as every other figure (x S(H) with [timing], evidenced with --evidence).
        plan = strategy(ranked, portfolio, horizon, cutoffs, max_options, shortlist_pool(ranked, status_quo), basis)
        over_all = best_plan([r.vendor for r in ranked if r.eligible], portfolio, horizon, max_options, basis=basis)
    except NoPlan as e:
        why = str(e)
    return Recommendation(
        choice=chosen.id if chosen is not None else None,
        shortlist=tuple(r.id for r in ranked if r.shortlisted),
        losses=tuple(r.id for r in ranked if r.loses and not r.shortlisted),
        status_quo=today.id if today is not None else None,
        gain=gain,
        strategy=plan,
        over_all=over_all,
        no_plan=why,
        claim=next(iter(winback_claims(ranked, case)), None),
        open_items=tuple(open_items(r) for r in ranked if r.shortlisted),
    )

