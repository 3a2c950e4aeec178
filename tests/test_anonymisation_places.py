"""Issue 11, points 4 and 5: towns, villages and foreign places, small settings, addresses without a
postcode and user names, by shape and by cue (no gazetteer, no model).

Each rule that keeps words (an ordinary word after "Old", a given name after an address's comma,
"Snapchat name was") sits beside a fictional place or name that must still go.
"""

from __future__ import annotations

import pytest

from scrdocs.redaction.name_list import dictionary_words
from scrdocs.redaction.recognizers import SettingRecognizer
from scrdocs.redaction.recognizers.handle import HandleRecognizer
from scrdocs.redaction.recognizers.street_address import StreetAddressRecognizer

needs_dictionary = pytest.mark.skipif(not dictionary_words(), reason="no system word list (wbritish)")


@pytest.fixture(scope="module")
def setting():
    return SettingRecognizer()


def hits(recognizer, text: str, entity: str | None = None) -> list[str]:
    return sorted({text[r.start:r.end] for r in recognizer.find(text) if entity is None or r.entity_type == entity})


# -- places ------------------------------------------------------------------------

@needs_dictionary
def test_town_shapes_are_places_but_ordinary_words_after_the_prefix_stay(setting):
    text = "She moved to a bungalow near Old Prenticeworth, then Gisbworth-on-Dove and Market Ockden."
    assert hits(setting, text, "LOCATION") == ["Gisbworth-on-Dove", "Market Ockden", "Old Prenticeworth"]
    assert hits(setting, "The Old Forge and the High Court agreed a Long Term plan.", "LOCATION") == []


def test_places_after_a_cue_in_any_alphabet_and_with_their_small_words(setting):
    assert hits(setting, "Her daughter had moved to Vila Nova de Gaia.", "LOCATION") == ["Vila Nova de Gaia"]
    assert hits(setting, "Family holiday to Łódź, Poland.", "LOCATION") == ["Łódź"]
    assert hits(setting, "The family had moved from Lipník nad Bečvou.", "LOCATION") == ["Lipník nad Bečvou"]
    assert hits(setting, "A call from Warkley parish council.", "LOCATION") == ["Warkley"]


# -- small settings ------------------------------------------------------------------

@pytest.mark.parametrize("text, setting_name", [
    ("jennifer from Donlon & Sons Garage says nicole owes money.", "Donlon & Sons Garage"),
    ("Jennifer Nelson of The Owl and Feathers said the door was open.", "The Owl and Feathers"),
    ("The Assistant Director at Story Care Services Ltd was not invited.", "Story Care Services Ltd"),
    ("met philip and robert at Morrisstead Food Bank, both worried.", "Morrisstead Food Bank"),
    ("courtney from Kirkley-on-Tame Post Office says nicole owes money.", "Kirkley-on-Tame Post Office"),
    ("Concerns raised by Sean Cook from Thomas Homecare; file ref 85/6357.", "Thomas Homecare"),
])
def test_small_settings_that_locate_a_family(setting, text, setting_name):
    assert setting_name in hits(setting, text, "ORGANIZATION")


# -- addresses without a postcode ----------------------------------------------------

@pytest.fixture(scope="module")
def address():
    return StreetAddressRecognizer()


@needs_dictionary
def test_the_town_after_an_address_is_a_place_but_a_name_after_the_comma_stays(address, setting):
    text = "Members agreed to write to Ms Lally at 94 Willow Row, Blackwellford."
    assert hits(address, text) == ["94 Willow Row"] and hits(setting, text, "LOCATION") == ["Blackwellford"]
    text = "At 12 Mill Lane, Jason said no one answered."
    assert hits(address, text) == ["12 Mill Lane"] and hits(setting, text, "LOCATION") == []


@pytest.mark.needs_model
def test_the_boards_own_area_after_an_address_stays_in_the_engine():
    from scrdocs.case.casefile import load_case
    from scrdocs.examples import example_case_path
    from scrdocs.redaction import Redactor

    redactor = Redactor(load_case(example_case_path()), "publication")
    assert redactor.redact_text("Moved to 22 Acacia Dr, Northshire.") == "Moved to [address], Northshire."


def test_a_house_name_before_its_street_and_a_farm_after_at(address, setting):
    text = "Dr Bell wrote to Nicole at Meadow View, Stone Road, Lower Campbellwick."
    assert hits(address, text) == ["Meadow View, Stone Road"]
    assert hits(setting, text, "LOCATION") == ["Lower Campbellwick"]
    assert hits(address, "Members agreed to write to Mr Walton at Orchard Dairy.") == ["Orchard Dairy"]


# -- user names ----------------------------------------------------------------------

def test_a_plain_user_name_after_a_platform_and_a_name_word(tmp_path):
    handle = HandleRecognizer()
    assert hits(handle, "Turner had told Jake about Xbox user name margaretbolton.") == ["margaretbolton"]
    assert hits(handle, "She had told Jake about her Snapchat name smithalexis.") == ["smithalexis"]
    assert hits(handle, "Her Snapchat name was changed last week.") == []
