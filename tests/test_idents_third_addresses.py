"""Issue 11, point 4, on the third never-seen set: addresses without a postcode written as a flat's number
alone, a Welsh house name, a one-word house name, a street after "on", and the town after an address joined
to its ground ("Fallowthorpe cum Moor"). Only the locating words go: "above the chip shop" stays."""

from __future__ import annotations

import pytest

from scrdocs.errors import RulesError
from scrdocs.redaction.recognizers import word_lists as word_lists_module

from tests.idents_third_helpers import redact


@pytest.mark.parametrize("text, expected", [
    ("She was living in Flat 21 above the Spar on Atkinson Green at the time.",
     "She was living in [address] above the Spar on [address] at the time."),
    ("He stays at his mate's, flat 86 over the Greggs on Plover Grove.",
     "He stays at his mate's, [address] over the Greggs on [address]."),
    ("CALLER: It's Flat 93b, above the Chinese takeaway, on Dunnock View.",
     "CALLER: It's [address], above the Chinese takeaway, on [address]."),
    ("He had been sleeping in the caravan behind Ty ffrwd since March.",
     "He had been sleeping in the caravan behind [address] since March."),
    ("A party at Room 81, Ty ffrwd on saturday.", "A party at [address] on saturday."),
    ("Discharged to Ty gwyn, Beirne Crescent with a leaflet.", "Discharged to [address] with a leaflet."),
    ("She had been staying at The Malthouse, Juniper View for a week.", "She had been staying at [address] for a week."),
    ("We wrote to her at number 84, Hawthorn Square last week.", "We wrote to her at [address] last week."),
    ("Next contact agreed at No. 110 on the Orchards estate today.", "Next contact agreed at [address] today."),
    ("We talked about respite at top flat, 58 Badger Parade.", "We talked about respite at [address]."),
    ("She lived at Flat 83 above Day's Bakery with others.", "She lived at [address] with others."),
    ("I have lived at The Old Rectory, off Lloyd Green for years.", "I have lived at [address] for years."),
])
def test_addresses_without_a_postcode_go_and_the_words_around_them_stay(text, expected):
    assert redact(text) == expected


def test_the_town_after_an_address_goes_with_its_ground():
    out = redact("The father lives at 36 Hornbeam Mews, Fallowthorpe cum Moor, with his best mate.")
    assert "Fallowthorpe" not in out and "Moor" not in out and "Hornbeam" not in out
    assert out.endswith(", with his best mate.")


@pytest.mark.parametrize("text", [
    "Ty said he would come on Monday.",            # Ty is a given name before a verb, not a Welsh house
    "Ty went home early.",
    "It was a flat 20 minutes from town.",         # a measure, not a flat
    "The flat 2 doors down was empty.",
    "Charged at a flat rate of 20 per cent.",
    "She was in the kitchen at the end of the day.",
    "He was listed on Crown Court lists for May.",  # a court, not a street, after "on"
    "The Courthouse was closed.",                  # a one-word house name needs an address's place
    "Item number 3 on the list was agreed.",        # a number on a list, not a house
    "No. 5 on the agenda was deferred.",
    "The top flat, which was let, had a leak.",
])
def test_ordinary_phrases_beside_the_new_address_shapes_stay(text):
    assert redact(text) == text


def test_a_word_list_the_address_rules_read_is_checked(tmp_path, monkeypatch):
    (tmp_path / "address_words.yaml").write_text("flat_words: Flat\n", encoding="utf-8")
    monkeypatch.setattr(word_lists_module, "data_dir", lambda name: tmp_path)
    word_lists_module.word_lists.cache_clear()
    try:
        with pytest.raises(RulesError, match="'flat_words' must be a list of words"):
            word_lists_module.word_lists("address_words")
    finally:
        word_lists_module.word_lists.cache_clear()
