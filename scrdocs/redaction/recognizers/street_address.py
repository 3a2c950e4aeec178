"""Street addresses: house number + street name + street word, or a named street.

The town written after an address is found by the settings recognizer
(place_shapes.towns_after_addresses), where the board's own area is kept.
"""

from __future__ import annotations

from .base import YamlPatternRecognizer


class StreetAddressRecognizer(YamlPatternRecognizer):
    RULES = "street_address"
