"""Names that survived the engine on a new user's notes (issue 11), each by a general signal, and the words
that were lost into a person's span ("Found Peggy", "Sang Amazing Grace"). Engine level, with the real model;
tests/test_survivors_gate.py holds the leak gate to each of them where the engine misses it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction.recognizers.handle import name_shaped_user

pytestmark = [pytest.mark.needs_model]
FIXTURES = Path(__file__).parent / "fixtures" / "redaction"


def survivors_case(folder: Path) -> Path:
    """The redaction fixture with nobody called Grace, and a care home among the agencies."""
    lines = [line for line in (FIXTURES / "case.yaml").read_text(encoding="utf-8").splitlines() if "id: grace" not in line]
    text = "\n".join(lines).replace("  - {id: gp, name: Elmfield Surgery}",
                                    "  - {id: gp, name: Elmfield Surgery}\n  - {id: home, name: Willow Bank Care Home}")
    assert "Willow Bank Care Home" in text
    path = folder / "case.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def redact(tmp_path_factory):
    case = load_case(survivors_case(tmp_path_factory.mktemp("survivors")))

    def run(text: str) -> str:
        return Redactor(case, "publication").redact_text(text)  # a new run each time: nothing carried over
    return run


# -- a cue speaks for a word-like name at a sentence start ----------------------------------------------
@pytest.mark.parametrize("text, name", [("Grace, the home's chaplain, visited on Tuesday.", "Grace"),
                                        ("Hope, her support worker, rang on Monday.", "Hope"),
                                        ("Rose from the kitchen brought the tray.", "Rose")])
def test_a_word_like_name_opening_a_sentence_goes_where_a_role_or_a_service_speaks_for_it(redact, text, name):
    out = redact(text)
    assert name not in out and out.startswith("[name]")


@pytest.mark.parametrize("text", ["Rose, the colour she chose, was painted on the wall.",
                                  "Grace, the period allowed, ended on Friday.",
                                  "However, the social worker, who was new, agreed.",
                                  "Help from the council was offered."])
def test_a_word_with_no_role_after_it_keeps_its_word(redact, text):
    assert redact(text) == text


# -- initials standing for a person ------------------------------------------------------------------
@pytest.mark.parametrize("text, gone", [("Mr T visited the flat.", "Mr T"), ("Joy P said she would call.", "Joy P"),
                                        ("Seen by Mr T and Joy P on the ward.", "Joy P")])
def test_a_title_or_given_name_with_an_initial_is_a_person(redact, text, gone):
    out = redact(text)
    assert gone not in out and "[name]" in out


@pytest.mark.parametrize("text", ["Plan B was agreed.", "Hepatitis B was ruled out.", "Vitamin D was prescribed.",
                                  "She passed Key Stage 2."])
def test_a_label_with_a_letter_is_no_person(redact, text):
    assert redact(text) == text


# -- an agency's name written in part ------------------------------------------------------------------
def test_an_agency_name_in_part_becomes_its_kind_and_the_full_name_stays(redact):
    assert redact("She moved to Willow Bank in March.") == "She moved to the care home in March."
    assert redact("Willow Bank staff rang.") == "The care home staff rang."
    assert redact("Staff at Willow Bank Care Home said she was settled.") == \
        "Staff at Willow Bank Care Home said she was settled."


# -- a user name with no cue -------------------------------------------------------------------------
def test_a_user_name_made_of_a_persons_names_goes_without_a_cue(redact):
    assert redact("Messages from joypennington65 were found on her phone.") == \
        "Messages from [username] were found on her phone."


@pytest.mark.parametrize("word, digits", [("rosewater", ""), ("markdown", ""), ("timescales", ""),
                                          ("williamson", ""), ("safeguarding", ""), ("handover", ""), ("handover", "2")])
def test_ordinary_words_and_single_names_are_no_user_names(word, digits):
    assert not name_shaped_user(word, digits)


# -- words lost: a note's verb, a hymn -----------------------------------------------------------------
@pytest.mark.parametrize("text, verb", [("Found Peggy on floor at 07:30.", "Found "), ("Ask Gary at Lloyds about it.", "Ask "),
                                        ("Told Sandra to ring back.", "Told "), ("Saw Kevin Brennan in town.", "Saw "),
                                        ("Rang Tracey about the rent.", "Rang ")])
def test_a_sentence_opening_verb_is_never_part_of_the_name(redact, text, verb):
    out = redact(text)
    assert out.startswith(verb) and text.split()[1] not in out


def test_a_hymn_after_sang_is_kept_and_the_same_words_as_a_name_still_go(redact):
    assert redact("Sang Amazing Grace at the service.") == "Sang Amazing Grace at the service."
    assert redact("They played Amazing Grace at the funeral.") == "They played Amazing Grace at the funeral."
    assert "Grace" not in redact("Grace Amazing attended the meeting.")
