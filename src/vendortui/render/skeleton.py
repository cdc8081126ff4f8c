"""`vendortui new-vendor ID`: a profile skeleton with every question of a template.

Any id, title or question gives valid TOML: the values are written by tomli-w, the answer
keys as escaped basic strings, and the template's texts appear only in comments, on one line
each, with every control, bidi or invisible character shown as an escape (TOML allows none
of them in a comment, and the skeleton may be printed on a terminal).
"""

from __future__ import annotations

import re

import tomli_w

from vendortui.core.characters import escape_one_line, has_unsafe
from vendortui.core.models import Template

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _comment(text: str) -> str:
    return "# " + escape_one_line(" ".join(text.split()))


def _key(text: str) -> str:
    """A TOML key for `text`: bare when it can be, else a basic string in which quotes,
    backslashes and every control, bidi or invisible character are escapes."""
    if _BARE.fullmatch(text):
        return text
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif has_unsafe(c) or c in "\t\n":
            out.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


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
        _comment(f"Vendor profile for template {template.id!r} ({template.title})."),
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
        lines.append(_comment(f"[{section.title or section.id}] {question.text}"))
        lines.append(f'{_key(question.id)} = ""')
    return "\n".join(lines) + "\n"
