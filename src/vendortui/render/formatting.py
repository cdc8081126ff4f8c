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


def shares(weights: dict[str, float]) -> dict[str, int]:
    """Each weight's share in whole percent, adding up to exactly 100 (largest remainder):
    rounding each on its own can show 102%."""
    total = math.fsum(weights.values())
    if total <= 0:
        return dict.fromkeys(weights, 0)
    exact = {k: 100 * w / total for k, w in weights.items()}
    out = {k: math.floor(v) for k, v in exact.items()}
    short = 100 - sum(out.values())
    for k in sorted(exact, key=lambda k: (out[k] - exact[k], list(exact).index(k)))[:short]:
        out[k] += 1
    return out


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
