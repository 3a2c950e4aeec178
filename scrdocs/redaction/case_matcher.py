"""Layer 1: the case file's people (and kept organisations), found in every written form.

Names are looked up token by token in a dictionary of normalised name
tuples built once per case (see :mod:`.name_variants`): one pass over the
text, independent of spaCy's tokenizer, so a name broken across a line end,
spaced oddly, in capitals, lower case, with a curly apostrophe or without its
accents is still found. (Measured faster than a PhraseMatcher, which would
need the text tokenised by spaCy first and cannot join line-broken names.)

Names that are also ordinary words ("Grace", "Will", "Hope", "Brown") are
taken on their own only when written as a name: capitalised ("Grace said"),
or in an ALL-CAPS line. A full name ("grace moss") is taken in any case.
A month used as a name ("May") is not taken beside a number ("3 May 2019").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import lexicon
from .name_neighbours import Neighbours
from .name_ties import person_noun, tie_first_names, weigh_mentions
from .name_reading import (
    _AFTER_A_NAME,
    _BARE_VERBS,
    _BEFORE_A_MONTH,
    _DONE_BY_A_PERSON,
    _INFORMAL,
    _JOB_AFTER,
    _MODALS,
    _MONTHS,
    _NOT_AFTER_NAME,
    _NOT_BEFORE_NAME,
    _OBJECT_WORDS,
    _SUBJECTS,
    _TITLES_AND_WORDS,
    _TITLE_FORMS,
    _TOLD_BY_NAME,
    _VERB_NAMES,
    _third_person,
    _word_opening_a_sentence,
    starts_sentence,
)
from .name_variants import TOKEN_RE, normalise, tokens
from .spans import Candidate, another_person

_ARTICLES = {"a", "an", "the"}
_GAP_OK = re.compile(r"[.,]?[ \t]*(?:\r?\n[ \t]*)?|\.|[ \t]{2,}|[ \t]*\r?\n[ \t]*\r?\n?[ \t]*")
_POSSESSIVE = re.compile(r"['’‘ʼ`]s$", re.I)
_INITIALS_RE = re.compile(r"(?<![\w.'’])([A-Z])(?:\.\s?|\s)?([A-Z])(?:(?:\.\s?|\s)?([A-Z]))?\.?(?![\w'’])")


def _initials_of_another_name(text: str, initials: list[Candidate], names: list[Candidate]) -> list[Candidate]:
    """Initials a name in the same text also has ("Submitted by: CF ... Referrer name: Courtney Forbes" when
    the social worker is Chloe Fry): they may be that person's, so neither pseudonym, "[name]" to confirm."""
    for c in initials:
        if not c.owners:
            continue
        letters = [ch for ch in text[c.start:c.end] if ch.isupper()]
        word = r"[\w'’-]+"
        rx = re.compile(r"(?<![\w'’-])" + rf"{word}(?:[ \t]+[A-Z]{word})?[ \t]+".join(letters) + word)
        for m in rx.finditer(text):
            if not any(n.start <= m.start() < n.end and set(n.owners) & set(c.owners) for n in names):
                another_person(c, "initials that another name in the same text also has")
                break
    return initials


@dataclass
class _Entry:
    owners: set[str]
    entity_type: str = "PERSON"
    risky: bool = False  # every token is also an ordinary word
    explicit: set[str] | None = None  # owners whose full name or alias is written exactly so
    parts: dict[str, str] | None = None  # owner -> which part of their name a one-word key is ("given", "alias", ...)


# a one-word key that is several people's: the part it is to the surest of them
_PART_STRENGTH = {"given": 0, "full": 0, "surname": 1, "part": 2, "middle": 2, "alias": 3}


