"""Issue 11, point 4: identifiers of shapes the UK patterns did not know.

International phone numbers (checked with phonenumbers), sort codes and account
numbers beside a cue, handles and user names, references beside a cue word,
house names. Each rule that keeps something (a plain word after a platform
name) has a real identifier beside it that must still go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction.recognizers import build_recognizers

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"


def _found(text: str, name: str) -> list[tuple[str, str]]:
    recognizer = next(r for r in build_recognizers() if r.name == name)
    return [(text[r.start:r.end], r.entity_type) for r in recognizer.find(text)]


@pytest.mark.parametrize("number", ["+33 6 39 98 12 34", "+33 (0)6 39 98 12 34", "+1 202-555-0147",
                                    "+1 (613) 555-0123", "+61 2 5550 1234", "0061 3 7010 1234"])
def test_international_phone_numbers(number):
    assert _found(f"She rang from {number} at night.", "international_phone") == [(number, "PHONE_NUMBER")]


def test_a_number_that_is_no_phone_number_is_not_taken():
    assert _found("Between +1 and +5 degrees; item +12.", "international_phone") == []


def test_sort_codes_and_account_numbers_beside_a_cue():
    text = "Sort code 20-45-67, account number 41234567; bank details 20 45 67 / 4123 4567."
    assert _found(text, "bank_details") == [("20-45-67", "SORT_CODE"), ("41234567", "BANK_ACCOUNT"),
                                            ("20 45 67", "SORT_CODE"), ("4123 4567", "BANK_ACCOUNT")]


def test_six_digits_without_a_cue_stay():
    assert _found("The meeting on 120324 was attended by 12345678 people.", "bank_details") == []


def test_handles_and_user_names():
    text = "Her Snapchat is katie_x99 and on Instagram @lil.kaz23. Username: darkstar77. Gamertag wolfie."
    assert [t for t, _ in _found(text, "handle")] == ["@lil.kaz23", "katie_x99", "darkstar77", "wolfie"]


def test_plain_words_after_a_platform_stay_but_the_user_name_goes():
    text = "She showed Snapchat messages and Facebook posts; her Snapchat: pixie_moon."
    assert [t for t, _ in _found(text, "handle")] == ["pixie_moon"]


def test_an_email_address_is_not_a_handle():
    assert _found("Email tamsin.oakes@example.org today.", "handle") == []


@pytest.mark.parametrize("text, ref", [("The MARAC reference is MR/2291/KX.", "MR/2291/KX"),
                                       ("NRM referral number NRM-12-34567 was made.", "NRM-12-34567"),
                                       ("MASH ref 22/1234/05 was opened.", "22/1234/05")])
def test_references_beside_a_cue(text, ref):
    assert (ref, "CASE_REFERENCE") in _found(text, "case_reference")


@pytest.mark.parametrize("house", ["Rowan Cottage", "The Old Vicarage", "Hillside Farmhouse"])
def test_house_names_are_addresses(house):
    assert (house, "STREET_ADDRESS") in _found(f"She lived at {house} for a year.", "street_address")


@pytest.mark.needs_model
def test_identifiers_are_replaced_in_a_publication_copy():
    r = Redactor(load_case(FIXTURES / "case.yaml"), "publication")
    out = r.redact_text("Her cousin rang from +33 6 39 98 12 34. Sort code 20-45-67, account number 41234567. "
                        "Her Snapchat is katie_x99. She lived at Rowan Cottage.")
    assert out == ("Her cousin rang from [phone number]. Sort code [sort code], account number [account number]. "
                   "Her Snapchat is [username]. She lived at [address].")
