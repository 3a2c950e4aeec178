"""UK phone numbers: a national number has ten digits after the leading 0 (or +44)."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class PhoneNumberRecognizer(YamlPatternRecognizer):
    RULES = "phone_number"

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44") and pattern_text.lstrip().startswith("+"):
            digits = "0" + digits[2:]
        if digits.startswith("00"):
            digits = digits[1:]  # +44 (0)161: the bracketed 0 doubles up
        if not digits.startswith("0") or len(digits) not in (10, 11):
            return False
        return None
