"""Pydantic models of the files people write: vendor profile, RFP template, portfolio (the
files the program writes, sessions and panels, are in `session_models.py`).

Field-level rules live here (types, ranges, unknown keys, age ranges). Rules that span
several fields or files (weights naming real criteria, ids unique across a folder, bands
covering the portfolio) live in `checks.py`, so that every problem of a file is reported
at once rather than only the first one pydantic stops at.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from vendortui.core.ages import AgeRange, band_index, first_overlap
from vendortui.core.characters import is_blank
from vendortui.core.curves import Curve, Evidence, Timing
from vendortui.core.weights import weights_problem

DEFAULT_CRITERIA: dict[str, str] = {
    "customer_focus": "Customer focus",
    "compliance": "Compliance",
    "portfolio_performance": "Performance on similar portfolios",
    "insights_technology": "Insights and technology",
    "scalability": "Scalability",
    "fee_structure": "Fee structure",
}
Kind = Literal["agency", "software", "in_house", "debt_buyer"]
AutoKind = Literal["cost_ratio", "net_recovery", "gross_recovery", "business_value", "npv"]
ID_PATTERN = r"^[a-z0-9-]+$"
# The export writes `<id>.md` beside `shortlist.md`: a vendor with this id would replace it.
RESERVED_IDS = frozenset({"shortlist"})
ALL_AGES = AgeRange(0, None)

# Bounds that keep every figure finite: no sum, product or ratio of values within them can
# overflow a float, so no output ever holds NaN or infinity. Each is far beyond any real book.
MONEY_MAX = 1e12  # a trillion in the portfolio's currency, per amount
ACCOUNTS_MAX = 10**9
WEIGHT_MAX = 1e6
SCALE_MAX = 100
HORIZON_MAX = 600  # months: fifty years
COUNT_MAX = 10**6  # similar portfolios, shortlist places
BUCKETS_MAX = 100  # a portfolio's age buckets; more would only slow the analysis down
ID_MAX = 64  # characters: an id names an exported file
NAME_MAX = 200  # characters of a vendor's name
FX_MAX = 1e6  # an exchange rate: one unit of a currency in another
DAYS_MAX = 36_500  # a cut-off in days past due: a hundred years
CUTOFFS_MAX = 20  # cut-offs a template compares


def _parse_age(value: object) -> AgeRange:
    if isinstance(value, AgeRange):
        return value
    return AgeRange.parse(value)


def _seen(text: str) -> str:
    """A name or title must show something: spaces and invisible characters alone do not."""
    if is_blank(text):
        raise ValueError("must show something: it is only spaces or invisible characters")
    return text


Age = Annotated[AgeRange, PlainValidator(_parse_age), PlainSerializer(str)]
Rate = Annotated[float, Field(ge=0, le=1)]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX)]
Weight = Annotated[float, Field(ge=0, le=WEIGHT_MAX)]
Score = Annotated[float, Field(ge=0, le=SCALE_MAX)]
Accounts = Annotated[int, Field(ge=0, le=ACCOUNTS_MAX)]
Months = Annotated[int, Field(ge=1, le=HORIZON_MAX)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_seen)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX), AfterValidator(_seen)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class Strict(BaseModel):
    """Unknown keys are errors (a typo must not silently do nothing); no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Band(Strict):
    """One band of a banded rate; `low`/`high` bound the rate's uncertainty."""

    age: Age
    rate: Rate
    low: Rate | None = None
    high: Rate | None = None

    @model_validator(mode="after")
    def _range_brackets_rate(self) -> Band:
        # `ctx["at"]` names the offending key, so the loader can point at it.
        if self.low is not None and self.low > self.rate:
            raise PydanticCustomError(
                "band_bounds", "low ({low}) is above rate ({rate})", {"low": self.low, "rate": self.rate, "at": ("low",)}
            )
        if self.high is not None and self.high < self.rate:
            raise PydanticCustomError(
                "band_bounds", "high ({high}) is below rate ({rate})", {"high": self.high, "rate": self.rate, "at": ("high",)}
            )
        return self


