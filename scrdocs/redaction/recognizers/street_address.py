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

from ..name_list import dictionary_words
from .base import YamlPatternRecognizer
from .word_lists import alternation, word_lists

_CAP = r"[A-Z][\w'’-]*"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)?"
#: "08:45 Neighbour Miss Chase": a title inside the words means a person, not a street
_TITLES = r"(?:[A-Z][\w'’-]*[ \t]+)*?(?:Mr|Mrs|Miss|Ms|Mx|Dr|PC|DC|DS|Sgt)\b"
#: What may follow "flat 5" that makes it a measure, not a flat ("a flat 20 minutes' walk")
_UNIT_AFTER = r"(?![ \t]*(?:%|mins?\b|minutes|hours?\b|hrs?\b|days?\b|weeks?\b|miles?\b|mph\b|km\b|metres|m\b|per\b|x\b|rate|doors?\b|floors?\b|bed\b|bedroom))"
#: Where an address is written before a house's one-word name ("at The Malthouse")
_AT = r"(?:(?<=\bat )|(?<=\bto )|(?<=\bfrom )|(?<=\bbehind )|(?<=\bAddress: )|(?<=\baddress: ))"
#: Words that begin a court's or a company's name, not a street's, after "on" ("on Crown Court lists")
_NOT_STREET = (r"The|A|An|Her|His|Their|Crown|County|Magistrates|Family|High|Youth|Coroner['’]s|Coroners|Supreme|"
               r"Appeal|District|Royal|Facebook|Google|Microsoft")
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
        flat = rf"(?<![\w])(?:{alternation(words['flat_words'])})[ \t]+\d{{1,4}}[A-Za-z]?(?![\w/%-]|[.:,]\d){_UNIT_AFTER}"
        self._welsh = frozenset(w.casefold() for w in words["welsh_house_words"])
        welsh = r"T[yŷ][ \t]+(?P<welsh>[a-zâêîôûŵŷ]{2,}|[A-Z][a-zâêîôûŵŷ]+)(?![\w'’-])"
        compound = rf"The[ \t]+(?:Old[ \t]+)?[A-Z][a-z]{{2,}}(?:{alternation(words['compound_house_endings'])})(?![\w'’-])"
        street_after = rf"(?:,[ \t]+(?:off[ \t]+)?(?:{_NUMBER}[ \t]+)?{name}(?:{street})(?![\w]))?"
        #: after a house's or a flat's number, where it is: "off Spindle Mews", "above Miller's Bakery"
        #: (a named business; "above the chip shop" stays, it locates nobody alone)
        beside = rf"(?:[ \t]+(?:above|over|behind)[ \t]+{_CAP}['’]s[ \t]+{_CAP})?"
        self._numbered_place = re.compile(
            # "number 84, Hawthorn Square", "No. 110 on the Orchards estate", "top flat, 102 Stag Square"
            rf"(?<![\w])(?:(?:[Nn]umber|No\.)[ \t]+\d{{1,4}}[A-Za-z]?(?:,[ \t]+{name}(?:{street})(?![\w])"
            rf"|[ \t]+on[ \t]+the[ \t]+{_CAP}[ \t]+estate(?![\w]))"
            rf"|(?:top|ground|first|basement|bottom)[ \t]+flat,[ \t]+{_NUMBER}[ \t]+{name}(?:{street})(?![\w]))")
        #: "on Swift Green", "along Linnet View": after "on" a street type that is also a word is a street
        on_types = alternation([t for t in words["street_types"] if t not in ("Bank", "End", "Side", "Wood")])
        self._on_street = re.compile(rf"(?:(?<=\bon )|(?<=\balong )|(?<=\boff ))(?!(?:{_NOT_STREET})\b)"
                                     rf"(?:{_CAP}[ \t]+){{1,2}}(?:{on_types})(?![\w'’-])")
        self._welsh_rule = re.compile(rf"(?<![\w'’-])(?:(?:{unit})[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+)?{welsh}{street_after}")
        self._rules = [
            # "She was living in flat 43 above the bookies": a flat by its number alone
            re.compile(flat + beside),
            # "The Malthouse, Juniper View", "at The Tollhouse"
            re.compile(rf"(?<![\w]){compound}(?=,[ \t]+[A-Z]){street_after}|{_AT}{compound}"),
            # "131/135 Carthy Drive", "30c Yew Chase"
            re.compile(rf"(?<![\w/.:-]){_NUMBER},?[ \t]+(?!{_MONTHS})(?!{_TITLES}){name}(?:{street})(?![\w])"),
            # "Room 38, Sanders Lodge", "Flat 120b, The Old Pumping Station", "Plot 31, Kim Park"
            re.compile(rf"(?<![\w])(?:{unit})[ \t]+\d{{1,4}}[A-Za-z]?,?[ \t]+(?:The[ \t]+(?:Old[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
                       rf"|{name}(?:{building}))(?![\w])"),
            # "The Old Maltings, Russell Way", "Meadow View, Yargate": a house's name before a street or a town
            re.compile(rf"(?<![\w])(?:The[ \t]+Old[ \t]+{_CAP}(?:[ \t]+{_CAP})?|(?:The[ \t]+)?(?:{_CAP}[ \t]+){{1,2}}(?:{house}))"
                       rf"(?=,[ \t]+(?:off[ \t]+)?[A-Z])(?:,[ \t]+(?:off[ \t]+)?(?:{_NUMBER}[ \t]+)?{name}(?:{street})(?![\w]))?"),
            # "The Old Pumping Station" after at/to/from/of
            re.compile(rf"(?:(?<=\bat )|(?<=\bto )|(?<=\bfrom )|(?<=\bof ))The[ \t]+Old[ \t]+{_CAP}(?:[ \t]+{_CAP})?(?![\w])"),
        ]

    def _welsh_houses(self, text: str) -> list[re.Match]:
        """ "Room 29, Ty wen", "Ty ffrwd, Cedar Green"; never "Ty said" (a given name before a verb)."""
        out = []
        for m in self._welsh_rule.finditer(text):
            word = m.group("welsh").casefold()
            if word in self._welsh or (m.group("welsh").islower() and word not in dictionary_words()):
                out.append(m)
        return out

    def find(self, text: str) -> list[RecognizerResult]:
        results = super().find(text)
        matches = [m for rx in self._rules for m in rx.finditer(text)]
        matches += list(self._on_street.finditer(text)) + list(self._numbered_place.finditer(text))
        for m in matches + self._welsh_houses(text):
                if not any(r.start <= m.start() and m.end() <= r.end for r in results):
                    results.append(RecognizerResult(self.spec.entity_type, m.start(), m.end(), 0.75,
                                                    recognition_metadata={"recognizer_name": self.name}))
        return results
