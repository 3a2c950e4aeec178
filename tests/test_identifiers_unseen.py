"""Issue 11, points 4 and 5, on kinds of text the tuned patterns had not seen: phone numbers in any
written form (phonenumbers), bank details without a cue, references after any reference-like cue,
user names without an @, addresses without a postcode, places by ending and by cue, small settings.

Every rule that finds more sits beside ordinary words and numbers that must stay: a placeholder
where the text said something ordinary is a false statement.
"""

from __future__ import annotations

import pytest

from scrdocs.errors import RulesError
from scrdocs.redaction.name_list import dictionary_words
from scrdocs.redaction.recognizers import SettingRecognizer, build_recognizers
from scrdocs.redaction.recognizers import word_lists as word_lists_module
from scrdocs.redaction.recognizers.bank_details import iban_ok
from scrdocs.redaction.recognizers.place_shapes import place_shapes

needs_dictionary = pytest.mark.skipif(not dictionary_words(), reason="no system word list (wbritish)")


def found(name: str, text: str) -> list[str]:
    recognizer = next(r for r in build_recognizers() if r.name == name)
    return [text[r.start:r.end] for r in sorted(recognizer.find(text), key=lambda r: r.start)]


def places(text: str) -> list[str]:
    return sorted({text[a:b] for a, b in place_shapes(text)})


# -- phones ------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["07700.900.417", "(07700) 900123", "07700 900 123", "+447700900123",
                                    "+44 (0) 1632 960123", "0113 4960111", "(020) 7946 0123", "01632 960 123"])
def test_phone_numbers_in_any_written_form(number):
    assert found("phone_number", f"ring me on {number}, it's my new number") == [number]


@pytest.mark.parametrize("text", ["sort code 20-45-67", "CRIS 09-16-1989-535 given", "NHS no. 943 476 5919",
                                  "on 12/03/2024 at 14:30", "ref 2024/1234", "account 07 59 72 80", "log 0807714"])
def test_numbers_that_are_not_phone_numbers_stay(text):
    assert found("phone_number", text) == []


# -- bank details --------------------------------------------------------------------

def test_an_iban_with_right_check_digits_goes_without_a_cue_and_a_wrong_one_stays():
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")
    assert found("bank_details", "pay GB82WEST12345698765432 today") == ["GB82WEST12345698765432"]
    assert found("bank_details", "pay GB82WEST12345698765433 today") == []


@pytest.mark.parametrize("sort, account", [("270331", "43520751"), ("97-87-46", "8810 7371"),
                                           ("90.04.78", "23 64 42 98"), ("60 91 88", "27643354")])
def test_a_sort_code_written_before_its_account_goes_without_a_cue(sort, account):
    assert found("bank_details", f"send it to {sort} {account} pls") == [sort, account]


def test_dotted_sort_codes_and_paired_account_digits_beside_a_cue():
    assert found("bank_details", "transfers from sort code 04.17.31 to an account ending 89 88 23 39") == \
        ["04.17.31", "89 88 23 39"]


def test_dates_and_counts_without_a_cue_stay():
    assert found("bank_details", "Seen on 12.03.24 and 120324; 12345678 people; 12 03 24 in the diary.") == []


# -- references ------------------------------------------------------------------------

@pytest.mark.parametrize("text, ref", [("ContrOCC ref 5702 797 0089 raised", "5702 797 0089"),
                                       ("CPOMS incident no. 6482 301 5534 given", "6482 301 5534"),
                                       ("Please quote CRIS 639/17 in any reply", "639/17"),
                                       ("claim no. RX6-4362815 remains open", "RX6-4362815"),
                                       ("listed under STORM log no. 1371 964 1796.", "1371 964 1796"),
                                       ("rent account no. OP7827 remains open", "OP7827"),
                                       ("repairs ticket C7462-355 raised", "C7462-355"),
                                       ("the FWIN 415/13 for imaging", "415/13"),
                                       ("(print of record 88/1173) Tenant", "88/1173"),
                                       ("Tenancy ref: WH-TEN-0046215 Property", "WH-TEN-0046215"),
                                       ("the log (WDP-20240103-0155) was closed", "WDP-20240103-0155")])
def test_references_after_any_reference_word_system_or_capitals(text, ref):
    assert ref in found("case_reference", text)


@pytest.mark.parametrize("token", ["LV56C25982", "E97/629390", "09-16-1989-535"])
def test_reference_shapes_go_wherever_they_stand(token):
    assert found("case_reference", f"Then {token} was updated.") == [token]


@pytest.mark.parametrize("text", ["NHS 111 was called", "seen on 12/03/2024 at 14:30", "in 2021/22 the team",
                                  "about £1200 a month", "300 mg daily", "COVID 19 rules", "Year 10 pupils",
                                  "case 2 of 300 people", "ref 03/2024 on file"])
