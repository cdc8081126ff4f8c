"""One report per run: every figure the outputs show, computed once by the core.

The command line, `vendortui.render` (Markdown, JSON, CSV, Rich tables) and the app's screens
format a `Report`; none of them computes a figure of its own (a test holds render to that).
The ranking is computed when the report is built; the slower parts (the placement plan, the
what-if analysis with its Monte Carlo) are computed the first time something asks for them and
then kept, so a weight key press in the app pays for the ranking only, and an export that asks
for the analysis twice runs it once. Their modules are imported then too: `rank` and
`validate` never load the plans, the recommendation or the Monte Carlo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from vendortui.core import checks
from vendortui.core.basis import Basis
from vendortui.core.business import dunning_value, kept_by_dunning, replacement_cost, revenue_at_risk, winback
from vendortui.core.curves import Timing
from vendortui.core.defaults import MAX_OPTIONS, MONTE_CARLO_RUNS, MONTE_CARLO_SEED, RATES
from vendortui.core.evaluation import Evaluation
from vendortui.core.models import BusinessCase, Portfolio, Template, Vendor
from vendortui.core.money import net_at_rate
from vendortui.core.problems import Loc
from vendortui.core.scoring import Ranked
from vendortui.core.timing import Cash

if TYPE_CHECKING:
    from vendortui.core.analysis import AnalysisResult, PairScope, TippingPoint
    from vendortui.core.plans import Plan, Strategy
    from vendortui.core.recommend import Recommendation

SCENARIO_RATES = RATES  # the portfolio-wide recovery rates of "net at rate", the analysis's


@dataclass(frozen=True)
class ReportOptions:
    """What a run asks of its report beyond the ranking."""

    runs: int = MONTE_CARLO_RUNS  # Monte Carlo draws of the analysis
    seed: int = MONTE_CARLO_SEED
    max_options: int = MAX_OPTIONS  # options in a placement plan
    cutoffs: tuple[int, ...] | None = None  # `plan --cutoff`: the best plan at each of these
    keep: str | None = None  # `plan --keep`: the vendor that keeps the accounts below a cut-off
    shortlist: bool = False  # `plan --shortlist`: plan over the shortlist and the status quo only


@dataclass(frozen=True)
class CaseFigures:
    """Steps 1 and 2 of the business case: what a year of involuntary churn costs (revenue at
    risk is the lifetime value lost a year), and what a grace period and dunning keep of it."""

    case: BusinessCase
    revenue_at_risk: float
    replacement_cost: float
    kept_by_dunning: float = 0.0  # subscribers a year, before any placement
    dunning_value: float = 0.0  # kept_by_dunning x LTV, added to no vendor


@dataclass(frozen=True)
class RankingWarning:
    """A warning only the ranking shows (a shortlisted vendor that loses money)."""

    vendor: str
    key: Loc
    message: str


@dataclass(frozen=True, eq=False)
class Report:
    evaluation: Evaluation
    ranked: list[Ranked]
    options: ReportOptions = field(default_factory=ReportOptions)

    # --- what the run is about ------------------------------------------------------------
    @property
    def template(self) -> Template:
        return self.evaluation.template

    @property
    def portfolio(self) -> Portfolio:
        return self.evaluation.portfolio

    @property
    def currency(self) -> str:
        return self.evaluation.portfolio.currency

    @property
    def horizon(self) -> int:
        return self.evaluation.template.horizon_months

    @cached_property
    def names(self) -> dict[str, str]:
        """Vendor id -> name, for sentences and tables."""
        return {v.vid: v.name for v in self.evaluation.vendors}

    @cached_property
    def weights(self) -> dict[str, float]:
        return self.evaluation.weights()

    def with_draws(self, runs: int, seed: int) -> Report:
        """The same ranking with another Monte Carlo (the app's next seed): what the ranking
        computed is shared, the analysis is computed anew."""
        return Report(self.evaluation, self.ranked, replace(self.options, runs=runs, seed=seed))

    # --- the ranking ------------------------------------------------------------------------
    @cached_property
    def shortlist(self) -> list[Ranked]:
        return [r for r in self.ranked if r.shortlisted]

    @cached_property
    def eligible(self) -> list[Ranked]:
        return [r for r in self.ranked if r.eligible]

    @cached_property
    def knocked_out(self) -> list[Ranked]:
        return [r for r in self.ranked if not r.eligible]

    @cached_property
    def open_items(self) -> list[Ranked]:
        """Vendors with a requirement to decide, a criterion with no score or a question to score."""
        return [r for r in self.ranked if r.pending or r.unscored_questions]

    @cached_property
    def leader(self) -> Ranked | None:
        return next((r for r in self.ranked if r.eligible), None)

    def winback(self, vendor: Vendor) -> float | None:
        """The winback used for the vendor: its own, else the case's (None: no business case)."""
        case = self.evaluation.business_case()
        return winback(vendor, case) if case is not None else None

    @cached_property
    def ranking_warnings(self) -> list[RankingWarning]:
        return [RankingWarning(vid, loc, message) for vid, loc, message in checks.shortlist_warnings(self.ranked)]

    # --- time value and evidence (SPEC "Time value and evidence") ------------------------------
    @property
    def basis(self) -> Basis:
        """The rates every figure is on: claimed or evidenced, times S(H) with [timing]."""
        return self.evaluation.basis()

    @property
    def timing(self) -> Timing | None:
        return self.evaluation.terms.timing

    @property
    def evidenced(self) -> bool:
        """`--evidence`: every figure and auto score on evidenced rates."""
        return self.evaluation.evidenced

    @property
    def rates_basis(self) -> str:
        """What the figures rest on, in a word: "claimed" or "evidenced"."""
        return "evidenced" if self.evidenced else "claimed"

    @cached_property
    def cash(self) -> list[tuple[str, str, Cash]]:
        """(id, name, flows by month) in rank order; empty without [timing]."""
        flows = self.evaluation.cash()
        return [(r.id, r.vendor.name, flows[r.id]) for r in self.ranked if r.id in flows]

    # --- money beyond the projection ----------------------------------------------------------
    @cached_property
    def case(self) -> CaseFigures | None:
        case = self.evaluation.business_case()
        if case is None:
            return None
        return CaseFigures(case, revenue_at_risk(case), replacement_cost(case), kept_by_dunning(case),
                           dunning_value(case))

    @cached_property
    def scenarios(self) -> dict[str, dict[float, float]]:
        """Vendor id -> its net if the whole book recovered at each of SCENARIO_RATES."""
        return {
            r.id: {x: net_at_rate(r.vendor, self.portfolio, self.horizon, x) for x in SCENARIO_RATES}
            for r in self.ranked
        }

    # --- placement plans ------------------------------------------------------------------------
    @cached_property
    def placement(self) -> Strategy | str:
        """The best plan over the eligible vendors and the best at each of the template's
        cut-offs, or why there is none."""
        return self._strategy(self.options.max_options)

    def strategy(self, max_options: int) -> Strategy | str:
        """The placement strategy with up to `max_options` options (the app's `+`/`-`)."""
        return self.placement if max_options == self.options.max_options else self._strategy(max_options)

    def _strategy(self, max_options: int) -> Strategy | str:
        from vendortui.core.plans import NoPlan, strategy

        try:
            return strategy(self.ranked, self.portfolio, self.horizon, self.template.cutoffs, max_options, basis=self.basis)
        except NoPlan as e:
            return str(e)

    @cached_property
    def keep(self) -> Vendor | None:
        """The vendor that keeps the accounts below a cut-off: `--keep`, else the in-house team.
        Raises KeyError for a `--keep` id that is not loaded."""
        if self.options.keep is None:
            from vendortui.core.plans import default_keep

            return default_keep(self.ranked)
        found = next((v for v in self.evaluation.vendors if v.vid == self.options.keep), None)
        if found is None:
            raise KeyError(self.options.keep)
        return found

    @cached_property
    def requested_plans(self) -> list[Plan]:
        """`vendortui plan`: the best plan, or the best at each `--cutoff` (`--shortlist`: over the
        shortlist and the status quo). Raises NoPlan."""
        from vendortui.core.plans import NoPlan, best_plan, plans_by_cutoff
        from vendortui.core.recommend import shortlist_pool

        eligible = [r.vendor for r in self.eligible]
        if self.options.shortlist:
            eligible = shortlist_pool(self.ranked, self.status_quo)
        if self.options.cutoffs is None:
            return [best_plan(eligible, self.portfolio, self.horizon, self.options.max_options, basis=self.basis)]
        keep = self.keep
        if keep is None:
            raise NoPlan("no vendor to keep the younger accounts")
        return plans_by_cutoff(eligible, self.portfolio, self.horizon, self.options.cutoffs, keep, self.options.max_options,
                               self.basis)

    @cached_property
    def keep_warning(self) -> str | None:
        """Why the vendor kept below a cut-off is knocked out (None: eligible, or none kept)."""
        from vendortui.core.recommend import keep_warning

        keep = self.keep
        row = next((r for r in self.ranked if keep is not None and r.id == keep.vid), None)
        return keep_warning(row) if row is not None else None

    # --- the recommendation (SPEC "The recommendation (what a CFO signs)") ----------------------
    @property
    def status_quo(self) -> str | None:
        """Today's arrangement, a vendor id of the run (the loader drops an unknown one)."""
        return self.evaluation.terms.status_quo

    @cached_property
    def recommendation(self) -> Recommendation:
        """The choice, its gain over today, the plan over the shortlist and the status quo
        against the plan over every eligible vendor, the winback claim, what is still open."""
        return self._recommend(self.options.max_options)

    def recommendation_at(self, max_options: int) -> Recommendation:
        """The recommendation with plans of up to `max_options` options (the app's `+`/`-`)."""
        return self.recommendation if max_options == self.options.max_options else self._recommend(max_options)

    def _recommend(self, max_options: int) -> Recommendation:
        from vendortui.core.recommend import recommend

        return recommend(self.ranked, self.portfolio, self.horizon, self.evaluation.business_case(), self.status_quo,
                         self.template.cutoffs, max_options, self.basis)

    @cached_property
    def near_tipping(self) -> list[TippingPoint]:
        """Tipping points within 2x of today's book between eligible vendors (needs the analysis)."""
        from vendortui.core.recommend import near_tipping_points

        return near_tipping_points(self.board_tipping, self.ranked, self.status_quo)

    @cached_property
    def board_tipping(self) -> list[TippingPoint]:
        """The tipping points `shortlist.md` lists (`recommend.board_scope`)."""
        return self.board_analysis.size_tipping_points

    # --- what-if analysis ---------------------------------------------------------------------
    @cached_property
    def analysis(self) -> AnalysisResult:
        """Rate curves, portfolio-size tipping points between every pair, weight flips and a
        Monte Carlo of `options.runs` draws from `options.seed` (so the same review always
        reports the same)."""
        from vendortui.core.analysis import EVERY_PAIR

        return self._analysis(EVERY_PAIR)

    @cached_property
    def board_analysis(self) -> AnalysisResult:
        """The analysis `shortlist.md` and the board page read: the tipping points of the pairs
        a board reads only, which at 1,000 vendors is a few thousand pairs, not a million."""
        from vendortui.core.recommend import board_scope

        return self._analysis(board_scope(self.ranked, self.status_quo))

    def _analysis(self, scope: PairScope) -> AnalysisResult:
        from vendortui.core.analysis import analyze_ranking

        ev = self.evaluation
        return analyze_ranking(ev.template, ev.portfolio, ev.vendors, ev.inputs(), self.ranked,
                               self.options.runs, self.options.seed, self.basis, scope, self.scenarios)


def build_report(evaluation: Evaluation, options: ReportOptions | None = None,
                 ranked: Sequence[Ranked] | None = None) -> Report:
    """The run's report; `ranked` when the caller has just ranked (the app after an edit)."""
    return Report(evaluation, list(ranked) if ranked is not None else evaluation.rank(), options or ReportOptions())
