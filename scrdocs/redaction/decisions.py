"""Suspects as data: the decisions of a run, for a person to confirm, as ``decisions.json``.

The audit (``audit.jsonl``) is a log; this file is a worklist. Each entry
says where a decision was made (document, location, offsets into the
original piece of text the engine read there), what replaced it, why, and
its status: ``removed`` (certain), ``kept`` (a named chair, an agency) or
``to_confirm`` (a low score, an ambiguous mention, a person only the
language model found). Like the audit it never holds original text, only
its salted hash: the review page reads the offsets next to the internal
originals, which a reviewer may see and the file's reader may not.
The format is ``redaction_rules/decisions.schema.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..resources import data_dir, safe_yaml

DECISIONS_NAME = "decisions.json"
SCHEMA_VERSION = 1

_NER_NUMBERED = re.compile(r"^Person \d+$")


@dataclass(frozen=True)
class Entry:
    """One decision in ``decisions.json`` (never the text itself)."""

    document: str
    location: str
    start: int
    end: int
    offsets_in: str  # "original": the engine's input; "copy": the anonymised text a gate read
    replacement: str | None
    category: str  # the entity type (PERSON, LOCATION, PHONE_NUMBER...)
    detector: str
    confidence: float
    reason: str
    status: str  # removed | kept | to_confirm
    text_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # asdict deep-copies every value: most of the time of writing a long text's million entries
        return {name: getattr(self, name) for name in _ENTRY_FIELDS}


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


@lru_cache(maxsize=1)
def default_below_score() -> float:
    """The score under which a removal is to confirm: the packs' redaction report threshold, one rule for both."""
    try:
        data = safe_yaml((data_dir("redaction_rules") / "packs.yaml").read_text(encoding="utf-8")) or {}
        return float((data.get("redaction_report") or {}).get("review_below_score", 0.7))
    except (OSError, ValueError, TypeError, AttributeError):
        return 0.7  # the shipped value; the rules file's own check reports a broken file


def status_of(action: str, score: float, replacement: str | None, reason: str, below_score: float) -> str:
    if action != "remove":
        return "kept"
    if "ambiguous" in reason.lower() or score < below_score or _NER_NUMBERED.match(replacement or ""):
        # Each is a place a person should look: the engine was unsure, or guessed who it was.
        return "to_confirm"
    return "removed"


class DecisionLog:
    """The run's decisions as the engine records them (one per span, in the order found)."""

    def __init__(self) -> None:
        self._items: list[tuple[str, str, Any, str, str]] = []  # document, location, span, reason, hash

    def add(self, document: str, location: str, span: Any, reason: str, text_hash: str) -> None:
        self._items.append((document, location, span, reason, text_hash))

    def entries(self, *, below_score: float | None = None) -> list[Entry]:
        return list(self.iter_entries(below_score=below_score))

    def iter_entries(self, *, below_score: float | None = None) -> Iterator[Entry]:
        """:meth:`entries` one at a time (a long text's run holds a million: never all made at once)."""
        below = default_below_score() if below_score is None else below_score
        for document, location, s, reason, digest in self._items:
            replacement = s.replacement if s.action == "remove" else None
            score = float(s.score or 0.0)
            yield Entry(document, location, s.start, s.end, "original", replacement, s.entity_type, s.detector,
                        round(score, 3), reason, status_of(s.action, score, replacement, reason, below), digest)

    def __len__(self) -> int:
        return len(self._items)


def decisions_document(entries: Iterable[Entry], *, review: str, profile: str, made_by: str) -> dict[str, Any]:
    entries = list(entries)
    counts = {status: sum(1 for e in entries if e.status == status) for status in ("removed", "kept", "to_confirm")}
    return {"schema_version": SCHEMA_VERSION, "review": review, "profile": profile, "made_by": made_by,
            "counts": counts, "decisions": [e.to_dict() for e in entries]}


def write_decisions(path: Path, entries: Iterable[Entry], *, review: str, profile: str, made_by: str) -> Path:
    """The file, written entry by entry: ``entries`` is read twice (the counts, then the entries), so it may
    be a list or anything that gives its entries afresh each time it is iterated."""
    counts = {"removed": 0, "kept": 0, "to_confirm": 0}
    for e in entries:
        if e.status in counts:
            counts[e.status] += 1
    head = {"schema_version": SCHEMA_VERSION, "review": review, "profile": profile, "made_by": made_by,
            "counts": counts}
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "decisions": [')
        encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps would make one per entry
        for number, e in enumerate(entries):
            f.write(("," if number else "") + "\n  " + encode(e.to_dict()))
        f.write("\n ]\n}\n")
    return Path(path)
