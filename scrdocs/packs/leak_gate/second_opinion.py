"""The gate's second opinion: names the engine did not recognise, found by signals it does not share.

The NER rescan asks the engine again, so it shares the engine's blind spots
("A family friend, Jason Meadows, told...": the model sees a person, the
engine's filters drop it because both words are in the dictionary). This
pass looks at the copy a person will read, with different signals:

- a capitalised word inside a sentence that nothing accounts for: not a
  kept person, agency, pseudonym or tag (those are blanked before it looks),
  not a known term (the engine's word lists in redaction_rules/, and
  ``gate_known_terms.yaml``), not a dictionary word;
- a dictionary word counts as a name too where the raw language model
  (before any of the engine's filters) or a given-name list says it is one.

Two such words side by side are a full name: that fails the pack. A single
one is listed in the redaction report as an "unexplained name to confirm"
and does not: a first name alone, an unusual term, a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

from .forms import fold

from .units import Unit

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
#: What may stand before a word that starts a sentence, a heading or a list item (so its capital says nothing).
_SENTENCE_START = set(".!?:;\u2022*\u2013\u2014\"\u201c\u2018|>")
#: Pieces where most words are capitalised are headings or table cells, not sentences.
_TITLE_CASE_SHARE = 0.6


@dataclass(frozen=True)
class Unexplained:
    """A capitalised word nothing accounts for, in the copy. ``start``/``end`` are offsets into its piece."""

    file: str
    location: str
    offset: int  # into the unit's text, for its location
    start: int
    end: int
    word: str
    full_name: bool  # beside another unexplained word: fails the gate


@lru_cache(maxsize=1)
def known_terms() -> frozenset[str]:
    """Every word the engine's own lists know as not-a-name, plus the gate's list of terms (data, not code)."""
    from ...redaction.lexicon import lexicon, read_rules_file
    from ...redaction.words import DETERMINERS, FUNCTION_WORDS, ORG_WORDS, RANKS, ROLE_WORDS
    from ...resources import data_dir

    lex = lexicon()
    words: set[str] = set(RANKS | ROLE_WORDS | DETERMINERS | FUNCTION_WORDS | ORG_WORDS)
    phrases = [*lex.titles, *(f for forms in lex.honorifics.values() for f in forms), *lex.keep_places,
               *lex.keep_organisations, *lex.not_initials]
    words |= set(lex.postnominals | lex.particles | lex.ner_ignore | lex.relationship_words | lex.vehicle_makes
                 | lex.vehicle_models)
    for section in ("after_name", "lowercase_after_name", "before_name"):
        for group in (lex.settings.get(section) or {}).values():
            phrases += group.get("cues", [])
    path = data_dir("redaction_rules") / "gate_known_terms.yaml"
    if path.is_file():
        data = read_rules_file(path)
        for key in ("terms", "phrases"):
            phrases += [str(t) for t in (data.get(key) or [])]
    phrases += template_phrases()
    for phrase in phrases:
        words |= {w.casefold() for w in _WORD.findall(fold(phrase))}
    return frozenset(words)


_TAG = re.compile(r"\{[{%#].*?[%}#]\}", re.S)
_W_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def template_phrases() -> list[str]:
    """The words the shipped templates print themselves (headings, column titles, wording.yaml):
    "Lead person", "Monitoring", "Status" in an action plan are the template's, never a name."""
    import zipfile

    from ...resources import data_dir

    folder = data_dir("templates")
    phrases: list[str] = []
    for path in sorted(folder.glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            for part in archive.namelist():
                if part.startswith("word/") and part.endswith(".xml"):
                    text = " ".join(t.decode("utf-8", "replace") for t in _W_TEXT.findall(archive.read(part)))
                    phrases.append(_TAG.sub(" ", text))
    wording = folder / "wording.yaml"
    if wording.is_file():
        phrases.append(_TAG.sub(" ", wording.read_text(encoding="utf-8")))
    return phrases


class SecondOpinion:
    """Finds unexplained capitalised words in a unit's text (already blanked where names may stay)."""

    def __init__(self, *, is_word: Callable[[str], bool] | None, accounted: Iterable[str] = (),
                 sensitive: Iterable[str] = (), find_people: Callable[[list[str]], Sequence[Sequence[Any]]] | None = None,
                 is_given_name: Callable[[str], bool] | None = None):
        self.is_word = is_word or (lambda w: False)
        self.accounted = set(known_terms()) | {w.casefold() for a in accounted for w in _WORD.findall(fold(a))}
        # A case person's name is the case check's to report (by pseudonym); never listed here by the word.
        self.sensitive = {w.casefold() for s in sensitive for w in _WORD.findall(fold(s))}
        self.find_people = find_people  # raw NER: texts -> spans with start, end, entity_type
        self.is_given_name = is_given_name
        self._people_cache: dict[str, list[tuple[int, int]]] = {}
        #: the gate's own name shapes (gate_shapes.py), where the engine's cues may have missed one
        self.shapes: Any = None

    def find(self, unit: Unit, masked: str) -> list[Unexplained]:
        """Every unexplained word of ``unit``; ``masked`` is its text with kept names and labels blanked."""
        found: list[Unexplained] = []
        for offset, piece in unit.pieces():
            text = masked[offset:offset + len(piece)]
            shapes = self.shapes.find(text, unit.text[offset:offset + len(piece)]) if self.shapes else []
            taken = [(s, e) for s, e, _ in shapes]
            for start, end, full in shapes + [f for f in self._in_piece(text)
                                              if not any(s <= f[0] < e for s, e in taken)]:
                found.append(Unexplained(unit.file, unit.where(offset + start), offset + start, start, end,
                                         unit.text[offset + start:offset + end], full))
        return found

    def maybe_names(self, text: str) -> list[tuple[int, int]]:
        """Every capitalised word of ``text`` that may be a name, wherever it stands (a sentence's first word
        too): unaccounted, and a given name or no dictionary word. The leak report's quotes mask these."""
        return [(m.start(), m.end()) for m in _WORD.finditer(text) if _capitalised(m.group())
                and (_norm(m.group()) in self.sensitive or self._unaccounted(m.group()) and (
                    not self._is_word(m.group()) or (self.is_given_name is not None and self.is_given_name(m.group()))))]

    # -- one piece (a paragraph, a cell) -----------------------------------------------
    def _in_piece(self, text: str) -> list[tuple[int, int, bool]]:
        words = list(_WORD.finditer(text))
        capitalised = [m for m in words if _capitalised(m.group())]
        if not capitalised or (len(words) > 1 and len(capitalised) / len(words) >= _TITLE_CASE_SHARE):
            return []
        candidates = [m for m in capitalised if _mid_sentence(text, m.start()) and self._unaccounted(m.group())]
        if not candidates:
            return []
        weak = [m for m in candidates if self._is_word(m.group())]
        people = self._people(text) if weak and self.find_people is not None else []
        names = [m for m in candidates if not self._is_word(m.group()) or _inside(m, people)
                 or (self.is_given_name is not None and self.is_given_name(m.group()))]
        out = []
        for i, m in enumerate(names):
            beside = ((i > 0 and _adjacent(text, names[i - 1], m)) or
                      (i + 1 < len(names) and _adjacent(text, m, names[i + 1])))
            out.append((m.start(), m.end(), bool(beside)))
        return out

    def _unaccounted(self, word: str) -> bool:
        norm = _norm(word)
        parts = [p for p in re.split(r"[-']", norm) if p]
        if len(norm) < 2 or norm in self.accounted or all(p in self.accounted for p in parts):
            return False
        return not (norm in self.sensitive or any(p in self.sensitive for p in parts))

    def _is_word(self, word: str) -> bool:
        norm = _norm(word)
        return self.is_word(norm) or all(self.is_word(p) for p in re.split(r"[-']", norm) if p)

    def _people(self, text: str) -> list[tuple[int, int]]:
        if text not in self._people_cache:
            spans = self.find_people([text])[0]  # type: ignore[misc]
            self._people_cache[text] = [(s.start, s.end) for s in spans if getattr(s, "entity_type", "") == "PERSON"]
        return self._people_cache[text]


def _norm(word: str) -> str:
    return re.sub(r"'s$", "", fold(word).casefold())


def _capitalised(word: str) -> bool:
    if re.fullmatch(r"[A-Z]{2,}s", word):
        return False  # an abbreviation's plural ("IMRs"), not a name
    return word[0].isupper() and any(c.islower() for c in word[1:])


def _mid_sentence(text: str, start: int) -> bool:
    i = start  # back over spaces, without copying the text before (long texts stay linear)
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return not (i == 0 or text[i - 1] == "\n" or text[i - 1] in _SENTENCE_START)


def _adjacent(text: str, first: re.Match, second: re.Match) -> bool:
    return re.fullmatch(r"[ \t]+", text[first.end():second.start()]) is not None


def _inside(m: re.Match, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() and m.end() <= e for s, e in spans)


def raw_person_finder(model_name: str) -> Callable[[list[str]], list[list[Any]]]:
    """The language model before the engine's filters: an opinion the engine's own rules do not colour."""
    from ...redaction.ner import NerDetector

    detector = NerDetector(model_name)  # the model is loaded once per process and shared
    return detector.find_many
