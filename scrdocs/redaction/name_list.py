"""People the case file does not know, found by the list of given names (issue 11, signal "name list").

The NER model drops "Judith Rogers" and never sees "roy" in a note. A given
name from a list of many origins (given_names.py) is a signal independent of
the model and of the cues; it decides alone only where the word cannot be an
ordinary one:

- a listed given name that is not a dictionary word, written with a capital
  ("Judith", "Caoilfhionn"), with the capitalised surname-like words after it
  ("Judith Rogers", "Neville Ó Hicín");
- a listed given name that is also a word ("Hope", "Piper", "Sandy") only where
  it is used as a name: with a surname that is not a word ("Piper Carroll"),
  with a capital inside a sentence ("said that Harmony had"), or opening one
  before a verb of speech ("Sandy told the reviewer");
- in informal notes (sentences that open in lower case), a lower-case listed
  name that is not a word ("met julie and roy"), with a lower-case surname
  after it that is not a word either ("elizabeth lowe").

Never: a word after "the" or "St", a name run that goes on into a place or an
organisation ("Victoria Street", "Florence Nightingale Hospital"), a job, rank,
title or label word, a kept agency's own word or the board's places. What it
finds is removed with a neutral "[name]" and listed "to confirm".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .given_names import given_names, surnames
from .name_reading import starts_sentence
from .name_variants import TOKEN_RE, normalise
from .spans import Candidate
from .words import DETERMINERS, FUNCTION_WORDS, ORG_WORDS, RANKS, ROLE_WORDS, RunWords

NEUTRAL = "[name]"
TO_CONFIRM = "to confirm"
_POSSESSIVE = re.compile(r"['’]s$")
#: "I'm", "I've", "we'll", "they're", "I'd", "can't": a word and its contraction (never "O'Neill", "D'Arcy")
_CONTRACTION = re.compile(r"['’](?:m|ve|ll|re|d|t)$")
#: Words that, after a capitalised run, make it a place or a building, not a person.
PLACE_WORDS = frozenset({
    "street", "road", "lane", "avenue", "close", "court", "drive", "way", "grove", "crescent", "terrace",
    "gardens", "mews", "row", "place", "walk", "square", "hill", "park", "house", "lodge", "cottage", "farm",
    "view", "estate", "ward", "village", "green", "common", "bridge", "station", "airport", "prison", "road's",
    "centre", "center", "hall", "tower", "towers", "building", "flats", "parade", "market", "arms", "inn",
    "nursery", "pharmacy", "clinic", "stores", "garage", "cafe", "café", "bank", "office", "tandoori",
    "chapel", "church", "mosque", "temple", "primary", "secondary", "infant", "junior", "high", "academy",
    "college", "university", "hospital", "surgery", "medical", "health", "homecare", "home", "homes",
    "community", "court's", "avenue's", "syndrome", "disease", "award", "act", "fund", "foundation",
})
#: Words after a name opening a sentence that say a person is meant ("Sandy told", "Hope has asked").
SPEECH = frozenset({"said", "says", "told", "tells", "asked", "rang", "phoned", "texted", "called", "reported",
                    "explained", "stated", "disclosed", "agreed", "confirmed", "denied", "admitted", "recalled",
                    "described", "messaged", "emailed", "visited", "attended", "arrived", "wants", "wanted",
                    "and", "has", "had", "was", "is", "would", "will", "did", "does", "could"})
#: Words after a word-like name at a sentence start that can follow the word itself: not evidence there.
_WEAK_SPEECH = frozenset({"and", "has", "had", "was", "is", "would", "will", "did", "does", "could"})
#: Small words inside a surname besides names.yaml's particles ("Mac an Iomaire", "van 't Houteveen").
_INNER_PARTICLES = frozenset({"an", "t", "'t", "’t", "y", "e", "dos", "das", "della", "degli", "ter", "ten"})
_MODAL = frozenset({"will", "may", "can", "must", "shall", "might"})
#: Endings of English agent and abstract nouns ("Referrer", "Assessor", "Practitioner", "Safeguarding"): a
#: capitalised word with one of them that no given-name or surname list holds is a form word the dictionary
#: happens to lack, not the rest of a name (a name part that ends so, "Fletcher", "Taylor", is in the lists).
_ENGLISH_ENDING = re.compile(r"(?:er|or|ist|ing|tion|sion|ment|ness|ship|ism|ology|ance|ence)$")
#: After a word-like name opening a sentence, "to" or a modal, then one of these: an action for a person
#: ("Will to chase the GP", "Grace will call back"), never what the word itself does.
_MODAL_AFTER = frozenset({"will", "would", "can", "could", "should", "must", "may", "might", "shall"})
_ACTIONS = frozenset({"call", "ring", "phone", "text", "email", "chase", "contact", "visit", "speak", "attend",
                      "arrange", "follow", "send", "write", "refer", "book", "check", "update", "liaise", "meet",
                      "complete", "review", "discuss", "share", "confirm", "ask", "tell", "come", "collect"})
_INFORMAL = re.compile(r"(?:^|(?<![a-z]\.[a-z])[.!?]\s+|\n\s*)[a-z]{2,}")
_LOWER_SENTENCE_WORDS = frozenset({"e", "i", "eg", "ie", "etc", "cf", "vs", "am", "pm", "mg", "ml", "kg"})


#: The system word list (Debian's wbritish, installed by scripts/install-system-tools.sh): its lower-case
#: entries are ordinary words; "Judith" is there only with a capital, so it is a name, not a word. The NER
#: model's WordNet tables hold "judith", "mary" and "david" in lower case, so they cannot tell these apart.
DICTIONARIES = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/words"))
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")


@lru_cache(maxsize=1)
def dictionary_raw() -> frozenset[str]:
    """Lower-case entries of the system word list as written ("café", "fiancé")."""
    for path in DICTIONARIES:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        return frozenset(w for w in (line.strip() for line in lines) if w and w.islower())
    return frozenset()


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lower-case entries of the system word list, folded as names are, or nothing when none is installed."""
    return frozenset(normalise(w) for w in dictionary_raw() if not w.endswith("'s"))


