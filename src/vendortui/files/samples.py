"""Where the bundled sample vendors and RFP templates live.

They ship inside the package (`vendortui/samples/`), so `vendortui` finds them when installed
from a wheel anywhere; in the repository that folder links to the top-level folders.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DEFAULT_TEMPLATE_NAME = "collection-partner.toml"


def vendors_dir() -> Path:
    return SAMPLES / "sample_vendors"


def templates_dir() -> Path:
    return SAMPLES / "rfp_templates"


def default_template() -> Path:
    return templates_dir() / DEFAULT_TEMPLATE_NAME
