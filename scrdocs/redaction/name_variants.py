"""Every form a person's name takes in real reports.

"Edith May Marlow" is also written "Edith", "Marlow", "Mrs Marlow",
"Mrs. E. Marlow", "Marlow, Edith", "EDITH MARLOW", "edith", "E.M." ...
Names are compared as tuples of *normalised tokens* (case-folded, accents
and apostrophes removed: "O’Neill" == "ONeill" == "o'neill", "Zoë" == "Zoe",
"Łukasz" == "Lukasz"), so one entry covers every spelling of the same letters
and the text's own line breaks and spacing do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

from .job_words import job_words, split_rank
from .lexicon import lexicon

#: A word as the matcher sees it: letters/digits, with inner hyphens and apostrophes ("O'Neill", "Kowalska-Nowak").
TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’‘ʼ`][^\W_]+)*")
_APOSTROPHES = "'’‘ʼ`"
_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ss",
                       "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th"})


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """Case-fold, drop accents and apostrophes: the form two spellings share."""
    word = word.translate(_FOLD)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return word.casefold()


def tokens(text: str) -> tuple[str, ...]:
    return tuple(normalise(m.group()) for m in TOKEN_RE.finditer(text))


def strip_accents(text: str) -> str:
    text = text.translate({ord(k): v.capitalize() if k.isupper() else v for k, v in
                           {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}.items()})
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass
class ParsedName:
    given: list[str]
    surname: list[str]
    honorifics: list[str] = field(default_factory=list)
    rank: list[str] = field(default_factory=list)  # "Assistant Chief Constable": a title, never a name part


def parse_name(name: str) -> ParsedName:
    """Split a written name into given names and surname, setting aside titles and letters after it."""
    lex = lexicon()
    title_forms = {t.casefold().rstrip(".") for t in lex.titles}
    honorific_forms = {h.casefold().rstrip("."): h for h in lex.honorifics}
    head, _, tail = name.partition(",")
    if tail.strip() and all(w.casefold().rstrip(".") in job_words() for w in tail.split()):
        name = head  # "Neil Garbutt, Assistant Chief Constable": the job after the name
    parts = [p.strip(",") for p in name.replace(",", " ").split()]
    honorifics: list[str] = []
    # a rank written out in words ("Detective Sergeant Louise Arkwright") is a title, not given names
    spelled = {f.casefold(): h for h, forms in lex.honorifics.items() for f in forms if " " in f}
    for form in sorted(spelled, key=len, reverse=True):
        words = form.split()
        if [p.casefold().rstrip(".") for p in parts[:len(words)]] == words and len(parts) > len(words):
            honorifics.append(spelled[form])
            parts = parts[len(words):]
            break
    while parts and (parts[0].casefold().rstrip(".") in title_forms or parts[0].casefold().rstrip(".") in honorific_forms):
        word = parts.pop(0).rstrip(".")
        if word.casefold() in honorific_forms:
            honorifics.append(honorific_forms[word.casefold()])
    rank, parts = split_rank(parts)
    while parts and (parts[0].casefold().rstrip(".") in title_forms or parts[0].casefold().rstrip(".") in honorific_forms):
        word = parts.pop(0).rstrip(".")  # "Chief Inspector Dr Ann Lowe"
        if word.casefold() in honorific_forms:
            honorifics.append(honorific_forms[word.casefold()])
    while len(parts) > 1 and parts[-1].casefold().rstrip(".") in lex.postnominals:
        parts.pop()
    if not parts:
        return ParsedName([], [], honorifics, rank)
    if len(parts) == 1:
        return ParsedName([parts[0]], [], honorifics, rank)
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in lex.particles:
        start -= 1
    return ParsedName(parts[:start], parts[start:], honorifics, rank)


def _initial(word: str) -> str:
    return strip_accents(word)[:1].upper()


_MALE_ONLY = {"mr", "master"}
_FEMALE_ONLY = {"mrs", "ms", "miss"}


def written_variants(name: str, *, alias: bool = False, sex: str = "U", extra_titles: tuple[str, ...] = ()) -> list[str]:
    """The written forms of one name (without possessives or case changes, which the matcher handles)."""
    return [form for form, _ in typed_variants(name, alias=alias, sex=sex, extra_titles=extra_titles)]


def typed_variants(name: str, *, alias: bool = False, sex: str = "U", extra_titles: tuple[str, ...] = (),
                   courtesy: bool = True) -> list[tuple[str, str]]:
    """The written forms of one name, each with the part it is when it is one word: "given" (the first
    given name), "part" (a piece of a hyphenated given name), "middle", "surname", "alias"; else "full".

    Courtesy titles follow the recorded sex ("Mrs Marlow" is not the son), all of them when it is unknown;
    none with ``courtesy`` False (a kept "Dr Fiona Pelham" is not "Mr Pelham", the husband).
    """
    lex = lexicon()
    parsed = parse_name(name)
    out: list[str] = [" ".join(name.split())] if not parsed.rank else []
    kinds: dict[str, str] = {}
    given, surname = parsed.given, " ".join(parsed.surname)
    skip = _FEMALE_ONLY if sex == "M" else _MALE_ONLY if sex == "F" else set()
    titles = [t for t in lex.titles if t.casefold() not in skip and courtesy] + list(extra_titles)
    for h in parsed.honorifics:
        titles += list(lex.honorifics.get(h, (h,)))
    if parsed.rank:
        titles.append(" ".join(parsed.rank))  # "Assistant Chief Constable Garbutt"
        out.append(" ".join(parsed.rank + given + parsed.surname))
    if given:
        first = given[0]
        out.append(first)
        kinds.setdefault(normalise(first), "given")
        if "-" in first:
            out += first.split("-") + [first.replace("-", " ")]
            pieces = first.split("-")
            kinds.setdefault(normalise(pieces[0]), "given")  # "Maisie" for Maisie-Jo: what she is called
            for piece in pieces[1:]:
                kinds.setdefault(normalise(piece), "part")
        out.append(" ".join(given))
        out += given[1:]  # middle names: some people go by them
        for middle in given[1:]:
            kinds.setdefault(normalise(middle), "middle")
    if surname:
        out.append(surname)
        kinds.setdefault(normalise(surname), "surname")
        pieces = [p for p in re.split(r"[-\s]", surname) if len(p) > 1 and p.casefold() not in lex.particles]
        for piece in pieces if len(pieces) > 1 else ():
            out.append(piece)
            kinds.setdefault(normalise(piece), "surname")
            out += [f"{title} {piece}" for title in titles]
        if "-" in surname:
            out.append(surname.replace("-", " "))
        for title in titles:
            out.append(f"{title} {surname}")
            if given:
                out.append(f"{title} {given[0]} {surname}")
                out.append(f"{title} {_initial(given[0])} {surname}")
                out.append(f"{title} {' '.join(given)} {surname}")
        if given:
            out.append(f"{given[0]} {surname}")
            out.append(f"{' '.join(given)} {surname}")
            out.append(f"{_initial(given[0])} {surname}")
            out.append(f"{''.join(_initial(g) for g in given)} {surname}")
            out.append(f"{surname}, {given[0]}")
            out.append(f"{surname} {given[0]}")  # family name first (Chinese, Hungarian, registers)
    elif given:
        for title in titles:
            out.append(f"{title} {given[0]}")
    for h in parsed.honorifics:  # "Professor Jane Hollis" as written
        for form in lex.honorifics.get(h, (h,)):
            out.append(f"{form} {' '.join(given + parsed.surname)}".strip())
    for word in list(out):
        if any(a in word for a in _APOSTROPHES):  # "O'Neill" is also written "O Neill"
            out.append(re.sub(f"[{_APOSTROPHES}]", " ", word))
    seen, result = set(), []
    for v in out:
        v = " ".join(v.split())
        toks = tokens(v)
        if v and v not in seen and any(c.isalpha() for c in v) and len(toks) and not (len(toks) == 1 and len(toks[0]) < 2):
            seen.add(v)
            kind = "full" if len(toks) > 1 else "alias" if alias else kinds.get(toks[0], "given")
            result.append((v, kind))
    return result


def initials(name: str) -> list[str]:
    """Initials as letters ("ES", "EMS"); the matcher accepts "E.S.", "E. S." and "E S" too."""
    parsed = parse_name(name)
    if not parsed.given or not parsed.surname:
        return []
    first, sur = _initial(parsed.given[0]), _initial(parsed.surname[-1])
    forms = [first + sur]
    if len(parsed.given) > 1:
        forms.append("".join(_initial(g) for g in parsed.given) + sur)
    return [f for f in dict.fromkeys(forms) if f.isalpha() and f.isascii()]


def display_variants(name: str, aliases: list[str], sex: str = "U", extra_titles: tuple[str, ...] = ()) -> list[str]:
    """Every written form, with the unaccented spelling too: what must never appear in an anonymised copy."""
    forms: list[str] = []
    for i, n in enumerate([name, *aliases]):
        forms += written_variants(n, alias=i > 0, sex=sex, extra_titles=extra_titles)
    for n in [name, *aliases]:
        for ini in initials(n):
            forms += [ini, ".".join(ini) + "."]
    out = []
    for f in forms:
        out.append(f)
        plain = strip_accents(f)
        if plain != f:
            out.append(plain)
    return list(dict.fromkeys(out))
