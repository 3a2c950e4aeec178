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
    ("seen_who", "Person seen"),
    ("contact", "Contact with the individual"),
    ("within_agency", "Communication within agency"),
    ("external", "Communication external to agency"),
    ("response", "Response or outcome"),
    ("expected", "Expected practice/standards"),
    ("relevance", "Relevance to terms of reference"),
    ("comments", "Comments"),
    ("date_text", "Date as written"),
)

#: The Herefordshire columns, shown in the Word tables only when some entry has them.
COMMUNICATION_KEYS = ("within_agency", "external", "response")


def entry_date(entry: ChronologyEntry) -> str:
    """'03/05/2021', 'c. 03/05/2021' for an estimate, or '03/05/2021 – 10/05/2021' for a range."""
    text = uk(entry.date)
    if entry.date_end and entry.date_end != entry.date:
        text = f"{text} – {uk(entry.date_end)}"
    return f"c. {text}" if entry.date_uncertain else text


#: Printed in a seen / seen alone / wishes column the agency's chronology does not fill in
#: ("No" would be a false statement); the documents explain it under the table.
UNRECORDED_FLAG = "–"


def chronology_row(entry: ChronologyEntry, agency_label: str, *, yes: str = "Yes", no: str = "No",
                   seen_label: str = "", not_recorded: str = UNRECORDED_FLAG) -> dict[str, str]:
    """One entry as display strings. ``seen_label`` names who was seen when it is not the
    review's subject (a sibling, in a children's review): the seen columns then say so."""
    def flag(value: bool | None) -> str:
        if value is None:
            return not_recorded
        return (f"{yes} ({seen_label})" if seen_label else yes) if value else no

    date_cell = entry_date(entry)
    if entry.date_text:
        date_cell += f"\n(recorded as '{entry.date_text}')"
    if entry.time:
        date_cell += f"\n{entry.time}"
    subject = entry.subject_of_recording or ""
    # An entry imported before the contact stopped doubling as the event holds the same words in both.
    contact = entry.contact_with_individual if entry.contact_with_individual != entry.event else None
    if contact:
        subject = f"{subject}\n{contact}" if subject else contact
    folded = [f"{label}: {value}" for label, value in (
        ("Communication within agency", entry.communication_within_agency),
        ("Communication external to agency", entry.communication_external),
        ("Response or outcome", entry.response_outcome)) if value and value != entry.event]
    return {
        "date": entry_date(entry),
        "time": entry.time or "",
        "date_cell": date_cell,
        # The event with the Herefordshire communication and response under it, for the table
        # that has no columns of its own for them (few of the rows have them).
        "event_cell": "\n".join([entry.event, *folded]),
        "agency": agency_label,
        "source": entry.source or "",
        "subject": entry.subject_of_recording or "",
        "subject_contact": subject,
        "event": entry.event,
        "seen": flag(entry.seen),
        "seen_alone": flag(entry.seen_alone),
        "wishes": flag(entry.wishes_sought),
        "seen_who": seen_label,
        "contact": entry.contact_with_individual or "",
        "within_agency": entry.communication_within_agency or "",
        "external": entry.communication_external or "",
        "response": entry.response_outcome or "",
        "expected": entry.expected_practice or "",
        "relevance": entry.relevance or "",
        "comments": entry.comments or "",
        "date_text": entry.date_text or "",
    }


def _labels(case: Case) -> dict[str, str]:
    return {a.id: a.label for a in case.agencies}


def seen_label(case: Case, entry: ChronologyEntry) -> str:
    """Who the seen / seen alone / wishes columns are about, when not the subject ('' for the subject)."""
    from ..review.seen import seen_person

    person = seen_person(case, entry)
    if person is None or (case.subject is not None and person.id == case.subject.id):
        return ""
    return person.pseudonym or person.relationship or person.name


def chronology_rows(case: Case, *, agency: str | None = None, yes: str = "Yes", no: str = "No") -> list[dict[str, str]]:
    """The integrated chronology as display rows, optionally for one agency only."""
    labels = _labels(case)
    return [chronology_row(e, labels.get(e.agency, e.agency), yes=yes, no=no, seen_label=seen_label(case, e))
            for e in case.sorted_chronology() if agency is None or e.agency == agency]


#: The Word table gets the communication and response columns of its own when at least this share
#: of its rows have them; below it, the few that do show them under the event (the extra columns
#: would narrow every other column of every row for a handful of entries).
COMMUNICATION_COLUMNS_SHARE = 0.25


def has_communication(rows: list[dict[str, str]]) -> bool:
    """Whether the Word table shows the Herefordshire communication and response columns."""
    having = sum(1 for row in rows if any(row[key] for key in COMMUNICATION_KEYS))
    return bool(having) and having >= COMMUNICATION_COLUMNS_SHARE * len(rows)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it as text: Excel runs a cell that starts
    with = + - @ as a formula (an agency's "=HYPERLINK(...)" could send the
    chronology elsewhere; "-ve" shows as #NAME?). A leading apostrophe makes it
    text, and Excel does not display the apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


_FLAG_KEYS = ("seen", "seen_alone", "wishes")


def write_csv(rows: Iterable[dict[str, str]], path: str | Path) -> Path:
    """Write rows as CSV in :data:`COLUMNS` order, UTF-8 with a byte order mark so Excel reads it correctly."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([label for _, label in COLUMNS])
        for row in rows:
            # A CSV has no key under its table: the words, not the dash.
            writer.writerow([spreadsheet_safe("not recorded" if key in _FLAG_KEYS and row[key] == UNRECORDED_FLAG
                                              else row[key]) for key, _ in COLUMNS])
    return path


def write_chronology_csv(case: Case, path: str | Path) -> Path:
    """The integrated chronology of ``case`` as a CSV file."""
    return write_csv(chronology_rows(case), path)
