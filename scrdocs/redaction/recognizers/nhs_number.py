"""NHS number: ten digits whose last is a mod-11 check digit."""

from __future__ import annotations

from .base import YamlPatternRecognizer


def nhs_check_digit_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class NhsNumberRecognizer(YamlPatternRecognizer):
    RULES = "nhs_number"

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_check_digit_ok("".join(c for c in pattern_text if c.isdigit()))
