"""Case, crime and incident reference numbers (only beside a word that says so)."""

from __future__ import annotations

import re

from .base import YamlPatternRecognizer

_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$|^\d{4}$|^\d{1,2}(?:st|nd|rd|th)$|^\d{1,2}:\d{2}$")


class CaseReferenceRecognizer(YamlPatternRecognizer):
    RULES = "case_reference"

    def invalidate_result(self, pattern_text: str) -> bool:
        # a date, a year or a time after "log" is not a reference
        return bool(_DATE.match(pattern_text))
