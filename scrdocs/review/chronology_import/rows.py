"""One row of an agency's table: is it an event, and if so which entry.

Rows that are not events are recognised and skipped with a note: a year or
month heading (often merged across the table), a blank spacer, a heading
row repeated at the top of a page. Every column of the seeds' layouts is
kept in its own field; seen, seen alone and wishes and feelings are read
from their columns, or from the words of the entry when the table has no
such column (each such reading is noted for the author to check).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import ValidationError

from ...case.model import ChronologyEntry
from .columns import column_rules, is_repeated_heading, normalise
from .dates import RowError, When, cell_text, read_time, read_when

RowKind = Literal["event", "blank", "heading", "repeated_heading"]

_HEADING_TEXT = re.compile(
    r"^(?:(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?|[A-Za-z]{3,9}\.?\s+(?:19|20)\d{2}|(?:page|part|section)\s+\d+.*|"
    r"(?:continued|cont(?:inued|'d)?\.?)(?:\s+from.*)?)$", re.I)


def classify(cells: list[Any], heading: list[Any]) -> RowKind:
    texts = [cell_text(c) for c in cells]
    filled = [t for t in texts if t]
    if not filled:
        return "blank"
    if is_repeated_heading(cells, heading):
        return "repeated_heading"
    distinct = set(filled)
    if len(distinct) == 1:
        only = filled[0]
        merged = len(filled) > 1 and len(filled) == len(texts)  # Word repeats a merged cell's text in each column
        if merged or _HEADING_TEXT.match(only):
            return "heading"
    return "event"


def describe(cells: list[Any]) -> str:
    """The row's text for the report, each cell once (a merged cell repeats in Word)."""
    seen: list[str] = []
    for c in cells:
        t = " ".join(cell_text(c).split())
        if t and (not seen or seen[-1] != t):
            seen.append(t)
    return " | ".join(seen)


# --------------------------------------------------------------------------
# Seen, seen alone, wishes and feelings


@lru_cache(maxsize=1)
def _word_rules() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    words = column_rules()["words"]
    patterns = {flag: re.compile(r"(?<![\w])(?:" + "|".join(words[flag]) + r")(?![\w])", re.I)
                for flag in ("seen_alone", "seen", "wishes_sought")}
    negation = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in words["negations"]) + r")(?:\s+\w+){0,2}\s*$", re.I)
    return patterns, negation


def _said(flag: str, text: str) -> str | None:
    """The words that say the flag, or None (a negated mention does not count)."""
    patterns, negation = _word_rules()
    for m in patterns[flag].finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        before = re.split(r"[.;:!?]", before)[-1]  # only the same sentence
        if not negation.search(before + " "):
            return m.group(0)
    return None


def _yes(value: Any) -> bool | None:
    """True or False from a filled-in column; None when it is empty or says it was not recorded."""
    text = normalise(value)
    raw = cell_text(value).lower()
    if not text or text in {normalise(v) for v in column_rules().get("unrecorded_values", [])} \
            or raw in column_rules().get("unrecorded_values", []):
        return None
    return text in {normalise(v) for v in column_rules()["yes_values"]}


def _flags(cells: dict[str, Any], words_text: str, notes: list[str]) -> dict[str, bool]:
    flags: dict[str, bool] = {}
    for flag, label in (("seen_alone", "seen alone"), ("seen", "seen"), ("wishes_sought", "wishes and feelings sought")):
        column = _yes(cells.get(flag)) if flag in cells else None
        if column is not None:
            flags[flag] = column  # "No" in the column is recorded as not seen; an empty one as not recorded
            continue
        if flag == "seen" and flags.get("seen_alone"):
            continue  # seen alone implies seen
        if words := _said(flag, words_text):
            flags[flag] = True
            notes.append(f"marked {label} from the words '{words}'; check it")
    return flags


# --------------------------------------------------------------------------
# One event row

_ESTIMATE_WORDS = re.compile(r"\b(estimate[ds]?|approx(imate|imately)?|exact date (not known|unknown))\b", re.I)
_TEXT_FIELDS = ("source", "subject_of_recording", "communication_within_agency", "communication_external",
                "expected_practice", "relevance")


def _time(cells: dict[str, Any], when: When, data: dict[str, Any], notes: list[str]) -> str:
    """Set the entry's time; returns text to add to the comments (a time that could not be read)."""
    raw = cell_text(cells.get("time"))
    try:
        column = read_time(cells.get("time"))
    except ValueError:
        notes.append(f"the time '{raw}' is not a 24-hour time; it is kept in the comments")
        if when.time:
            data["time"] = when.time
        return f"(time recorded as '{raw}')"
    if column and when.time and column != when.time:
        notes.append(f"the date cell gives the time {when.time} and the time column {column}; the time column is used")
    if column or when.time:
        data["time"] = column or when.time
    return ""


def row_to_entry(cells: dict[str, Any], agency: str, when: When, imported_from: str) -> tuple[ChronologyEntry, list[str]]:
    """Build one entry from a row whose date has been read; returns it with notes. Raises RowError."""
    notes: list[str] = []
    data: dict[str, Any] = {"date": when.date, "agency": agency, "imported_from": imported_from}
    if when.uncertain:
        data["date_uncertain"] = True
    if when.text:
        data["date_text"] = when.text
    if when.end:
        data["date_end"] = when.end
    comments = _text_join(cell_text(cells.get("comments")), _time(cells, when, data, notes))
    if comments and _ESTIMATE_WORDS.search(comments):
        data["date_uncertain"] = True
    for name in _TEXT_FIELDS:
        if value := cell_text(cells.get(name)):
            data[name] = value
    if comments:
        data["comments"] = comments
    event, contact, outcome = (cell_text(cells.get(k)) for k in ("event", "contact", "outcome"))
    # The Herefordshire table has no event column: its contact column says what happened, and
    # becomes the event. It is then not kept as the contact as well, or every document would
    # print the same words twice (once as the contact, once as the event).
    data["event"] = event or contact or outcome
    if contact and contact != data["event"]:
        data["contact_with_individual"] = contact
    if outcome and outcome != data["event"]:
        data["response_outcome"] = outcome
    if not data["event"]:
        raise RowError("there is no event description (nothing in the event, contact or outcome columns)")
    data.update(_flags(cells, " ".join(filter(None, [event, contact, outcome, comments])), notes))
    try:
        return ChronologyEntry.model_validate(data), notes
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        raise RowError(f"{'.'.join(map(str, first['loc']))}: {first['msg'].removeprefix('Value error, ')}") from None


def _text_join(*parts: str) -> str:
    return " ".join(p for p in parts if p).strip()


def read_row(cells: dict[str, Any]) -> When:
    """The row's date (RowError when it cannot be read)."""
    return read_when(cells.get("date"))