def _one_number_is_one_band(value: object) -> object:
    """A banded rate may be written as one number: it applies to every age."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [{"age": "0+", "rate": value}]
    return value


def _overlap_error(what: str, ranges: list[AgeRange]) -> PydanticCustomError | None:
    """The error for the first pair of overlapping ranges; `ctx["at"]` is the later one's
    age, so the loader can point at the line where the offending entry is written."""
    clash = first_overlap(ranges)
    if clash is None:
        return None
    i, j = clash
    return PydanticCustomError(
        "age_overlap",
        "{what} overlap: {first} and {second}",
        {"what": what, "first": str(ranges[i]), "second": str(ranges[j]), "at": (j, "age")},
    )


def _check_bands(bands: list[Band]) -> list[Band]:
    error = _overlap_error("age ranges", [b.age for b in bands])
    if error:
        raise error
    return bands


BandedRate = Annotated[
    list[Band],
    BeforeValidator(_one_number_is_one_band),
    AfterValidator(_check_bands),
    Field(default_factory=list),
]


def band_for(bands: list[Band], day: int) -> Band | None:
    """The band containing a bucket's lower bound (SPEC: "Age ranges")."""
    i = band_index((b.age for b in bands), day)
    return None if i is None else bands[i]


class Fees(Strict):
    contingency: BandedRate
    annual_cost: Money = 0
    setup_cost: Money = 0
    per_account: Money = 0
    purchase_price: BandedRate


class Performance(Strict):
    recovery: BandedRate
    similar_portfolios: Annotated[int, Field(ge=0, le=COUNT_MAX)] = 0
    references: list[str] = Field(default_factory=list)
    measured_months: Months = 12  # the period the recovery rates were measured over
    winback: Rate | None = None  # share of resolved accounts that stay customers (business case)
    curve: Curve | None = None  # cumulative share of the rates collected by month (SPEC "Time value")


class Staffing(Strict):
    """The buyer's own collectors an in-house team or a software licence needs (SPEC "Staff
    and capacity"): a fixed team, or one collector per so many accounts."""

    accounts_per_collector: Annotated[int, Field(ge=1, le=ACCOUNTS_MAX)] | None = None
    collectors: Annotated[int, Field(ge=0, le=COUNT_MAX)] | None = None
    collector_cost: Money | None = None  # a year, fully loaded; else the template's [staff]

    @model_validator(mode="after")
    def _one_way_to_count(self) -> Staffing:
        if self.collectors is not None and self.accounts_per_collector is not None:
            raise PydanticCustomError(
                "staffing", "give collectors (a fixed team) or accounts_per_collector (capacity), not both",
                {"at": ("collectors",)},
            )
        if self.collectors is None and self.accounts_per_collector is None:
            raise PydanticCustomError(
                "staffing", "give collectors (a fixed team) or accounts_per_collector (one collector per so many accounts)",
                {"at": ()},
            )
        return self

    def count(self, accounts: float) -> int:
        """Collectors needed for `accounts`: the fixed team, else ceil(accounts / capacity)."""
        if self.collectors is not None:
            return self.collectors
        assert self.accounts_per_collector is not None  # one of the two, by the validator
        return math.ceil(accounts / self.accounts_per_collector) if accounts > 0 else 0


class Vendor(Strict):
    id: Id | None = None
    name: Name
    kind: Kind
    summary: str = ""
    regions: list[str] = Field(default_factory=list)
    certifications: list[str] = Field(default_factory=list)
    contact: str = ""
    currency: Currency | None = None  # of its money inputs; None: the portfolio's
    fees: Fees = Field(default_factory=lambda: Fees.model_validate({}))
    staffing: Staffing | None = None
    performance: Performance = Field(default_factory=lambda: Performance.model_validate({}))
    scores: dict[str, Score] = Field(default_factory=dict)
    answers: dict[str, str] = Field(default_factory=dict)

    @property
    def vid(self) -> str:
        assert self.id is not None, "the loader sets the id from the file name"
        return self.id

    @property
    def is_debt_buyer(self) -> bool:
        return self.kind == "debt_buyer"


class Bucket(Strict):
    age: Age
    balance: Money
    accounts: Accounts = 0


class Portfolio(Strict):
    name: str = ""
    currency: Currency = "USD"
    buckets: Annotated[list[Bucket], Field(min_length=1, max_length=BUCKETS_MAX)]

    @field_validator("buckets")
    @classmethod
    def _no_overlap(cls, buckets: list[Bucket]) -> list[Bucket]:
        error = _overlap_error("buckets", [b.age for b in buckets])
        if error:
            raise error
        return buckets

    @property
    def total_balance(self) -> float:
        return sum(b.balance for b in self.buckets)

    @property
    def total_accounts(self) -> int:
        return sum(b.accounts for b in self.buckets)


class Staff(Strict):
    collector_cost: Money  # a year, fully loaded, in the portfolio's currency


