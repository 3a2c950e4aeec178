"""How a one-word name part reads in its sentence: the word lists and small tests the case matcher uses to
tell "Grace said" (the daughter) from "Grace period agreed", "in May" and "the garden will cheer her up".

Every rule here keeps an ordinary word as itself; each has a test with the same word used as a name that
must still be removed (tests/test_redaction_engine.py, tests/test_anonymisation_ordinary_words.py).
"""

from __future__ import annotations

import re

from .lexicon import lexicon
from .name_variants import normalise

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
_NOT_BEFORE_NAME = {"i", "you", "we", "they", "he", "she", "it", "who", "which", "that", "this", "there", "a", "an",
                    "the", "of", "in", "no", "some", "any", "my", "your", "his", "her", "our",
                    "their", "its", "at", "on", "until", "till", "before", "after", "since", "good",
                    "free", "ill", "not", "also", "may", "might", "must", "shall", "would", "could", "should"}
_NOT_AFTER_NAME = {"be", "not", "have", "need", "try", "come", "go", "do", "get", "make", "see", "take", "call",
                   "visit", "attend", "continue", "ring", "phone", "contact", "review", "send", "arrange", "speak",
                   "check", "follow", "ask", "discuss", "update", "consider", "also", "then", "now", "still",
                   "probably", "need", "that", "to", "you", "we", "it", "this", "of", "period", "for", "the"}
