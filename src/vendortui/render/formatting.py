"""How numbers read: money with thousands separators in the portfolio's currency, rates,
scores, and short amounts for chart axes. Rounding is half up, as a reader rounds by hand
($74,202.50 reads $74,203; 6.25% reads 6.3%), from the number as written in decimal."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "JPY": "¥", "CHF": "CHF "}


def half_up(value: float, digits: int = 0) -> Decimal:
    """`value` rounded half up at `digits` decimals, from its shortest decimal form (so
    0.0625 is 0.0625, not the binary fraction a hair below it)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _with_symbol(text: str, negative: bool, currency: str) -> str:
    symbol = SYMBOLS.get(currency.upper())
    sign = "-" if negative else ""
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def listing(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def money(amount: float, currency: str = "USD") -> str:
    """`40408.5` -> `$40,409`; negatives keep the sign in front: `-$15,000`; no `-$0`."""
    if math.isnan(amount):
        return "n/a"
    if math.isinf(amount):
        return "∞" if amount > 0 else "-∞"
    whole = int(half_up(amount))
    return _with_symbol(f"{abs(whole):,}", whole < 0, currency)


def unit_money(amount: float, currency: str) -> str:
    """A unit price keeps its cents (`$0.80` per account), which `money` rounds away."""
    if amount == round(amount):
        return money(amount, currency)
    cents = half_up(amount, 2)
    return _with_symbol(f"{abs(cents):,.2f}", cents < 0, currency)


def short_money(amount: float, currency: str = "USD") -> str:
    """For a chart's axis: `$855k`, `-$1.2M`, `$40`."""
    size = abs(amount)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            scaled = half_up(size / limit, 1 if size < 10 * limit else 0)
            text = f"{scaled.normalize():f}{suffix}"
            return _with_symbol(text, amount < 0, currency)
    return money(amount, currency)


def rate(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage; infinite reads as "never" (it never breaks even)."""
    if value is None:
        return "n/a"
    if math.isinf(value):
        return "never"
    pct = (Decimal(repr(value)) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{abs(pct) if pct == 0 else pct}%"


def score(value: float) -> str:
    return f"{half_up(value, 1)}"


def shares(weights: dict[str, float]) -> dict[str, float]:
    """Each weight's share in percent, adding up to exactly 100 and equal for equal weights.

    Largest remainder, given to whole groups of equal weights (one unit each) so two weights
    of 10 never read 10% and 9%. Whole percent when that can reach 100; else tenths; when no
    grouping reaches 100 even in tenths (three equal weights: 33.3% each), equal weights stay
    equal and the sum is off by less than a tenth per weight."""
    total = math.fsum(weights.values())
    if total <= 0:
        return dict.fromkeys(weights, 0.0)
    for per_percent in (1, 10):
        units, complete = _shares_in(weights, total, 100 * per_percent)
        if complete:
            break
    return {k: u / per_percent for k, u in units.items()}


def _shares_in(weights: dict[str, float], total: float, whole: int) -> tuple[dict[str, int], bool]:
    """Whole units out of `whole` by largest remainder over groups of equal weights; True when
    they add up to `whole`."""
    exact = {k: whole * w / total for k, w in weights.items()}
    units = {k: math.floor(v) for k, v in exact.items()}
    short = whole - sum(units.values())
    groups: dict[float, list[str]] = {}
    for k, w in weights.items():
        groups.setdefault(w, []).append(k)
    order = sorted(groups.values(), key=lambda ks: (units[ks[0]] - exact[ks[0]], list(weights).index(ks[0])))
    for keys in order:
        if 0 < len(keys) <= short and exact[keys[0]] > units[keys[0]]:
            for k in keys:
                units[k] += 1
            short -= len(keys)
    return units, short == 0


def share_text(value: float) -> str:
    """`29%`, or `33.3%` when the share needs its tenth."""
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def axis_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round values from at or below `low` to at or above `high`, a step of
    1, 2 or 5 times a power of ten apart, so a chart's axis reads $200k, $400k, ..."""
    # A span too small beside the values (every vendor netting the same) is widened to a
    # millionth of them: steps finer than that would be lost in the floats' rounding.
    span = max(high - low, 1e-6 * max(abs(low), abs(high))) or 1.0
    raw = span / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    # the round step nearest the raw one (not the next above it), for about `count` ticks
    multiple = next((m for limit, m in ((1.5, 1), (3, 2), (7, 5)) if raw / power < limit), 10)
    step = multiple * power
    first = math.floor(low / step)
    last = max(math.ceil(high / step), first + 1)
    return [i * step for i in range(first, last + 1)]
