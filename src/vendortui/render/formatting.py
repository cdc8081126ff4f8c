"""How numbers read: money with thousands separators in the portfolio's currency, rates."""

from __future__ import annotations

import math

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}


def money(amount: float, currency: str = "USD") -> str:
    """`40408.3` -> `$40,408`; negatives keep the sign in front: `-$15,000`."""
    if math.isnan(amount):
        return "n/a"
    if math.isinf(amount):
        return "∞" if amount > 0 else "-∞"
    whole = round(amount)
    sign = "-" if whole < 0 else ""
    symbol = SYMBOLS.get(currency.upper())
    digits = f"{abs(whole):,}"
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{digits} {currency}"


def rate(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage; infinite reads as "never" (it never breaks even)."""
    if value is None:
        return "n/a"
    if math.isinf(value):
        return "never"
    return f"{value * 100:.{digits}f}%"


def score(value: float) -> str:
    return f"{value:.1f}"
