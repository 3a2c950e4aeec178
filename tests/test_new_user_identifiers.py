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


@pytest.fixture(scope="module")
def publication():
    return Redactor(load_case(example_case_path()), "publication")


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    # mixed case ending in a capital is an abbreviation, not the given name "Tor"
    ("Relevance to ToR 1", "Relevance to ToR 1"),
    ("The DfE guidance and the MoJ letter.", "The DfE guidance and the MoJ letter."),
    # a name's own inner capitals still make it a name
    ("Spoke to LaToya at the door.", "Spoke to [name] at the door."),
    ("Tor said she would ring.", "[name] said she would ring."),
    # an office after "the" and before "of" is not a person; the same word as a name still goes
    ("The Dean of the college rang.", "The Dean of the college rang."),
    ("Dean Halloran said he would call.", "Person 1 said he would call."),
])
def test_abbreviations_and_offices_are_not_names_and_names_still_are(publication, text, expected):
    assert publication.redact_text(text) == expected


@pytest.mark.needs_model
def test_a_modal_opening_a_quotation_is_the_word(publication):
    # "Will" is an alias in the example case: in a quotation's first word it is the modal
    assert publication.redact_text('He said "Will you stop interfering" and left.') == \
        'He said "Will you stop interfering" and left.'


@pytest.mark.needs_model
def test_a_surname_shaped_like_a_town_after_a_title_is_a_person_not_a_place(publication):
    out = publication.redact_text("Mrs Thornbury phoned the office.")
    assert "Thornbury" not in out and "[place]" not in out
