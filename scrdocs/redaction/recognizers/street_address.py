"""Street addresses: house number + street name + street word, or a named street, with the town after it."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from .base import YamlPatternRecognizer
from .place_shapes import town_after


class StreetAddressRecognizer(YamlPatternRecognizer):
    RULES = "street_address"

    def find(self, text: str) -> list[RecognizerResult]:
        """The patterns' hits, each carried on over the town written after it ("94 Willow Row, Blackwellford")."""
        results = super().find(text)
        for r in results:
            end = town_after(text, r.end)
            while end != r.end:  # "Rowan Farm, Ash Street, Holcombe-on-Tees": house, street, town
                r.end, end = end, town_after(text, end)
        return results
