"""The leak check's own name shapes: people written in ways the engine's cues may not know.

The second opinion looks for capitalised words inside sentences; these shapes look where it cannot: a
word-like given name opening a sentence with a role after it ("Grace, the home's chaplain,"), a given
name from a part of a service ("Rose from the kitchen"), a title or given name with an initial ("Mr T",
"Joy P"), a user name made of a person's names ("joypennington65"), and an agency's name written in part
("Willow Bank" for "Willow Bank Care Home"). The word lists are the gate's (gate_name_shapes.yaml), not the
engine's, so a gap in the engine's cues is not a gap here. A first name alone is listed to confirm (as the
second opinion lists one, and `scan` prints where); every other shape fails the copy: a person, or the
setting that locates them, still written in it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Mapping

_WORD = r"[A-Z][a-z'’\-]+"
_GAP = r"[ \t]+"
#: after a single capital: not another letter or a word joined on, nor "P.m." or "B.12"
_INITIAL_END = r"(?![\w'’&/\-])(?!\.[ \t]*[a-z\d])"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    from ...redaction.recognizers.word_lists import word_lists

    return word_lists("gate_name_shapes")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lists = _lists()
    return {
        "role": re.compile(rf"(?<![\w'’\-])(?P<name>{_WORD}),[ \t]+(?:the|her|his|their|our|my)[ \t]+"
                           rf"(?:\S+[ \t]+){{0,2}}?(?i:{_alt(lists['role_after_comma'])})(?=[ \t]*,)"),
        "from": re.compile(rf"(?<![\w'’\-])(?P<name>{_WORD})[ \t]+from[ \t]+the[ \t]+(?i:{_alt(lists['from_the'])})(?![\w])"),
        "title": re.compile(rf"(?<![\w'’\-])(?:{_alt(lists['titles'])})\.?[ \t]+[A-Z]{_INITIAL_END}"),
        "given": re.compile(rf"(?<![\w'’\-])(?P<name>{_WORD})[ \t]+[B-HJ-Z]{_INITIAL_END}"),
        "user": re.compile(r"(?<![\w@.'’\-])(?P<letters>[a-z]{7,24})(?P<digits>\d{0,4})(?![\w@'’\-])(?!\.[A-Za-z])"),
    }


class NameShapes:
    """Finds the gate's name shapes in a piece of a copy (kept names, pseudonyms and tags already blanked)."""

    def __init__(self, *, is_word: Callable[[str], bool], is_given_name: Callable[[str], bool],
                 agency_parts: Mapping[str, str] = ()):
        self.is_word = is_word
        self.is_given_name = is_given_name
        self._labels = frozenset(w.casefold() for w in _lists()["letter_labels"])
        # an agency's part, written alone (the full name is kept, so it is blanked before this looks)
        self._parts = [re.compile(r"(?<![\w'’\-])" + _GAP.join(map(re.escape, p.split())) + r"(?![\w'’\-])")
                       for p in agency_parts]

    def find(self, text: str, original: str = "") -> list[tuple[int, int, bool]]:
        """(start, end, True) for every shape in ``text``."""
        rx = _patterns()
        out: list[tuple[int, int]] = []
        # a first name alone ("Grace, the home's chaplain,", "Rose from the kitchen") is listed to confirm,
        # as the second opinion lists one; the other shapes identify more, and fail the copy
        alone = [(m.start("name"), m.end("name")) for m in rx["role"].finditer(text) if self._name_like(m.group("name"))]
        alone += [(m.start("name"), m.end("name")) for m in rx["from"].finditer(text) if self.is_given_name(m.group("name"))]
        out += [(m.start(), m.end()) for m in rx["title"].finditer(text)]
        for m in rx["given"].finditer(text):
            if m.group("name").casefold() not in self._labels and self.is_given_name(m.group("name")):
                out.append((m.start(), m.end()))
        for m in rx["user"].finditer(text):
            if _name_shaped(m.group("letters"), bool(m.group("digits")), self.is_word, self.is_given_name):
                out.append((m.start(), m.end()))
        for part in self._parts:
            out += [(m.start(), m.end()) for m in part.finditer(text)]
        return sorted({(s, e, False) for s, e in alone if (s, e) not in out} | {(s, e, True) for s, e in out})

    def _name_like(self, word: str) -> bool:
        """A given name, or a capitalised word no dictionary knows ("However, the nurse," is no name)."""
        return self.is_given_name(word) or not self.is_word(word.casefold())


def _name_shaped(letters: str, digits: bool, is_word: Callable[[str], bool], is_given: Callable[[str], bool]) -> bool:
    """A given name run into a census surname ("joypennington", "kevinbrennan65"); never a dictionary word."""
    from ...redaction.given_names import surnames

    if is_word(letters) or any(is_word(letters[:k]) and is_word(letters[k:]) for k in range(2, len(letters) - 1)):
        return False  # a word, or two run together ("handover")
    family = surnames()
    for cut in range(3, len(letters) - 3):
        first, last = letters[:cut], letters[cut:]
        if last in family and is_given(first) and (digits or (len(last) >= 5 and not is_word(last))):
            return True
    return False
