"""Whose contact a chronology entry records: seen, seen alone and wishes and feelings belong to one person.

In a children's review a sibling's visit is not the subject's: an entry's
``seen_person`` names who was seen (the subject when empty), and only the
subject's entries count as the subject seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: `scrdocs check --help` must not load the case model (tests/test_layout.py)
    from ..case.model import Case, ChronologyEntry, Person


def seen_person(case: Case, entry: ChronologyEntry) -> Person | None:
    """The person the entry's seen / seen alone / wishes flags are about (the subject when not named)."""
    if entry.seen_person:
        try:
            return case.person(entry.seen_person)
        except KeyError:
            return None
    return case.subject


def about_subject(case: Case, entry: ChronologyEntry) -> bool:
    """True when the entry's seen flags are about the review's subject."""
    if not entry.seen_person:
        return True
    subject = case.subject
    return subject is not None and entry.seen_person == subject.id
