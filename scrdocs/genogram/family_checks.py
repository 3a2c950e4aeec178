"""The checks on the case file's ``family`` section: every problem at once, each naming its entry.

Nothing is drawn while any is left, so a genogram never shows a family that
does not make sense (a child of two partnerships, twins of different
parents, someone who would be their own ancestor).
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..case.model import Case, Family
from ..errors import CaseFileError, Problem

_Need = Callable[[str, str], bool]  # records a problem at path when the id is not a person's; says whether it is


def no_family_error(source: str) -> CaseFileError:
    return CaseFileError(source, [Problem("family", "there is no 'family' section, so there is no genogram to draw")],
                         hint="Add a 'family' section with the partnerships, children and households "
                              "(see the example case: scrdocs demo).")


def check_family(case: Case, family: Family) -> list[Problem]:
    """Every structural problem with the family section, each naming its entry."""
    problems: list[Problem] = []
    known = {p.id for p in case.people}

    def need(path: str, pid: str) -> bool:
        if pid not in known:
            problems.append(Problem(path, f"'{pid}' is not the id of anyone under 'people'"))
            return False
        return True

    parent_union = _check_partnerships(family, need, problems)
    _check_twins(family, parent_union, need, problems)
    _check_households(family, need, problems)
    if not problems:
        problems += _ancestry_problems(family, parent_union)
    return problems


def _check_partnerships(family: Family, need: _Need, problems: list[Problem]) -> dict[str, int]:
    """Partners, children and losses; returns the partnership each child belongs to."""
    parent_union: dict[str, int] = {}
    for i, part in enumerate(family.partnerships):
        for j, pid in enumerate(part.partners):
            need(f"family.partnerships[{i}].partners[{j}]", pid)
        if len(part.partners) == 2 and part.partners[0] == part.partners[1]:
            problems.append(Problem(f"family.partnerships[{i}].partners", f"'{part.partners[0]}' is listed as their own partner"))
        for j, child in enumerate(part.children):
            path = f"family.partnerships[{i}].children[{j}]"
            if not need(path, child.id):
                continue
            if child.id in part.partners:
                problems.append(Problem(path, f"'{child.id}' is listed as a child of a partnership they are a partner in"))
            elif child.id in parent_union:
                k = parent_union[child.id]
                where = "again in the same partnership" if k == i else f"already under family.partnerships[{k}]"
                problems.append(Problem(path, f"the child '{child.id}' is listed {where}; a child belongs to one partnership only"))
            else:
                parent_union[child.id] = i
        for j, loss in enumerate(part.losses):
            if getattr(loss, "date", None) is None:
                problems.append(Problem(f"family.partnerships[{i}].losses[{j}].date",
                                        "a pregnancy loss needs a date (an estimate will do) to place it among the children"))
    return parent_union


def _check_twins(family: Family, parent_union: dict[str, int], need: _Need, problems: list[Problem]) -> None:
    """Twins are children of one partnership, each listed once."""
    in_twins: dict[str, int] = {}
    for i, tw in enumerate(family.twins):
        unions = set()
        for j, pid in enumerate(tw.members):
            path = f"family.twins[{i}][{j}]"
            if not need(path, pid):
                continue
            if pid in in_twins:
                problems.append(Problem(path, f"'{pid}' is already listed under family.twins[{in_twins[pid]}]"))
            in_twins[pid] = i
            if pid not in parent_union:
                problems.append(Problem(path, f"the twin '{pid}' is not listed as a child of any partnership; "
                                              "list the twins under their parents' 'children'"))
            else:
                unions.add(parent_union[pid])
        if len(unions) > 1:
            names = ", ".join(f"'{m}'" for m in tw.members)
            problems.append(Problem(f"family.twins[{i}]", f"the twins {names} have different parents "
                                                          f"(family.partnerships[{'], family.partnerships['.join(str(u) for u in sorted(unions))}]); "
                                                          "twins must be children of the same partnership"))
        if len(set(tw.members)) != len(tw.members):
            problems.append(Problem(f"family.twins[{i}]", "the same person is listed twice"))


def _check_households(family: Family, need: _Need, problems: list[Problem]) -> None:
    """Household members are people, each listed once per household."""
    for i, hh in enumerate(family.households):
        seen: set[str] = set()
        for j, pid in enumerate(hh.members):
            need(f"family.households[{i}].members[{j}]", pid)
            if pid in seen:
                problems.append(Problem(f"family.households[{i}].members[{j}]", f"'{pid}' is listed twice in this household"))
            seen.add(pid)


def _ancestry_problems(family: Family, parent_union: dict[str, int]) -> list[Problem]:
    """Nobody may be their own ancestor, nor the partner of their own ancestor."""
    parents_of = {c: family.partnerships[u].partners for c, u in parent_union.items()}
    problems: list[Problem] = []
    reported: set[str] = set()

    def ancestors(pid: str) -> Iterable[tuple[str, list[str]]]:
        stack = [(p, [pid, p]) for p in parents_of.get(pid, ())]
        seen: set[str] = set()
        while stack:
            anc, trail = stack.pop()
            if anc in seen:
                continue
            seen.add(anc)
            yield anc, trail
            stack.extend((p, trail + [p]) for p in parents_of.get(anc, ()))

    for child, u in parent_union.items():
        for anc, trail in ancestors(child):
            if anc == child and child not in reported:
                reported.update(trail)
                chain = " -> ".join(f"'{t}'" for t in trail)
                problems.append(Problem(f"family.partnerships[{u}].children",
                                        f"'{child}' would be their own ancestor ({chain}, each a child of the next)"))
                break
    if problems:
        return problems
    for i, part in enumerate(family.partnerships):
        if len(part.partners) != 2:
            continue
        a, b = part.partners
        for x, y in ((a, b), (b, a)):
            if any(anc == y for anc, _ in ancestors(x)):
                problems.append(Problem(f"family.partnerships[{i}].partners",
                                        f"'{y}' is listed as an ancestor of their partner '{x}'; a genogram cannot draw "
                                        "partners in different generations of one line"))
                break
    return problems

