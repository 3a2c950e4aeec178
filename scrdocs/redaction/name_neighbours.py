"""Whose name is it? A one-word name part read beside the words around it.

A case person's first name, alias, hyphen part or surname on its own is one
word, and the same word is often somebody else's name, or an ordinary word:

* beside another capitalised, name-like word that is no part of the same
  person's name ("Jo Sturgess" when the child is Maisie-Jo, "Mrs Rose Smith"
  when the sister is Ava-Rose) it belongs to a different person: the whole
  name is removed with a neutral word and listed, never given the case
  person's pseudonym;
* a part that is an ordinary word, inside a longer proper name made of
  ordinary words or places ("the Yorkshire Dales", "Rose Court"), is no name.

Each word beside the part is one of: the same person's ("own"), a title,
rank or relationship word ("title"), an ordinary word, place or
organisation word ("word"), a name-like word ("name"), or nothing that
counts (lower case, another line, punctuation between).
"""

from __future__ import annotations

from .job_words import job_words
from .lexicon import lexicon
from .name_variants import normalise
from .words import DETERMINERS, FUNCTION_WORDS, ORG_WORDS

OWN, TITLE, WORD, NAME = "own", "title", "word", "name"
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
# words that say whose a name is rather than making a longer name ("the Brown family", "The Marlow twins")
_NEUTRAL = {"family", "families", "household", "siblings", "twins", "children", "child", "and", "or", "but", "if",
            "when", "then", "so", "as", "with", "from", "by", "about", "after", "before", "per", "via"}
# which parts of a name a different person's name next to them takes away from the case person
_LOOSE_PARTS = {"part", "middle", "alias"}


class Neighbours:
    """Classifies the words beside a one-word name part; built once per run by the case matcher."""

    def __init__(self, owner_tokens: dict[str, set[str]], common_words: frozenset[str]):
        lex = lexicon()
        self._owner_tokens = owner_tokens
        self._common = common_words
        self._titles = ({normalise(t) for t in lex.titles} | {normalise(f) for fs in lex.honorifics.values() for f in fs}
                        | set(job_words()) | set(lex.relationship_words))
        self._words = ({t for p in lex.keep_places for t in normalise(p).split()} | set(lex.ner_ignore)
                       | ORG_WORDS | _DAYS | (_MONTHS - lex.also_words))

    def surname_after(self, text: str, toks, norms, k: int, owners) -> bool:
        """Token ``k``, right after a first name, reads as a surname that is not the owners': capitalised,
        not theirs, not a title, job, place, organisation, day or month word ("Dean Foster", "Kay Patel")."""
        if k >= len(toks) or text[toks[k - 1][1]:toks[k][0]] != " ":
            return False
        raw, norm = toks[k][2], norms[k]
        if not (raw[:1].isupper() and raw[1:2].islower()) or any(c.isdigit() for c in raw) or len(norm) < 2:
            return False
        if norm in self._words or norm in self._titles or norm in _NEUTRAL or norm in FUNCTION_WORDS \
                or norm in DETERMINERS:
            return False
        return self.kind(text, toks, norms, k, owners, before=False) in (NAME, WORD)

    def is_word(self, norm: str) -> bool:
        """An ordinary word (the model's dictionary, with a common ending taken off) that is not a name list word."""
        if self._given_not_word(norm):
            return False  # "Daniel": the model's tables hold it in lower case, the word list only with a capital
        if norm in self._common:
            return True
        return any(norm.endswith(s) and norm[:-len(s)] in self._common for s in ("s", "es"))

    @staticmethod
    def _given_not_word(norm: str) -> bool:
        from .given_names import given_names
        from .name_list import dictionary_words

        words = dictionary_words()
        return bool(words) and norm in given_names() and norm not in words

    def kind(self, text: str, toks, norms, k: int, owners, *, before: bool) -> str | None:
        """What token ``k`` is to the name part beside it (``before``: it comes first)."""
        if k < 0 or k >= len(toks):
            return None
        a, b = (toks[k], toks[k + 1]) if before else (toks[k - 1], toks[k])
        if text[a[1]:b[0]] != " ":
            return None
        raw, norm = toks[k][2], norms[k]
        if not raw[:1].isupper() or any(c.isdigit() for c in raw) or len(norm) < 2:
            return None
        if norm in _NEUTRAL or norm in FUNCTION_WORDS or norm in DETERMINERS:
            return None
        if any(norm in self._owner_tokens.get(o, ()) for o in owners):
            return OWN
        if norm in self._titles:
            return TITLE
        if norm in self._words:
            return WORD
        if raw.isupper() and len(raw) > 1:
            return None  # an abbreviation or a heading in capitals, not a name
        opening = before and _opens_sentence(text, toks[k][0])
        if self.is_word(norm) and norm not in lexicon().also_words:
            # an ordinary word opening a sentence ("Yesterday Jo said", "Dear Rose") says nothing
            return None if opening else WORD
        # without a dictionary a capital opening a sentence ("Later Graham said") cannot be told from a name
        return None if opening and not self._common else NAME

    def verdict(self, text: str, toks, norms, i: int, part: str, owners, professional: bool,
                risky: bool) -> tuple[str, int, int] | None:
        """None when the one-word part at ``i`` stands as the case person's; else ("other", first, last token)
        for a different person's name, or ("word", i, i) when it is an ordinary word in a proper name."""
        if _after_an_article(text, toks, norms, i, capitals=risky and part != "surname"):
            # "the landlord sent a sparky", "The Duke of Edinburgh award": a thing or a title, not the person
            # called Sparky or Duke ("the Marlows" is the surname's, and stays the family's)
            return "word", i, i
        before = self.kind(text, toks, norms, i - 1, owners, before=True)
        after = self.kind(text, toks, norms, i + 1, owners, before=False)
        # a first name beside a surname that is not theirs is somebody else's name ("Kayleigh Adams" when the
        # mother is Kayleigh Brennan): removed neutrally and listed, never given her pseudonym
        loose = part in _LOOSE_PARTS or part == "given"
        if after == NAME and loose:
            return "other", i - 1 if before == NAME else i, i + 1
        if before == NAME and (loose or part == "surname"):
            return "other", i - 1, i
        if risky and WORD in (before, after) and OWN not in (before, after) and TITLE not in (before, after):
            return "word", i, i
        return None


#: A lower-case word right after one of these is a thing, not a person's name.
_ARTICLES = {"a", "an", "the", "another", "some", "any", "every", "each", "no"}


def _after_an_article(text: str, toks, norms, i: int, *, capitals: bool = False) -> bool:
    raw = toks[i][2]
    return ((raw.islower() or capitals) and i > 0 and norms[i - 1] in _ARTICLES
            and text[toks[i - 1][1]:toks[i][0]] == " ")


def _opens_sentence(text: str, pos: int) -> bool:
    # walks back over spaces instead of copying text[:pos]: a long text is read in one pass, not quadratically
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in ".!?:;\n\"“(" or text[max(0, pos - 2):pos].endswith("\n")
