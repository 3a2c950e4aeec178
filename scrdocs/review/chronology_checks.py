"""Checks of the integrated chronology, as a review's business manager would make them.

Each entry needs a date and a source and should fall inside the period under
review; each agency's entries should be in order. Likely duplicates (the same
event recorded by two agencies) are flagged, never dropped: the author decides.
Gaps with no agency contact longer than ``gap_days`` are listed, and the
occasions the adult or child was seen, seen alone and had their wishes and
feelings sought are counted (the guidance asks for each to be noted).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..case.dates import uk
from .findings import Finding
from .seen import about_subject

if TYPE_CHECKING:  # type hints only: the CLI reads DEFAULT_GAP_DAYS without loading the case model
    from ..case.model import Case, ChronologyEntry

DEFAULT_GAP_DAYS = 90
#: Two entries on the same day (or a day apart) whose descriptions are at least
#: this similar are likely to be one event recorded by two agencies.
DUPLICATE_SIMILARITY = 0.6
#: One agency's two entries at the same date and time are one entry recorded
#: twice only when their words are nearly the same (an agency often records
#: several things at one visit).
SAME_AGENCY_SIMILARITY = 0.9

_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class AgencyCounts:
    entries: int = 0
    seen: int = 0
    seen_alone: int = 0
    wishes_sought: int = 0


@dataclass
class ChronologySummary:
    """The counts the overview report and the panel want."""

    entries: int = 0
    first: date | None = None
    last: date | None = None
    seen: int = 0
    seen_alone: int = 0
    wishes_sought: int = 0
    by_agency: dict[str, AgencyCounts] = field(default_factory=dict)
    gaps: list[tuple[date, date, int]] = field(default_factory=list)
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "entries": self.entries,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "seen": self.seen, "seen_alone": self.seen_alone, "wishes_sought": self.wishes_sought,
            "by_agency": {k: vars(v) for k, v in self.by_agency.items()},
            "gaps": [{"from": a.isoformat(), "to": b.isoformat(), "days": n} for a, b, n in self.gaps],
            "likely_duplicates": [[i, j] for i, j, _ in self.duplicates],
        }


def _words(entry: ChronologyEntry) -> list[str]:
    return _WORD.findall(entry.event.lower())


def _similar(a: list[str], b: list[str], threshold: float = DUPLICATE_SIMILARITY) -> bool:
    # Compared word by word, not letter by letter: the same judgement of "the same
    # event in other words", at a small fraction of the cost on long chronologies.
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


def _could_be_similar(a: Counter, b: Counter, total: int, threshold: float) -> bool:
    """An upper bound of the similarity: no alignment matches more words than the two share."""
    if not total:
        return True
    shared = sum(min(count, b[word]) for word, count in a.items() if word in b)
    return 2 * shared >= threshold * total


def _same_agency_twice(a: ChronologyEntry, b: ChronologyEntry, wa: list[str], wb: list[str], bags: tuple[Counter, Counter]) -> str | None:
    """One agency's entry recorded twice (or imported twice): the same day and time, nearly the same words."""
    if a.date != b.date or (a.time or "") != (b.time or ""):
        return None
    if wa == wb:
        return "the same date, time and words"
    if _could_be_similar(*bags, len(wa) + len(wb), SAME_AGENCY_SIMILARITY) and _similar(wa, wb, SAME_AGENCY_SIMILARITY):
        return "the same date and time, nearly the same words"
    return None


def likely_duplicates(entries: list[ChronologyEntry]) -> list[tuple[int, int, str]]:
    """(i, j, why) for pairs of entries that look like one event, i < j.

    Across agencies: a day apart or less and the same time, or similar words
    (two agencies recording one event). Within one agency: the same day and
    time and nearly the same words (recorded twice, or imported twice).
    Each entry's words are worked out once, and a cheap upper bound of the
    similarity (the words two entries share) rules out most pairs before the
    full comparison: 10,000 entries are checked in seconds."""
    ordered = sorted(range(len(entries)), key=lambda i: (entries[i].date, entries[i].time or ""))
    words = {i: _words(entries[i]) for i in ordered}
    bags = {i: Counter(w) for i, w in words.items()}
    found: list[tuple[int, int, str]] = []
    for n, i in enumerate(ordered):
        a, wa = entries[i], words[i]
        for j in ordered[n + 1:]:
            b, wb = entries[j], words[j]
            if (b.date - a.date).days > 1:
                break
            pair = (min(i, j), max(i, j))
            if a.agency == b.agency:
                if why := _same_agency_twice(a, b, wa, wb, (bags[i], bags[j])):
                    found.append((*pair, why))
            elif a.time and b.time and a.date == b.date and a.time == b.time:
                found.append((*pair, "the same date and time"))
            elif _could_be_similar(bags[i], bags[j], len(wa) + len(wb), DUPLICATE_SIMILARITY) and _similar(wa, wb):
                found.append((*pair, "similar words, a day apart or less"))
    return sorted(found)


