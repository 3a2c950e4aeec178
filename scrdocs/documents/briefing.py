"""The seven-minute briefing's context: the case cut to what fits on one page."""

from __future__ import annotations

import re
from typing import Any

from ..case.model import Case
from .drafting import todo


def briefing_context(case: Case, wording: dict[str, Any], narrative: dict[str, list[str]], subject: str) -> dict[str, Any]:
    """``briefing.{...}``: the case in brief, its issues, learning and good practice, and the recommendations.

    The briefing must fit one page, so long author text is cut, but only
    between sentences: a sentence is never cut off mid-way.
    """
    defaults = wording.get("briefing", {})
    n = case.narrative
    opening = (narrative["circumstances"] or narrative["summary_of_events"] or [""])[0]
    learning = list(n.briefing_points) if n and n.briefing_points else narrative["lessons"]
    practice = list(n.practice_points) if n and n.practice_points else [s.format(subject=subject) for s in defaults.get("practice_points", [])]
    questions = list(n.reflection_questions) if n and n.reflection_questions else [s.format(subject=subject) for s in defaults.get("questions", [])]
    shown = case.recommendations[:MAX_RECOMMENDATIONS]
    more = len(case.recommendations) - len(shown)
    return {
        "case_in_brief": whole_sentences(opening, 600) if opening else todo("the circumstances of the case"),
        "key_issues": [whole_sentences(x, 200) for p in narrative["key_issues"][:4]
                       for x in _listed_points(_first_sentence(p))][:5],
        "learning": [whole_sentences(x, 200) for x in learning[:5]],
        "good_practice": [whole_sentences(x, 200) for x in narrative["good_practice"][:2]],
        "practice_points": [whole_sentences(x, 180) for x in practice[:4]],
        "questions": [whole_sentences(x, 180) for x in questions[:3]],
        "recommendations": [f"{r.number}. {_first_sentence(r.recommendation)}" for r in shown],
        "more_recommendations": (f"{more} more recommendation{'s are' if more != 1 else ' is'} in the full report."
                                 if more > 0 else ""),
    }


#: The briefing fits one page: whole sentences only, so fewer of them.
MAX_RECOMMENDATIONS = 5


def whole_sentences(text: str, limit: int) -> str:
    """The opening sentences of ``text`` that fit in ``limit`` characters; always at least the first
    sentence whole (a sentence cut off mid-way changes what the author said)."""
    sentences = re.findall(r".+?[.!?](?=\s+[A-Z0-9\"'(‘“]|\s*$)|.+$", text.strip())
    out = ""
    for sentence in (x.strip() for x in sentences):
        joined = f"{out} {sentence}".strip()
        if out and len(joined) > limit:
            break
        out = joined
    return out


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the end of a clause when
    there is one in the second half (a cut mid-phrase reads badly)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    clause = max(head.rfind(mark) for mark in (", ", "; ", ": ", " – ", " - "))
    cut = head[:clause] if clause > limit // 2 else head.rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


def _listed_points(sentence: str) -> list[str]:
    """The items of a sentence like "Five themes emerged: a; b; and c." as
    sentences of their own, or the sentence itself when it is no such list."""
    lead, colon, rest = sentence.partition(": ")
    items = [re.sub(r"^(and|or)\s+", "", item.strip()).rstrip(".") for item in rest.split(";")] if colon else []
    items = [item for item in items if item]
    if len(items) < 2:
        return [sentence]
    return [item[0].upper() + item[1:] + "." for item in items]


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text