class BusinessCase(Strict):
    """What involuntary churn costs (SPEC "The business case"), in the portfolio's currency."""

    involuntary_churn_per_month: Annotated[float, Field(ge=0, le=ACCOUNTS_MAX)]
    ltv: Money
    cac: Money = 0
    winback: Rate = 0
    grace_cure: Rate = 0  # share of involuntary churn a grace period and dunning keep (seed 000 step 2)
    ltv_basis: Literal["revenue", "margin"] = "revenue"  # what the LTV counts, stated beside it


class BusinessCaseEdits(Strict):
    """A session's changes to the business case (the app's `b` screen), key by key."""

    involuntary_churn_per_month: Annotated[float, Field(ge=0, le=ACCOUNTS_MAX)] | None = None
    ltv: Money | None = None
    cac: Money | None = None
    winback: Rate | None = None
    grace_cure: Rate | None = None

    def applied_to(self, case: BusinessCase | None) -> BusinessCase:
        base = case.model_dump() if case is not None else {"involuntary_churn_per_month": 0.0, "ltv": 0.0}
        base.update({k: v for k, v in self.model_dump().items() if v is not None})
        return BusinessCase.model_validate(base)


FxRate = Annotated[float, Field(gt=0, le=FX_MAX)]  # one unit of the key's currency, in the book's
Cutoff = Annotated[int, Field(ge=1, le=DAYS_MAX)]


class BookTerms(Strict):
    """The tables a template or a portfolio file may add beside `[portfolio]`: the collector
    cost, exchange rates and the business case (the portfolio file's win, table by table)."""

    staff: Staff | None = None
    fx: dict[Currency, FxRate] = Field(default_factory=dict)
    business_case: BusinessCase | None = None
    status_quo: Id | None = None  # today's arrangement, a vendor id in the run
    timing: Timing | None = None  # cash by month and its present value (SPEC "Time value and evidence")
    evidence: Evidence | None = None  # claims weighed by their comparable placements


class PortfolioFile(BookTerms):
    """A standalone portfolio file: the `[portfolio]` table, and optionally `[staff]`, `[fx]`
    and `[business_case]`, which replace the template's."""

    portfolio: Portfolio


class Criterion(Strict):
    title: str = ""
    auto: AutoKind | None = None
    minimum: Score | None = None


class Requirement(Strict):
    id: Text
    text: str = ""
    certification: str | None = None
    region: str | None = None

    @property
    def automatic(self) -> bool:
        return self.certification is not None or self.region is not None


class Question(Strict):
    id: Text
    text: Text
    guidance: str = ""
    weight: Weight = 1


class Section(Strict):
    id: Text
    title: str = ""
    criterion: Text
    questions: Annotated[list[Question], Field(min_length=1)]


class Template(BookTerms):
    id: Id
    title: Text
    version: str = ""
    scale: Annotated[int, Field(ge=1, le=SCALE_MAX)] = 5
    horizon_months: Months = 12
    shortlist: Annotated[int, Field(ge=1, le=COUNT_MAX)] = 3
    shortlist_losses: bool = False  # shortlist by rank alone, loss-makers included
    vendors: Text | None = None  # the bidders' folder, relative to the template file
    weights: dict[str, Weight]
    criteria: dict[str, Criterion] = Field(default_factory=dict)
    portfolio: Portfolio | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    sections: Annotated[list[Section], Field(min_length=1)]
    cutoffs: Annotated[list[Cutoff], Field(min_length=1, max_length=CUTOFFS_MAX)] | None = None

    @field_validator("weights")
    @classmethod
    def _some_weight(cls, weights: dict[str, float]) -> dict[str, float]:
        problem = weights_problem(weights)
        if problem:
            raise ValueError(problem)
        return weights

    def criterion_ids(self) -> list[str]:
        """Every criterion the template uses, weighted ones first, in file order."""
        seen = dict.fromkeys(self.weights)
        seen.update(dict.fromkeys(s.criterion for s in self.sections))
        seen.update(dict.fromkeys(self.criteria))
        return list(seen)

    def criterion_title(self, cid: str) -> str:
        c = self.criteria.get(cid)
        if c and c.title:
            return c.title
        return DEFAULT_CRITERIA.get(cid, cid.replace("_", " ").capitalize())

    def questions(self) -> list[tuple[Section, Question]]:
        return [(s, q) for s in self.sections for q in s.questions]

    def question_ids(self) -> list[str]:
        return [q.id for _, q in self.questions()]
