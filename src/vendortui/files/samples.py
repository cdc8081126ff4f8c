"""Where the bundled sample vendors and RFP templates live.

They ship inside the package (`vendortui/samples/`, real files: a link would break a Windows
checkout), so `vendortui` finds them when installed from a wheel anywhere. In the repository
they are copies of the top-level folders the user reads; a test keeps the two identical.
Each template names its own vendor folder (`vendors = "../sample_vendors/us"`).
"""

from __future__ import annotations

from pathlib import Path

from vendortui.files.paths import shown

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DEFAULT_TEMPLATE_NAME = "collection-partner.toml"
DEFAULT_VENDORS = Path("sample_vendors") / "us"  # what the default template names


def root() -> Path:
    """Every bundled vendor folder (one per template), for `validate` with no path."""
    return shown(SAMPLES / "sample_vendors")


def vendors_dir() -> Path:
    """The default template's vendors: a run with no option ranks these."""
    return shown(SAMPLES / DEFAULT_VENDORS)


def templates_dir() -> Path:
    return shown(SAMPLES / "rfp_templates")


def default_template() -> Path:
    return templates_dir() / DEFAULT_TEMPLATE_NAME
