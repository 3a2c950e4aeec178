"""National Insurance number (format only; there is no check digit)."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class UkNinoRecognizer(YamlPatternRecognizer):
    RULES = "uk_nino"
