"""Issue 11, point 4, on the third never-seen set: references whose number starts with a letter and is
written in digit groups ("T2026 1266"), and references after a court's or a voucher's name."""

from __future__ import annotations

import pytest

from tests.idents_third_helpers import redact


@pytest.mark.parametrize("text, expected", [
    ("Transcript of emergency call EDT ref T2026 1266 Call started 19:45.",
     "Transcript of emergency call EDT ref [case reference] Call started 19:45."),
    ("Suspect: PNC ID T2042 6187 Officer on duty.", "Suspect: PNC ID [case reference] Officer on duty."),
    ("Quote Cafcass case no. T2076 7711.", "Quote Cafcass case no. [case reference]."),
    ("Listed at Crown Court 053569 for trial.", "Listed at Crown Court [case reference] for trial."),
    ("Food bank voucher EX-529-60 was issued.", "Food bank voucher [case reference] was issued."),
])
def test_references_the_third_set_wrote_go(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "The hearing was at Crown Court on 12 May 2023.",   # the court itself, and a date, stay
    "He was back at court 2 days later.",
    "The court order was made in 2021.",
    "A voucher worth £30 was given.",
    "An order of 200 mg was written up.",
    "BP 142/85 and pulse 80.",
])
def test_court_and_voucher_words_with_ordinary_numbers_stay(text):
    assert redact(text) == text
