"""Issue 11, point 5, on the third never-seen set: towns and villages by shape (Welsh and Scottish joined
names, a name joined to its ground, a town before its country or a facility) and foreign places after the
words that say a place follows. Ordinary words after the same cues stay."""

from __future__ import annotations

import pytest

from scrdocs.redaction.name_list import dictionary_words
from scrdocs.redaction.recognizers.place_shapes import place_shapes

from tests.idents_third_helpers import redact

needs_dictionary = pytest.mark.skipif(not dictionary_words(), reason="no system word list (wbritish)")


@needs_dictionary
@pytest.mark.parametrize("text, expected", [
    ("Jacob was on bail, with a condition not to enter Pen-y-gors.", "Jacob was on bail, with a condition not to enter [place]."),
    ("If she cannot get to Cwmbedw the volunteer will deliver.", "If she cannot get to [place] the volunteer will deliver."),
    ("Previous attendance at Dunardle Minor Injuries Unit in July.", "Previous attendance at [place] Minor Injuries Unit in July."),
    ("He said no one would find me in Fallowshaw cum Moor.", "He said no one would find me in [place]."),
    ("His nan has moved to Merrowthorpe in the Vale.", "His nan has moved to [place]."),
    ("Enquiries about her time in Vác are ongoing.", "Enquiries about her time in [place] are ongoing."),
    ("Her brother is on his way from La Salina.", "Her brother is on his way from [place]."),
    ("Her time in San Ferando del Valle de Catamarca was hard.", "Her time in [place] was hard."),
    ("Her grandmother lives in Gland, Switzerland.", "Her grandmother lives in [place], Switzerland."),
    ("Collected from Pariaman airport by her cousin.", "Collected from [place] airport by her cousin."),
])
def test_places_the_third_set_wrote_go(text, expected):
    assert redact(text) == expected


@needs_dictionary
@pytest.mark.parametrize("text", [
    "She was in the kitchen at the end of the day.",
    "He went to Court on Monday.",
    "Craig said he would ring.",                 # a given name that begins like a Scottish place
    "Kindness matters to her.",                  # an ordinary word that begins with "Kin"
    "Jason under pressure said nothing.",
    "She has family in England, Wales and Scotland.",
    "Victoria Station was where the coach stopped.",
    "He went to Mum's house.",                  # a possessive after the cue is a person's place
    "She spent her time in prison reading.",
    "The Christmas Tree was up in the hall.",
])
def test_ordinary_words_after_the_place_cues_stay(text):
    assert redact(text) == text


@needs_dictionary
def test_a_surname_shaped_like_a_welsh_place_after_a_title_is_not_a_place():
    assert place_shapes("Dr Killick saw her.") == []
    assert place_shapes("Mr Dunardle said so.") == []