# "Will"/"May" opening a sentence before one of these is the verb ("Will update her tomorrow"), not the person
_MODALS = {"will", "may"}
#: A sentence that starts in lower case: notes typed as they come ("sian now messaging someone").
_INFORMAL = re.compile(r"(?:^|[.!?]\s+)[a-z]{2,}\b(?![.@])")
def _third_person(word: str) -> bool:
    """"does", "wants", "goes": a verb for a person ("will does her shopping"), never after the modal."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


#: After a name opening a sentence, what people do ("Grace said", "Hope was seen", "Will rang"); any other
#: lower-case word leaves it as likely the ordinary word ("Grace period agreed", "Hope remained that").
_DONE_BY_A_PERSON = {"says", "said", "rang", "phoned", "texted", "told", "asked", "wants", "wanted", "was", "is",
                     "has", "had", "did", "does", "went", "goes", "came", "comes", "visited", "attended", "agreed",
                     "felt", "feels", "became", "moved", "lived", "lives", "stayed", "left", "returned", "refused",
                     "declined", "reported", "explained", "confirmed", "denied", "disclosed", "would", "could",
                     "should", "can", "cannot", "and", "also", "then", "now", "still", "never", "often", "later",
                     "herself", "himself", "spoke", "arrived", "called", "emailed", "messaged", "saw", "met",
                     "needs", "needed", "tried", "started", "stopped", "got", "gets", "made", "took", "gave",
                     "to", "you", "u", "we", "i", "me", "are", "were", "will", "may", "might", "must"}


def _word_opening_a_sentence(text: str, toks, norms, i: int) -> bool:
    """A name that is also a word, opening a sentence before a word that is not something people do:
    not sure enough to be the person ("Grace period agreed"); removed neutrally, to confirm."""
    if i + 1 >= len(toks) or text[toks[i][1]:toks[i + 1][0]] != " " or not toks[i + 1][2].islower():
        return False
    if toks[i][2][-2:] in ("'s", "’s") or toks[i][2][-1:] in ("'", "’"):
        return False  # "Grace's flat": a possessive is a person's
    if not starts_sentence(text, toks[i][0]):
        return False
    if norms[i + 1] in _DONE_OR_DONE_TO and i + 2 < len(toks) and norms[i + 2] in _PLACE_WORDS:
        return True  # "Mark made on the falls register": a mark was made; "Mark made a call": the person
    if _third_person(norms[i + 1]) and i + 2 < len(toks) and norms[i + 2] in _PLURAL_VERBS:
        return True  # "Angel cards were spread": a plural noun, not a verb, after the word
    return norms[i + 1] not in _DONE_BY_A_PERSON and not _third_person(norms[i + 1])


#: Words that are something a person did or something done to a thing ("made", "left"), and the
#: words that, straight after, read as the thing done to ("made on the register", "left in the file").
_DONE_OR_DONE_TO = {"made", "left", "placed", "put", "sent", "kept", "added", "noted", "recorded", "set"}
_PLACE_WORDS = {"on", "in", "onto", "into", "at", "against", "within"}
#: Verbs that take a plural subject: a word ending in -s just before one is a plural noun ("cards were").
_PLURAL_VERBS = {"were", "are", "have"}


_BEFORE_A_MONTH = {"in", "on", "of", "since", "until", "till", "by", "during", "from", "last", "next", "early", "late",
                   "mid", "this", "before", "after", "through", "throughout", "between", "to", "that", "each", "every"}


def _TITLE_FORMS() -> frozenset[str]:  # noqa: N802 - a cached constant
    global _TITLES_CACHE
    if _TITLES_CACHE is None:
        lex = lexicon()
        _TITLES_CACHE = frozenset({normalise(t.rstrip(".")) for t in lex.titles}
                                  | {normalise(f.rstrip(".")) for forms in lex.honorifics.values() for f in forms})
    return _TITLES_CACHE


_TITLES_CACHE: frozenset[str] | None = None


def _JOB_AFTER() -> frozenset[str]:  # noqa: N802 - a cached constant
    """Words that, after a one-word name that is also a word, make it a job title ("Ward Sister")."""
    global _JOB_AFTER_CACHE
    if _JOB_AFTER_CACHE is None:
        from .job_words import job_words

        _JOB_AFTER_CACHE = frozenset(job_words()) | {"sister", "nurse", "manager", "officer", "worker", "clerk"}
    return _JOB_AFTER_CACHE


_JOB_AFTER_CACHE: frozenset[str] | None = None
_BARE_VERBS = {"be", "not", "have", "need", "try", "come", "go", "do", "get", "make", "see", "take", "call", "visit",
               "attend", "continue", "ring", "phone", "contact", "review", "send", "arrange", "speak", "check",
               "follow", "ask", "discuss", "update", "consider", "complete", "chase", "refer", "write", "email",
               "liaise", "monitor", "remain", "require", "let", "give", "look", "keep"}
# a name that is also a verb, opening a sentence before one of these, is the verb with its object
# ("Mark the chart", "Hope you are well"); never for other names ("Grace you there?" is Grace)
_VERB_NAMES = {"will", "may", "mark", "hope", "pat", "rob", "sue", "bill", "chase", "nick", "hunt", "drew"}
_OBJECT_WORDS = {"the", "a", "an", "this", "these", "those", "it", "its", "that", "you", "we", "they", "all", "any",
                 "each", "every", "some", "your", "our"}
#: What may stand just before a word that opens a sentence: a full stop, colon or table bar, a line start or
#: tab, a bracket, a dash or bullet, a run of spaces (a column), a message label's "]", and a quotation mark
#: (He said "Will you stop interfering"). The one rule for the engine: the leak gate keeps its own.
_SENTENCE_START = re.compile(r"(?:^|[.!?|:;(\n\-–—•*\]]\s*|\t\s*|\s{2,}|[\"“‘]\s*)$")
#: A list number or bullet that itself opens a sentence ("1.1 Dip sample 20 reports", "• Grace rang").
#: Never the end of a word ("SW1. New lodger": the "1." is the pseudonym's, and the full stop ends a sentence).
_LIST_MARKER = re.compile(r"(?<![\w.])(?:\(?\d+(?:\.\d+)*[.)]?|[•·▪◦*])[ \t]+$")


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is capitalised because of where it stands (the start of the text, a
    line, a sentence, a list item, a table cell or a quotation), so its capital says nothing of a name."""
    if start == 0 or _SENTENCE_START.search(text[max(0, start - 3):start]):
        return True
    marker = _LIST_MARKER.search(text, max(0, start - 12), start)
    return bool(marker) and marker.start() < start and (
        marker.start() == 0 or _SENTENCE_START.search(text[max(0, marker.start() - 3):marker.start()]) is not None)
# "Will she cope?", "May I ask": a modal opening a question before its subject
_SUBJECTS = {"she", "he", "i", "we", "you", "they", "it", "there", "everyone", "anyone", "someone", "staff"}
# after a lower-case "will" or "may", these leave it a name ("texted will about the rent"); any other
# lower-case word makes it the verb ("the garden will cheer her up", "will mark the file")
_AFTER_A_NAME = {"about", "and", "or", "to", "at", "in", "on", "with", "from", "for", "of", "by", "is", "was",
                 "has", "had", "who", "but", "if", "again", "too", "as", "re"}
# after a name in lower-case messages and notes, never after the ordinary word
_TOLD_BY_NAME = {"says", "said", "rang", "phoned", "texted", "told", "asked", "wants", "thinks", "reckons", "doesnt",
                 "isnt", "wasnt", "hasnt"}
_TITLES_AND_WORDS = {"mr", "mrs", "ms", "miss", "dr", "and", "the", "of", "to", "in", "on", "at", "or", "said",
                     "says", "was", "is", "has", "had", "and", "but", "who", "with", "from"}
