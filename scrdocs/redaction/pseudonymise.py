"""Replacement text that reads as if the document had been written anonymously.

* The possessive stays outside the span, so "Edith's" becomes "Adult A's".
* A name in capitals becomes the pseudonym in capitals ("EDITH MARLOW" -> "ADULT A").
* Otherwise the pseudonym keeps its own case ("Adult A", "SW1", "son"), except
  that a lower-case pseudonym at the start of a sentence gets a capital ("Son").
* People found only by NER are numbered in order of first appearance across the
  whole run ("Person 1", "Person 2"); the same name (however written) gets the same number.
"""

from __future__ import annotations

import re

from .name_variants import tokens

_LEADING_SPACE = re.compile(r"\s*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s+|\n\s*|^\s*[\-\u2022*]\s*)$")


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start]
    # "nothing but white space before": measured from the front, not by copying text[:start]
    return start == 0 or bool(_SENTENCE_END.search(before)) or start <= _LEADING_SPACE.match(text).end()


def fit_case(replacement: str, original: str, text: str, start: int) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not replacement.startswith("["):
        return replacement.upper()
    if replacement[:1].islower() and at_sentence_start(text, start):
        return replacement[:1].upper() + replacement[1:]
    return replacement


class NerPeople:
    """Numbers for people the case file does not list, stable across a run."""

    def __init__(self, titles: set[str], prefix: str = "Person"):
        self.prefix = prefix
        self._titles = titles
        self._by_key: dict[tuple[str, ...], int] = {}
        self._by_token: dict[str, set[int]] = {}
        self.surface: dict[int, str] = {}

    def key(self, surface: str) -> tuple[str, ...]:
        toks = [t for t in tokens(surface) if t not in self._titles]
        if toks and toks[-1].endswith("s") and len(toks[-1]) > 2 and re.search(r"['’]s\s*$", surface):
            toks[-1] = toks[-1][:-1]
        return tuple(toks)

    def number(self, surface: str) -> int:
        key = self.key(surface)
        if key in self._by_key:
            return self._by_key[key]
        if len(key) == 1 and len(self._by_token.get(key[0], ())) == 1:  # "Doyle" after "Kevin Doyle"
            return next(iter(self._by_token[key[0]]))
        if len(key) >= 2 and len(key[-1]) == 1:  # "Joanna K." after "Joanna Kaczmarek"
            same = {n for k, n in self._by_key.items() if len(k) >= 2 and k[0] == key[0] and k[-1].startswith(key[-1])}
            if len(same) == 1:
                number = same.pop()
                self._by_key[key] = number
                return number
        number = len(self._by_key) + 1
        while number in self.surface:
            number += 1
        self._by_key[key] = number
        self.surface.setdefault(number, " ".join(surface.split()))
        for t in key:
            if len(t) > 2:
                self._by_token.setdefault(t, set()).add(number)
        return number

    def label(self, surface: str) -> str:
        return f"{self.prefix} {self.number(surface)}"

    def initials(self) -> dict[str, int]:
        """"JK" for Joanna Kaczmarek: initials of people with a first and last name, when only one person has them."""
        found: dict[str, set[int]] = {}
        for key, number in self._by_key.items():
            words = [t for t in key if t.isalpha()]
            if len(words) >= 2:
                found.setdefault((words[0][0] + words[-1][0]).upper(), set()).add(number)
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def known_tokens(self) -> dict[str, set[int]]:
        """Name parts of people already found, to catch later mentions NER misses."""
        return self._by_token
