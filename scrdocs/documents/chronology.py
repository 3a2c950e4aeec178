"""The integrated multi-agency chronology: every agency's entries in one date and time order.

The same rows feed the Word tables (overview report, chronology document,
IMRs) and the CSV, so they always agree. A row is a plain dict of display
strings keyed by :data:`COLUMNS`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from ..case.dates import uk
from ..case.model import Case, ChronologyEntry

#: (key, column heading) in the order the table and the CSV show them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", "Date"),
    ("time", "Time"),
    ("agency", "Agency"),
    ("source", "Source of information"),
    ("subject", "Subject of recording"),
    ("event", "Event, action and outcome"),
    ("seen", "Seen"),
    ("seen_alone", "Seen alone"),
    ("wishes", "Wishes and feelings sought or expressed"),
    ("expected", "Expected practice/standards"),
    ("relevance", "Relevance to terms of reference"),
    ("comments", "Comments"),
)


def entry_date(entry: ChronologyEntry) -> str:
    """'03/05/2021', 'c. 03/05/2021' for an estimate, or '03/05/2021 – 10/05/2021' for a range."""
    text = uk(entry.date)
    if entry.date_end and entry.date_end != entry.date:
        text = f"{text} – {uk(entry.date_end)}"
    return f"c. {text}" if entry.date_uncertain else text


def chronology_row(entry: ChronologyEntry, agency_label: str, *, yes: str = "Yes", no: str = "No") -> dict[str, str]:
    return {
        "date": entry_date(entry),
        "time": entry.time or "",
        "agency": agency_label,
        "source": entry.source or "",
        "subject": entry.subject_of_recording or "",
        "event": entry.event,
        "seen": yes if entry.seen else no,
        "seen_alone": yes if entry.seen_alone else no,
        "wishes": yes if entry.wishes_sought else no,
        "expected": entry.expected_practice or "",
        "relevance": entry.relevance or "",
        "comments": entry.comments or "",
    }


def _labels(case: Case) -> dict[str, str]:
    return {a.id: a.label for a in case.agencies}


def chronology_rows(case: Case, *, agency: str | None = None, yes: str = "Yes", no: str = "No") -> list[dict[str, str]]:
    """The integrated chronology as display rows, optionally for one agency only."""
    labels = _labels(case)
    return [chronology_row(e, labels.get(e.agency, e.agency), yes=yes, no=no)
            for e in case.sorted_chronology() if agency is None or e.agency == agency]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it as text: Excel runs a cell that starts
    with = + - @ as a formula (an agency's "=HYPERLINK(...)" could send the
    chronology elsewhere; "-ve" shows as #NAME?). A leading apostrophe makes it
    text, and Excel does not display the apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(rows: Iterable[dict[str, str]], path: str | Path) -> Path:
    """Write rows as CSV in :data:`COLUMNS` order, UTF-8 with a byte order mark so Excel reads it correctly."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([label for _, label in COLUMNS])
        for row in rows:
            writer.writerow([spreadsheet_safe(row[key]) for key, _ in COLUMNS])
    return path


def write_chronology_csv(case: Case, path: str | Path) -> Path:
    """The integrated chronology of ``case`` as a CSV file."""
    return write_csv(chronology_rows(case), path)
