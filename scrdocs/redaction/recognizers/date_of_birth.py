"""Date of birth: a date with "DOB", "born", "date of birth" close by."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class DateOfBirthRecognizer(YamlPatternRecognizer):
    RULES = "date_of_birth"