def test_dates_sums_measures_and_counts_are_not_references(text):
    assert found("case_reference", text) == []


# -- handles and user names --------------------------------------------------------------

@pytest.mark.parametrize("text, user", [("add me on there dickersonwanda52 x", "dickersonwanda52"),
                                        ("his gamer name is djones, he", "djones"),
                                        ("his gamer name is xxiwrightxx, he's on", "xxiwrightxx"),
                                        ("Roblox user jillmills", "jillmills"),
                                        ("messaged by tbrown_x again", "tbrown_x")])
def test_user_names_without_an_at(text, user):
    assert found("handle", text) == [user]


def test_ordinary_words_after_a_naming_cue_stay():
    assert found("handle", "Please add me on the list; her login was slow; the PSN name is Brian.") == []


# -- addresses -------------------------------------------------------------------------

@pytest.mark.parametrize("address", ["Plot 31, Kim Park", "131/135 Carthy Drive", "Room 38, Sanders Lodge",
                                     "Flat 46b, Harbour View", "Flat 120b, The Old Pumping Station",
                                     "30c Yew Chase", "The Old Maltings, Russell Way", "Apartment 71, Johns Point"])
def test_addresses_without_a_postcode(address):
    assert any(address in hit or hit == address for hit in found("street_address", f"She moved to {address}; no"))
    assert address in found("street_address", f"She moved to {address}; no")


def test_a_date_or_a_time_before_a_street_word_is_no_address():
    assert found("street_address", "On 12 May the street party was held.") == []
    assert found("street_address", "08:45 Neighbour Miss Chase at the flat below said so.") == []


# -- places ----------------------------------------------------------------------------

@needs_dictionary
@pytest.mark.parametrize("text, place", [("until Brogan has left Cleryminster.", "Cleryminster"),
                                         ("shops in Nelsonwick with her sister", "Nelsonwick"),
                                         ("near Stanbridge End; driver", "Stanbridge End"),
                                         ("lads from Castle McGirlstead again", "Castle McGirlstead"),
                                         ("relatives in Nashik over Easter", "Nashik"),
                                         ("everyone round Steenwijk knows him", "Steenwijk")])
def test_places_by_their_ending_or_after_a_place_cue(text, place):
    assert place in places(text)


@needs_dictionary
@pytest.mark.parametrize("text", ["round Christmas time", "near Jason's car", "left CAMHS after a year",
                                  "Sterling efforts were made", "Karen Fenning outlined the plan",
                                  "Reading the notes again", "round Tuesday"])
def test_ordinary_words_names_and_surnames_are_not_places(text):
    assert places(text) == []


# -- settings --------------------------------------------------------------------------

@pytest.mark.parametrize("setting", ["Loxwell Islamic Centre", "Newton Court Sheltered Housing", "The Cedar Centre",
                                     "Carson's Kebabs", "Golding Lettings", "Stevens Recovery Hub",
                                     "Laurel View Supported Living", "Brinkfield Scout Hut", "The Badger's Head"])
def test_small_settings_by_their_kind(setting):
    recognizer = SettingRecognizer()
    text = f"She was seen at {setting} last week."
    assert setting in [text[r.start:r.end] for r in recognizer.find(text)]


@pytest.mark.parametrize("text, kind", [("He attends Loxwell Primary School daily.", "the primary school"),
                                        ("The Brook Lane Surgery said no.", "GP practice"),
                                        ("Willow Court Care Home staff rang.", "The care home"),
                                        ("A worker at Carson's Kebabs said.", "the takeaway")])
def test_a_named_setting_becomes_its_kind(text, kind):
    assert kind in [r.recognition_metadata["tag"] for r in SettingRecognizer().find(text)]


def test_a_setting_whose_kind_is_written_after_it_keeps_the_tag():
    tags = {r.recognition_metadata["tag"] for r in SettingRecognizer().find("She went to the Kings Arms pub.")}
    assert tags == {"[setting]"}


def test_kinds_of_service_are_not_named_settings():
    recognizer = SettingRecognizer()
    assert [r for r in recognizer.find("The Early Help Hub and the Job Centre were told.")
            if r.entity_type == "ORGANIZATION"] == []
    assert recognizer.find("She was supported by the Trust's Head of Safeguarding.") == []


# -- the word lists are checked ------------------------------------------------------------

def test_a_word_list_that_is_not_a_list_of_words_is_refused(tmp_path, monkeypatch):
    (tmp_path / "reference_cues.yaml").write_text("nouns: [ref, no]\nsystems: ref\n", encoding="utf-8")
    monkeypatch.setattr(word_lists_module, "data_dir", lambda name: tmp_path)
    word_lists_module.word_lists.cache_clear()
    try:
        with pytest.raises(RulesError, match="'nouns' must be a list of words"):
            word_lists_module.word_lists("reference_cues")  # unquoted "no" is YAML's false
    finally:
        word_lists_module.word_lists.cache_clear()
