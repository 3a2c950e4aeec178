"""Is a bare first name tied to the case person who has it? (issue 11, "never the wrong person")

A case person's first name alone gets their pseudonym only where nothing in
the sentence says it is somebody else. These readings say it is another
person with the same first name, so the mention is removed with a neutral
"[name]" and listed to confirm, never given the case person's pseudonym:

* an introduction: "a worker named Jesse", "a man called Rick", "known only
  as Amanda": nobody introduces a person the report already knows;
* a team or department after the name: "Jesse in the finance team", "Oliver
  from the payroll department" (the organisations in context_cues.yaml's
  works_for are read by the allow-list);
* a job word in apposition before a family member's name: "the nurse, Jesse";
* "from the" and a noun phrase after the name: "Steven from the approved
  premises": someone belonging to that place, whatever it is called;
* a hedged apposition after the name: "Jessica, believed to be an old friend":
  the text itself is unsure who the person is;
* in a message thread ("[12:03] Savannah: ..."): the sender's own first name
  inside their message ("u left with Savannah": people do not write about
  themselves by name, except "its Savannah"), and a first name in a message
  body whose person is not named by any surer form (full name, title and
  surname, alias) in the same text: a thread written in first names cannot
  say which Brandon is meant. A sender label ("22:15 Savannah:", "21/08/2021
  21:30 from jessica:") is the person's only under that same surer form: a
  handset's contact name is whatever its owner typed.

Any case mention, not only a first name, is also weighed against the words
around it (:func:`weigh_mentions`): the sex a courtesy title or the pronoun
after initials states ("Mr MT" is not a woman MT), a given name in brackets
("Mrs Thornbury (Linda)"), names said to be things ("Will and Grace the two
cats"); and a bare first name that somebody the case file does not know was
named in full with earlier in the document ("Sam Patel ... Sam said") is
untied (:func:`untie_shared_first_names`). Each is "[name]", to confirm.

The cue words are data: redaction_rules/name_ties.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import RulesError
from ..resources import data_dir
from .lexicon import _strings, read_rules_file
from .name_signals import speaks_for_organisation
from .name_variants import normalise
from .spans import Candidate, another_person

FIRST_NAME = "first name only"


class _Rules:
    def __init__(self) -> None:
        path = data_dir("redaction_rules") / "name_ties.yaml"
        data = read_rules_file(path)
        for key in ("introductions", "group_links", "groups", "apposition_jobs", "self_introductions", "not_senders",
                    "place_links", "hedges", "people_nouns"):
            if not data.get(key):
                raise RulesError(f"In {path}, '{key}' must list at least one word.", hint="Correct the file.")
        self.introductions = re.compile(
            rf"(?<![\w])(?i:{_alt(_strings(data, 'introductions', path))})[ \t]*,?[ \t]*$")
        groups = _alt(_strings(data, "groups", path))
        links = _alt(_strings(data, "group_links", path))
        self.group_after = re.compile(
            rf"[ \t]+(?i:{links})[ \t]+(?:(?i:the|our|my|their|her|his)[ \t]+)?(?:[\w&'’-]+[ \t]+){{0,3}}?(?i:{groups})(?![\w])")
        self.apposition = re.compile(rf"(?<![\w])(?i:the|a|an|our|their|her|his)[ \t]+(?i:{_alt(_strings(data, 'apposition_jobs', path))})"
                                     r"[ \t]*,[ \t]*$")
        self.self_intro = re.compile(rf"(?<![\w])(?i:{_alt(_strings(data, 'self_introductions', path))})[ \t]+$")
        self.from_place = re.compile(rf"[ \t]+(?i:{_alt(_strings(data, 'place_links', path))})[ \t]+[a-z][a-z'’-]+")
        self.hedged = re.compile(rf"[ \t]*,[ \t]*(?i:{_alt(_strings(data, 'hedges', path))})(?![\w])")
        self.labels = frozenset(normalise(w) for w in _strings(data, "not_senders", path))
        self.people_nouns = frozenset(normalise(w) for w in _strings(data, "people_nouns", path))


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


#: "[03/12/2022, 22:15] Savannah: ...", "03/12/2022, 22:15 - Savannah: ...", "22:15 Savannah: ..."
_STAMPED = re.compile(r"^[ \t]*(?:\[[^\]\n]{4,40}\]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*[-–])?|"
                      r"\d{1,2}[:.]\d{2}(?:[ \t]*[-–])?)[ \t]*(?:(?i:from|to)[ \t]+)?(?P<sender>[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*)?)"
                      r"[ \t]*:[ \t]+", re.M)
#: "Savannah: ..." with no time: a thread only when several lines of the text have that shape
_BARE = re.compile(r"^[ \t]*(?P<sender>[^\W\d_][\w'’.-]*)[ \t]*:[ \t]+(?=\S)", re.M)


def chat_lines(text: str) -> list[tuple[int, int, int, str]]:
    """The message lines of a thread in ``text``: (line start, body start, line end, sender)."""
    found = [m for m in _STAMPED.finditer(text)]
    if len(found) < 2:
        bare = [m for m in _BARE.finditer(text) if normalise(m.group("sender")) not in rules().labels]
        found = bare if len(bare) >= 3 and len({normalise(m.group("sender")) for m in bare}) >= 2 else found
    out = []
    for m in found:
        end = text.find("\n", m.end())
        out.append((m.start(), m.end(), len(text) if end == -1 else end, normalise(m.group("sender"))))
    return out


def tie_first_names(text: str, found: list[Candidate]) -> None:
    """Turns every bare first name in ``found`` that is not tied to its case person into a neutral "[name]"."""
    bare = [c for c in found if FIRST_NAME in c.flags and c.owners and c.entity_type == "PERSON" and c.action == "remove"]
    if not bare:
        return
    r = rules()
    lines = chat_lines(text)
    anchored = {o for c in found if c.owners and FIRST_NAME not in c.flags and "another person" not in c.flags
                for o in c.owners}
    for c in bare:
        before = text[max(0, c.start - 60):c.start]
        if r.introductions.search(before):
            another_person(c, "a first name introduced as someone new (\"a worker named ...\"): not tied to the "
                              "case person who shares it")
        elif r.group_after.match(text, c.end):
            another_person(c, "a first name with a team or department: someone there, not tied to the case person "
                              "who shares it")
        elif r.apposition.search(before):
            another_person(c, "a first name after a job word (\"the nurse, ...\"): not tied to the case person "
                              "who shares it")
        elif r.from_place.match(text, c.end) and not speaks_for_organisation(text, c.end):
            # (an organisation in context_cues.yaml's works_for is left to the allow-list, which names a
            # practitioner seen in full nearby for the person confirming)
            another_person(c, "a first name from a place (\"... from the approved premises\"): someone there, not "
                              "tied to the case person who shares it")
        elif r.hedged.match(text, c.end):
            another_person(c, "a first name the text is unsure of (\"..., believed to be\"): not tied to the case "
                              "person who shares it")
        else:
            line = next((ln for ln in lines if ln[0] <= c.start < ln[2]), None)
            if line is None:
                continue
            if c.start < line[1]:  # the sender label
                if not anchored.intersection(c.owners):
                    another_person(c, "a message sender's first name, not tied to one person in the case file")
                continue
            own = normalise(text[c.start:c.end]) == line[3] and not r.self_intro.search(text[max(0, c.start - 20):c.start])
            if own or not anchored.intersection(c.owners):
                another_person(c, "a first name in a message thread, not tied to one person in the case file")


# -- what the words around any mention say of who it is (sex, a given name beside it, what it is said to be) --

#: the sex a courtesy title states (names.yaml's titles; "Mx" and "Dr" state none)
_TITLE_SEX = {"mr": "M", "mister": "M", "master": "M", "mrs": "F", "ms": "F", "miss": "F"}
_TITLE_BEFORE = re.compile(r"(?<![\w])([A-Za-z]{2,7})\.?[ \t]+$")
_TITLE_AT = re.compile(r"([A-Za-z]{2,7})\.?[ \t]+(?=\S)")
#: "MT stated he ...": the pronoun that opens what a mention (its subject) says or does
_PRONOUN_AFTER = re.compile(r"[ \t]+[a-z]+[ \t]+(?:that[ \t]+)?(he|she)(?![\w'’])")
_PRONOUN_SEX = {"he": "M", "she": "F"}
#: "Mrs Thornbury (Linda)" or "Linda (Mrs Thornbury)": a given name in brackets beside the mention
_BRACKET_AFTER = re.compile(r"(?:['’]s)?[ \t]*\([ \t]*([^\W\d_][\w'’-]*)[ \t]*\)")
_BRACKET_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]*\([ \t]*$")
_WORD = r"[^\W\d_][\w'’-]*"
#: "Will and Grace the two cats", "Rex, Max and Bella, our dogs": names joined by "and", then what they are
#: (read from the "and", the names before it by _NAMES_BEFORE: one pass, not a search from every word)
_APPOSED = re.compile(rf"[ \t]+(?:and|&)[ \t]+{_WORD}[ \t]*,?[ \t]*"
                      r"(?i:the|our|their|his|her|my|both|all)[ \t]+(?:(?i:two|three|four|five|six|\d+)[ \t]+)?"
                      r"(?:([a-z][\w'’-]*)[ \t]+)?([a-z][\w'’-]*s)(?![\w'’-])")
_NAMES_BEFORE = re.compile(rf"(?<![\w'’-]){_WORD}(?:[ \t]*,[ \t]*{_WORD})*$")


def _mentions(found: list[Candidate]) -> list[Candidate]:
    return [c for c in found if c.owners and c.entity_type == "PERSON" and c.action == "remove"]


def weigh_mentions(text: str, found: list[Candidate], sexes: dict[str, str], owner_tokens: dict[str, set[str]],
                   name_like) -> None:
    """Narrows or unties each case mention in ``found`` by what the words around it say (issue 11, "never the
    wrong person"); ``name_like(word)`` says whether a capitalised word can be a given name.

    * a courtesy title or the pronoun after initials states a sex ("Mr MT", "MT stated he"): owners recorded
      the other sex are not meant, and with none left it is somebody else;
    * a given name in brackets beside it ("Mrs Thornbury (Linda)"): only owners with that name are meant;
    * names joined by "and" and said to be things ("Will and Grace the two cats"): not the case people;
    * any other mention written the same in the text goes with the one shown to be somebody else."""
    untied: set[str] = set()
    for c in _mentions(found):
        sex, said = _stated_sex(text, c)
        if sex:
            owners = tuple(o for o in c.owners if sexes.get(o, "U") in ("U", sex))
            if not owners:
                another_person(c, f"{said} states a sex the case person it matched is not recorded as")
                untied.add(_surface(text, c))
                continue
            c.owners = owners
        given = _bracketed_given_name(text, c, name_like)
        if given:
            owners = tuple(o for o in c.owners if given in owner_tokens.get(o, ()))
            if not owners:
                another_person(c, "a given name in brackets beside it that is not the case person's")
                untied.add(_surface(text, c))
                continue
            c.owners = owners
    _apposed_as_things(text, found)
    if untied:
        for c in _mentions(found):
            if _surface(text, c) in untied and not _titled(text, c):
                another_person(c, "written as a mention in the same text that is somebody else")


def _surface(text: str, c: Candidate) -> str:
    """The mention as written, without a title before it ("Mr MT" and "MT" are one surface)."""
    raw = text[c.start:c.end]
    m = _TITLE_AT.match(raw)
    if m and normalise(m.group(1)) in _TITLE_SEX:
        raw = raw[m.end():]
    return normalise(raw)


def _titled(text: str, c: Candidate) -> bool:
    """A title or rank of its own in or before the mention ("Mrs Okafor", "Sister Tan"): weighed on its own."""
    m = _TITLE_AT.match(text, c.start, c.end) or _TITLE_BEFORE.search(text, max(0, c.start - 10), c.start)
    return bool(m) and m.group(1)[:1].isupper() and normalise(m.group(1)) in _titles()


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from .lexicon import lexicon

    lex = lexicon()
    return (frozenset(normalise(t) for t in lex.titles) | {normalise(f) for fs in lex.honorifics.values() for f in fs}
            | _person_words())


def _stated_sex(text: str, c: Candidate) -> tuple[str, str]:
    """("M" or "F", what says so) from a courtesy title in or before the mention, or the pronoun after
    initials; ("", "") when nothing does."""
    m = _TITLE_AT.match(text, c.start, c.end) or _TITLE_BEFORE.search(text, max(0, c.start - 10), c.start)
    if m and normalise(m.group(1)) in _TITLE_SEX:
        return _TITLE_SEX[normalise(m.group(1))], f"the title \"{m.group(1)}\""
    if c.reason.startswith("initials"):
        # initials are the weakest tie: the pronoun their sentence opens with is weighed against them
        p = _PRONOUN_AFTER.match(text, c.end)
        if p:
            return _PRONOUN_SEX[p.group(1)], "the pronoun after the initials"
    return "", ""


def _bracketed_given_name(text: str, c: Candidate, name_like) -> str:
    """The given name written in brackets right after or before a mention that has none of its own."""
    after = _BRACKET_AFTER.match(text, c.end)
    before = _BRACKET_BEFORE.search(text, max(0, c.start - 40), c.start) if text[c.end:c.end + 1] == ")" else None
    for m in (after, before):
        if m is None:
            continue
        word = m.group(1)
        norm = normalise(word)
        if word[:1].isupper() and not word.isupper() and norm not in tokens_of(text, c) \
                and norm not in _person_words() and name_like(word):
            return normalise(word)
    return ""


def tokens_of(text: str, c: Candidate) -> set[str]:
    return {normalise(t) for t in re.findall(_WORD, text[c.start:c.end])}


def _apposed_as_things(text: str, found: list[Candidate]) -> None:
    mentions = [c for c in _mentions(found) if len(tokens_of(text, c)) == 1]
    if not mentions or (" and " not in text and "&" not in text):
        return
    nouns = rules().people_nouns | _person_words()
    for m in _APPOSED.finditer(text):
        words = [w for w in (m.group(1), m.group(2)) if w]
        if any(_people_noun(w, nouns) for w in words):
            continue  # "Edith and Dawn, the two sisters": people
        before = _NAMES_BEFORE.search(text, max(0, m.start() - 120), m.start())
        if before is None:
            continue
        names_end = re.match(rf"[ \t]+(?:and|&)[ \t]+{_WORD}", text[m.start():]).end() + m.start()
        for c in mentions:
            if before.start() <= c.start and c.end <= names_end:
                another_person(c, "a name said to be something other than a person (\"... and ..., the two cats\"): "
                                  "not the case person who shares it")


def person_noun(word: str) -> bool:
    """A word for people or a person ("nurse", "sisters", "gp"): "told the nurse hope was fine" names Hope."""
    return _people_noun(word, rules().people_nouns | _person_words())


def _people_noun(word: str, nouns: frozenset[str]) -> bool:
    w = normalise(word)
    singular = {w, w[:-1], w[:-2], w[:-3] + "y" if w.endswith("ies") else w, w.replace("men", "man")}
    return bool(singular & nouns)


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    from .job_words import job_words
    from .lexicon import lexicon

    return frozenset(lexicon().relationship_words) | job_words()


# -- a first name that a person the case file does not know, named in full earlier, also has ---------------

#: keys of the detector's ``recent`` (who was named where, across a document's pieces) for the first names of
#: people named in full whom the case file does not know; no person id starts so
FULL_NAME_KEY = "\x00named in full: "


def untie_shared_first_names(text: str, case_hits: list[Candidate], others: list[Candidate],
                             recent: dict[str, int], offset: int, titles: set[str]) -> None:
    """"Sam Patel, the maintenance man, came at 10. Sam said ...": when somebody the case file does not know
    is named in full (by the case matcher's own reading, NER, the name list or a cue), a later bare mention of
    their first name may be either of them, so it is removed with a neutral word and listed to confirm, never
    given the case person's pseudonym (nor kept as a kept person's). ``recent`` carries the names from one
    piece of a document to the next (``offset`` is where this piece starts)."""
    named: list[tuple[int, str]] = []
    for c in case_hits + others:
        if c.entity_type != "PERSON" or c.action != "remove" or c.person_id or c.owners:
            continue
        if c.detector == "case" and "another person" not in c.flags:
            continue
        words = [normalise(w) for w in re.findall(_WORD, text[c.start:c.end])]
        words = [w for w in words if w not in titles]
        if len(words) >= 2 and len(words[0]) > 1:
            named.append((c.start, words[0]))
    for start, first in sorted(named, reverse=True):
        recent.setdefault(FULL_NAME_KEY + first, offset + start)  # the earliest mention in this piece
    if not any(k.startswith(FULL_NAME_KEY) for k in recent):
        return
    for c in case_hits:
        if c.entity_type != "PERSON" or not c.owners or "another person" in c.flags:
            continue
        written = [normalise(w) for w in re.findall(_WORD, text[c.start:c.end])]
        words = [w for w in written if w not in titles]
        if len(words) != 1 or len(written) != 1:
            continue  # a title before it makes the word a surname ("Professor Martin"), not a first name
        first = words[0][:-2] if re.search(r"['’]s$", words[0]) else words[0]
        at = recent.get(FULL_NAME_KEY + first)
        if at is not None and at < offset + c.start:
            c.action = "remove"
            another_person(c, "a first name that somebody the case file does not know, named in full earlier, "
                              "also has")
