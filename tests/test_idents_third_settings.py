"""Issue 11, point 5, on the third never-seen set: small settings (gyms, tattoo studios, youth clubs and
projects, childcare, food hubs, car washes, pubs named for a tree) become their kind through
redaction_rules/setting_kinds.yaml, and the place in their name goes too."""

from __future__ import annotations

import pytest

from scrdocs.redaction.recognizers import SettingRecognizer
from scrdocs.redaction.recognizers.word_lists import word_lists

from tests.idents_third_helpers import redact


@pytest.mark.parametrize("text, expected", [
    ("I met Hunter at Busy Siskins Childcare where his sister goes.", "I met Hunter at the nursery where his sister goes."),
    ("Phillip had seen him weekly at the Siskin Youth Project.", "Phillip had seen him weekly at the youth club."),
    ("Works part time at Gold Viper Tattoo; a colleague helps.", "Works part time at the tattoo studio; a colleague helps."),
    ("Employer Mendoza and Sons Car Wash confirmed it.", "Employer the garage confirmed it."),
    ("Contact to be supervised at the Hornbeam Tree.", "Contact to be supervised at the pub."),
    ("Collection point: Sneckwold Food Hub.", "Collection point: The food bank."),  # after a colon, a capital
])
def test_named_small_settings_become_their_kind(text, expected):
    assert redact(text) == expected


def test_a_setting_named_for_its_place_loses_the_place_too():
    out = redact("He has been seen at Raven Fitness Holmhope after school.")
    assert "Raven" not in out and "Holmhope" not in out and "the gym" in out
    out = redact("He spends most evenings at Crakeby under Edge Youth Club with friends.")
    assert "Crakeby" not in out and "Edge" not in out and out.endswith("with friends.")
    assert "Rivas" not in redact("She is working at Ink by Rivas again.")


@pytest.mark.parametrize("text", [
    "The Christmas Tree was up and the Family Tree was drawn.",
    "He has been smoking Spice daily.",          # a drug, not a takeaway
    "Her Physical Fitness test was passed.",
    "Hair by the door was swept up.",
    "She was in the kitchen at the end of the day.",
])
def test_ordinary_phrases_beside_the_new_setting_cues_stay(text):
    assert redact(text) == text


def test_every_new_setting_cue_has_a_kind():
    kinds = {" ".join(c.split()) for cues in word_lists("setting_kinds").values() for c in cues}
    for cue in ["Fitness", "Tattoo", "Tattoo Studio", "Childcare", "Youth Club", "Youth Project", "Boys' Club",
                "Food Hub", "Spice", "Tree", "Day Nursery"]:
        assert cue in kinds, cue
    assert SettingRecognizer()  # the settings words still compile