def summarise_chronology(case: Case, *, gap_days: int = DEFAULT_GAP_DAYS) -> ChronologySummary:
    """Counts, gaps and likely duplicates of the case's chronology."""
    entries = case.chronology
    summary = ChronologySummary(entries=len(entries))
    for e in entries:
        counts = summary.by_agency.setdefault(e.agency, AgencyCounts())
        counts.entries += 1
        if not about_subject(case, e):  # a sibling seen is not the subject seen (seen_person)
            continue
        counts.seen += bool(e.seen)
        counts.seen_alone += bool(e.seen_alone)
        counts.wishes_sought += bool(e.wishes_sought)
    summary.seen = sum(c.seen for c in summary.by_agency.values())
    summary.seen_alone = sum(c.seen_alone for c in summary.by_agency.values())
    summary.wishes_sought = sum(c.wishes_sought for c in summary.by_agency.values())
    if not entries:
        return summary
    ordered = sorted(range(len(entries)), key=lambda i: (entries[i].date, entries[i].time or ""))
    summary.first, summary.last = entries[ordered[0]].date, max(e.date_end or e.date for e in entries)
    period = case.review.period_under_review
    # Points in time with agency contact; a range of dates counts as contact throughout.
    spans = sorted((e.date, e.date_end or e.date) for e in entries)
    if period:
        spans = [(period.start, period.start)] + spans + [(period.end, period.end)]
    covered_to = spans[0][1]
    for start, end in spans[1:]:
        gap = (start - covered_to).days
        if gap > gap_days:
            summary.gaps.append((covered_to, start, gap))
        covered_to = max(covered_to, end)
    summary.duplicates = likely_duplicates(entries)
    return summary


def _agency_label(case: Case, agency_id: str) -> str:
    try:
        return case.agency(agency_id).label
    except KeyError:
        return agency_id


def check_chronology(case: Case, *, gap_days: int = DEFAULT_GAP_DAYS) -> tuple[list[Finding], ChronologySummary]:
    """Findings about the chronology, and the summary they were drawn from."""
    findings: list[Finding] = []
    summary = summarise_chronology(case, gap_days=gap_days)
    period = case.review.period_under_review
    who = "child" if case.review.is_childrens_review else "adult"
    last_seen_by_agency: dict[str, tuple[int, date]] = {}
    for i, e in enumerate(case.chronology):
        path = f"chronology[{i}]"
        where = f"{_agency_label(case, e.agency)} entry of {uk(e.date)}"
        if not e.source:
            findings.append(Finding("warning", "chronology.no_source", f"{path}.source",
                                    f"the {where} has no source of information (case notes, interview with staff, ...)"))
        if period and (e.date < period.start or e.date > period.end):
            findings.append(Finding("warning", "chronology.outside_period", f"{path}.date",
                                    f"the {where} is outside the period under review ({uk(period.start)} to {uk(period.end)}); "
                                    "keep it only if the terms of reference ask for earlier history"))
        if e.date_end and e.date_end < e.date:
            findings.append(Finding("error", "chronology.range_backwards", f"{path}.date_end",
                                    f"the {where} ends ({uk(e.date_end)}) before it starts"))
        previous = last_seen_by_agency.get(e.agency)
        if previous and e.date < previous[1]:
            findings.append(Finding("warning", "chronology.out_of_order", f"{path}.date",
                                    f"the {where} comes after chronology[{previous[0]}] dated {uk(previous[1])} in the "
                                    "agency's list; check the date (the integrated chronology is sorted by date anyway)"))
        if not previous or e.date >= previous[1]:
            last_seen_by_agency[e.agency] = (i, e.date)
    for i, j, why in summary.duplicates:
        a, b = case.chronology[i], case.chronology[j]
        if a.agency == b.agency:
            message = (f"the {_agency_label(case, b.agency)} entry of {uk(b.date)} looks like chronology[{i}] recorded "
                       f"twice ({why}); remove one if they are the same entry")
        else:
            message = (f"the {_agency_label(case, b.agency)} entry of {uk(b.date)} looks like the same event as the "
                       f"{_agency_label(case, a.agency)} entry chronology[{i}] of {uk(a.date)}; both are kept, "
                       "merge them in the integrated chronology if they are one event")
        findings.append(Finding("warning", "chronology.likely_duplicate", f"chronology[{j}]", message))
    for start, end, days in summary.gaps:
        findings.append(Finding("info", "chronology.gap", "chronology",
                                f"no agency recorded contact between {uk(start)} and {uk(end)} ({days} days)"))
    if case.chronology:
        findings.append(Finding("info", "chronology.counts", "chronology",
                                f"{summary.entries} entries from {len(summary.by_agency)} agencies: the {who} was seen on "
                                f"{summary.seen} occasions, seen alone on {summary.seen_alone}, and their wishes and feelings "
                                f"were sought on {summary.wishes_sought}"))
        if summary.seen == 0:
            findings.append(Finding("warning", "chronology.never_seen", "chronology",
                                    f"no entry records that the {who} was seen; the guidance asks the chronology to note each "
                                    f"occasion (set seen: true and seen_alone: true on those entries)"))
        if summary.wishes_sought == 0:
            findings.append(Finding("warning", "chronology.wishes_never_sought", "chronology",
                                    f"no entry records the {who}'s wishes and feelings being sought or expressed "
                                    "(set wishes_sought: true on those entries)"))
    else:
        findings.append(Finding("info", "chronology.empty", "chronology",
                                "the case file has no chronology yet (`scrdocs import-chronology` reads the agencies' tables)"))
    return findings, summary
