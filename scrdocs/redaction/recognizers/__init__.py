"""Layer 3: one recognizer per identifier, each a Presidio recognizer built from
``redaction_rules/recognizers/<name>.yaml``.

A YAML file there without a module of its own (a board's addition) becomes a
plain pattern recognizer: patterns and context words are enough.
"""

from __future__ import annotations

from functools import lru_cache

from ...resources import data_dir
from .base import YamlPatternRecognizer, read_spec
from .bank_details import BankDetailsRecognizer
from .case_reference import CaseReferenceRecognizer
from .date_of_birth import DateOfBirthRecognizer
from .email_address import EmailAddressRecognizer
from .handle import HandleRecognizer
from .international_phone import InternationalPhoneRecognizer
from .nhs_number import NhsNumberRecognizer, nhs_check_digit_ok
from .phone_number import PhoneNumberRecognizer
from .setting import SettingRecognizer
from .street_address import StreetAddressRecognizer
from .titled_person import TitledPersonRecognizer
from .uk_nino import UkNinoRecognizer
from .uk_postcode import UkPostcodeRecognizer
from .vehicle_registration import VehicleRegistrationRecognizer

_WITH_CODE = {cls.RULES: cls for cls in (
    NhsNumberRecognizer, UkNinoRecognizer, UkPostcodeRecognizer, PhoneNumberRecognizer, EmailAddressRecognizer,
    DateOfBirthRecognizer, CaseReferenceRecognizer, VehicleRegistrationRecognizer, StreetAddressRecognizer,
    TitledPersonRecognizer, InternationalPhoneRecognizer, BankDetailsRecognizer, HandleRecognizer)}


@lru_cache(maxsize=1)
def build_recognizers() -> tuple:
    """Every recognizer, compiled once per process."""
    found = []
    for path in sorted((data_dir("redaction_rules") / "recognizers").glob("*.yaml")):
        cls = _WITH_CODE.get(path.stem)
        found.append(cls() if cls else YamlPatternRecognizer(read_spec(path)))
    found.append(SettingRecognizer())
    return tuple(found)


__all__ = ["build_recognizers", "nhs_check_digit_ok", "YamlPatternRecognizer", "SettingRecognizer"]
