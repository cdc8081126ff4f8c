"""The words for kinds, statuses and sources, and the figures every output spells alike.

One label per thing, used by the app, the command line's tables and the Markdown export,
so a debt buyer is "debt buyer" everywhere and a knock-out reads the same on every screen.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from vendortui.render.formatting import rate

if TYPE_CHECKING:  # the app's shell imports these labels before the models are built
    from vendortui.core.models import Kind, Template, Vendor
    from vendortui.core.scoring import Ranked

KIND_LABELS: dict[Kind, str] = {
    "agency": "agency",
    "software": "software",
    "in_house": "in-house team",
    "debt_buyer": "debt buyer",
}

SOURCE_LABELS = {"questions": "scored", "desk": "desk", "auto": "auto", "missing": "missing"}


def kind_label(vendor: Vendor) -> str:
    return KIND_LABELS[vendor.kind]


def status_label(r: Ranked) -> str:
    """One line: shortlisted, eligible, or knocked out by what."""
    if not r.eligible:
        return "knocked out: " + ", ".join(r.knocked_out_by)
    text = "shortlisted" if r.shortlisted else "eligible"
    return text + (" (incomplete)" if r.incomplete else "")


def break_even_label(r: Ranked) -> str:
    """A debt buyer has no break-even rate (it pays up front): "n/a", the same everywhere."""
    return "n/a" if r.vendor.is_debt_buyer else rate(r.projection.break_even_rate)


def cost_ratio_label(value: float | None) -> str:
    """(fees + fixed) / gross: "n/a" for a debt buyer, "∞" when nothing is recovered."""
    if value is None:
        return "n/a"
    return "∞" if math.isinf(value) else rate(value)


def number(value: float) -> str:
    """Weights and scores as typed: `25`, `2.5`, `1000000` (not `25.0` or `1e+06`)."""
    return format(value, ".12g")


def version_label(template: Template) -> str:
    return f"version {template.version}" if template.version else "no version"
