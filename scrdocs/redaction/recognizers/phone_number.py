"""Phone numbers in any written form, found and checked with the phonenumbers library.

``phonenumbers.PhoneNumberMatcher`` finds numbers however they are written
(spaces, dots, dashes, brackets, "+44 (0)", "00" and other countries), so no
pattern has to list the shapes. Its lenient mode also takes sort codes,
references and dates, so a hit is kept only if it is written as people write
phone numbers (it starts with "+", "00", "0" or a bracket; no "/") and, for a
UK number written nationally, has the 10 or 11 digits of one. Ofcom's drama
ranges (07700 900xxx, 01632 960xxx) are "possible" but not "valid" numbers,
which is why possibility, not validity, is checked. The YAML patterns still
run: the two results are joined.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import RecognizerResult

from .base import YamlPatternRecognizer

#: How a phone number starts when people write it: +44, 0044, 07700, (0161), (07700).
_START = re.compile(r"^(?:\+|00|0|\(0|\(\+)")


def _is_phone(raw: str, number: phonenumbers.PhoneNumber) -> bool:
    if "/" in raw or not _START.match(raw) or not phonenumbers.is_possible_number(number):
        return False
    digits = "".join(c for c in raw if c.isdigit())
    if raw.startswith(("+", "00", "(+")):
        return len(digits) >= 8
    # a national number's first group is its area code or mobile prefix (020, 0161, 01632, 07700): never
    # two digits, as in a reference "09-16-1989-535"
    first = re.match(r"\(?(\d+)", raw).group(1)
    return len(digits) in (10, 11) and digits[1] != "0" and (len(first) >= 3 or first == digits)


class PhoneNumberRecognizer(YamlPatternRecognizer):
    RULES = "phone_number"
    #: Where a number written without its country code is read as a national number.
    REGION = "GB"

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44") and pattern_text.lstrip().startswith("+"):
            digits = "0" + digits[2:]
        if digits.startswith("00"):
            digits = digits[1:]  # +44 (0)161: the bracketed 0 doubles up
        if not digits.startswith("0") or len(digits) not in (10, 11):
            return False
        return None

    def find(self, text: str) -> list[RecognizerResult]:
        results = super().find(text)
        for m in phonenumbers.PhoneNumberMatcher(text, self.REGION, leniency=phonenumbers.Leniency.POSSIBLE):
            if not _is_phone(m.raw_string, m.number):
                continue
            score = 0.7 + (self.spec.context.boost if self.has_context(text, m.start, m.end) else 0)
            results.append(RecognizerResult(self.spec.entity_type, m.start, m.end, min(1.0, score),
                                            recognition_metadata={"recognizer_name": self.name}))
        for r in results:
            r.start = _past_open_bracket(text[r.start:r.end], r.start)
        return _widest(results)


def _past_open_bracket(raw: str, start: int) -> int:
    """Where the number starts: a bracket the number does not close belongs to the sentence, as in
    "(07700 900388)", and removing it with the number would leave "[phone number])"."""
    return start + 1 if raw.startswith("(") and raw.count("(") > raw.count(")") else start


def _widest(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """One hit per number: where the pattern and the matcher overlap, the wider (then higher-scored) stays."""
    out: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (r.start, -(r.end - r.start), -r.score)):
        if out and r.start < out[-1].end:
            if r.end > out[-1].end:
                out[-1].end = r.end
            out[-1].score = max(out[-1].score, r.score)
            continue
        out.append(r)
    return out
