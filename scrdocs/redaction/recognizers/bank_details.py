"""Bank sort codes and account numbers; each hit says which it is.

Beside a cue word (the YAML's context) any common written form is taken. Two
shapes are bank details without a cue: an IBAN whose check digits are right
(ISO 13616 mod 97: a made-up IBAN with the right check digits is still taken,
as it should be), and a sort code written straight before an account number or
an IBAN, the way people pass them on in a message.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .base import YamlPatternRecognizer

_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])")
_SORT = r"\d{2}([ .-]?)\d{2}(?P=sep)\d{2}"
_ACCOUNT = r"\d{4}[ ]?\d{4}|\d{2} \d{2} \d{2} \d{2}|[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?"
_PAIR = re.compile(rf"(?<![\w/.-])(?P<sort>\d{{2}}(?P<sep>[ .-]?)\d{{2}}(?P=sep)\d{{2}})[ \t]+"
                   rf"(?P<account>{_ACCOUNT})(?![\w/-]|\.\d)")


def iban_ok(written: str) -> bool:
    """An IBAN's check digits: the country and check moved to the end, letters as 10-35, the whole mod 97 is 1."""
    compact = written.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


class BankDetailsRecognizer(YamlPatternRecognizer):
    RULES = "bank_details"

    def validate_result(self, pattern_text: str) -> bool | None:
        if pattern_text[:1].isalpha():
            return None if iban_ok(pattern_text) else False
        return None

    def find(self, text: str) -> list[RecognizerResult]:
        # the shapes that need no cue come first: they also say where a sort code ends and its account begins
        strong = [self._hit(m.start(), m.end(), 0.9) for m in _IBAN.finditer(text) if iban_ok(m.group())]
        for m in _PAIR.finditer(text):
            strong += [self._hit(m.start("sort"), m.end("sort"), 0.75), self._hit(m.start("account"), m.end("account"), 0.75)]
        out: list[RecognizerResult] = []
        for r in sorted(strong, key=lambda r: (r.start, -r.end)) + super().find(text):
            if any(o.start < r.end and r.start < o.end for o in out):
                continue
            digits = sum(ch.isdigit() for ch in text[r.start:r.end])
            r.entity_type = "SORT_CODE" if digits == 6 and text[r.start].isdigit() else "BANK_ACCOUNT"
            out.append(r)
        return sorted(out, key=lambda r: r.start)

    def _hit(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(self.spec.entity_type, start, end, score,
                                recognition_metadata={"recognizer_name": self.name})
