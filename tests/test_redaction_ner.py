"""The NER layer and consistency across a run (needs the spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.casefile import load_case
from scrdocs.errors import ToolMissingError
from scrdocs.redaction import Redactor

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
pytestmark = pytest.mark.needs_model


@pytest.fixture(scope="module")
def case():
    return load_case(FIXTURES / "case.yaml")


def test_people_the_case_file_does_not_list_get_stable_numbers_across_documents(case):
    r = Redactor(case, "publication")
    first = r.redact_text("Edith Marlow was visited by her neighbour Kevin Doyle. Later Doyle rang the police.",
                          document="one.txt")
    second = r.redact_text("The locum, Dr Priyanka Venkataraman, saw Edith. Kevin Doyle was present.",
                           document="two.txt")
    assert "Doyle" not in first + second and "Venkataraman" not in second
    assert first == "Adult A was visited by her neighbour Person 1. Later Person 1 rang the police."
    assert "Person 1 was present" in second and "Person 2" in second
    assert r.key()["Person 1"] == "Kevin Doyle"


def test_detect_many_matches_detect(case):
    r = Redactor(case, "publication")
    texts = ["Kevin Doyle met Edith.", "Nothing here.", "Sandra Okonjo-Reid rang 0161 496 0999."]
    assert [[(s.start, s.end, s.action) for s in spans] for spans in r.detect_many(texts)] == \
           [[(s.start, s.end, s.action) for s in Redactor(case, "publication").detect(t)] for t in texts]


def test_ner_respects_the_allow_list_and_agencies(case):
    r = Redactor(case, "publication")
    text = "Professor Jane Hollis and Malcolm Fairweather met Northmoor Adult Social Care and the CQC."
    assert r.redact_text(text) == text


def test_pseudonyms_are_not_taken_for_new_people(case):
    r = Redactor(case, "publication")
    text = "Adult A told SW1 and GP1 that Son had visited."
    assert r.redact_text(text) == text


def test_titled_people_and_settings(case):
    r = Redactor(case, "publication")
    out = r.redact_text("PC 4417 Brown attended with DS Nkemelu. She lives in the village of Little Hambleton.")
    assert "Brown" not in out and "4417" not in out and "Nkemelu" not in out and "Hambleton" not in out


def test_missing_model(case):
    with pytest.raises(ToolMissingError, match="pip install"):
        Redactor(case, "publication", model="no_such_model_xx")
