"""What a new user found changed in a finished document by the identifier rules (and what must still go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.examples import example_case_path
from scrdocs.redaction import Redactor

NO_NER = Path(__file__).parent / "fixtures" / "redaction" / "no_ner.yaml"


@pytest.fixture(scope="module")
def example():
    return Redactor(load_case(example_case_path()), NO_NER)


@pytest.mark.parametrize("text, expected", [
    # a bracket the number does not close belongs to the sentence
    ("Her neighbour (07700 900388) rang.", "Her neighbour ([phone number]) rang."),
    ("Ring (0161) 496 0926 today.", "Ring [phone number] today."),
    # a blood pressure or a score is a reading, not a reference
    ("BP 142/85 and pulse 80.", "BP 142/85 and pulse 80."),
    ("Pain score 7/10 at the review.", "Pain score 7/10 at the review."),
    # the board's own reference for this review stays; another reference beside it still goes
    ("The review NSAB/SAR/2023/02 was agreed, crime ref 23/118273X.",
     "The review NSAB/SAR/2023/02 was agreed, crime ref [case reference]."),
    ("Police log 88/1173 was opened.", "Police log [case reference] was opened."),
])
def test_identifiers_a_new_user_found(example, text, expected):
    assert example.redact_text(text) == expected
