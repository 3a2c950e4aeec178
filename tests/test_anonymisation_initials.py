"""Initials standing for a person ("KL to chase GP") are removed when a cue says a person is
meant; the abbreviations of review work (GP, NHS, ASC, an agency's short name) are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
pytestmark = pytest.mark.needs_model


@pytest.fixture()
def redactor():
    return Redactor(load_case(FIXTURES / "case.yaml"), "publication")


@pytest.mark.parametrize("text, expected", [
    ("Action: KL to chase GP about the referral.", "Action: [name] to chase GP about the referral."),
    ("Strategy discussion chaired by TM; actions agreed.", "Strategy discussion chaired by [name]; actions agreed."),
    ("The assessment was done, but RH did not sign it.", "The assessment was done, but [name] did not sign it."),
    ("PB to contact the family.", "[name] to contact the family."),
])
def test_initials_beside_a_cue_are_removed(redactor, text, expected):
    assert redactor.redact_text(text) == expected


@pytest.mark.parametrize("text", [
    "The GP said the NHS number was wrong.",
    "ASC to contact the family.",   # the agency's own abbreviation (names.yaml)
    "NASC to contact the family.",  # the case's agency short name
    "CQC will visit.",
])
def test_abbreviations_beside_the_same_cues_are_kept(redactor, text):
    assert redactor.redact_text(text) == text


def test_a_kept_persons_initials_stay(redactor):
    # Jane Hollis chairs the panel: her initials are hers, and kept
    assert redactor.redact_text("JH said the panel would meet again.") == "JH said the panel would meet again."
