"""Towns and villages by their shape, and the town that ends an address (issue 11, point 5).

Most towns in a review are small English places that no gazetteer small enough
to ship would list ("Old Prenticeworth", "Gisbworth-on-Dove", "Market Ockden").
Their names have shapes: a river after "-on-" or "-upon-", or a prefix English
place names take ("Market", "Little", "Nether", "Kirk", "Bishop's") before a
word that is not an ordinary word. "Old Forge", "High Court" and "Long Term"
stay: the second word is an ordinary one (the system word list).

After an address ("94 Willow Row, Blackwellford"), the capitalised words after
the comma are its town unless they are ordinary words or a listed given name
("12 Mill Lane, Jason said" keeps nothing but the street).
"""

from __future__ import annotations

import re

from functools import lru_cache

from ..given_names import given_names, surnames
from ..name_list import DICTIONARIES, dictionary_words
from ..name_variants import normalise
from .word_lists import alternation, word_lists

_RIVER = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:-(?:on|upon|under|le|by|in|cum|en|over)-(?:the-)?[A-Z][a-z]+)+(?![\w'’-])")
_PREFIXED = re.compile(r"(?<![\w'’-])(?P<prefix>Market|Little|Nether|Kirk|Bishop['’]s|Bishops|Chipping|Much|Great|Upper|"
                       r"Lower|Castle|Old|High|Long|Steeple|King['’]s|Kings|Abbots|Monks|Temple)[ \t]+"
                       r"(?P<name>[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?)(?![\w'’-])")
_SUFFIXED = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][a-z]+)[ \t]+(?:Moor|Heath|Marsh|Magna|Parva|Regis|Fen|Wold|St[ \t]+Mary|"
                       r"St[ \t]+Michael|St[ \t]+Peter|St[ \t]+Andrew)(?![\w'’-])")
#: ", Blackwellford", ", Market Wilcote", ", Quarbridge St Mary" after an address.
_TOWN_AFTER = re.compile(r",[ \t]+(?P<town>[A-Z][\w'’-]+(?:[ \t]+(?:St[ \t]+)?[A-Z][\w'’-]+)?"
                         r"(?:[ \t]+(?:le|cum|under|upon|(?:in|on|by)[ \t]+the)[ \t]+[A-Z][\w'’-]+)?)(?![\w'’-])")


def _ordinary(word: str) -> bool:
    words = dictionary_words()
    norm = normalise(word)
    return norm in words or (norm.endswith("s") and norm[:-1] in words)


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    words = word_lists("place_words")
    ending = alternation(words["suffixes"])
    #: one word ending in a place-name ending after three letters or more ("Cleryminster", "McMahonminster")
    suffixed = re.compile(rf"(?<![\w'’-])(?:(?:{alternation(words['prefixes'])})[ \t]+)?"
                          rf"(?P<name>[A-Z][a-z]*[A-Z]?[a-z]{{2,}}(?:{ending}))"
                          rf"(?:[ \t]+(?:{alternation(words['affixes'])}))?(?![\w'’-])")
    #: one to three capitalised words (in any alphabet, with "de", "am"...) after a place cue ("relatives in León")
    word = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*"
    gap = r"[ \t]+(?:(?:de|do|da|del|nad|am|an|sur|en|la|le|di|upon|on)[ \t]+)?"
    cued = re.compile(rf"(?<![\w])(?i:{alternation(words['cues'])})[ \t]+(?P<name>{word}(?:{gap}{word}){{0,3}})")
    return suffixed, cued, frozenset(normalise(w) for w in words["not_places"])


@lru_cache(maxsize=1)
def _shape_rules() -> tuple[re.Pattern, ...]:
    """Shapes of Welsh, Scottish and Irish names, places joined to their ground, a town before its country,
    and a town before a facility (redaction_rules/place_words.yaml)."""
    words = word_lists("place_words")
    cap = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*"
    joined = re.compile(rf"(?<![\w'’-])(?:(?:{alternation(words['prefixes'])})[ \t]+)?"
                        rf"(?P<name>(?:{alternation(words['joined_prefixes'])})[a-zâêîôûŵŷ]{{3,}})(?![\w'’-])")
    hyphened = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][a-z]+-(?:y|yr|ar|an)-[a-zâêîôûŵŷ]{3,})(?![\w'’-])")
    connected = re.compile(rf"(?<![\w'’-])(?P<name>[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?)[ \t]+"
                           rf"(?:(?:{alternation(words['connectors'])})[ \t]+[A-Z][a-z]+"
                           rf"|(?:in|on|by)[ \t]+the[ \t]+(?:{alternation(words['ground'])}))(?![\w'’-])")
    country = re.compile(rf"(?<![\w])(?:in|from|to|near|of)[ \t]+(?P<name>{cap}(?:[ \t]+{cap}){{0,2}}),[ \t]+"
                         rf"(?:{alternation(words['countries'])})(?![\w])")
    facility = re.compile(rf"(?<![\w'’-])(?P<name>{cap}(?:[ \t]+{cap}){{0,1}})[ \t]+"
                          rf"(?:{alternation(words['before_facility'])})(?![\w])")
    return joined, hyphened, connected, country, facility


def _shaped_places(text: str) -> list[tuple[int, int]]:
    joined, hyphened, connected, country, facility = _shape_rules()
    out = [(m.start(), m.end()) for m in hyphened.finditer(text)]
    for m in joined.finditer(text):  # "Cwmbedw", "Invertullie"; never "Kindness", "Craig", "Dr Killick"
        before = re.search(r"([A-Z][a-z]+)\.?[ \t]+$", text[max(0, m.start() - 30):m.start()])
        if not _a_name_or_word(m.group("name")) and m.group("name") not in _well_known() \
                and not (before and (before.group(1) in _TITLES or normalise(before.group(1)) in given_names())):
            out.append((m.start(), m.end()))
    for m in connected.finditer(text):  # "Gunnside le Marsh"; never "Jason under pressure"
        if normalise(m.group("name").split("-")[0]) not in given_names():
            out.append((m.start(), m.end()))
    for rx in (country, facility):  # "in Gland, Switzerland", "Tangail airport"; never "Jason, Kenya"
        for m in rx.finditer(text):
            names = m.group("name").split()
            if rx is facility and (_a_name_or_word(names[0]) or names[0] in _TITLES):
                continue
            if normalise(names[0]) not in given_names() and names[0] not in ("The", "A", "An"):
                out.append((m.start("name"), m.end("name")))
    return out


@lru_cache(maxsize=1)
def _well_known() -> frozenset[str]:
    """Capitalised entries of the system word list ("Edinburgh", "Manchester"): places so well known that a
    word ending like a place name is not evidence there ("the Duke of Edinburgh award"); a cue still finds them."""
    for path in DICTIONARIES:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        return frozenset(w.strip() for w in lines if w[:1].isupper())
    return frozenset()


def _a_name_or_word(word: str) -> bool:
    norm = normalise(word)
    return _ordinary(word) or norm in given_names() or norm in surnames()


#: A surname shaped like a town is still a surname after a title: the name's own rules remove it as a person.
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Lady", "Lord", "Rev", "Revd",
                     "Cllr", "Nurse", "Sister"})


