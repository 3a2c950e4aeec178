"""Case, crime, incident and any other agency's reference numbers.

Three ways in, none of them a list of one agency's formats:

- the YAML patterns beside the YAML's cue words (the first recognizer, kept);
- a general rule: a token with digits (letters, "/" and "-" allowed, or digit
  groups split by single spaces) within a few words after a cue from
  ``redaction_rules/reference_cues.yaml``: a reference word ("ref", "no.",
  "ticket"), a system's name (Mosaic, CRIS, FWIN...) or any word of two to six
  capitals;
- a shape that is a reference wherever it stands: letters and at least five
  digits in one token ("LV56C25982", "E97/629390"), or seven digits or more
  joined by "/" or "-" ("09-16-1989-535").

Dates, times, years, financial years, sums of money and measurements are never
references.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .base import YamlPatternRecognizer
from .word_lists import alternation, word_lists

_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$|^\d{4}$|^\d{1,2}(?:st|nd|rd|th)$|^\d{1,2}:\d{2}$"
                   r"|^(?:19|20)\d{2}[/-]\d{2}(?:[/-]\d{2})?$|^(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d{2}$")
#: The number itself: digit groups split by single spaces ("5702 797 0089"), or one token of letters and digits
#: joined by "/" or "-" ("RX6-4362815", "W75/25/1929").
_VALUE = re.compile(r"(?:[A-Z]{0,3}\d{2,5}(?: \d{2,5}){1,3}(?! ?\d)|(?:[A-Za-z]{1,6}[/-]){0,3}[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[/-][A-Za-z0-9]+)*)"
                    r"(?![\w/-])")
#: What may follow a number that is a measure, a sum or a time, not a reference.
_UNIT = re.compile(r"[ \t]*(?:mg|mcg|ml|kg|g|lbs?|st|cm|mm|m|km|miles?|mph|days?|weeks?|months?|years?|yrs?|hours?|hrs?"
                   r"|mins?|minutes|seconds|%|am|pm|quid|pounds|pence|p|k|times|units?|people|pupils|calls)(?![\w])", re.I)
_STANDALONE = re.compile(r"(?<![\w/.-])(?:[A-Za-z0-9]+(?:[/-][A-Za-z0-9]+)*)(?![\w/-]|\.\d)")
_GAP = re.compile(r"[ \t]*(?:[:#\-–(][ \t]*)?")


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


#: After capitals that are no reference word or system ("BP 142/85"), two short numbers over a slash are a
#: reading; after a system's name they are its reference ("CRIS 639/17").
_READING = re.compile(r"^\d{1,3}/\d{1,3}$")


def _not_a_reference(value: str) -> bool:
    return _digits(value) < 3 or bool(_DATE.match(value))


class CaseReferenceRecognizer(YamlPatternRecognizer):
    RULES = "case_reference"

    def __init__(self, spec=None):
        super().__init__(spec)
        words = word_lists("reference_cues")
        cue = alternation(words["nouns"] + words["systems"])
        link = alternation(words["links"] + words["nouns"] + words["systems"])
        acronym = r"[A-Z]{2,6}"
        self._cue = re.compile(rf"(?<![\w])(?:(?P<word>(?i:{cue}))|{acronym})(?![\w])")
        self._link = re.compile(rf"[ \t]+(?:(?i:{link})|{acronym})(?![\w])|[ \t]*[:#](?!\w)")

    def invalidate_result(self, pattern_text: str) -> bool:
        # a date, a year or a time after "log" is not a reference
        return bool(_DATE.match(pattern_text))

    def find(self, text: str) -> list[RecognizerResult]:
        # the general rule's hits first: they hold the whole number ("5702 797 0089") where a pattern holds a part
        results: list[RecognizerResult] = []
        for start, end, score in self._after_cues(text) + self._standing_alone(text):
            if not any(r.start < end and start < r.end for r in results):
                results.append(RecognizerResult(self.spec.entity_type, start, end, score,
                                                recognition_metadata={"recognizer_name": self.name}))
        mine = list(results)
        results += [r for r in super().find(text) if not any(o.start < r.end and r.start < o.end for o in mine)]
        return results

    def _after_cues(self, text: str) -> list[tuple[int, int, float]]:
        out = []
        for m in self._cue.finditer(text):
            pos = m.end() + text.startswith(".", m.end())  # "log no. 1812 207 9935"
            for _ in range(4):  # "CPOMS incident no. 6482 301 5534": the words between a cue and its number
                link = self._link.match(text, pos)
                ahead = _VALUE.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip(" \t")))
                if not link or (ahead and _digits(ahead.group()) >= 3):
                    break  # "NRM referral number NRM-12-34567": the system's letters begin the number
                pos = link.end()
                if text.startswith(".", pos):
                    pos += 1
            gap = _GAP.match(text, pos)
            if gap.end() == pos and not text[pos:pos + 1].isspace():
                continue
            value = _VALUE.match(text, gap.end() if gap.end() > pos else pos + 1)
            if value is None or _not_a_reference(value.group()) or _UNIT.match(text, value.end()) \
                    or (m.group("word") is None and (_digits(value.group()) < 4 or _READING.match(value.group()))) \
                    or text[max(0, value.start() - 1):value.start()] in "£$€":
                continue
            out.append((value.start(), value.end(), 0.8))
        return out

    def _standing_alone(self, text: str) -> list[tuple[int, int, float]]:
        out = []
        for m in _STANDALONE.finditer(text):
            token = m.group()
            digits = _digits(token)
            mixed = any(c.isalpha() for c in token) and digits >= 5 and len(token) >= 6
            joined = ("/" in token or "-" in token) and digits >= 7 and not any(c.isalpha() for c in token)
            if (mixed or joined) and not _DATE.match(token):
                out.append((m.start(), m.end(), 0.6))
        return out
