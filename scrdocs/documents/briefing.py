"""The seven-minute briefing's context: the case cut to what fits on one page."""

from __future__ import annotations

import re
from typing import Any

from ..case.model import Case


def briefing_context(case: Case, wording: dict[str, Any], narrative: dict[str, list[str]], subject: str) -> dict[str, Any]:
    """``briefing.{...}``: the case in brief, its issues and learning, and the recommendations, each cut to fit."""
    defaults = wording.get("briefing", {})
    n = case.narrative
    opening = (narrative["circumstances"] or narrative["summary_of_events"] or [""])[0]
    learning = list(n.briefing_points) if n and n.briefing_points else narrative["lessons"]
    practice = list(n.practice_points) if n and n.practice_points else [s.format(subject=subject) for s in defaults.get("practice_points", [])]
    questions = list(n.reflection_questions) if n and n.reflection_questions else [s.format(subject=subject) for s in defaults.get("questions", [])]
    return {
        # The briefing must fit one page: long author text is cut to its opening.
        "case_in_brief": shorten(opening, 700) if opening else "The circumstances of the case have not been provided in the case file.",
        "key_issues": [shorten(x, 220) for p in narrative["key_issues"][:4]
                       for x in _listed_points(_first_sentence(p))][:5],
        "learning": [shorten(x, 220) for x in learning[:7]],
        "practice_points": [shorten(x, 200) for x in practice[:5]],
        "questions": [shorten(x, 200) for x in questions[:4]],
        "recommendations": [f"{r.number}. {shorten(_first_sentence(r.recommendation), 160)}" for r in case.recommendations[:8]],
    }


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
