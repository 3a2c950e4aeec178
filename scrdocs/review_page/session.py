"""What the review page shows: each document's spans after the reviewer's decisions, with counts and progress.

The engine's spans (:mod:`.replay`) never change while the page is open; the
reviewer's decisions file may (this page, another tab, another run), so every
view is worked out afresh from the file on disk: one source of truth, and a
change made elsewhere shows at the next click.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..case.model import Case
from ..redaction.decisions import DECISIONS_NAME, default_below_score, status_of
from ..redaction.reviewer_apply import ReviewerRules
from ..redaction.reviewer_decisions import DecisionsFile, ReviewerDecision, load_decisions, piece_hash
from .replay import ReviewDocument

_NAME_LIKE = re.compile(r"(?<![\w’'])[A-Z][A-Za-z’'-]*[a-z][A-Za-z’'-]*(?![\w])")
STATUSES = ("removed", "kept", "to_confirm")


@dataclass
class ViewSpan:
    index: int
    start: int
    end: int
    text: str
    replacement: str | None
    action: str
    status: str  # removed | kept | to_confirm, after the reviewer's decisions
    engine_status: str  # what the engine alone said
    category: str
    detector: str
    reason: str
    confidence: float
    person: str | None
    decision: str | None  # the reviewer decision applied here, if any

    @property
    def needs_review(self) -> bool:
        return self.engine_status == "to_confirm" and self.decision is None

    @property
    def shown_status(self) -> str:
        return "to_confirm" if self.needs_review else ("removed" if self.action == "remove" else "kept")


@dataclass
class ViewPiece:
    location: str
    text: str
    fingerprint: str
    spans: list[ViewSpan]

    def segments(self) -> list[tuple[str, ViewSpan | None]]:
        """The text cut at the spans: (plain text, None) and (span text, span), in order."""
        out, at = [], 0
        for s in self.spans:
            if s.start > at:
                out.append((self.text[at:s.start], None))
            out.append((self.text[s.start:s.end], s))
            at = s.end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


@dataclass
class DocumentView:
    number: int
    name: str
    title: str
    pieces: list[ViewPiece] = field(default_factory=list)

    def spans(self) -> list[ViewSpan]:
        return [s for p in self.pieces for s in p.spans]

    def counts(self) -> dict[str, int]:
        spans = self.spans()
        counts = {status: sum(1 for s in spans if s.shown_status == status) for status in STATUSES}
        counts["confirm_total"] = sum(1 for s in spans if s.engine_status == "to_confirm")
        counts["reviewed"] = counts["confirm_total"] - counts["to_confirm"]
        return counts


class ReviewSession:
    """One review: the case, the replayed documents, and the decisions file beside the case file."""

    def __init__(self, case: Case, case_path: Path, documents: list[ReviewDocument], decisions_file: Path, *,
                 profile: str, source: str, folder: Path, below_score: float | None = None,
                 includes: tuple[Path, ...] = ()):
        self.case, self.case_path = case, case_path
        self.documents = documents
        self.decisions_file = decisions_file
        self.profile, self.source, self.folder = profile, source, folder
        self.read_folder = folder  # where the copies are read (DIR.failed when only a refused attempt exists)
        self.includes = includes
        self.below = default_below_score() if below_score is None else below_score
        self.review = case.review.reference
        self.last_error: str | None = None
        self.leak_findings: list[dict[str, str]] = []

    # -- the decisions file ------------------------------------------------------
    def decisions(self) -> DecisionsFile:
        return load_decisions(self.decisions_file, review=self.review)

    def rules(self) -> ReviewerRules:
        return ReviewerRules(self.decisions())

    # -- views -------------------------------------------------------------------
    def views(self, rules: ReviewerRules | None = None) -> list[DocumentView]:
        rules = rules or self.rules()
        out = []
        for number, doc in enumerate(self.documents, start=1):
            view = DocumentView(number, doc.name, doc.title)
            for piece in doc.pieces:
                shown = self._piece_view(piece, rules, doc.name, len(view.spans()))
                # A field instruction ('TOC \o "1-3" \h \z \u') is not text a reader sees: shown only
                # when it holds something to decide (a name in a HYPERLINK).
                if shown.spans or " field " not in piece.location:
                    view.pieces.append(shown)
            out.append(view)
        return out

    def _piece_view(self, piece: Any, rules: ReviewerRules, document: str, first_index: int) -> ViewPiece:
        applied = rules.apply(piece.text, piece.spans, document)
        engine = [(s, status_of(s.action, float(s.score or 0), s.replacement if s.action == "remove" else None,
                                getattr(s, "_reason", ""), self.below)) for s in piece.spans]
        spans = []
        for i, s in enumerate(applied):
            before = [status for e, status in engine if e.start < s.end and e.end > s.start]
            engine_status = "to_confirm" if "to_confirm" in before else (before[0] if before else "kept")
            reason = getattr(s, "_reason", "")
            spans.append(ViewSpan(first_index + i, s.start, s.end, s.text,
                                  s.replacement if s.action == "remove" else None, s.action,
                                  status_of(s.action, float(s.score or 0), s.replacement, reason, self.below),
                                  engine_status, s.entity_type, s.detector, reason, round(float(s.score or 0), 2),
                                  s.person_id, getattr(s, "_reviewer", None)))
        return ViewPiece(piece.location, piece.text, piece_hash(piece.text), spans)

    def document(self, number: int, rules: ReviewerRules | None = None) -> DocumentView:
        views = self.views(rules)
        if not 1 <= number <= len(views):
            raise KeyError(number)
        return views[number - 1]

    def totals(self, views: list[DocumentView]) -> dict[str, int]:
        totals = {k: 0 for k in (*STATUSES, "confirm_total", "reviewed")}
        for view in views:
            for k, v in view.counts().items():
                totals[k] += v
        totals["unexplained"] = sum(1 for w in self.unexplained(views) if not w["decided"])
        return totals

    def find_piece(self, document: str, fingerprint: str) -> tuple[ReviewDocument, Any] | None:
        for doc in self.documents:
            if doc.name == document:
                for piece in doc.pieces:
                    if piece_hash(piece.text) == fingerprint:
                        return doc, piece
        return None

    # -- the word index ------------------------------------------------------------
    def word_index(self, views: list[DocumentView]) -> list[dict[str, Any]]:
        """Every capitalised, name-like word in the pack: how often, and how often removed or kept."""
        everywhere = {d.text.casefold(): d for d in self.decisions().decisions if d.everywhere}
        words: dict[str, dict[str, Any]] = {}
        for view in views:
            for piece in view.pieces:
                for m in _NAME_LIKE.finditer(piece.text):
                    word = m.group().rstrip("'’-")
                    entry = words.setdefault(word.casefold(), {"word": word, "count": 0, "removed": 0, "kept": 0,
                                                               "documents": set()})
                    entry["count"] += 1
                    entry["documents"].add(view.number)
                    span = next((s for s in piece.spans if s.start <= m.start() < s.end), None)
                    if span is not None:
                        entry["removed" if span.action == "remove" else "kept"] += 1
        out = []
        for key, entry in words.items():
            decision = everywhere.get(key)
            entry["documents"] = sorted(entry["documents"])
            entry["decision"] = decision.action if decision else None
            entry["decision_id"] = decision.id if decision else None
            out.append(entry)
        return sorted(out, key=lambda e: (-(e["removed"] + e["kept"] > 0), -e["count"], e["word"].casefold()))

    # -- what the leak check could not account for ---------------------------------
    def unexplained(self, views: list[DocumentView] | None = None) -> list[dict[str, Any]]:
        """The leak check's second opinion (decisions.json entries read in the copy): the words, to confirm."""
        path = self.read_folder / DECISIONS_NAME
        if not path.is_file():
            return []
        try:
            entries = [e for e in json.loads(path.read_text(encoding="utf-8")).get("decisions", [])
                       if e.get("offsets_in") == "copy"]
        except (OSError, ValueError):
            return []
        if not entries:
            return []
        from ..packs.leak_gate import file_units

        decided = {d.text.casefold(): d for d in self.decisions().decisions if d.everywhere}
        units: dict[str, dict[str, str]] = {}
        out: dict[str, dict[str, Any]] = {}
        for e in entries:
            copy = self.read_folder / e["document"]
            if e["document"] not in units:
                try:
                    units[e["document"]] = {u.where(offset): piece for u in file_units(copy, e["document"])
                                            for offset, piece in u.pieces()}
                except Exception:  # noqa: BLE001 - a copy that cannot be read again is shown as such
                    units[e["document"]] = {}
            text = units[e["document"]].get(e["location"], "")
            word = text[e["start"]:e["end"]] if text else ""
            if not word:
                continue
            item = out.setdefault(word.casefold(), {"word": word, "count": 0, "places": [], "reason": e["reason"]})
            item["count"] += 1
            item["places"].append(f"{e['document']}, {e['location']}")
            d = decided.get(word.casefold())
            item["decided"] = d.action if d else None
        return sorted(out.values(), key=lambda i: i["word"].casefold())

    def unused(self, rules: ReviewerRules) -> list[ReviewerDecision]:
        """"Always" decisions on words these documents never hold (a word kept only in the copy, where the leak
        check's second opinion found it, is used: the check reads it as the reviewer said)."""
        texts = [piece.text.casefold() for doc in self.documents for piece in doc.pieces]
        return [d for d in rules.unused() if not any(d.text.casefold() in t for t in texts)]

    def stale(self, rules: ReviewerRules) -> list[ReviewerDecision]:
        self.views(rules)  # the rules learn which pieces they met
        return rules.stale()
