"""Applying a reviewer's decisions to the engine's spans, in every run (redact, pack, scan, the review page).

Order, from the widest decision to the narrowest, so the narrowest wins:
"always keep" a word, then "always remove" a word (a removal wins where the two
overlap: failing closed), then the decisions on one occurrence. A decision on an
occurrence whose paragraph (or page) has changed since is *stale*: it is not
applied (the engine's decision stands there) and :meth:`ReviewerRules.stale`
lists it for the review page, which shows it until a person decides again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .reviewer_decisions import DecisionsFile, ReviewerDecision, decisions_path, load_decisions, piece_hash
from .spans import Span

REVIEWER = "reviewer"


def _with_reason(span: Span, reason: str, decision: ReviewerDecision) -> Span:
    object.__setattr__(span, "_reason", reason)
    object.__setattr__(span, "_reviewer", decision.id)
    return span


def _who(d: ReviewerDecision) -> str:
    return f"{d.by}, {d.at}"


class ReviewerRules:
    """One run's view of the decisions file; remembers which decisions it applied and which went stale."""

    def __init__(self, decisions: DecisionsFile):
        self.decisions = decisions
        self._keep = {d.text.casefold(): d for d in decisions.everywhere("keep")}
        self._remove = sorted(decisions.everywhere("remove"), key=lambda d: -len(d.text))
        self._remove_rx = [(d, re.compile(rf"(?<![\w]){re.escape(d.text)}(?![\w])", re.I)) for d in self._remove]
        self.applied: set[str] = set()
        self._seen: dict[str, set[str]] = {}  # document -> fingerprints of its pieces read this run
        self._stale: dict[str, ReviewerDecision] = {}

    def __bool__(self) -> bool:
        return bool(self.decisions.decisions)

    def apply_many(self, texts: list[str], spans_per: list[list[Span]], document: str) -> list[list[Span]]:
        return [self.apply(text, spans, document) for text, spans in zip(texts, spans_per)]

    def apply(self, text: str, spans: list[Span], document: str) -> list[Span]:
        """``spans`` (sorted, not overlapping) with the reviewer's decisions applied."""
        fingerprint = piece_hash(text)
        self._seen.setdefault(document, set()).add(fingerprint)
        out = [self._kept_everywhere(s) for s in spans] if self._keep else list(spans)
        for decision, rx in self._remove_rx:
            for m in rx.finditer(text):
                out = self._removed(text, out, m.start(), m.end(), decision)
        for decision in self.decisions.here(document):
            if decision.piece != fingerprint:
                continue
            if text[decision.start:decision.end] != decision.text:
                self._stale[decision.id] = decision
                continue
            out = self._here(text, out, decision)
        return sorted(out, key=lambda s: s.start)

    # -- each kind of decision -----------------------------------------------------
    def _kept_everywhere(self, span: Span) -> Span:
        decision = self._keep.get(span.text.casefold())
        if decision is None or span.action != "remove":
            return span
        self.applied.add(decision.id)
        kept = Span(span.start, span.end, span.text, span.entity_type, REVIEWER, 1.0, "keep", None, span.person_id)
        return _with_reason(kept, f"always kept by the reviewer ({_who(decision)})", decision)

    def _removed(self, text: str, spans: list[Span], start: int, end: int, decision: ReviewerDecision) -> list[Span]:
        same = [s for s in spans if (s.start, s.end) == (start, end) and s.action == "remove"]
        self.applied.add(decision.id)
        if same and decision.replacement is None:
            return spans  # the engine already removes it: its replacement (a pseudonym) stands
        overlapping = [s for s in spans if s.start < end and s.end > start]
        lo = min([start] + [s.start for s in overlapping if s.action == "remove"])
        hi = max([end] + [s.end for s in overlapping if s.action == "remove"])
        person = next((s.person_id for s in same), None)
        removed = Span(lo, hi, text[lo:hi], decision.category, REVIEWER, 1.0, "remove", decision.stands_for(), person)
        # (never the reviewer's own note: it may name someone, and this reason goes into the pack's decisions.json)
        reason = f"{'always removed' if decision.everywhere else 'removed here'} by the reviewer ({_who(decision)})"
        rest = [s for s in spans if not (s.start < hi and s.end > lo)]
        return rest + [_with_reason(removed, reason, decision)]

    def _here(self, text: str, spans: list[Span], decision: ReviewerDecision) -> list[Span]:
        start, end = decision.start, decision.end
        self.applied.add(decision.id)
        if decision.action == "remove":
            return self._removed(text, spans, start, end, decision)
        out = []
        for s in spans:
            if (s.start, s.end) != (start, end):
                out.append(s)
            elif decision.action == "keep":
                kept = Span(s.start, s.end, s.text, s.entity_type, REVIEWER, 1.0, "keep", None, s.person_id)
                out.append(_with_reason(kept, f"kept here by the reviewer ({_who(decision)})", decision))
            else:  # confirm: the engine's removal stands, now certain
                sure = Span(s.start, s.end, s.text, s.entity_type, s.detector, 1.0, s.action, s.replacement, s.person_id)
                out.append(_with_reason(sure, f"confirmed by the reviewer ({_who(decision)})", decision))
        return out

    # -- what the review page shows --------------------------------------------------
    def stale(self) -> list[ReviewerDecision]:
        """Decisions on an occurrence whose text has changed: in a document read this run, the paragraph
        they were made in is gone or reads differently there."""
        out = dict(self._stale)
        for d in self.decisions.decisions:
            if not d.everywhere and d.document in self._seen and d.piece not in self._seen[d.document]:
                out[d.id] = d
        return [d for d in self.decisions.decisions if d.id in out]

    def unused(self) -> list[ReviewerDecision]:
        """"Always" decisions on a word this run never met (shown, so nobody wonders where they went)."""
        return [d for d in self.decisions.decisions if d.everywhere and d.id not in self.applied]


def reviewer_rules(case_path: str | Path | None, review: str) -> ReviewerRules | None:
    """The rules from the decisions file beside ``case_path``, or None when there is none (or no case path)."""
    if case_path is None:
        return None
    path = decisions_path(case_path)
    if not path.exists():
        return None
    return ReviewerRules(load_decisions(path, review=review))


def attach(redactor: Any, case_path: str | Path | None) -> Any:
    """Give ``redactor`` the reviewer's decisions beside ``case_path`` (if any); returns the redactor."""
    rules = reviewer_rules(case_path, redactor.case.review.reference)
    if rules is not None:
        redactor.reviewer = rules
    return redactor
