"""Bank sort codes and account numbers, beside a cue; each hit says which it is."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class BankDetailsRecognizer(YamlPatternRecognizer):
    RULES = "bank_details"

    def find(self, text: str):
        results = super().find(text)
        for r in results:
            digits = sum(ch.isdigit() for ch in text[r.start:r.end])
            if digits != 6 or not text[r.start:r.end][:1].isdigit():
                r.entity_type = "BANK_ACCOUNT"
        return results
