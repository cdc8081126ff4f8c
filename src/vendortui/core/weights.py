"""The one rule on a set of weights as a whole (SPEC "Scores and ranking": all weights 0 is
an error), for the template's, the session's, the command line's and the app's weights alike."""

from __future__ import annotations

import math
from collections.abc import Mapping

ALL_ZERO = "all weights are 0: at least one criterion needs a positive weight"


def weights_problem(weights: Mapping[str, float]) -> str | None:
    """Why these weights cannot rank (None: they can)."""
    return None if math.fsum(weights.values()) > 0 else ALL_ZERO
