"""Street addresses: house number + street name + street word, or a named street."""

from __future__ import annotations

from .base import YamlPatternRecognizer


class StreetAddressRecognizer(YamlPatternRecognizer):
    RULES = "street_address"