class CaseMatcher:
    """Finds names (owners: person or organisation ids) and each person's own identifiers."""

    def __init__(self) -> None:
        #: ordinary English words (from the model's lemmatizer tables when there are any), for the rules below
        self.common_words: frozenset[str] = frozenset()
        self._names: dict[tuple[str, ...], _Entry] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._max_len = 1
        self._initials: dict[str, set[str]] = {}
        self._identifiers: list[tuple[str, str, str]] = []  # (regex, owner, entity type)
        self._identifier_re: re.Pattern | None = None
        self._group_info: dict[str, tuple[str, str]] = {}
        #: people whose first name alone is not enough to say it is them (practitioners, signatories, panel)
        self.professionals: set[str] = set()
        self._owner_tokens: dict[str, set[str]] = {}
        self._neighbours: Neighbours | None = None
        self.sexes: dict[str, str] = {}  # person id -> recorded sex (M, F, U), weighed against a title or pronoun

    # -- building --------------------------------------------------------
    def add_name(self, owner: str, written: str, entity_type: str = "PERSON", *, explicit: bool = False,
                 part: str = "full") -> None:
        key = tokens(written)
        if not key or (len(key) == 1 and len(key[0]) < 2):
            return
        self._neighbours = None
        if entity_type == "PERSON":
            self._owner_tokens.setdefault(owner, set()).update(key)
            if len(key) == 1:
                part = "given" if part == "full" else part
        lex = lexicon()
        entry = self._names.get(key)
        if entry is None:
            risky = all(t in lex.also_words or t in _MONTHS for t in key)
            entry = self._names[key] = _Entry(set(), entity_type, risky)
        elif entity_type == "PERSON":
            entry.entity_type = "PERSON"  # a person's name wins over an organisation spelled the same (fail closed)
        entry.owners.add(owner)
        if len(key) == 1 and entity_type == "PERSON":
            entry.parts = entry.parts or {}
            if _PART_STRENGTH.get(part, 0) < _PART_STRENGTH.get(entry.parts.get(owner, "alias"), 4):
                entry.parts[owner] = part
            elif owner not in entry.parts:
                entry.parts[owner] = part
        if explicit:
            entry.explicit = (entry.explicit or set()) | {owner}
        self._max_len = max(self._max_len, len(key))
        for i in range(1, len(key) + 1):
            self._prefixes.add(key[:i])

    def add_initials(self, owner: str, letters: str) -> None:
        self._initials.setdefault(letters, set()).add(owner)

    def drop_initials(self, forbidden: set[str]) -> None:
        for letters in list(self._initials):
            if letters in forbidden:
                del self._initials[letters]

    def add_identifier(self, owner: str, regex: str, entity_type: str) -> None:
        self._identifiers.append((regex, owner, entity_type))
        self._identifier_re = None

    def _compiled_identifiers(self) -> re.Pattern | None:
        if self._identifier_re is None and self._identifiers:
            parts = []
            self._group_info = {}
            for i, (rx, owner, entity_type) in enumerate(self._identifiers):
                parts.append(f"(?P<g{i}>{rx})")
                self._group_info[f"g{i}"] = (owner, entity_type)
            self._identifier_re = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.I)
        return self._identifier_re

    # -- finding -----------------------------------------------------------
    def _context(self) -> Neighbours:
        """Built on first use, once the run's dictionary is known: a name part that is an ordinary word
        ("Pros", "Dales", "Midge") is matched only where it is written as a name, like names.yaml's also_words."""
        if self._neighbours is None:
            self._neighbours = Neighbours(self._owner_tokens, self.common_words)
            for key, entry in self._names.items():
                if entry.entity_type == "PERSON" and not entry.risky and all(self._neighbours.is_word(t) for t in key):
                    entry.risky = True
        return self._neighbours

    def find(self, text: str) -> list[Candidate]:
        self._context()
        found = self._find_names(text)
        tie_first_names(text, found)  # "a worker named Jesse" is not the husband Jesse
        found += _initials_of_another_name(text, self._find_initials(text), found)
        weigh_mentions(text, found, self.sexes, self._owner_tokens, self._given_name_like)  # "Mr MT", "(Linda)"
        found += self._find_identifiers(text)
        found.sort(key=lambda c: (c.start, -c.end))
        return found

    def _given_name_like(self, word: str) -> bool:
        from .given_names import given_names

        norm = normalise(word)
        return norm in given_names() or not self._context().is_word(norm)

    def _find_names(self, text: str) -> list[Candidate]:
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        norms = [normalise(t[2]) for t in toks]
        found = self._scan(text, toks, norms, lowercase_register=False)
        # Notes written all in lower case ("dawn says will does her shopping"): when a name that is not also a
        # word appears in lower case, or a sentence starts in lower case (no edited prose does), names that are
        # also words are taken in lower case too, where they read as names.
        if any("lower" in c.flags for c in found) or _INFORMAL.search(text):
            found = self._scan(text, toks, norms, lowercase_register=True)
        return found

    def _scan(self, text, toks, norms, *, lowercase_register: bool) -> list[Candidate]:
        prefixes, names = self._prefixes, self._names
        out: list[Candidate] = []
        i, n = 0, len(toks)
        while i < n:
            if (norms[i],) not in prefixes and (norms[i][:-1],) not in prefixes:
                i += 1
                continue
            best = None
            key: tuple[str, ...] = ()
            for j in range(i, min(n, i + self._max_len)):
                if j > i and not _GAP_OK.fullmatch(text[toks[j - 1][1]:toks[j][0]]):
                    break
                if j > i and self._ends_sentence(text[toks[j - 1][1]:toks[j][0]], toks[j - 1][2]):
                    break  # "Turn the page.\nDawn visits": two sentences, not "Dawn Page"
                for cand_key, end, plural in self._last_forms(toks[j], key, norms[j]):
                    if plural and not (i > 0 and norms[i - 1] == "the"):
                        continue  # a plural is a family only as "the Marlows": "Katelyn Richards" is not Richard's
                    entry = names.get(cand_key)
                    if entry is not None and not (plural and entry.risky) and \
                            self._written_as_name(text, toks, norms, i, j, entry, lowercase_register):
                        best = (j, end, entry, plural)
                        break
                key = key + (norms[j],)
                if key not in prefixes:
                    break
            if best is None:
                i += 1
                continue
            j, end, entry, plural = best
            if j == i and entry.parts and not plural:
                judged = self._judge_part(text, toks, norms, i, entry)
                if judged == "word":
                    i += 1
                    continue
                if judged is not None:
                    out.append(judged[0])
                    i = judged[1] + 1
                    continue
            if j > i and entry.entity_type == "PERSON" and not plural:
                other = self._other_person_after(text, toks, norms, i, j, entry)
                if other is not None:  # "Dr Dean Foster" when the father is Dean Whitlock
                    out.append(other)
                    i = j + 2
                    continue
            action = "keep" if entry.entity_type == "ORGANIZATION" else "remove"
            cand = Candidate(toks[i][0], end, entry.entity_type, "case", 1.0, action, owners=tuple(sorted(entry.owners)))
            if j == i and entry.parts and "given" in entry.parts.values():
                cand.flags.add("first name only")
            if j == i and entry.risky and entry.entity_type == "PERSON" and (
                    _word_opening_a_sentence(text, toks, norms, i) or _word_before_a_noun(text, toks, norms, i)):
                cand.flags.add("word opening a sentence")
            if entry.explicit:
                cand.key = "explicit:" + "|".join(sorted(entry.explicit))
            if plural and entry.entity_type == "PERSON":
                cand.flags.add("plural")
            if entry.entity_type == "PERSON" and not entry.risky and all(
                    toks[k][2] == toks[k][2].lower() for k in range(i, j + 1)):
                cand.flags.add("lower")
            if entry.entity_type == "PERSON" and j == i and not plural and end == toks[j][1]:
                j = self._continue_name(text, toks, norms, j, cand)
            if entry.entity_type == "PERSON" and not plural and cand.end == toks[j][1]:
                j = self._middle_initial(text, toks, j, cand)
            out.append(cand)
            i = j + 1
        return out

    def _other_person_after(self, text: str, toks, norms, i: int, j: int, entry: _Entry) -> Candidate | None:
        """A title and first name ("Mrs Kay", "Dr Dean") followed by a surname that is not the person's:
        somebody else, removed neutrally with the surname and listed to confirm."""
        last = self._names.get((norms[j],))
        if last is None or not last.parts or any(last.parts.get(o) == "surname" for o in entry.owners):
            return None
        if not self._context().surname_after(text, toks, norms, j + 1, sorted(entry.owners)):
            return None
        return self._neutral(toks[i][0], toks[j + 1][1], "a case person's first name with a surname that is not theirs")

    @staticmethod
    def _neutral(start: int, end: int, reason: str) -> Candidate:
        return another_person(Candidate(start, end, "PERSON", "case", 0.8, "remove"), reason)

    @staticmethod
    def _ends_sentence(gap: str, word: str) -> bool:
        """A full stop after a whole word ends a sentence; after an initial or a title ("E. Marlow",
        "Mrs. Marlow") it does not."""
        if "." not in gap or len(word) == 1:
            return False
        return normalise(word) not in _TITLE_FORMS()

    def _judge_part(self, text: str, toks, norms, i: int, entry: _Entry):
        """A one-word name part read with its neighbours (see :mod:`.name_neighbours`): "word" when it is no name
        here, (candidate, last token) when it is a different person's name, None when it stands as written."""
        owners = sorted(entry.owners)
        part = min(entry.parts.values(), key=lambda p: _PART_STRENGTH.get(p, 4))
        professional = all(o in self.professionals for o in owners)
        verdict = self._context().verdict(text, toks, norms, i, part, owners, professional, entry.risky)
        if verdict is None and part == "middle":
            # a middle name alone: people are seldom called by it, and
            # "his late wife Rose" is more often somebody else than Arthur Rose Denby, so it is neutral
            return self._neutral(toks[i][0], toks[i][1], "a case person's middle name written alone"), i
        if verdict is None or verdict[0] == "word":
            return verdict and "word"
        _, first, last = verdict
        cand = self._neutral(toks[first][0], toks[last][1], "a case person's name part beside a name that is not theirs")
        return cand, last

    @staticmethod
    def _last_forms(tok, key, norm):
        """The token as written, without a possessive 's, and without a plural s ("the Marlows")."""
        start, end, raw = tok
        yield key + (norm,), end, False
        if _POSSESSIVE.search(raw):
            yield key + (normalise(raw[:-2]),), end - 2, False
        elif norm.endswith("s") and len(norm) > 3:
            yield key + (norm[:-1],), end, True

    def _written_as_name(self, text: str, toks, norms, i: int, j: int, entry: _Entry, lowercase_register: bool) -> bool:
        if not entry.risky or entry.entity_type != "PERSON":
            return True
        raws = [toks[k][2] for k in range(i, j + 1)]
        if j == i and normalise(raws[0]) in _MONTHS and self._beside_number(text, toks[i][0], toks[i][1]):
            return False  # "3 May 2019"
        if j == i and normalise(raws[0]) in _MONTHS and i > 0 and norms[i - 1] in _BEFORE_A_MONTH:
            return False  # "in May", "since April", "by early June": the month ("April said" is still April)
        if j == i and i + 1 < len(norms) and not raws[0].isupper() and text[toks[i][1]:toks[i + 1][0]] == " " \
                and ((norms[i] in _MODALS and norms[i + 1] in _BARE_VERBS | _SUBJECTS)
                     or (norms[i] in _VERB_NAMES and norms[i + 1] in _OBJECT_WORDS)) \
                and starts_sentence(text, toks[i][0]):
            # "Will update her tomorrow.", "May need a review", "Mark the chart", "Hope it helps": the verb
            return False
        if j == i and i + 1 < len(toks) and text[toks[i][1]:toks[i + 1][0]] == " " and toks[i + 1][2][:1].isupper() \
                and norms[i + 1] in _JOB_AFTER() and not (i > 0 and norms[i - 1] in _TITLE_FORMS()):
            return False  # "Ward Sister", "Ward Manager": a job title, not Mr Ward ("Mr Ward Sister" is still him)
        if any(r[0].isupper() for r in raws):
            return True  # "Grace said", "KING arrested", "MOSS, Dawn"
        if j != i:
            return False
        before = norms[i - 1] if i > 0 and "\n" not in text[toks[i - 1][1]:toks[i][0]] else ""
        after = norms[i + 1] if i + 1 < len(norms) else ""
        if before in _NOT_BEFORE_NAME:
            return False  # "a period of grace", "we will"
        if i > 1 and norms[i - 2] in _ARTICLES and toks[i - 1][2].islower() and before not in _TOLD_BY_NAME \
                and not person_noun(before):
            return False  # "in a right pickle", "the little angel": a word after an article and an adjective
        if before == "to" and norms[i] in _VERB_NAMES:
            return False  # "PB to chase gp", "to mark the file": the verb, even in lower-case notes
        if after in _TOLD_BY_NAME:
            return True  # "will says im too tired": the word is doing what people do
        if norms[i] in _MODALS and after and toks[i + 1][2].islower() and after not in _AFTER_A_NAME \
                and not _third_person(after) and text[toks[i][1]:toks[i + 1][0]] == " ":
            return False  # "the garden will cheer her up": the verb, even in notes written in lower case
        return lowercase_register and after not in _NOT_AFTER_NAME

    @staticmethod
    def _middle_initial(text: str, toks, j: int, cand: Candidate) -> int:
        """A trailing initial belongs to the name: "MOSS, DAWN B    Age", "Edith M. said"."""
        k = j + 1
        if k >= len(toks) or text[toks[j][1]:toks[k][0]] != " ":
            return j
        letter = toks[k][2]
        if len(letter) != 1 or not letter.isupper() or letter in ("A", "I"):
            return j
        end = toks[k][1] + (1 if text[toks[k][1]:toks[k][1] + 1] == "." else 0)
        if not re.match(r"(?:[ \t]{2,}|[ \t]*(?:\r?\n|$|[,;)\]])|\.\s)", text[end:end + 3] if end < len(text) else ""):
            return j
        cand.end = end
        cand.flags.add("initial")
        return k

    def _continue_name(self, text: str, toks, norms, j: int, cand: Candidate) -> int:
        """A known first name followed by a name the case file does not give ("Edith Blackwood", "DAWN BRIDGET")."""
        k = j + 1
        if k >= len(toks) or text[toks[j][1]:toks[k][0]] not in (" ", "  "):
            return j
        raw, norm = toks[k][2], norms[k]
        first = toks[j][2]
        title_case = raw[:1].isupper() and raw[1:2].islower() and first[:1].isupper() and not first.isupper()
        # in capitals only in a form field ("Forename(s): DAWN BRIDGET"), never in an all-capitals heading
        capitals = raw.isupper() and len(raw) > 2 and first.isupper() and not _caps_line(text, toks[k][0])
        lex = lexicon()
        if not (title_case or capitals) or (norm,) in self._prefixes or norm in lex.also_words \
                or norm in lex.ner_ignore or (title_case and norm in self.common_words) \
                or norm in _TITLES_AND_WORDS or any(c.isdigit() for c in raw):
            return j
        cand.end = toks[k][1]
        cand.flags.add("name continues")
        another_person(cand, "a case person's first name with a surname the case file does not give them")
        return k

    @staticmethod
    def _beside_number(text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 6):start]
        after = text[end:end + 6]
        return bool(re.search(r"\d(?:st|nd|rd|th)?\s*$", before) or re.match(r"\s*,?\s*\d", after))

    def _find_initials(self, text: str) -> list[Candidate]:
        if not self._initials:
            return []
        out = []
        for m in _INITIALS_RE.finditer(text):
            letters = "".join(g for g in m.groups() if g)
            for size in (len(letters), 2):
                if size < len(letters) and text[m.end(2):m.end(2) + 1] not in (".", " "):
                    continue  # "WCH" is not "W.C." followed by H
                owners = self._initials.get(letters[:size])
                if owners:
                    end = m.end() if size == len(letters) else m.end(2)
                    if size != len(letters) and text[end:end + 1] == ".":
                        end += 1
                    c = Candidate(m.start(), end, "PERSON", "case", 0.9, "remove",
                                  owners=tuple(sorted(owners)), reason="initials")
                    if len(owners) > 1:
                        # two case people share them ("TB": Terry Boyle, Tanner Blackburn): who was named last
                        # says nothing about whose initials a signature or a note carries
                        another_person(c, "initials that more than one person in the case file shares")
                    out.append(c)
                    break
        return out

    def _find_identifiers(self, text: str) -> list[Candidate]:
        rx = self._compiled_identifiers()
        if rx is None:
            return []
        out = []
        for m in rx.finditer(text):
            owner, entity_type = self._group_info[m.lastgroup]
            out.append(Candidate(m.start(), m.end(), entity_type, "case", 1.0, "remove", owners=(owner,),
                                 person_id=owner, reason="case file identifier"))
        return out


def _word_before_a_noun(text: str, toks, norms, i: int) -> bool:
    """A word-like name opening a sentence before a noun ("Foster carer's diary", "Tiny amounts of cannabis"):
    more likely the word, so never the case person's pseudonym (the caller removes it neutrally, to confirm)."""
    if i + 2 >= len(toks) or text[toks[i][1]:toks[i + 1][0]] != " " or not toks[i + 1][2].islower() \
            or toks[i][2].isupper() or not starts_sentence(text, toks[i][0]):
        return False
    return bool(_POSSESSIVE.search(toks[i + 1][2])) or (norms[i + 1].endswith("s") and norms[i + 2] == "of")


def _caps_line(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end != -1 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
