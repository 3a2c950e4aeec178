"""The name each person in the case file goes by in anonymised copies.

One place decides it, so the genogram, the documents, the redaction engine
and the regulator's glossary always agree. A person's own ``pseudonym`` wins;
otherwise a readable, role-typed label is made up ("Adult A", "Son",
"Practitioner 2"). "Person N" is left for people found only by NER.
"""

from __future__ import annotations

from .model import Case, Person, Role


def _fallback(person: Person, case: Case, counters: dict[str, int]) -> str:
    if person.role is Role.subject:
        base = "Child" if case.review.is_childrens_review else "Adult"
        counters[base] = counters.get(base, 0) + 1
        return f"{base} {chr(ord('A') + counters[base] - 1)}"
    if person.role is Role.practitioner:
        base = person.job_title or "Practitioner"
    elif person.role is Role.family and person.relationship:
        base = person.relationship[:1].upper() + person.relationship[1:]
    else:
        base = {"family": "Family member", "perpetrator": "Perpetrator", "other": "Individual"}.get(person.role.value, "Individual")
    counters[base] = counters.get(base, 0) + 1
    return f"{base} {counters[base]}"


def case_pseudonyms(case: Case) -> dict[str, str]:
    """Map every person id to the pseudonym used for them in anonymised copies."""
    taken = {p.pseudonym for p in case.people if p.pseudonym}
    counters: dict[str, int] = {}
    result: dict[str, str] = {}
    for person in case.people:
        if person.pseudonym:
            result[person.id] = person.pseudonym
            continue
        label = _fallback(person, case, counters)
        while label in taken:  # never reuse a pseudonym the case file gave someone else
            label = _fallback(person, case, counters)
        taken.add(label)
        result[person.id] = label
    return result
