"""One rule for "does a sentence start here" across the engine (issue 11): the case matcher, the name list
and the NER filter read a quotation mark, a list number, a table bar and a message label alike, so a fix
to one (He said "Will you stop") holds for all three. The leak gate keeps its own reading on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction import name_reading
from scrdocs.redaction.name_list import ListedNames
from scrdocs.redaction.name_reading import starts_sentence
from scrdocs.redaction.name_signals import _stop_words, cue_words
from scrdocs.redaction.ner_filter import NerFilter
from scrdocs.redaction.spans import Candidate

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"


@pytest.fixture(scope="module")
def redactor():
    return Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))


@pytest.mark.parametrize("text", ['He said "Will you stop', "He said “Will you stop", "Notes\nWill you",
                                  "Seen. Will you", "| Will you", "[12:03] Will you", "1.1 Will you",
                                  "• Will you", "Agreed: Will you", "Date\tWill you", "Will you",
                                  "(Will you", "- Will you", "Seen by SW1. Will you", "Notes\n2.1 Will you"])
def test_a_word_opens_a_sentence_after_a_quotation_a_list_marker_a_bar_or_a_label(text):
    assert starts_sentence(text, text.index("Will"))


@pytest.mark.parametrize("text", ["He told Will you", "a note for Will you", "said that Will you", "room 12 Will you"])
def test_a_word_inside_a_sentence_does_not(text):
    assert not starts_sentence(text, text.index("Will"))


def test_the_engine_has_one_sentence_start_rule_and_the_gate_keeps_its_own():
    from scrdocs.packs.leak_gate import second_opinion
    from scrdocs.redaction import case_matcher, name_list, name_signals, ner_filter

    for module in (case_matcher, name_list, name_signals, ner_filter):
        assert module.starts_sentence is name_reading.starts_sentence
        assert not hasattr(module, "_sentence_start") and not hasattr(module, "_starts_sentence")
    assert isinstance(second_opinion._SENTENCE_START, set)  # the gate's second opinion reads for itself


def test_the_name_list_reads_a_quotation_opening_as_a_sentence_start(redactor):
    cues = cue_words()
    listed = ListedNames(redactor._words, cues.not_names, cues.job_words, _stop_words())
    quoted = 'He said "Will you stop interfering" and left.'
    assert [quoted[c.start:c.end] for c in listed.find(quoted)] == []
    assert starts_sentence(quoted, quoted.index("Will"))
    text = 'She wrote "Hope you are well" on the card.'
    # a word-like given name opening a sentence is the word unless a verb of speech follows
    assert [text[c.start:c.end] for c in listed.find(text)] == []
    inside = "She wrote to Hope about the card."
    assert [inside[c.start:c.end] for c in listed.find(inside)] == ["Hope"]


def test_the_ner_filter_reads_a_quotation_opening_as_a_sentence_start(redactor):
    flt = NerFilter(redactor.profile, redactor._words)
    quoted = 'He said "Will you stop interfering" and left.'
    hit = Candidate(quoted.index("Will"), quoted.index("Will") + 4, "PERSON", "ner", 0.85, "remove")
    assert flt.keep(quoted, [hit]) == []  # the modal, capitalised because it opens the quotation
    inside = "He said Will was interfering and left."
    hit = Candidate(inside.index("Will"), inside.index("Will") + 4, "PERSON", "ner", 0.85, "remove")
    assert len(flt.keep(inside, [hit])) == 1  # a capital inside a sentence: the person
