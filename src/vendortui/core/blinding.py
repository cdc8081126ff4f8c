"""Blind scoring: vendors as "Vendor A", "Vendor B"... in an order nobody chose.

A bidder chooses its file name, and so its id: aliases in id order would let it pick
"Vendor A". So aliases follow a shuffle by a seed kept in the blind session (`blind_seed`):
each vendor's place is set by a keyed digest of its id, and the digests already given an
alias are kept in order (`blind_order`), so a vendor added later takes the next letter and
no one's alias (or scores) moves. A blind session's scores, notes and decisions are keyed
by alias (`vendor-a`) in the file; the review works on those alias ids throughout.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vendortui.core.masking import mask
from vendortui.core.models import Vendor
from vendortui.core.session_models import HistoryEntry, Panel, Session

ALIAS_ID_PREFIX = "vendor-"


def alias(index: int) -> str:
    """0 -> "Vendor A", 25 -> "Vendor Z", 26 -> "Vendor AA"."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return f"Vendor {letters}"


def alias_id(shown: str) -> str:
    """"Vendor A" -> "vendor-a": the key in a blind session, and the export's file name."""
    return shown.lower().replace(" ", "-")


def token(seed: int, vid: str) -> str:
    """A vendor's place in the shuffle: a digest of the seed and its id (the id is not
    readable from it without the seed)."""
    return hashlib.sha256(f"{seed}:{vid}".encode()).hexdigest()[:16]


def seed_from(text: str) -> int:
    """A seed derived from a path, for a blind view with no session to keep one in."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:15], 16)


@dataclass(frozen=True)
class Blinding:
    """Who is who in a blind review: real id -> alias id and back, and the shown names."""

    to_alias: dict[str, str]
    order: list[str] = field(default_factory=list)  # the tokens in alias order, for the session

    @property
    def to_real(self) -> dict[str, str]:
        return {a: v for v, a in self.to_alias.items()}

    def shown(self, alias_key: str) -> str:
        """"vendor-a" -> "Vendor A"."""
        return "Vendor " + alias_key.removeprefix(ALIAS_ID_PREFIX).upper()


def assign(ids: Iterable[str], seed: int, order: Sequence[str] = ()) -> Blinding:
    """Aliases for `ids`: the tokens already in `order` keep their letter; the others follow
    in token order (a shuffle by the seed)."""
    tokens = {token(seed, vid): vid for vid in ids}
    kept = list(order)
    kept += sorted(t for t in tokens if t not in set(order))
    to_alias = {tokens[t]: alias_id(alias(i)) for i, t in enumerate(kept) if t in tokens}
    return Blinding(to_alias, kept)


def blinded(vendor: Vendor, key: str, shown: str) -> Vendor:
    """The vendor as a blind review sees it: the alias for its id and name, its answers and
    lists masked (its names in any disguise, money, and any "Vendor B" it wrote to pass for
    one of our aliases), and nothing that names it (summary, contact, references)."""
    own = [(vendor.name, vendor.vid)]

    def hidden(text: str) -> str:
        return mask(text, own, shown, aliases=True)

    performance = vendor.performance.model_copy(update={"references": []})
    return vendor.model_copy(update={
        "id": key, "name": shown, "summary": "", "contact": "", "performance": performance,
        "answers": {qid: hidden(text) for qid, text in vendor.answers.items()},
        "regions": [hidden(r) for r in vendor.regions],
        "certifications": [hidden(c) for c in vendor.certifications],
    })


_KEYED = ("scores", "notes", "requirements", "overrides", "requirement_notes")


def rekeyed(session: Session, keys: dict[str, str]) -> Session:
    """The session with its vendor keys renamed by `keys` (a key not in it is kept): real
    ids to aliases or back. History entries name the vendor the same way."""
    update: dict[str, object] = {name: {keys.get(k, k): v for k, v in getattr(session, name).items()} for name in _KEYED}
    update["history"] = [_entry(h, keys) for h in session.history]
    return session.model_copy(update=update, deep=True)


def _entry(entry: HistoryEntry, keys: dict[str, str]) -> HistoryEntry:
    if entry.vendor is None or entry.vendor not in keys:
        return entry
    return entry.model_copy(update={"vendor": keys[entry.vendor]})


def rekeyed_panel(panel: Panel, keys: dict[str, str]) -> Panel:
    """The panel's consensus and decisions with their vendor keys renamed."""
    return panel.model_copy(update={
        "consensus": {keys.get(k, k): v for k, v in panel.consensus.items()},
        "decisions": {keys.get(k, k): v for k, v in panel.decisions.items()},
    }, deep=True)


def has_vendor_entries(session: Session) -> bool:
    """Whether the session already holds something about a named vendor."""
    return any(getattr(session, name) for name in _KEYED) or any(h.vendor for h in session.history)
