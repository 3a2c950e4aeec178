"""A first name that speaks for an organisation ("Grace from housing") is someone at that
organisation: never the family member who shares the first name, and still removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs import Redactor, load_case

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"


@pytest.fixture(scope="module")
def redactor():
    return Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))


@pytest.mark.parametrize("text, expected", [
    ("Contact from Grace from housing about rent arrears.", "Contact from [name] from housing about rent arrears."),
    ("Grace from the council says the tenancy is at risk.", "[name] from the council says the tenancy is at risk."),
    ("Edith said Grace at the surgery would call.", "Adult A said [name] at the surgery would call."),
])
def test_a_family_first_name_from_an_organisation_is_not_the_family_member(redactor, text, expected):
    assert redactor.redact_text(text) == expected


def test_the_family_member_herself_keeps_her_pseudonym(redactor):
    assert redactor.redact_text("Grace rang about the rent.") == "Daughter rang about the rent."
    assert redactor.redact_text("Grace, from her flat, rang.").startswith("Daughter")


def test_a_first_name_from_an_organisation_is_neutral_even_with_a_practitioner_named_in_full_nearby(redactor):
    # councils employ many people called Zoë: the first name alone cannot tie the words to SW1
    text = "Zoë D'Souza-Brown visited. Later Zoë from the council rang."
    assert redactor.redact_text(text) == "SW1 visited. Later [name] from the council rang."


def test_the_practitioner_named_nearby_is_offered_to_the_person_confirming():
    fresh = Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))
    fresh.redact_text("Zoë D'Souza-Brown visited. Later Zoë from the council rang.")
    [entry] = [e.to_dict() for e in fresh.decisions.entries() if e.to_dict()["replacement"] == "[name]"]
    assert entry["status"] == "to_confirm" and "SW1" in entry["reason"]


def test_the_mention_is_listed_to_confirm():
    fresh = Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))
    fresh.redact_text("Grace from the council says the tenancy is at risk.")
    [entry] = [e for e in fresh.decisions.entries() if e.to_dict()["start"] == 0]
    assert entry.to_dict()["status"] == "to_confirm" and entry.to_dict()["replacement"] == "[name]"


@pytest.fixture(scope="module")
def sparky():
    import yaml

    from scrdocs import parse_case

    data = yaml.safe_load((FIXTURES / "case.yaml").read_text(encoding="utf-8"))
    for person in data["people"]:
        if person["id"] == "grace":
            person["aliases"] = ["Sparky"]
    return Redactor(parse_case(data), str(FIXTURES / "no_ner.yaml"))


def test_a_lowercase_alias_after_an_article_is_a_thing_not_the_person(sparky):
    assert sparky.redact_text("The landlord sent a sparky to check the wiring.") == \
        "The landlord sent a sparky to check the wiring."


@pytest.mark.parametrize("text", ["Sparky said she was fine.", "rang sparky about the rent", "Then sparky said no."])
def test_the_alias_used_as_a_name_is_still_removed(sparky, text):
    assert "parky" not in sparky.redact_text(text)
