"""Names the NER model does not vouch for, found by the words around them (issue 11, signal "context cue").

A small model drops "Jason Meadows" because both words are in the dictionary,
and never sees "Sky" or "robin" as names. A cue beside a name ("a family
friend, X", "X said", "her partner X", "X (neighbour)") is a second, independent
signal. The cues and the words that are never names are data
(redaction_rules/context_cues.yaml). What a cue alone finds is removed with a
neutral "[name]", never anyone's pseudonym, and flagged "to confirm"; where NER
found the same words, the cue only confirms NER's hit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..resources import data_dir
from .lexicon import _strings, read_rules_file
from .given_names import given_names
from .name_list import ListedNames
from .name_reading import starts_sentence
from .name_variants import TOKEN_RE, normalise, tokens
from .spans import Candidate
from .words import DETERMINERS, FUNCTION_WORDS, ORG_WORDS, RANKS, ROLE_WORDS, RunWords

TO_CONFIRM = "to confirm"
WEAK = "cue only"
NEUTRAL = "[name]"
_TOKEN = r"[^\W\d_][\w'’\-]*"
_NAME = rf"(?<![\w'’\-]){_TOKEN}(?:[ \t]+{_TOKEN}){{0,2}}"
_POSSESSIVE = re.compile(r"['’]s?$")
#: Two or three capitals, alone: initials standing for a person ("KL", "JLM"), when a cue says so.
_INITIALS = r"(?<![\w.&/-])[A-Z]{2,3}(?![\w&/-])(?!\.\w)"
#: "en-GB", "ar-SA": language tags, never people.
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}[-_][A-Z]{2,3}$")


class CueWords:
    """context_cues.yaml, compiled."""

    def __init__(self):
        path = data_dir("redaction_rules") / "context_cues.yaml"
        data = read_rules_file(path)
        before = _strings(data, "before_name", path)
        self.weak_cues = frozenset(normalise(w) for w in _strings(data, "weak_cues", path))
        labels = _strings(data, "label_cues", path)
        after = _strings(data, "after_name", path)
        roles = _strings(data, "bracketed_roles", path)
        self.not_names = frozenset(normalise(w) for w in _strings(data, "not_names", path))
        self.sentence_verbs = frozenset(normalise(w) for w in _strings(data, "sentence_verbs", path))
        self.date_abbreviations = frozenset(normalise(w) for w in _strings(data, "date_abbreviations", path))
        songs = _strings(data, "song_verbs", path)
        #: a song verb just before a stretch of text ("Sang ", "played the hymn ")
        self.song_before = re.compile(rf"(?<![\w])(?i:{_alt(songs)})[ \t]+$")
        self.job_words = frozenset(t for key in ("job_words", "label_words")
                                   for w in _strings(data, key, path) for t in normalise(w).split())
        self.before = re.compile(rf"(?<![\w])(?P<cue>(?i:{_alt(before)}))(?:[ \t]*,[ \t]*|[ \t]+)(?P<name>{_NAME})")
        self.after = re.compile(rf"(?P<name>{_NAME}),?[ \t]+(?P<cue>(?i:{_alt(after)}))(?![\w])")
        self.label = re.compile(rf"(?<![\w])(?P<cue>(?i:{_alt(labels)}))[ \t]*:[ \t]*(?P<name>{_NAME})")
        self.bracketed = re.compile(rf"(?P<name>{_NAME})[ \t]+\((?i:{_alt(roles)})\)")
        # "Grace, the home's chaplain,", "Rose from the kitchen": cues that vouch for a word-like name
        roles = _alt(_strings(data, "apposition_roles", path))
        self.apposition = re.compile(rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN})?),[ \t]+(?:the|her|his|their|our|my)"
                                     rf"[ \t]+(?:{_TOKEN}[ \t]+){{0,2}}?(?P<cue>(?i:{roles}))(?=[ \t]*,)")
        places = _alt(_strings(data, "from_the_places", path))
        self.from_the = re.compile(rf"(?<![\w'’\-])(?P<name>{_TOKEN})[ \t]+from[ \t]+the[ \t]+(?P<cue>(?i:{places}))(?![\w])")
        self.not_before_initial = frozenset(normalise(w) for w in _strings(data, "not_before_an_initial", path))
        #: "Mr T", "Joy P": a title or a capitalised word, then one capital that ends the word
        self.one_initial = re.compile(r"(?<![\w'’\-])(?P<first>[A-Z][a-z'’\-]+\.?)[ \t]+(?P<initial>[B-HJ-Z])"
                                      r"(?![\w'’&/\-])(?!\.[ \t]*[a-z\d])")
        initials = data.get("initials") or {}
        self.initials_before = re.compile(rf"(?<![\w])(?i:{_alt(list(initials.get('before') or ['chaired by']))})"
                                          rf"[ \t]+(?P<name>{_INITIALS})")
        self.initials_after = re.compile(rf"(?P<name>{_INITIALS}),?[ \t]+(?i:{_alt(list(initials.get('after') or ['said']))})"
                                         rf"(?![\w])")
        # "Mum (Loot Faizan)", "Neighbour at number 11 (Cantez Ergül)": a name in brackets after a person word
        self.bracketed_name = re.compile(rf"(?<![\w])(?i:{_alt(list(initials.get('bracketed_after') or ['mum']))})"
                                         rf"(?:[ \t]+at[ \t]+number[ \t]+\d+[a-z]?)?[ \t]+\((?P<name>{_NAME})\)")
        self.initials_bracketed = re.compile(rf"(?<![\w])(?i:{_alt(list(initials.get('bracketed_after') or ['mum']))})"
                                             rf"[ \t]+\((?P<name>{_INITIALS})\)")


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    """Capitals that are never a person's initials: known_acronyms.yaml and the glossary's abbreviations
    (names.yaml's not_initials and the agencies' short names come with the run's words)."""
    path = data_dir("redaction_rules") / "known_acronyms.yaml"
    found = {normalise(a) for a in _strings(read_rules_file(path), "acronyms", path)}
    glossary = data_dir("templates") / "glossary.yaml"
    if glossary.is_file():
        # a role ("TM: Team Manager", "SW: Social Worker") stands for a person where a cue says so: not excluded
        roles = cue_words().job_words
        found |= {normalise(str(a)) for a, meaning in (read_rules_file(glossary).get("abbreviations") or {}).items()
                  if not (str(meaning).split() and normalise(str(meaning).split()[-1]) in roles)}
    # the job words' short forms ("TM", "SW") are left out on purpose: "chaired by TM" is a person, whatever
    # the letters stand for, and the role is no less identifying than the initials
    return frozenset(found)


def _defines(text: str, start: int, letters: str) -> bool:
    """"Adult Social Care (ASC)", "Key Worker (KW)": capitals that spell the words before them define an acronym."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[max(0, start - 80):start])
    initials = "".join(w[0] for w in words[-len(letters):]).upper() if len(words) >= len(letters) else ""
    return initials == letters.upper()


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # spaCy's English stop words ("since", "until"): not in the WordNet tables, never names. Imported here
    # so that importing scrdocs loads no spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def cue_words() -> CueWords:
    return CueWords()


class CueNames:
    """Finds cue-marked names in a text; holds the run's surfaces so a later bare mention goes too."""

    def __init__(self, words: RunWords):
        self._w = words
        self._cues = cue_words()
        self._seen: set[str] = set()  # name parts a cue found in this run
        # the name list: a second signal, independent of the model and of the cues
        self._listed = ListedNames(words, self._cues.not_names, self._cues.job_words, _stop_words(),
                                    date_words=self._cues.date_abbreviations)

    def remember(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Note the name parts of ``found`` so later bare mentions go too; returns ``found``."""
        for c in found:
            if c.entity_type != "PERSON":
                continue  # an agency's part ("Willow Bank") is no name part to look for elsewhere
            self._seen.update(t for t in tokens(text[c.start:c.end]) if len(t) > 1)
        return found

    def later_mentions(self, text: str, covered: tuple[list[int], list[int]]) -> list[Candidate]:
        """Name parts a cue found earlier in the run, wherever else they stand: in any letter case, but
        an ordinary word ("Sky", "Robin") only with a capital inside a sentence, where it is used as a name."""
        if not self._seen:
            return []
        out = []
        for m in TOKEN_RE.finditer(text):
            norm = normalise(_POSSESSIVE.sub("", m.group()))
            if norm not in self._seen or _overlaps(covered, m.start(), m.end()):
                continue
            if self._w.is_word(norm) and (not m.group()[:1].isupper() or starts_sentence(text, m.start())
                                          or self._in_song_title(text, m.start())):
                continue
            end = m.end() - (2 if re.search(r"['’]s$", m.group()) else 0)
            c = Candidate(m.start(), end, "PERSON", "context_cue", 0.5, "remove", tag=NEUTRAL, key=norm,
                          reason="a name a context cue found earlier in the run")
            c.flags.add(TO_CONFIRM)
            out.append(c)
        return out

    def unknown_name(self, raw: str) -> bool:
        """A capitalised word that can only be a name (see :meth:`ListedNames.unknown_name`)."""
        return self._listed.unknown_name(raw)

    def is_job_words(self, key: tuple[str, ...]) -> bool:
        """Whether an NER "person" is only job, rank and label words ("Emergency Department Registrar", "Tel")."""
        words = {t for k in key for t in k.split()}
        return bool(words) and all(t in self._cues.job_words or t in RANKS or t in ROLE_WORDS
                                   or t in self._cues.not_names or t in self._w.titles for t in words)

    def find(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        cues = self._cues
        for rx, side in ((cues.before, "before"), (cues.after, "after"), (cues.bracketed, "after"), (cues.label, "label"),
                         (cues.bracketed_name, "label")):
            pos = 0
            while (m := rx.search(text, pos)) is not None:
                cue = " ".join(normalise(m.group("cue")).split()) if "cue" in rx.groupindex else ""
                found = self._name(text, m.start("name"), m.end("name"), side, cue in cues.weak_cues)
                if found is not None:
                    out.append(found)
                # "the new boyfriend called Lakshit": where the words after one cue are no name, the next
                # cue may stand among them
                pos = m.end() if found is not None or side == "after" else max(m.start("name"), m.start() + 1)
        out += self._vouched(text)
        out += self.agency_parts(text)
        out += self._initials(text)
        out += self._listed.find(text)
        return _distinct([c for c in out if self._not_a_verb_or_song(text, c)])

    def _in_song_title(self, text: str, start: int) -> bool:
        """A word inside capitalised dictionary words that follow a verb of singing ("sang Amazing Grace")."""
        for _ in range(4):
            if self._cues.song_before.search(text, max(0, start - 30), start):
                return True
            before = re.search(r"([^\W\d_][\w'’]*)[ \t]+$", text[max(0, start - 30):start])
            if not before or not before.group(1)[:1].isupper() or not self._w.is_word(normalise(before.group(1))):
                return False
            start -= len(before.group(0))
        return False

    def _not_a_verb_or_song(self, text: str, c: Candidate) -> bool:
        """Cut a note's opening verb off a name ("Found Peggy", "Ask Gary"); False for a song's title after
        a verb of singing ("Sang Amazing Grace"), which is no person."""
        first = TOKEN_RE.match(text, c.start)
        if first and first.end() < c.end and normalise(first.group()) in self._cues.sentence_verbs \
                and starts_sentence(text, c.start):
            nxt = TOKEN_RE.search(text, first.end(), c.end)
            if nxt is None:
                return False
            c.start = nxt.start()
        key = tokens(text[c.start:c.end])
        return not (key and all(self._w.is_word(t) for t in key) and self._in_song_title(text, c.start))

    def agency_parts(self, text: str) -> list[Candidate]:
        """An agency's name written in part ("at Willow Bank" for "Willow Bank Care Home"): it locates the family
        as the full name does, so it becomes the kind of setting the full name says ("the care home")."""
        out = []
        for part in self._w.agency_parts:
            for m in _agency_part_pattern(part).finditer(text):
                out.append(Candidate(m.start(), m.end(), "ORGANIZATION", "case_agency_part", 0.8, "remove",
                                     tag=self.agency_part_tag(text, m.start(), m.end()), key=normalise(part),
                                     reason="an agency's name written in part"))
        return out

    def agency_part_tag(self, text: str, start: int, end: int) -> str | None:
        """What ``text[start:end]`` becomes if it is an agency's name written in part: "the care home" (or
        "care home" after "the"), else None. Other detectors' hits on the same words take this tag too."""
        kind = self._w.agency_parts.get(" ".join(text[start:end].split()))
        if kind is None or _agency_part_pattern(" ".join(text[start:end].split())).match(text, start) is None:
            return None
        if re.search(r"(?i)\bthe[ \t]+$", text[max(0, start - 40):start]):
            return kind
        return ("The " if starts_sentence(text, start) else "the ") + kind

    def _vouched(self, text: str) -> list[Candidate]:
        """Names a cue vouches for even where they are ordinary words opening a sentence: a person's role in
        apposition ("Grace, the home's chaplain,") or a listed given name from a part of a service ("Rose
        from the kitchen"). Read before the sentence-start rule, which would take them for the words."""
        out = []
        for m in self._cues.apposition.finditer(text):
            found = self._name(text, m.start("name"), m.end("name"), "after", False, vouched=True)
            if found is not None:
                out.append(found)
        given = given_names()
        for m in self._cues.from_the.finditer(text):
            raw = m.group("name")
            norm = normalise(raw)
            if not raw[:1].isupper() or norm not in given or norm in self._cues.not_names:
                continue  # "Help from the council", "Staff from the ward": no given name
            found = self._name(text, m.start("name"), m.end("name"), "after", False, vouched=True)
            if found is not None:
                out.append(found)
        return out + self._one_initial(text)

    def _one_initial(self, text: str) -> list[Candidate]:
        """A title or a listed given name with the surname's initial ("Mr T", "Joy P said"): a person."""
        out, given, titles = [], given_names(), self._w.titles
        for m in self._cues.one_initial.finditer(text):
            first = normalise(m.group("first").rstrip("."))
            titled = first in titles
            if not titled and (first not in given or first in self._cues.not_before_initial
                               or first in self._cues.not_names or m.group("first").endswith(".")):
                continue
            c = Candidate(m.start(), m.end(), "PERSON", "context_cue", 0.6, "remove", tag=NEUTRAL,
                          reason="a title or given name with an initial", key=" ".join([first, m.group("initial").lower()]))
            c.flags.add(TO_CONFIRM)
            out.append(c)
        return out

    def _initials(self, text: str) -> list[Candidate]:
        """Initials beside a cue ("KL to chase GP", "chaired by TM"), unless a known abbreviation."""
        out = []
        known = self._w.abbreviations | known_acronyms()
        for rx in (self._cues.initials_before, self._cues.initials_after, self._cues.initials_bracketed):
            for m in rx.finditer(text):
                word = m.group("name")
                if normalise(word) in known or _defines(text, m.start("name"), word):
                    continue
                c = Candidate(m.start("name"), m.end("name"), "PERSON", "context_cue", 0.6, "remove",
                              reason="initials beside a context cue", tag=NEUTRAL, key=normalise(word))
                c.flags.add(TO_CONFIRM)
                out.append(c)
        return out

    def _name(self, text: str, start: int, end: int, side: str, weak_cue: bool,
              vouched: bool = False) -> Candidate | None:
        """The name inside a cue's match: leading or trailing words that cannot be name parts are cut off."""
        parts = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(_TOKEN, text[start:end])]
        lower = side != "label" and bool(parts) and parts[-1 if side == "after" else 0][2][:1].islower()
        kept = []
        # the words beside the cue, while they are name-like: walking back from a cue after the name
        for p in (reversed(parts) if side == "after" else parts):
            if not (self._lower_name_part(p[2]) if lower else self._name_part(p[2], capital=True)):
                break
            kept.append(p)
            if side != "after" and _POSSESSIVE.search(p[2]):
                break
        parts = sorted(kept)[:2] if lower else sorted(kept)
        if not parts:
            return None
        norms = [normalise(_POSSESSIVE.sub("", p[2])) for p in parts]
        # "Jason Meadows said" at a sentence start, "Crime and Disorder": the capitals may be the sentence's
        # or a title's, so the cue alone is not enough; it only confirms an NER hit on the same words
        weak = not vouched and not lower and all(self._w.is_word(n) for n in norms) and (
            weak_cue or starts_sentence(text, parts[0][0]))
        s, e = parts[0][0], parts[-1][1]
        if re.search(r"['’]s$", text[s:e]):
            e -= 2
        elif text[e - 1:e] in ("'", "’"):
            e -= 1
        c = Candidate(s, e, "PERSON", "context_cue", 0.6, "remove", reason="a name beside a context cue",
                      tag=NEUTRAL, key=" ".join(norms))
        c.flags.add(WEAK if weak else TO_CONFIRM)
        return c

    def _lower_name_part(self, word: str) -> bool:
        """A lower-case name in informal notes ("texted ryan"): never an ordinary or a short word."""
        norm = normalise(_POSSESSIVE.sub("", word))
        return word.islower() and len(norm) >= 3 and norm not in _stop_words() and not self._ordinary(norm) \
            and self._name_part(word, capital=False)

    def _ordinary(self, word: str) -> bool:
        norm = normalise(word)
        if "-" in norm:
            return all(self._ordinary(part) or part in _stop_words() for part in norm.split("-") if part)
        if self._w.is_word(norm) or (norm.endswith("ing") and self._w.is_word(norm[:-3] + "e")):
            return True
        # the system word list's lower-case entries know words the model's tables lack ("timescales")
        from .name_list import dictionary_words
        return norm in dictionary_words()

    def _name_part(self, word: str, capital: bool) -> bool:
        norm = normalise(_POSSESSIVE.sub("", word))
        if not norm or (capital and not word[:1].isupper()) or (word.isupper() and len(word) > 1):
            return False
        w = self._w
        if norm in self._cues.not_names or norm in self._cues.job_words or norm in FUNCTION_WORDS \
                or norm in DETERMINERS or norm in ROLE_WORDS or norm in RANKS or norm in ORG_WORDS \
                or norm in w.titles or norm in w.pseudonym_tokens or norm in w.org_tokens \
                or (norm,) in w.ner_ignore or (norm,) in w.kept_places:
            return False
        return True


