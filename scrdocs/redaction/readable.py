"""Replacements that read well beside the words already around a name.

Reports often put a relationship or a role in front of a name: "her son
Daniel", "Neighbour Ellie Hollis", "SW1 Amara Nwosu". Swapping the name alone
for a pseudonym that says the same thing reads badly ("her son Son",
"SW1 SW1"). So, for a case person's name:

* when the words before it are the end of the pseudonym, the name goes and
  those words carry the meaning: "her son Daniel" -> "her son",
  "Daniel's former wife Agnieszka" -> "Son's former wife";
* when the pseudonym only adds a number, the words and the name become the
  pseudonym: "her daughter Hope" -> "her Daughter 2";
* a name followed by its own pseudonym in brackets becomes the pseudonym:
  "Tom Fairbairn (SW2)" -> "SW2";
* when a different relationship word stands before a relational pseudonym,
  the pseudonym follows in brackets: "her brother Danny" -> "her brother (Son)",
  or the name simply goes before a possessive: "her brother Danny's car" ->
  "her brother's car".

Only whole words on the same line, separated by spaces, are looked at, and a
span never grows over another span.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .name_variants import TOKEN_RE, normalise
from .pseudonymise import at_sentence_start
from .spans import Span

_SMALL_WORDS = {"a", "an", "the", "of", "and", "to", "in", "on", "at", "for", "or", "s"}
_BRACKET_CLOSE = re.compile(r"[ \t]*\)")
_FAMILY_AFTER = re.compile(r"[ \t]+(family|families|household|siblings|twins)(?![\w'’])", re.I)
_POSSESSIVE_AFTER = re.compile(r"['’]s?(?![\w])")


def _words(pseudonym: str) -> tuple[tuple[str, ...], bool]:
    """The pseudonym's words without a trailing number, and whether it had one ("Daughter 2")."""
    words = [normalise(m.group()) for m in TOKEN_RE.finditer(pseudonym)]
    numbered = bool(words) and words[-1].isdigit()
    if numbered:
        words = words[:-1]
    return tuple(words), numbered


def _words_before(text: str, start: int, lowest: int, count: int) -> list[tuple[int, int, str]]:
    """Up to ``count`` words right before ``start`` joined only by spaces or tabs (nearest last)."""
    found: list[tuple[int, int, str]] = []
    pos = start
    while len(found) < count:
        gap = pos
        while gap > lowest and text[gap - 1] in " \t":
            gap -= 1
        if gap == pos or gap <= lowest:
            break
        m = re.search(r"[^\W_]+(?:[-'’][^\W_]+)*$", text[lowest:gap])
        if m is None:
            break
        found.insert(0, (lowest + m.start(), lowest + m.end(), normalise(m.group())))
        pos = lowest + m.start()
    return found


def _fitted(span: Span, text: str, start: int, end: int, replacement: str, why: str) -> Span:
    fitted = replace(span, start=start, end=end, text=text[start:end], replacement=replacement)
    object.__setattr__(fitted, "_reason", (getattr(span, "_reason", "") + "; " + why).lstrip("; "))
    return fitted


def _relational(words: tuple[str, ...], relationship_words: frozenset[str]) -> bool:
    return any(w in relationship_words or (w.endswith("s") and w[:-1] in relationship_words) for w in words)


def fit_to_context(text: str, spans: list[Span], pseudonym_of, relationship_words: frozenset[str]) -> list[Span]:
    """``spans`` (sorted, not overlapping) with case people's replacements fitted to the words before them.

    ``pseudonym_of(span)`` gives the case pseudonym of a removed person span, or None to leave it alone.
    """
    out: list[Span] = []
    for span in spans:
        pseudonym = pseudonym_of(span) if span.action == "remove" and span.entity_type == "PERSON" else None
        if not pseudonym or span.replacement is None:
            out.append(span)
            continue
        after = re.compile(r"[ \t]*\(\s*" + re.escape(pseudonym) + r"\s*\)", re.I).match(text, span.end)
        if after:  # "Tom Fairbairn (SW2)" -> "SW2", not "SW2 (SW2)"
            span = replace(span, end=after.end(), text=text[span.start:after.end()])
            object.__setattr__(span, "_reason", getattr(spans[len(out)], "_reason", "") + "; with its pseudonym after it")
        lowest = out[-1].end if out else 0
        before_text = text[lowest:span.start]
        bracketed = re.search(r"(?<![\w])" + re.escape(span.replacement) + r"[ \t]*\([ \t]*$", before_text, re.I)
        close = _BRACKET_CLOSE.match(text, span.end)
        if bracketed and close:  # "SW1 (Oisín Ó Briain)" -> "SW1", not "SW1 (SW1)"
            start = lowest + bracketed.start() + len(span.replacement)
            out.append(_fitted(span, text, start, close.end(), "", "its pseudonym is just before it"))
            continue
        family = _FAMILY_AFTER.match(text, span.end)
        if family and len(TOKEN_RE.findall(span.text)) == 1:
            # "the Brown family" -> "the family", "Marlow household" -> "the household"
            if re.search(r"(?<![\w])the[ \t]+$", before_text, re.I):
                word = ""
            else:
                word = "The " if at_sentence_start(text, span.start) else "the "
                word = word.upper() if span.text.isupper() and len(span.text) > 1 else word
            out.append(_fitted(span, text, span.start, family.start(1), word, "family name"))
            continue
        words, numbered = _words(pseudonym)
        before = _words_before(text, span.start, lowest, max(len(words), 1))
        fitted = None
        if words and len(words[-1]) > 1 and words[-1] not in _SMALL_WORDS:
            for k in range(min(len(words), len(before)), 0, -1):
                if tuple(w for _, _, w in before[-k:]) == words[-k:]:
                    if numbered:  # "her daughter Hope" -> "her Daughter 2"
                        start = before[-k][0]
                        fitted = replace(span, start=start, text=text[start:span.end], replacement=span.replacement)
                    else:  # "her son Daniel" -> "her son"
                        start = before[-1][1]
                        fitted = replace(span, start=start, text=text[start:span.end], replacement="")
                    break
        if fitted is None and before and before[-1][2] in relationship_words and _relational(words, relationship_words) \
                and span.start - before[-1][1] == 1:
            start = before[-1][1]
            if _POSSESSIVE_AFTER.match(text, span.end):  # "her brother Danny's car" -> "her brother's car"
                fitted = replace(span, start=start, text=text[start:span.end], replacement="")
            else:  # "her brother Danny" -> "her brother (Son)"
                fitted = replace(span, replacement=f"({span.replacement})")
        if fitted is None:
            out.append(span)
            continue
        object.__setattr__(fitted, "_reason", (getattr(span, "_reason", "") + "; fitted to the words before it").lstrip("; "))
        out.append(fitted)
    return out
