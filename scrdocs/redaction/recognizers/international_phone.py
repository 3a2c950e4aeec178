"""Phone numbers in international form, checked with the phonenumbers library."""

from __future__ import annotations

import phonenumbers

from .base import YamlPatternRecognizer


class InternationalPhoneRecognizer(YamlPatternRecognizer):
    RULES = "international_phone"

    def validate_result(self, pattern_text: str) -> bool | None:
        written = pattern_text.strip().replace("(0)", "")
        if written.startswith("00"):
            written = "+" + written[2:]
        try:
            number = phonenumbers.parse(written, None)
        except phonenumbers.NumberParseException:
            return False
        return None if phonenumbers.is_possible_number(number) else False
