"""A case term that is also an ordinary word ("Dean", "Con", "Grace"): is it used as a name where it stands?

The gate reads such a word as the engine's case matcher does (:mod:`scrdocs.redaction.name_reading`), with the
same signals that a word is used as a name: a title before it ("Mr Dean"), a verb of speech or something
people do after it ("Dean said"), a possessive, or a capital inside a sentence where no article or ordinary
proper name explains it ("met Dean at the station"). Where it reads as the word ("con artist" in lower case,
"Will the panel note", "3 May 2019", "Ward Sister"), it is no finding. Anything else stays ambiguous ("The Dean
of the college", a heading in capitals): a finding "to confirm", which a person marks "not a name" on the
review page (a decision in ``CASE.review-decisions.yaml``), never by changing the text.
"""

from __future__ import annotations

import re

from ...redaction.name_reading import (
    _BARE_VERBS,
    _BEFORE_A_MONTH,
    _DONE_BY_A_PERSON,
    _JOB_AFTER,
    _MODALS,
    _MONTHS,
    _OBJECT_WORDS,
    starts_sentence,
    _SUBJECTS,
    _TITLE_FORMS,
    _TOLD_BY_NAME,
    _VERB_NAMES,
    _third_person,
)
from ...redaction.name_variants import TOKEN_RE, normalise

NAME, WORD, TO_CONFIRM = "name", "word", "to confirm"
#: Words before a capitalised word that make it a thing or a role ("The Dean of", "a Con"): not sure either way.
_ARTICLES = {"a", "an", "the", "another", "some", "any", "every", "each", "no", "this", "that", "our", "their",
             "his", "her", "its", "your", "my"}
_WINDOW = 80


def _around(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], int]:
    """The tokens near the match, and the index of the one that starts at ``start``."""
    lo = max(0, start - _WINDOW)
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in TOKEN_RE.finditer(text[lo:min(len(text), end + _WINDOW)])]
    index = next((k for k, t in enumerate(toks) if t[0] == start), -1)
    return toks, index


def _opens_sentence(text: str, start: int) -> bool:
    return starts_sentence(text, start)


def judge(text: str, start: int, end: int) -> str:
    """:data:`NAME`, :data:`WORD` or :data:`TO_CONFIRM` for the word-like term ``text[start:end]``."""
    written = text[start:end]
    if not written[:1].isupper():
        return WORD  # "con artist", "a period of grace": the engine takes these only in notes typed in lower case
    toks, i = _around(text, start, end)
    if i < 0:
        return TO_CONFIRM
    norms = [normalise(t[2]) for t in toks]
    norm = norms[i]
    before = norms[i - 1] if i > 0 and "\n" not in text[toks[i - 1][1]:start] else ""
    gap_after = text[end:toks[i + 1][0]] if i + 1 < len(toks) else ""
    after = norms[i + 1] if i + 1 < len(toks) and gap_after in (" ", ", ") else ""
    after_raw = toks[i + 1][2] if after else ""
    opening = _opens_sentence(text, start)
    # what reads as the word, as the engine reads it
    if norm in _MONTHS and (before in _BEFORE_A_MONTH or re.match(r"\s*\d", text[end:end + 3])
                            or re.search(r"\d\s*$", text[max(0, start - 3):start])):
        return WORD  # "in May", "3 May 2019"
    if opening and after and after_raw.islower() and (
            (norm in _MODALS and after in _BARE_VERBS | _SUBJECTS) or (norm in _VERB_NAMES and after in _OBJECT_WORDS)):
        return WORD  # "Will update her", "Mark the chart", "Hope it helps"
    if after and after_raw[:1].isupper() and after in _JOB_AFTER() and before not in _TITLE_FORMS():
        return WORD  # "Ward Sister"
    # what reads as the person
    if before in _TITLE_FORMS() and not written.isupper():
        return NAME  # "Mr Dean", "Dr Grace"
    article = before in _ARTICLES
    if re.match(r"['’]s\b", text[end:end + 2]) and not article:
        return NAME  # "Dean's flat"
    if after and after_raw.islower() and not article and (
            after in _DONE_BY_A_PERSON or after in _TOLD_BY_NAME or (_third_person(after) and not opening)):
        return NAME  # "Dean said", "Grace was seen", "Con rang" ("Con artists target..." opening: to confirm)
    if written.isupper() or article or opening:
        return TO_CONFIRM  # a heading in capitals, "The Dean of the college", a capital that opens a sentence
    neighbour_caps = [toks[k][2] for k in (i - 1, i + 1) if 0 <= k < len(toks) and toks[k][2][:1].isupper()
                      and text[min(toks[k][1], toks[i][1]):max(toks[k][0], toks[i][0])].strip() == ""]
    if neighbour_caps:
        return TO_CONFIRM  # inside a longer capitalised name ("Pros and Cons Forum", "Dean Street")
    return NAME  # a capital inside a sentence that nothing else explains: used as a name


#: The ``document`` of a "not a name" decision: it is about the leak check's reading of the copies, not about
#: one document's text as the engine reads it (so the engine never applies it, nor calls it stale).
NOT_A_NAME_DOCUMENT = "leak check: not a name"
NOT_A_NAME_REASON = "not a name (a leak check finding marked on the review page)"
_CONTEXT_WORDS = 4


def context_fingerprint(text: str, start: int, end: int) -> str:
    """The fingerprint of a word with the few words around it, spaces and line breaks aside: the same
    occurrence in a Word copy, in the PDF made from it and in the pack's merged PDF has the same one."""
    from ...redaction.reviewer_decisions import piece_hash

    before = [m.group().casefold() for m in TOKEN_RE.finditer(text[max(0, start - 60):start])][-_CONTEXT_WORDS:]
    after = [m.group().casefold() for m in TOKEN_RE.finditer(text[end:end + 60])][:_CONTEXT_WORDS]
    return piece_hash(" ".join([*before, "<" + text[start:end].casefold() + ">", *after]))


def not_a_name_keys(decisions) -> set[tuple[str, str]]:
    """(word casefolded, context fingerprint) of each "not a name" decision in the reviewer's decisions file."""
    return {(d.text.casefold(), d.piece) for d in getattr(decisions, "decisions", ())
            if d.document == NOT_A_NAME_DOCUMENT and d.action == "keep" and d.piece}


def confirm_hit(unit, text: str, start: int, end: int, entity_type: str, pseudonym: str,
                not_names: set[tuple[str, str]], honoured: list):
    """The finding "to confirm" for ``text[start:end]`` in ``unit`` (offsets into its paragraph or line), or None
    where the reviewer marked this occurrence "not a name" (then noted in ``honoured``)."""
    from .report import TO_CONFIRM, LeakHit

    # read in the unit's own text (not the gate's masked, folded copy of it), as the review page reads it
    context = context_fingerprint(unit.text, start, end)
    if (unit.text[start:end].casefold(), context) in not_names:
        honoured.append((unit.file, unit.where(start)))
        return None
    offset = max((o for o, _ in unit.pieces() if o <= start), default=0)
    return LeakHit(unit.file, unit.where(start), entity_type, pseudonym, TO_CONFIRM, context=context,
                   start=start - offset, end=end - offset)