class ListedNames:
    """The name-list signal over one text; shares the run's word sets."""

    def __init__(self, words: RunWords, not_names: frozenset[str], job_words: frozenset[str], stop_words,
                 date_words: frozenset[str] = frozenset()):
        self._w = words
        self._date_words = date_words
        self._given = given_names()
        self._surnames = surnames()
        self._not_names = not_names
        self._job = job_words
        self._stop = stop_words
        self._dict = dictionary_words()

    def find(self, text: str) -> list[Candidate]:
        toks = list(TOKEN_RE.finditer(text))
        informal = self._informal(text)
        out: list[Candidate] = []
        i = 0
        while i < len(toks):
            raw = toks[i].group()
            found = None
            if raw[:1].isupper() and not (raw.isupper() and len(raw) > 1) and not _abbreviation(raw):
                found = self._capitalised(text, toks, i)
            elif raw.islower():
                found = self._lowercase(text, toks, i, informal)
            if found is None:
                i += 1
                continue
            cand, i = found
            out.append(cand)
        return out + (self._lower_again(text, toks, out) if informal else [])

    def unknown_name(self, raw: str) -> bool:
        """A capitalised word that can only be a name: no dictionary word, no word of the engine's lists
        ("Ondruš", "Ergül"), not in capitals, not a title, job, place or organisation word."""
        norm = self._norm(raw)
        if not raw[:1].isupper() or (raw.isupper() and len(raw) > 1) or len(norm) < 2 or not raw.replace("-", "").replace("'", "").replace("’", "").isalpha():
            return False
        if self._never(norm) or self._w.is_word(norm) or norm in self._w.lex.particles:
            return False
        if _ENGLISH_ENDING.search(norm) and norm not in self._given and norm not in self._surnames:
            return False
        return not self._ordinary(norm, raw) or (norm in self._surnames and not self._word(norm))

    def _not_a_name_here(self, text: str, toks: list, i: int) -> bool:
        """Shapes in which a listed given name is a word of English, not a person: a contraction ("I'm",
        "I've": the list has "Im"), one of a slash-joined run of words ("Red/Amber/Green"), and a day's or
        month's abbreviation opening a date ("Mon 5 Aug", "Weds 3rd")."""
        raw, start, end = toks[i].group(), toks[i].start(), toks[i].end()
        if _CONTRACTION.search(raw):
            return True
        for at, step in ((start - 1, -1), (end, 1)):
            if 0 <= at < len(text) and text[at] == "/":
                k = i + step
                if 0 <= k < len(toks) and self._w.is_word(self._norm(toks[k].group())) \
                        and (toks[k].start() == at + 1 or toks[k].end() == at):
                    return True
        if self._norm(raw) in self._date_words:
            nxt = text[end:end + 6]
            return bool(re.match(r"\.?[ \t]*\d", nxt)) or (i + 1 < len(toks) and self._norm(toks[i + 1].group()) in self._date_words)
        return False

    # -- the two readings ------------------------------------------------------------
    def _capitalised(self, text: str, toks: list, i: int) -> tuple[Candidate, int] | None:
        if self._not_a_name_here(text, toks, i):
            return None
        first = self._norm(toks[i].group())
        if first in _MODAL and first in self._given and self._action_for(text, toks, i, "to"):
            # "Will to chase the GP": the modal never takes "to" before a verb; a person in an action list
            return self._candidate(text, toks, [i], "a listed given name given an action"), i + 1
        if first not in self._given or self._never(first) or first in self._w.lex.particles \
                or self._after_determiner(text, toks, i):
            return None
        run = [i]
        j = i + 1
        while j < len(toks) and len(run) < 4 and _adjacent(text, toks[j - 1], toks[j]) \
                and not _POSSESSIVE.search(toks[j - 1].group()):
            raw = toks[j].group()
            norm = self._norm(raw)
            if raw[:1].isupper() and not (raw.isupper() and len(raw) > 1) and not self._never(norm):
                run.append(j)
            elif self._particle(raw) and j + 1 < len(toks) and (toks[j + 1].group()[:1].isupper()
                                                               or self._particle(toks[j + 1].group())):
                run.append(j)  # "van", "de", "Ó", "Mac an": the surname goes on
            else:
                break
            j += 1
        while run and self._particle(toks[run[-1]].group()):
            run.pop()
        if not run:
            return None
        after = toks[run[-1] + 1].group() if run[-1] + 1 < len(toks) else ""
        if after[:1].isupper() and self._norm(after) in PLACE_WORDS | ORG_WORDS \
                and _adjacent(text, toks[run[-1]], toks[run[-1] + 1]):
            return None  # "Victoria Street", "Florence Nightingale Hospital": a place or a building
        norms = [self._norm(toks[k].group()) for k in run]
        if any(n in PLACE_WORDS | ORG_WORDS for n in norms[1:]):
            return None
        words = [self._word(n) for n in norms]
        if len(run) > 1 and not all(words):
            return self._candidate(text, toks, run, "a listed given name with a surname"), run[-1] + 1
        if len(run) == 2 and norms[1] in self._surnames and self._used_as_full_name(text, toks, run):
            return self._candidate(text, toks, run, "a listed given name with a listed surname"), run[-1] + 1
        if len(run) > 1:
            return None  # "Rose Garden", "Grace Period": every word an ordinary one
        if not words[0]:
            return self._candidate(text, toks, run, "a listed given name"), i + 1
        if self._used_as_name(text, toks, i):
            return self._candidate(text, toks, run, "a listed given name used as a name"), i + 1
        return None

    def _lowercase(self, text: str, toks: list, i: int, informal: bool) -> tuple[Candidate, int] | None:
        first = self._norm(toks[i].group())
        if i and normalise(toks[i - 1].group()) in _ARTICLES and _adjacent(text, toks[i - 1], toks[i]):
            return None  # "a teddy bear", "the jasmine tea": a thing
        if not (self._lower_name(first, toks[i].group()) and (informal or self._in_person_slot(text, toks, i))) \
                and not (informal and (self._lower_word_name(text, toks, i, first) or self._unknown_doer(text, toks, i, first))):
            return None
        run = [i]
        if i + 1 < len(toks) and _adjacent(text, toks[i], toks[i + 1]) and toks[i + 1].group().islower() \
                and not _POSSESSIVE.search(toks[i].group()) and self._lower_surname(self._norm(toks[i + 1].group())):
            run.append(i + 1)
        return self._candidate(text, toks, run, "a listed given name in informal notes"), run[-1] + 1

    def _lower_again(self, text: str, toks: list, found: list[Candidate]) -> list[Candidate]:
        """A lower-case name found once in informal notes, wherever else it stands in the same text ("hope says
        she owes him, who even is hope"), except after a word that makes it a thing ("no hope", "with hope")."""
        names = {c.key for c in found if c.key and " " not in c.key and text[c.start:c.end].islower()}
        taken = {(c.start, c.end) for c in found}
        spans = sorted((c.start, c.end) for c in found)
        out = []
        for i, t in enumerate(toks):
            norm = self._norm(t.group())
            if norm not in names or not t.group().islower() or any(s <= t.start() < e for s, e in spans):
                continue
            if i and normalise(toks[i - 1].group()) in _THING_BEFORE:
                continue
            if i > 1 and normalise(toks[i - 1].group()) in ("is", "was") and normalise(toks[i - 2].group()) in _THING_CLAUSE:
                continue
            if (t.start(), t.end()) not in taken:
                out.append(self._candidate(text, toks, [i], "a lower-case name found earlier in these notes"))
        return out

    def _in_person_slot(self, text: str, toks: list, i: int) -> bool:
        """Edited prose with one name typed in lower case ("told friends kimberley hits him", "spoke to
        christopher mills"): a listed given name that is no word, between words of a sentence, in a person's place."""
        if i == 0 or not _adjacent(text, toks[i - 1], toks[i]) or _glued(text, toks[i]):
            return False
        prev = normalise(toks[i - 1].group())
        nxt = self._norm(toks[i + 1].group()) if i + 1 < len(toks) and _adjacent(text, toks[i], toks[i + 1]) else ""
        return prev in _BEFORE_A_PERSON or nxt in SPEECH or nxt in _AFTER_A_PERSON \
            or (i + 2 < len(toks) and self._lower_surname(nxt) and normalise(toks[i + 2].group()) in _AFTER_A_PERSON)

    def _lower_word_name(self, text: str, toks: list, i: int, norm: str) -> bool:
        """A given name that is also a word, in lower-case notes, doing what people do ("hope says", "rose
        took the card"), or the sender of a message line ("[12:03] hope: ...")."""
        if len(norm) < 3 or norm not in self._given or self._never(norm) or _glued(text, toks[i]):
            return False
        if i + 1 < len(toks) and text[toks[i].end():toks[i + 1].start()] == ": " and _line_start(text, toks[i].start()):
            return True
        nxt = self._norm(toks[i + 1].group()) if i + 1 < len(toks) and _adjacent(text, toks[i], toks[i + 1]) else ""
        prev = normalise(toks[i - 1].group()) if i else ""
        return (nxt in _TOLD or nxt in _DID) and prev not in _THING_BEFORE

    def _unknown_doer(self, text: str, toks: list, i: int, norm: str) -> bool:
        """In informal notes, a lower-case word no list knows (no dictionary word, no listed name: "muarra",
        "umang") opening a sentence or a message and doing what people do ("muarra turned up", "umang from the
        shop said"): a name the list does not have, from a culture it does not cover."""
        raw = toks[i].group()
        if len(norm) < 3 or not raw.isalpha() or self._ordinary(norm, raw) or self._never(norm) or _glued(text, toks[i]) \
                or norm in self._given or norm in _LOWER_SENTENCE_WORDS:
            return False
        nxt = self._norm(toks[i + 1].group()) if i + 1 < len(toks) and _adjacent(text, toks[i], toks[i + 1]) else ""
        if nxt == "from" and i + 3 < len(toks) and normalise(toks[i + 2].group()) in ("the", "a", "next", "over"):
            # "umang from the shop said": wherever it stands
            return any(self._norm(toks[k].group()) in _TOLD for k in range(i + 3, min(len(toks), i + 6)))
        if not (_line_start(text, toks[i].start()) or starts_sentence(text, toks[i].start())
                or (i and normalise(toks[i - 1].group()) in ("and", "with", "told", "tell"))):
            return False
        return nxt in _TOLD or nxt in _DID or nxt in {"keeps", "came", "comes", "was", "is"}

    # -- evidence --------------------------------------------------------------------
    def _used_as_name(self, text: str, toks: list, i: int) -> bool:
        """A word-like given name ("Hope") counts where it is used as a name, by the rule of issue 11 point 1."""
        nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
        nxt_norm = self._norm(nxt) if nxt else ""
        if nxt[:1].isupper() and i + 1 < len(toks) and _adjacent(text, toks[i], toks[i + 1]):
            return False  # a title-case heading or a thing's name ("Ruby Wedding")
        if nxt[:1].isdigit():
            return False  # a label before its number ("Action plan Page 1 of 3", "Ward 7", "Bay 4")
        if self._action_for(text, toks, i, *({"to"} | (set() if normalise(toks[i].group()) in _MODAL else _MODAL_AFTER))):
            return True  # "Mark to review", "Grace will call back": an action for a person, not the word
        if normalise(toks[i].group()) in _MODAL and nxt_norm not in SPEECH - _WEAK_SPEECH:
            return False  # "Will", "May": a verb far more often than a name, so only before a verb of speech
        if starts_sentence(text, toks[i].start()):
            return nxt_norm in SPEECH - _WEAK_SPEECH and _adjacent(text, toks[i], toks[i + 1])
        return True  # a capital inside a sentence, on a word that is a listed given name

    @staticmethod
    def _action_for(text: str, toks: list, i: int, *links: str) -> bool:
        """The word opening a sentence is given an action: one of ``links`` ("to", a modal), then a verb of
        what practitioners and families do ("call", "chase", "visit")."""
        if i + 2 >= len(toks) or not starts_sentence(text, toks[i].start()) or not _adjacent(text, toks[i], toks[i + 1]) \
                or not _adjacent(text, toks[i + 1], toks[i + 2]):
            return False
        return normalise(toks[i + 1].group()) in links and normalise(toks[i + 2].group()) in _ACTIONS

    def _particle(self, raw: str) -> bool:
        folded = raw.casefold()
        return folded in self._w.lex.particles or normalise(raw) in self._w.lex.particles or folded in _INNER_PARTICLES

    def _used_as_full_name(self, text: str, toks: list, run: list[int]) -> bool:
        """Two ordinary words that are a listed given name and a listed surname ("Lily Young"): a name inside a
        sentence, or opening one before a verb ("Lily Young has asked"); "Rose Garden was" stays."""
        last = run[-1]
        nxt = self._norm(toks[last + 1].group()) if last + 1 < len(toks) else ""
        if not starts_sentence(text, toks[run[0]].start()):
            return True
        return nxt in SPEECH and _adjacent(text, toks[last], toks[last + 1])

    def _never(self, norm: str) -> bool:
        w = self._w
        return (len(norm) < 2 or norm in self._not_names or norm in self._job or norm in FUNCTION_WORDS
                or norm in DETERMINERS or norm in ROLE_WORDS or norm in RANKS or norm in ORG_WORDS
                or norm in w.titles or norm in w.pseudonym_tokens or norm in w.org_tokens
                or norm in w.abbreviations or (norm,) in w.ner_ignore or (norm,) in w.kept_places
                or (norm,) in w.case_places or norm in self._stop or norm in PLACE_WORDS
                or norm in w.lex.vehicle_makes or norm in w.lex.vehicle_models)  # "Vauxhall Astra", "Kia Ceed"

    def _lower_name(self, norm: str, raw: str = "") -> bool:
        return len(norm) >= 3 and norm in self._given and not self._never(norm) and not self._ordinary(norm, raw)

    def _lower_surname(self, norm: str) -> bool:
        """After a lower-case given name: a word no dictionary knows, or an ordinary one that is a listed
        surname ("maurice cox"), never a stop word ("met albert at")."""
        return len(norm) >= 2 and not self._never(norm) and norm not in _LOWER_SENTENCE_WORDS \
            and (not self._ordinary(norm) or norm in self._surnames)

    def _ordinary(self, norm: str, raw: str = "") -> bool:
        if raw and not raw.isascii() and raw.casefold() not in dictionary_raw():
            return False  # "dũng", "íris": written with letters English words do not take
        if "-" in norm:
            return all(self._ordinary(p) or p in self._stop for p in norm.split("-") if p)
        return self._word(norm) or (norm.endswith("ing") and self._word(norm[:-3] + "e"))

    def _word(self, norm: str) -> bool:
        """An ordinary word: a lower-case entry of the word list (or one with a common ending), or one of
        the engine's own name-words; the model's tables only where no word list is installed."""
        if norm in self._w.lex.also_words:
            return True
        if not self._dict:
            return self._w.is_word(norm)
        if norm in self._dict:
            return True
        return any(norm.endswith(x) and len(norm) - len(x) >= 3 and norm[:-len(x)] in self._dict for x in _SUFFIXES)

    def _after_determiner(self, text: str, toks: list, i: int) -> bool:
        """"the Judith Trust", "St Anne's", "a Ruby": a thing's or a saint's name, not a person."""
        if i == 0:
            return False
        prev = toks[i - 1]
        if text[prev.end():toks[i].start()].strip(" \t.") != "":
            return False
        return normalise(prev.group()) in {"the", "a", "an", "st", "saint"}

    def _informal(self, text: str) -> bool:
        """Notes written in lower case: a sentence that opens with a lower-case word, or a message thread."""
        from .name_ties import chat_lines

        if chat_lines(text):
            return True
        for m in _INFORMAL.finditer(text):
            word = m.group().strip(" \t\n.!?")
            if word not in _LOWER_SENTENCE_WORDS:
                return True
        return False

    @staticmethod
    def _norm(raw: str) -> str:
        return normalise(_POSSESSIVE.sub("", raw))

    def _candidate(self, text: str, toks: list, run: list[int], reason: str) -> Candidate:
        start, end = toks[run[0]].start(), toks[run[-1]].end()
        if _POSSESSIVE.search(text[start:end]):
            end -= 2
        c = Candidate(start, end, "PERSON", "name_list", 0.6, "remove", reason=reason, tag=NEUTRAL,
                      key=" ".join(self._norm(toks[k].group()) for k in run))
        c.flags.add(TO_CONFIRM)
        return c


