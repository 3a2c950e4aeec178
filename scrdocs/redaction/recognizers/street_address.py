"""Street addresses, house names and flats, with or without a postcode.

The patterns in recognizers/street_address.yaml run first; the rules here are
built from the word lists in redaction_rules/address_words.yaml (street types,
unit words, building words, house words), so a board adds "Wynd" or "Garth"
without writing a regular expression. The town written after an address is
found by the settings recognizer (place_shapes.towns_after_addresses), where
the board's own area is kept.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .base import YamlPatternRecognizer
from .word_lists import alternation, word_lists

_CAP = r"[A-Z][\w'’-]*"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)?"
#: "08:45 Neighbour Miss Chase": a title inside the words means a person, not a street
_TITLES = r"(?:[A-Z][\w'’-]*[ \t]+)*?(?:Mr|Mrs|Miss|Ms|Mx|Dr|PC|DC|DS|Sgt)\b"
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")


class StreetAddressRecognizer(YamlPatternRecognizer):
    RULES = "street_address"

    def __init__(self, spec=None):
        super().__init__(spec)
        words = word_lists("address_words")
        street = alternation(words["street_types"])
        unit = alternation(words["unit_words"])
        building = alternation(words["building_words"] + words["street_types"])
        house = alternation(words["house_words"])
        name = rf"(?:{_CAP}[ \t]+){{1,3}}"
        self._rules = [
            # "131/135 Carthy Drive", "30c Yew Chase"
            re.compile(rf"(?<![\w/.:-]){_NUMBER},?[ \t]+(?!{_MONTHS})(?!{_TITLES}){name}(?:{street})(?![\w])"),
            # "Room 38, Sanders Lodge", "Flat 120b, The Old Pumping Station", "Plot 31, Kim Park"
            re.compile(rf"(?<![\w])(?:{unit})[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+(?:The[ \t]+(?:Old[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
                       rf"|{name}(?:{building}))(?![\w])"),
            # "The Old Maltings, Russell Way", "Meadow View, Yargate": a house's name before a street or a town
            re.compile(rf"(?<![\w])(?:The[ \t]+Old[ \t]+{_CAP}(?:[ \t]+{_CAP})?|(?:The[ \t]+)?(?:{_CAP}[ \t]+){{1,2}}(?:{house}))"
                       rf"(?=,[ \t]+[A-Z])(?:,[ \t]+(?:{_NUMBER}[ \t]+)?{name}(?:{street})(?![\w]))?"),
            # "The Old Pumping Station" after at/to/from/of
            re.compile(rf"(?:(?<=\bat )|(?<=\bto )|(?<=\bfrom )|(?<=\bof ))The[ \t]+Old[ \t]+{_CAP}(?:[ \t]+{_CAP})?(?![\w])"),
        ]

    def find(self, text: str) -> list[RecognizerResult]:
        results = super().find(text)
        for rx in self._rules:
            for m in rx.finditer(text):
                if not any(r.start <= m.start() and m.end() <= r.end for r in results):
                    results.append(RecognizerResult(self.spec.entity_type, m.start(), m.end(), 0.75,
                                                    recognition_metadata={"recognizer_name": self.name}))
        return results