@lru_cache(maxsize=256)
def _agency_part_pattern(part: str) -> re.Pattern:
    # the part alone: never the full name after it (the case file keeps that), never inside a longer name
    words = r"[ \t]+".join(re.escape(w) for w in part.split())
    return re.compile(rf"(?<![\w'’\-])(?<![A-Z][a-z] )(?:{words})(?![\w'’\-])(?![ \t]+[A-Z])")


def _overlaps(covered: tuple[list[int], list[int]], start: int, end: int) -> bool:
    starts, furthest = covered
    i = bisect_left(starts, end)
    return i > 0 and furthest[i - 1] > start


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch: the longest where two cues found overlapping names."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            out[-1].end = max(out[-1].end, c.end)
            if WEAK in out[-1].flags and WEAK not in c.flags:
                # a second signal (the name list) vouches for what the cue alone could not
                out[-1].flags.discard(WEAK)
                out[-1].flags.add(TO_CONFIRM)
            continue
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _works_for() -> re.Pattern:
    data = read_rules_file(data_dir("redaction_rules") / "context_cues.yaml").get("works_for") or {}
    links = _alt(list(data.get("linking_words") or ["from", "at"]))
    orgs = _alt(list(data.get("organisations") or []))
    return re.compile(rf"\s+(?:{links})\s+(?:{orgs})\b", re.I)


def speaks_for_organisation(text: str, end: int) -> bool:
    """Whether the words after a name say the person speaks for an organisation ("Peter from the council")."""
    return bool(text) and _works_for().match(text, end) is not None