#: Before a lower-case given name in edited prose: words that put a person there ("told kimberley").
_BEFORE_A_PERSON = frozenset({"with", "told", "tell", "tells", "to", "and", "that", "friends", "friend", "saw", "met",
                              "asked", "ask", "texted", "phoned", "rang", "called", "named", "by", "from", "says",
                              "said", "partner", "boyfriend", "girlfriend", "mum", "dad", "brother", "sister", "son",
                              "daughter", "cousin", "uncle", "aunt", "neighbour", "about", "visited", "seen", "see"})
#: After it: what people do ("kimberley hits him", "daniel is not told").
_AFTER_A_PERSON = frozenset({"hits", "hit", "is", "was", "has", "had", "keeps", "kept", "took", "takes", "came",
                             "comes", "went", "goes", "turned", "left", "lives", "lived", "stays", "stayed", "and",
                             "gets", "got", "wants", "thinks", "knows", "knew", "sent", "sends", "shouted", "shouts"})
#: Word-like lower-case names doing what people do ("hope says", "rose took the card").
_TOLD = frozenset({"says", "said", "told", "tells", "rang", "phoned", "texted", "asked", "reckons", "thinks",
                   "messaged", "goes", "went"})
_DID = frozenset({"took", "takes", "keeps", "turned", "hits", "hit", "shouted", "owes", "owed", "wants"})
#: A word after which a lower-case word-like name is the word ("no hope", "with hope", "a rose").
_THING_BEFORE = frozenset({"a", "an", "the", "no", "some", "any", "of", "with", "in", "my", "your", "his", "her",
                           "our", "their", "its", "little", "much", "more", "less", "real", "new", "this", "that",
                           "every", "what", "or"})
