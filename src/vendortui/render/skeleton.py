"""`vendortui new-vendor ID`: a profile skeleton with every question of a template."""

from __future__ import annotations

import tomli_w

from vendortui.core.models import Template


def vendor_skeleton(vid: str, template: Template) -> str:
    """A valid profile to fill in: every question an empty answer, commented by its text."""
    head = tomli_w.dumps(
        {
            "id": vid,
            "name": "TODO: the vendor's name",
            "kind": "agency",
            "summary": "",
            "regions": [],
            "certifications": [],
            "contact": "",
        }
    )
    lines = [
        f"# Vendor profile for template {template.id!r} ({template.title}).",
        "# kind: agency | software | in_house | debt_buyer. Rates are fractions in [0, 1];",
        '# banded rates are one number or a list of { age = "0-90", rate = 0.2 } tables.',
        head.rstrip(),
        "",
        "[fees]",
        "contingency = 0.0",
        "annual_cost = 0",
        "setup_cost = 0",
        "per_account = 0",
        "",
        "[performance]",
        "recovery = 0.0",
        "similar_portfolios = 0",
        "references = []",
        "",
        f"[scores]  # desk scores, 0-{template.scale}, used until questions are scored",
        "",
        "[answers]",
    ]
    for section, question in template.questions():
        lines.append(f"# [{section.title or section.id}] {' '.join(question.text.split())}")
        lines.append(f"{tomli_w.dumps({question.id: ''}).strip()}")
    return "\n".join(lines) + "\n"
