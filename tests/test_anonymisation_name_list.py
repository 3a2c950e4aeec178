"""Issue 11, point 3: the name-list signal (a given-name list of many origins, census surnames, the
system word list), independent of the NER model and of the context cues.

Each rule that keeps a listed name from being taken (an ordinary word, "the", a place after it, a
job word, a modal verb, a formal text in lower case) sits beside a real-looking fictional name that
must still be found. These run without the model: the signal is tested on its own; the engine
tests at the end run it in the real pipeline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction import given_names as lists
from scrdocs.redaction.name_list import ListedNames, dictionary_words
from scrdocs.redaction.name_signals import _stop_words, cue_words

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
needs_dictionary = pytest.mark.skipif(not dictionary_words(), reason="no system word list (wbritish)")


@pytest.fixture(scope="module")
def listed():
    redactor = Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))
    cues = cue_words()
    return ListedNames(redactor._words, cues.not_names, cues.job_words, _stop_words())


def found(listed, text: str) -> list[str]:
    return [text[c.start:c.end] for c in listed.find(text)]


# -- the lists ---------------------------------------------------------------------

@pytest.mark.skipif(importlib.util.find_spec("nomquamgender") is None or importlib.util.find_spec("names") is None,
                    reason="the test extra's name packages are not installed")
def test_the_shipped_lists_are_exactly_what_the_pinned_packages_give():
    # derived, never written by hand (the stress corpus draws from Faker, whose lists are not used)
    assert lists.given_names() == frozenset(lists.derive(lists.package_table()))
    assert lists.surnames() == frozenset(lists.derive_surnames(lists.census_lines()))


def test_the_lists_cover_many_origins_folded_without_accents():
    given = lists.given_names()
    for name in ("judith", "caoilfhionn", "krzysztof", "mehmet", "oluwaseun", "zoe", "sinead"):
        assert name in given
    assert "cox" in lists.surnames() and len(lists.surnames()) == lists.SURNAME_RANKS


def test_a_hand_edit_that_breaks_the_list_is_refused(tmp_path, monkeypatch):
    from scrdocs.errors import RulesError

    (tmp_path / lists.FILE).write_text("# header\njudith\nMary Ann\n", encoding="utf-8")
    monkeypatch.setattr(lists, "data_dir", lambda name: tmp_path)
    lists.given_names.cache_clear()
    try:
        with pytest.raises(RulesError, match="not folded names"):
            lists.given_names()
    finally:
        lists.given_names.cache_clear()


# -- capitalised names ---------------------------------------------------------------

@needs_dictionary
def test_a_listed_given_name_with_its_surname_is_one_name(listed):
    assert found(listed, "PW visited with Judith Rogers; no answer at the door.") == ["Judith Rogers"]
    assert found(listed, "The panel discussed the statement of Neville Ó Hicín, a neighbour.") == ["Neville Ó Hicín"]


@needs_dictionary
def test_a_listed_first_name_alone_is_found_and_a_job_word_after_it_stays(listed):
    assert found(listed, "Kind regards Sarah Assistant Director") == ["Sarah"]


@needs_dictionary
def test_two_ordinary_words_are_a_name_only_with_a_listed_surname_used_as_a_name(listed):
    assert found(listed, "Lily Young has asked to be kept informed.") == ["Lily Young"]
    assert found(listed, "Rose Garden was closed for the winter.") == []


@needs_dictionary
def test_a_word_like_name_counts_only_where_it_is_used_as_a_name(listed):
    assert found(listed, "It was agreed that Oliver and Ruby would be offered a meeting.") == ["Oliver", "Ruby"]
    assert found(listed, "Sandy told the reviewer that she had not been asked.") == ["Sandy"]
    assert found(listed, "There was hope. Sandy soil in the garden. The Ruby Wedding party.") == []
    # a footer's label before its number (found on a pack's footer: "Adult K: Action plan Page 1 of 1")
    assert found(listed, "Adult K: Action plan Page 1 of 1 OFFICIAL-SENSITIVE. He was moved to Ward 7.") == []
    assert found(listed, "Adult K: Action plan. Page told the panel.") == ["Page"]


@needs_dictionary
def test_a_name_run_that_goes_on_into_a_place_or_a_building_is_not_a_person(listed):
    assert found(listed, "She moved to a flat on Victoria Street near St Anne's.") == []
    assert found(listed, "Victoria said she moved to Victoria Street.") == ["Victoria"]


@needs_dictionary
def test_a_modal_verb_opening_a_question_stays_but_a_listed_name_opening_one_goes(listed):
    assert found(listed, "Will the panel agree the actions? Can the chair sign it?") == []
    assert found(listed, "Kayleigh told the panel she was worried.") == ["Kayleigh"]


# -- informal notes in lower case ----------------------------------------------------------

@needs_dictionary
def test_lower_case_names_in_informal_notes(listed):
    text = "met julie and roy at the cafe, both worried. maurice cox rang again. spoke to timothy on the phone."
    assert found(listed, text) == ["julie", "roy", "maurice cox", "timothy"]


@needs_dictionary
def test_lower_case_names_with_letters_english_words_do_not_take(listed):
    # "dung" and "iris" are words; written "dũng" and "íris" they are names
    assert found(listed, "went round, no answer. dũng (neighbour) says shouting. íris said hello.") == ["dũng", "íris"]


@needs_dictionary
def test_lower_case_words_in_a_formal_text_are_never_taken(listed):
    assert found(listed, "The report was sent to the office. The family agreed.") == []
    # but the same words in notes that open in lower case: only the name, never the ordinary words
    assert found(listed, "rang the office tomorrow. told kayleigh the plan.") == ["kayleigh"]


# -- in the engine -------------------------------------------------------------------

@pytest.mark.needs_model
@needs_dictionary
def test_the_engine_removes_what_the_list_finds_neutrally_and_lists_it_to_confirm():
    redactor = Redactor(load_case(FIXTURES / "case.yaml"), "publication")
    text = "PW visited with Judith Rogers; no answer. met julie and roy at the cafe. Later Rogers rang."
    out = redactor.redact_text(text)
    for name in ("Judith", "Rogers", "julie", "roy"):
        assert name not in out
    assert "no answer" in out and "at the cafe" in out
    start = text.index("julie")
    [entry] = [e.to_dict() for e in redactor.decisions.entries() if e.to_dict()["start"] == start]
    assert entry["status"] == "to_confirm" and entry["replacement"] == "[name]"


@pytest.mark.needs_model
def test_the_engine_offers_the_list_to_the_gate():
    redactor = Redactor(load_case(FIXTURES / "case.yaml"), "publication")
    assert redactor.is_given_name("Judith") and redactor.is_given_name("Zoé")
    assert not redactor.is_given_name("Safeguarding") and not redactor.is_given_name("Council")


@needs_dictionary
def test_a_car_model_is_no_person_but_its_driver_is(listed):
    # "Astra" is a listed given name and a vehicle model (names.yaml): the car stays, the driver goes
    assert found(listed, "Judith Okonedo drove a grey Vauxhall Astra to the flat.") == ["Judith Okonedo"]