_ARTICLES = frozenset({"a", "an", "the", "this", "these", "those", "my", "your", "his", "her", "our",
                       "their", "its", "some", "any", "no", "every", "each", "another"})
#: Before "is"/"was", words that make the next word a thing ("there is hope", "it was hope").
_THING_CLAUSE = frozenset({"there", "it", "that", "this", "which", "what"})


def _abbreviation(raw: str) -> bool:
    """Mixed case ending in a capital is an abbreviation ("ToR", "DfE", "MoJ"), never a name: a name's inner
    capitals begin a part ("DeShawn", "McDonald", "LaToya")."""
    return len(raw) > 1 and raw[-1].isupper() and any(c.islower() for c in raw)


def _glued(text: str, tok) -> bool:
    """Part of an address, a handle or a file name ("marcelina5@", "@qjones", "notes.txt")."""
    before = text[tok.start() - 1:tok.start()] if tok.start() else ""
    after = text[tok.end():tok.end() + 2]
    return before in ("@", ".", "/", "_", "#") or after[:1] in ("@", "_", "/") or bool(re.match(r"\.\w", after)) \
        or after[:1].isdigit()


def _line_start(text: str, start: int) -> bool:
    line = text[text.rfind("\n", 0, start) + 1:start]
    return not line.strip() or bool(re.fullmatch(r"[ \t]*\[[^\]]*\][ \t]*", line)) \
        or bool(re.fullmatch(r"[ \t]*[\d/:., -]+[ \t]*", line))


def _adjacent(text: str, a, b) -> bool:
    return text[a.end():b.start()] in (" ", "\t", "  ")

