"""The family as a checked structure: who is drawn, in which row, in which order.

This layer knows nothing of Graphviz. It checks the case file's ``family``
section (family_checks.py: every problem at once, each naming its entry), puts every person in
a generation row, and fixes the left-to-right order of each row: children in
birth order with pregnancy losses among them by date, twins together, each
partner next to their partner, a person's partnerships in date order, and
adults who are not relatives placed beside their household. Who stands
beside whom among several partners is decided in arrangement.py.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Iterable

from ..errors import CaseFileError
from ..case.model import Case, Person
from .arrangement import Arranger, date_key
from .family_checks import check_family, no_family_error
from .items import Item, ItemKind, Union

__all__ = ["FamilyGraph", "Item", "ItemKind", "Union", "build_family_graph"]

@dataclass
class FamilyGraph:
    case: Case
    people: dict[str, Person]  # everyone drawn, in order of first mention
    unions: list[Union]
    parents: dict[str, int]  # child id -> partnership index
    twins: list[tuple[list[str], bool]]  # (members left to right, identical)
    households: list[tuple[str, list[str]]]
    generation: dict[str, int]
    rows: list[list[Item]]

    def row_of(self, item: Item) -> int:
        for r, row in enumerate(self.rows):
            if item in row:
                return r
        raise KeyError(item)


# --------------------------------------------------------------------------
# Generations


class _Classes:
    """Union-find over partners: partners share a generation row."""

    def __init__(self, ids: Iterable[str]):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _generations(ids: list[str], unions: list[Union], parents: dict[str, int]) -> dict[str, int]:
    classes = _Classes(ids)
    for u in unions:
        if len(u.partners) == 2:
            classes.join(*u.partners)
    # class -> child classes
    below: dict[str, set[str]] = {classes.find(i): set() for i in ids}
    above: dict[str, set[str]] = {k: set() for k in below}
    for child, ui in parents.items():
        for p in unions[ui].partners:
            below[classes.find(p)].add(classes.find(child))
            above[classes.find(child)].add(classes.find(p))
    # the class graph is acyclic (checked above): put it in order from the top
    order: list[str] = []
    indegree = {k: len(v) for k, v in above.items()}
    queue = deque(k for k in sorted(below, key=ids.index) if indegree[k] == 0)
    while queue:
        k = queue.popleft()
        order.append(k)
        for c in sorted(below[k], key=ids.index):
            indegree[c] -= 1
            if indegree[c] == 0:
                queue.append(c)
    # longest path from the top; then people with no recorded parents sit just
    # above their highest child, so a married-in partner's parents are not
    # stranded at the top of the page, and their other children move down with
    # them (repeated until nothing moves: each pass only moves people down)
    gen: dict[str, int] = {k: 0 for k in order}
    for _ in range(len(order) + 1):
        moved = False
        for k in order:
            g = max((gen[a] + 1 for a in above[k]), default=gen[k])
            moved |= g != gen[k]
            gen[k] = g
        for k in reversed(order):
            bound = [gen[c] for c in below[k] if above[c] - {k}]  # children placed by someone else too
            if not above[k] and bound:
                g = min(bound) - 1
                if g > gen[k]:
                    gen[k], moved = g, True
        if not moved:
            break
    return {i: gen[classes.find(i)] for i in ids}


# --------------------------------------------------------------------------
# Row order


def _twin_ends(twins: list[tuple[list[str], bool]]) -> dict[str, str]:
    """The end of its cluster each twin keeps, so twins stand side by side with their partners outside."""
    ends: dict[str, str] = {}
    for members, _ in twins:
        ends[members[0]], ends[members[-1]] = "right", "left"
    return ends


def _rows(graph_people: dict[str, Person], unions: list[Union], generation: dict[str, int],
          households: list[tuple[str, list[str]]], twins: list[tuple[list[str], bool]]) -> list[list[Item]]:
    ids = list(graph_people)
    depth = max(generation.values(), default=-1) + 1
    builder = Arranger(graph_people, unions, households)
    ends = _twin_ends(twins)
    # a partnership in the lowest row may still have pregnancy losses to show below it
    if any(u.slots and generation[u.partners[0]] == depth - 1 for u in unions):
        depth += 1
    rows: list[list[list[Item]]] = []  # row -> chains -> items
    for r in range(depth):
        chains: list[list[Item]] = []
        above = [i for chain in rows[r - 1] for i in chain] if r > 0 else []
        builder.parent_at = {slot.ref: k for k, item in enumerate(above) if item.kind == "union"
                             for slot in unions[item.ref].slots if slot.kind == "person"}
        if r > 0:
            for item in (i for chain in rows[r - 1] for i in chain):
                if item.kind != "union":
                    continue
                for slot in unions[item.ref].slots:
                    if slot.kind == "loss":
                        chains.append([slot])
                    elif slot.ref not in builder.placed and generation[slot.ref] == r:
                        chains.append(builder.chain(slot.ref, ends.get(slot.ref)))
        # people with no parents drawn: couples at the top of a branch first,
        # then adults who are not relatives beside their household
        leftovers = [p for p in ids if generation[p] == r and p not in builder.placed]
        related = [p for p in leftovers if any(p in u.partners for u in unions)]
        for p in related:
            if p not in builder.placed:
                chains.append(builder.chain(p))
        for p in leftovers:
            if p in builder.placed:
                continue
            chain = builder.chain(p)
            at = len(chains)
            for _, members in households:
                if p in members:
                    hits = [n for n, c in enumerate(chains)
                            if any(i.kind == "person" and i.ref in members for i in c)]
                    if hits:
                        at = hits[-1] + 1
                        break
            chains.insert(at, chain)
        rows.append(chains)
    return [[i for chain in chains for i in chain] for chains in rows]


def _slots(u: Union, twins: list[tuple[list[str], bool]], people: dict[str, Person]) -> list[Item]:
    """Children and losses left to right: eldest first, losses by date, twins together."""
    units: list[tuple[tuple, list[Item]]] = []
    grouped: set[str] = set()
    for members, _ in twins:
        if members and members[0] in u.children:
            key = min(date_key(people[m].dob, u.children.index(m)) for m in members)
            units.append((key, [Item("person", m) for m in members]))
            grouped.update(members)
    for n, cid in enumerate(u.children):
        if cid not in grouped:
            units.append((date_key(people[cid].dob, n), [Item("person", cid)]))
    for k, loss in enumerate(u.losses):
        units.append(((False, loss.date, -1), [Item("loss", (u.index, k))]))
    units.sort(key=lambda unit: unit[0])
    return [i for _, items in units for i in items]


def build_family_graph(case: Case, *, source: str | None = None) -> FamilyGraph:
    """Check the case's family section and arrange it in rows.

    Raises :class:`CaseFileError` naming every problem; nothing is drawn then.
    """
    source = source or f"for '{case.review.title}'"
    family = case.family
    if family is None or not (family.partnerships or family.households):
        raise no_family_error(source)
    problems = check_family(case, family)
    if problems:
        raise CaseFileError(source, problems)

    ids: list[str] = []

    def mention(pid: str) -> None:
        if pid not in ids:
            ids.append(pid)

    unions: list[Union] = []
    parents: dict[str, int] = {}
    for i, part in enumerate(family.partnerships):
        for pid in part.partners:
            mention(pid)
        u = Union(index=i, source=part, partners=tuple(part.partners))
        for child in part.children:
            mention(child.id)
            u.children.append(child.id)
            u.links[child.id] = child.link
            parents[child.id] = i
        u.losses = list(part.losses)
        unions.append(u)
    households = [(hh.label, list(hh.members)) for hh in family.households]
    for _, members in households:
        for pid in members:
            mention(pid)
    people = {pid: case.person(pid) for pid in ids}

    twins: list[tuple[list[str], bool]] = []
    for tw in family.twins:
        members = sorted(tw.members, key=lambda m: date_key(people[m].dob, unions[parents[m]].children.index(m)))
        twins.append((members, tw.identical))
    for u in unions:
        u.slots = _slots(u, twins, people)
        u.children = [i.ref for i in u.slots if i.kind == "person"]

    generation = _generations(ids, unions, parents)
    connected = set(parents) | {p for u in unions for p in u.partners}
    for pid in ids:
        if pid not in connected:  # a lodger or carer: the row of the household member nearest in age
            generation[pid] = _row_for_outsider(pid, people, households, generation, connected)
    low = min(generation.values(), default=0)
    generation = {k: v - low for k, v in generation.items()}
    rows = _rows(people, unions, generation, households, twins)
    return FamilyGraph(case=case, people=people, unions=unions, parents=parents, twins=twins,
                       households=households, generation=generation, rows=rows)


def _row_for_outsider(pid: str, people: dict[str, Person], households: list[tuple[str, list[str]]],
                      generation: dict[str, int], connected: set[str]) -> int:
    mates = [m for _, members in households if pid in members for m in members if m in connected]
    if not mates:
        return 0
    dob = people[pid].dob
    if dob is not None:
        dated = [m for m in mates if people[m].dob is not None]
        if dated:
            nearest = min(dated, key=lambda m: (abs((people[m].dob - dob).days), mates.index(m)))
            return generation[nearest]
    adults = [m for m in mates if generation[m] == min(generation[x] for x in mates)]
    return generation[adults[0]]
