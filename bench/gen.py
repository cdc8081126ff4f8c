"""Realistic synthetic vendor profiles for the benchmark (fictional names only).

`generate(n, folder, seed)` writes n vendor files `<id>.toml` into `folder`, with every kind
of vendor the product knows, bands that start at day 0 and end open-ended ("366+") so that
they cover the bundled template's buckets (61, 91, 181, 366), desk scores for the six default
criteria and a few short answers. The same (n, seed) always gives the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

KINDS = (("agency", 0.55), ("software", 0.15), ("in_house", 0.10), ("debt_buyer", 0.20))
CRITERIA = ("customer_focus", "compliance", "portfolio_performance", "insights_technology", "scalability", "fee_structure")
QUESTIONS = ("cx.portal", "cx.tone", "cx.hardship", "comp.regulation", "comp.security", "perf.liquidation",
             "perf.references", "tech.integration", "tech.reporting", "scale.capacity", "fee.model")
ANSWERS = (
    "24/7 self-service portal with payment plans, SMS and email reminders, live chat on weekdays.",
    "Scripts and templates written with your brand team and approved by you before use; white-label option.",
    "Dedicated hardship team, payment pauses of 30 to 90 days, accounts returned on request within 24 hours.",
    "Reg F call caps and time-of-day limits enforced by the dialer; no enforcement actions in five years.",
    "AES-256 at rest, TLS 1.2+ in transit, SSO with MFA, annual third-party penetration test.",
    "12-month liquidation 24% at 61-90 DPD, 15% at 91-180, 6% at 181-365, 2% beyond, on 11 placements.",
    "Three contactable references from subscription and BNPL clients placed in the last three years.",
    "REST API and signed webhooks for placements, recalls and payments; daily automated reconciliation.",
    "Live dashboard with account-level drill-down and CSV export; weekly and monthly KPI packs.",
    "Spare capacity of about 30%; 20 agents can be added within six weeks from our own academy.",
    "Contingency by age at placement, no per-account charges, one-off setup fee for the integration.",
)
FIRST = ("Amber", "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
         "Kestrel", "Lumen", "Meridian", "North", "Orchard", "Pine", "Quill", "Ridge", "Summit", "Tidal",
         "Upland", "Vale", "Willow", "Yarrow", "Zephyr")
SECOND = ("Recovery", "Collections", "Receivables", "Credit Services", "Resolution", "Payments", "Capital",
          "Portfolio Partners", "Account Solutions", "Financial")
SUFFIX = ("LLC", "Inc.", "Group", "Ltd", "Co.", "Partners")
CERTS = ("PCI DSS", "SOC 2 Type II", "ISO 27001")


def _pick_kind(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for kind, share in KINDS:
        acc += share
        if x < acc:
            return kind
    return KINDS[-1][0]


def _r(x: float) -> float:
    return round(min(max(x, 0.0), 1.0), 3)


def _bands(rows: list[tuple[str, float]], spread: float | None = None) -> str:
    parts = []
    for age, rate in rows:
        if spread is None:
            parts.append(f'    {{ age = "{age}", rate = {_r(rate)} }},')
        else:
            parts.append(f'    {{ age = "{age}", rate = {_r(rate)}, low = {_r(rate * (1 - spread))}, high = {_r(rate * (1 + spread))} }},')
    return "[\n" + "\n".join(parts) + "\n]"


def _recovery(rng: random.Random, strength: float) -> str:
    base = rng.uniform(0.18, 0.34) * strength
    rows = [("0-90", base), ("91-180", base * rng.uniform(0.5, 0.7)),
            ("181-365", base * rng.uniform(0.2, 0.35)), ("366+", base * rng.uniform(0.05, 0.15))]
    return _bands(rows, spread=rng.uniform(0.1, 0.35))


def vendor_text(i: int, rng: random.Random) -> tuple[str, str]:
    kind = _pick_kind(rng)
    vid = f"v{i:05d}-{kind.replace('_', '-')}"
    name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i} {rng.choice(SUFFIX)}"
    certs = [c for c in CERTS if rng.random() < 0.9]
    regions = ["US"] if rng.random() < 0.8 else rng.choice((["US", "CA"], ["UK"], ["US", "UK", "CA"]))
    out = [
        "# Synthetic vendor for the vendortui benchmark (fictional).",
        f'id = "{vid}"',
        f'name = "{name}"',
        f'kind = "{kind}"',
        f'summary = "Synthetic {kind.replace("_", "-")} number {i}: generated for load and ranking benchmarks."',
        "regions = [" + ", ".join(f'"{r}"' for r in regions) + "]",
        "certifications = [" + ", ".join(f'"{c}"' for c in certs) + "]",
        f'contact = "rfp@{vid}.example"',
        "",
        "[fees]",
    ]
    if kind == "agency":
        first = rng.uniform(0.15, 0.25)
        if rng.random() < 0.5:
            tiers = [("0-90", first), ("91-180", first + 0.05), ("181-365", first + 0.12), ("366+", min(first + 0.22, 0.5))]
        else:
            tiers = [("0-180", first), ("181+", first + rng.uniform(0.08, 0.2))]
        out.append("contingency = " + _bands(tiers))
        if rng.random() < 0.4:
            out.append(f"setup_cost = {rng.choice((2500, 5000, 7500, 10000))}")
        if rng.random() < 0.3:
            out.append(f"per_account = {round(rng.uniform(0.5, 3.0), 2)}")
    elif kind == "software":
        out.append(f"annual_cost = {rng.randrange(20000, 45000, 500)}")
        out.append(f"setup_cost = {rng.randrange(5000, 30000, 500)}")
        if rng.random() < 0.3:
            out.append(f"per_account = {round(rng.uniform(0.2, 1.5), 2)}")
        out += ["", "[staffing]", f"accounts_per_collector = {rng.randrange(1500, 4000, 100)}"]
    elif kind == "in_house":
        out.append(f"annual_cost = {rng.randrange(20000, 60000, 5000)}  # the team's lead")
        if rng.random() < 0.5:
            out.append(f"per_account = {round(rng.uniform(0.5, 2.0), 2)}  # letters and skip tracing")
        staffing = (f"collectors = {rng.randrange(1, 6)}" if rng.random() < 0.5
                    else f"accounts_per_collector = {rng.randrange(2000, 8000, 500)}")
        out += ["", "[staffing]", staffing]
    else:
        fresh = rng.uniform(0.09, 0.17)
        out.append("purchase_price = " + _bands([
            ("0-90", fresh), ("91-180", fresh * rng.uniform(0.5, 0.7)),
            ("181-365", fresh * rng.uniform(0.3, 0.45)), ("366+", fresh * rng.uniform(0.1, 0.3))]))
    out += ["", "[performance]"]
    if kind != "debt_buyer":
        strength = {"agency": 1.0, "software": 0.8, "in_house": 0.7}[kind]
        out.append("recovery = " + _recovery(rng, strength * rng.uniform(0.8, 1.2)))
    out.append(f"similar_portfolios = {rng.randint(0, 30)}")
    out.append(f'references = ["Subscription service, 91-180 DPD, 12-month liquidation {rng.randint(8, 22)}%"]')
    out += ["", "[scores]"]
    for cid in CRITERIA:
        low = 2.0 if cid == "compliance" else 1.0
        out.append(f"{cid} = {round(rng.uniform(low, 5.0), 1)}")
    out += ["", "[answers]"]
    for qid in rng.sample(range(len(QUESTIONS)), 3):
        out.append(f'"{QUESTIONS[qid]}" = "{ANSWERS[qid]}"')
    return vid, "\n".join(out) + "\n"


def generate(n: int, folder: Path, seed: int = 7) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{n}")
    for i in range(1, n + 1):
        vid, text = vendor_text(i, rng)
        (folder / f"{vid}.toml").write_text(text, encoding="utf-8")
    return folder