def place_shapes(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` shaped like a town's or a village's name, or written where a place is."""
    out = [(m.start(), m.end()) for m in _RIVER.finditer(text)] + _shaped_places(text)
    foreign = frozenset(word_lists("place_words")["foreign_starts"])
    for rx in (_PREFIXED, _SUFFIXED):
        for m in rx.finditer(text):
            name = m.group("name").split("-")[0]
            if not _ordinary(name) and normalise(name) not in given_names():
                out.append((m.start(), m.end()))
    suffixed, cued, not_places = _rules()
    for m in suffixed.finditer(text):
        before = re.search(r"([A-Z][a-z]+)\.?[ \t]+$", text[max(0, m.start() - 30):m.start()])
        if _a_name_or_word(m.group("name")) or m.group("name") in _well_known() \
                or (before and (normalise(before.group(1)) in given_names() or before.group(1) in _TITLES)):
            continue  # an ordinary word or a name, or a surname after a given name or a title ("Mrs Thornbury")
        out.append((m.start(), m.end()))
    for m in cued.finditer(text):
        words = m.group("name").split()
        first = words[0].removesuffix("'s").removesuffix("’s")
        starts = first in foreign and len(words) > 1  # "La Salina", "San Antonio del Tequendama"
        abroad = starts or not first.isascii()  # "Río Negro"
        if normalise(first) in not_places or (_ordinary(first) and not abroad) \
                or (normalise(first) in given_names() and not starts) \
                or first.isupper() or text[m.end("name"):m.end("name") + 2] in ("'s", "’s"):
            continue  # "round Christmas", "near Jason", "left CAMHS", "near Tom's house"
        keep = [w for w in words if w[:1].islower() or (normalise(w) not in not_places and not _ordinary(w))]
        if keep == words or abroad:
            out.append((m.start("name"), m.end("name")))
        else:  # "has left Cleryminster Road Mosque": the place word, not the rest
            end = m.start("name") + len(words[0])
            out.append((m.start("name"), end))
    return out


@lru_cache(maxsize=1)
def _address_end() -> re.Pattern:
    """The last word of an address (a street, a building, a house) with a comma after it."""
    words = word_lists("address_words")
    ends = words["street_types"] + words["building_words"] + words["house_words"] + ("Maltings", "Station")
    return re.compile(rf"(?<![\w'’-])(?:{alternation(ends)})(?=,)")


def town_after(text: str, end: int) -> tuple[int, int] | None:
    """The town written after an address ending at ``end`` (", Blackwellford"), if there is one."""
    m = _TOWN_AFTER.match(text, end)
    if not m:
        return None
    town = m.group("town")
    words = [w for w in re.split(r"[ \t]+", town) if w != "St"]
    first = words[0].split("-")[0]
    _, _, connected, _, _ = _shape_rules()
    if connected.fullmatch(town) and normalise(first) not in given_names():
        return m.start("town"), m.end("town")  # ", Fallowthorpe cum Moor"
    if _RIVER.fullmatch(town) or _PREFIXED.fullmatch(town) or _SUFFIXED.fullmatch(town):
        return m.start("town"), m.end("town")
    if normalise(first) in given_names() or any(_ordinary(w.split("-")[0]) for w in words):
        return None
    return m.start("town"), m.end("town")


def towns_after_addresses(text: str) -> list[tuple[int, int]]:
    """Towns ending an address ("Rowan Farm, Ash Street, Holcombe-on-Tees"). They are found as places by the
    settings recognizer, so the board's own area ("22 Acacia Dr, Northshire") stays as the profile says."""
    out = []
    for m in _address_end().finditer(text):
        town = town_after(text, m.end())
        if town is not None:
            out.append(town)
    return out
