"""The parts of a case person's address that name where they live on their own: the street, and the town.

"4 Mill Lane, Lowbridge, LB4 2QT": the engine and the leak gate already take the whole address, its first
line, the street without its number and the postcode. A later line can name the place too: a street after a
house name ("Rowan Cottage, Mill Lane"), and the town or village ("Lowbridge"), which in a small place is
enough to find a family. A town is removed only where the profile says so (``remove_address_towns``: the
publication profile, which the family copy uses too), and never when it is the board's own area (a word of
an agency's or the board's name, or a place the engine always keeps): "Wexcombe" in "Wexcombe Adult Social
Care" stays.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..case.model import Case

_POSTCODE_AT_END = re.compile(r"(?:^|\s)[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)
_STREET_WORDS = {"road", "street", "avenue", "lane", "close", "drive", "way", "court", "crescent", "grove", "terrace",
                 "gardens", "place", "walk", "rise", "hill", "row", "mews", "square", "parade", "view", "green", "park",
                 "vale", "fold", "brow", "croft", "meadow", "meadows", "wharf", "yard", "bank", "heights", "rd", "st",
                 "ave", "ln", "cl", "dr", "ct", "cres", "gr", "terr", "gdns", "pl", "sq"}
_WORD = re.compile(r"[^\W\d_]+")


def _lines(address: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", address or "") if part.strip()]


def later_streets(address: str) -> list[str]:
    """Streets on a later line of the address, without a number ("Mill Lane" after "Rowan Cottage")."""
    out = []
    for line in _lines(address)[1:]:
        line = re.sub(r"^\d+[A-Za-z]?\s+", "", line)  # "Flat 3, 88 Chandlers Wharf": the street without its number
        words = _WORD.findall(line)
        if words and not any(c.isdigit() for c in line) and words[-1].casefold().rstrip(".") in _STREET_WORDS \
                and len(words) > 1:
            out.append(line)
    return out


def address_towns(address: str, own_area: Iterable[str] = ()) -> list[str]:
    """The towns, villages and districts of an address: its later lines that are no street, number or postcode,
    unless every word of one is the board's own area (``own_area``, casefolded words)."""
    own = {w.casefold() for w in own_area}
    streets = set(later_streets(address))
    out = []
    for line in _lines(address)[1:]:
        line = _POSTCODE_AT_END.sub("", line).strip()  # "Portcaster PT2 9LX": the town before its postcode
        if not line or line in streets or any(c.isdigit() for c in line) or \
                (_WORD.findall(line) or [""])[-1].casefold() in _STREET_WORDS:
            continue
        words = _WORD.findall(line)
        if not words or not line[:1].isupper() or all(w.casefold() in own for w in words):
            continue
        out.append(line)
    return out


def own_area_words(case: Case, keep_places: Iterable[str] = ()) -> set[str]:
    """Words of the board's own area: those of the agencies' and the board's names and the places always kept."""
    names = [case.review.board, *keep_places]
    for agency in case.agencies:
        names += [agency.name, agency.short_name or ""]
    panel = case.panel
    names += [m.organisation or "" for m in (panel.board_chair, panel.panel_chair, panel.author, *panel.members)]
    return {w.casefold() for name in names for w in _WORD.findall(name or "")}


def case_sensitive_literal(text: str) -> str:
    """A regex for a town as written (capitalised) or in capitals, never as an ordinary word in lower case."""
    flexible = r"\s+".join(re.escape(t) for t in text.split())
    upper = r"\s+".join(re.escape(t) for t in text.upper().split())
    return rf"(?-i:{flexible}|{upper})"
