"""UK postcode."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class UkPostcodeRecognizer(YamlPatternRecognizer):
    RULES = "uk_postcode"

    def invalidate_result(self, pattern_text: str) -> bool:
        # "on 1st" style words never reach here; a lower-case hit needs both halves to look like a postcode
        compact = pattern_text.replace(" ", "")
        return len(compact) < 5 or len(compact) > 7
