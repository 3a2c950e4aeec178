"""`scrdocs check` on the family section: a partnership between a parent and their own child.

A partnership (together, separated, divorced or widowed) between someone and
their own child, grandchild or other descendant is a data entry error: usually
a child entered under ``partners`` instead of ``children``, or a widowed
parent entered as the partner of the son who cares for her. The genogram
cannot draw it, and every document that describes the family would say it, so
`check` reports it as an error (exit 1) with how to put it right. A
descendant is found two ways: through the children of the family's
partnerships, and, for the subject, from ``people[].relationship`` ("son",
"granddaughter": the words are data, ``procedures/checks/family_relationships.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache


from ..case.model import Case
from ..errors import RulesError
from ..resources import package_file, safe_yaml
from .findings import Finding


@lru_cache(maxsize=1)
def _descendant_words() -> re.Pattern[str]:
    path = package_file("review", "procedures", "checks", "family_relationships.yaml")
    words = (safe_yaml(path.read_text(encoding="utf-8")) or {}).get("descendant_words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise RulesError(f"{path} needs a list of descendant_words.", hint="Restore the shipped file.")
    return re.compile(r"\b(?:" + "|".join(re.escape(w.strip()) for w in words) + r")\b", re.I)


def _parents(case: Case) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for part in case.family.partnerships if case.family else []:
        for child in part.children:
            parents.setdefault(child.id, set()).update(part.partners)
    return parents


def _is_descendant(person: str, of: str, parents: dict[str, set[str]]) -> bool:
    stack, seen = list(parents.get(person, ())), set()
    while stack:
        anc = stack.pop()
        if anc == of:
            return True
        if anc not in seen:
            seen.add(anc)
            stack.extend(parents.get(anc, ()))
    return False


def check_family_relationships(case: Case) -> list[Finding]:
    """An error for each partnership between a person and their own descendant."""
    if not case.family:
        return []
    people = {p.id: p for p in case.people}
    subject = case.subject.id if case.subject else None
    parents, words = _parents(case), _descendant_words()
    findings = []
    for i, part in enumerate(case.family.partnerships):
        if len(part.partners) != 2 or part.partners[0] == part.partners[1]:
            continue  # one partner, or the same id twice: the genogram's own check says so
        for elder, younger in (part.partners, part.partners[::-1]):
            by_family = _is_descendant(younger, elder, parents)
            relation = (people[younger].relationship or "") if younger in people else ""
            by_words = elder == subject and bool(words.search(relation))
            if not (by_family or by_words):
                continue
            old, young = people.get(elder), people.get(younger)
            what = (f"their own {relation}" if by_words and not by_family
                    else "their own child" if elder in parents.get(younger, ()) else "their own descendant")
            findings.append(Finding(
                "error", "family.partner_is_own_child", f"family.partnerships[{i}]",
                f"{old.name if old else elder} and {what}, {young.name if young else younger}, are entered as "
                f"partners ({part.status}). A partnership between a parent and their own child is a data entry "
                f"error: put {young.name if young else younger} under `children:` of their parents' partnership, "
                f"and give {old.name if old else elder} a partnership with their own partner (status: {part.status} "
                "there, if that is what was meant)."))
            break
    return findings
