"""The forms a name, date or address can take, and the folding that lets them match.

The gate compares folded text with folded terms: every regex here matches
text that :func:`fold` has already passed over.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

# "_" reads as a space: ids and file names join words with it ("Jane_Smith").
_APOSTROPHES = str.maketrans({"_": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u2009": " ",
                              "\u202f": " ", "\u2010": "-", "\u2011": "-", "\u00ad": " "})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Exactly one character out for one in: offsets into folded text must
    # stay offsets into the original ("…" stays "…", "é" becomes "e").
    return stripped if len(stripped) == 1 else ch


def fold(text: str) -> str:
    """Accents off, curly apostrophes straight, odd spaces plain; the same length as ``text``."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    return "".join(_fold_char(c) if ord(c) > 127 else c for c in text)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def date_forms(d: date) -> set[str]:
    """The ways a date of birth is written in agency records."""
    month, short = _MONTHS[d.month - 1], _MONTHS[d.month - 1][:3]
    forms = {d.isoformat(), f"{d.year}/{d.month:02d}/{d.day:02d}"}
    for day in {f"{d.day:02d}", str(d.day)}:
        for mon in {f"{d.month:02d}", str(d.month)}:
            for sep in "/.-":
                forms.add(f"{day}{sep}{mon}{sep}{d.year}")
                forms.add(f"{day}{sep}{mon}{sep}{d.year % 100:02d}")
        for name in (month, short, short + "."):
            forms.add(f"{day} {name} {d.year}")
            forms.add(f"{day}-{name}-{d.year}")
            forms.add(f"{day}-{name}-{d.year % 100:02d}")
    for name in (month, short):
        forms.add(f"{_ordinal(d.day)} {name} {d.year}")
        forms.add(f"{_ordinal(d.day)} of {name} {d.year}")
        forms.add(f"{name} {d.day}, {d.year}")
        forms.add(f"{name} {d.day} {d.year}")
        forms.add(f"{name} {_ordinal(d.day)}, {d.year}")
    return forms


_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
_STREET_NUMBER = re.compile(r"^(?:flat\s+\w+,?\s*)?\d+[a-z]?\s+", re.I)


def address_forms(address: str) -> list[tuple[str, str]]:
    """(text, entity type) for a full address, each of its lines, the street without number, the postcode."""
    forms: list[tuple[str, str]] = [(address, "STREET_ADDRESS")]
    lines = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    if lines:
        first = lines[0]
        forms.append((first, "STREET_ADDRESS"))
        street = _STREET_NUMBER.sub("", first)
        if street != first and len(street) > 3:
            forms.append((street, "STREET_ADDRESS"))
    for m in _POSTCODE.finditer(address):
        forms.append((f"{m[1]} {m[2]}", "UK_POSTCODE"))
    return forms


@dataclass(frozen=True)
class Search:
    r"""A bounded term compiled twice: as written (``exact``) and in a form Python's regex engine searches
    a hundred times faster (``fast``), which is run over the text lowercased when ``on_lowered``.

    ``(?<![\w])Jane\s+Smith(?![\w])`` with re.I gives the engine no first character to skip to, so it
    tries the whole pattern at every position of every text; ``j(?<![\w].)ane\s+smith(?![\w])`` over the
    lowercased text lets it jump from one "j" to the next. Both match exactly the same places.
    """

    exact: re.Pattern
    fast: re.Pattern
    on_lowered: bool

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match]:
        """Matches in ``text``; ``lowered`` is ``text.lower()`` when that has the same length (offsets agree)."""
        if not self.on_lowered:
            return self.fast.finditer(text)
        if lowered is None:
            return self.exact.finditer(text)
        return self.fast.finditer(lowered)


_FIRST_LITERAL = re.compile(r"\\[^A-Za-z0-9]|[^\\()\[\]{}?*+|^$.]")


@lru_cache(maxsize=65536)
def bounded_search(core: str, flags: int) -> Search:
    """``core`` (a regex built by the helpers here) standing alone: no word character either side."""
    exact = re.compile(_bounded(core), flags)
    # Lowercasing the pattern is safe only for the escapes these helpers write (\s, escaped punctuation).
    on_lowered = bool(flags & re.I) and not re.search(r"\\[A-Z]", core)
    source = core.lower() if on_lowered else core
    first = _FIRST_LITERAL.match(source)
    if first is None or source[first.end():first.end() + 1] in ("?", "*", "+", "{"):
        fast_source = _bounded(source)
    else:
        # The look-behind moved after the first character: the character before it is not a word character.
        fast_source = source[:first.end()] + r"(?<![\w].)" + source[first.end():] + r"(?![\w])"
    return Search(exact, re.compile(fast_source, flags & ~re.I if on_lowered else flags), on_lowered)


def same_length_lower(text: str) -> str | None:
    """``text.lower()`` if every offset in it is the offset in ``text`` (almost always), else None."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _maskers(names: Iterable[str]) -> list[tuple[str, Search]]:
    """(anchor, search) per name, longest name first, for :func:`_mask`."""
    result = []
    for name in sorted({fold(n).strip() for n in names if n and n.strip()}, key=len, reverse=True):
        chunks = re.findall(r"[^\W_]+", name.casefold())
        result.append((max(chunks, key=len) if chunks else "", bounded_search(_flexible(name), re.I)))
    return result


def _mask(text: str, maskers: list[tuple[str, Search]]) -> str:
    lowered = text.casefold()
    for anchor, search in maskers:
        if anchor in lowered:
            spans = [m.span() for m in search.finditer(text, same_length_lower(text))]
            if spans:
                pieces, last = [], 0
                for start, end in spans:
                    pieces += [text[last:start], " " * (end - start)]
                    last = end
                text = "".join(pieces) + text[last:]
    return text


def _flexible(text: str) -> str:
    """A regex for ``text`` with any run of whitespace matching any whitespace (line breaks too)."""
    return r"\s+".join(re.escape(tok) for tok in fold(text).split())


def _digits_pattern(digits: str) -> str:
    # 943 476 5919, 943-476-5919, 9434765919: any spaces or hyphens between digits.
    return r"[\s\-]?".join(digits)


def _phone_pattern(digits: str, written: str) -> str:
    """A number as written with any spacing; a UK number also in its +44 form (07700... = +44 7700...)."""
    if written.strip().startswith("+44"):
        digits = "0" + digits[2:]
    if digits.startswith("0") and len(digits) >= 10:
        return r"(?:0|\+\s?44\s?(?:\(0\)\s?)?)" + r"[\s\-]?" + _digits_pattern(digits[1:])
    return _digits_pattern(digits)


def _bounded(core: str) -> str:
    return rf"(?<![\w]){core}(?![\w])"
