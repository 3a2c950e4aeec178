"""Who stands beside whom in a row when people have several partners.

Everyone joined by partnerships in one row (a "cluster": a mother, her
three partners, and the new partner of one of them) is placed as a group.
The convention in the genogram literature is kept as a rule: a person's
earlier partners stand further out than later ones on the same side, or on
the other side; the first partnership is on the left where that is free.
Among the orders that keep it, the one chosen has the fewest partnership
lines that must pass over someone (lanes.py), preferring that those carry
no children (or the fewest), then households kept together, then partners
beside the side their own parents are drawn on, then the usual man-on-the-left.
Twins keep their partners on their outer side. Small clusters are searched
in every order; a very large one falls back to partners beside partners in
date order.
"""

from __future__ import annotations

import itertools
from collections import deque
from datetime import date

from ..case.model import Person, Sex
from .items import Item, Union

_SEARCH_UP_TO = 7  # people in a cluster searched in every order (7! = 5040)
# what each fault costs; the date convention outweighs every layout fault together
_END, _CONVENTION, _BYPASS, _PER_PASSED, _WITH_CHILDREN = 10_000, 500, 20, 2, 15
_LANE_CROSSING, _HOUSEHOLD_BREAK, _DROP_CROSSING, _AWAY_FROM_PARENTS, _FIRST_ON_RIGHT, _MAN_ON_RIGHT = 6, 5, 3, 2, 1, 1


def date_key(value: date | None, index: int) -> tuple:
    return (value is None, value or date.min, index)


class Arranger:
    """Builds the chains of a row, one cluster of partners at a time, remembering who is placed."""

    def __init__(self, people: dict[str, Person], unions: list[Union], households: list[tuple[str, list[str]]]):
        self.people = people
        self.unions = unions
        self.placed: set[str] = set()
        self.parent_at: dict[str, int] = {}  # person -> where their parents' line is in the row above
        self.rank = {pid: n for n, pid in enumerate(people)}
        self.homes = [set(members) for _, members in households]
        self.mine: dict[str, list[Union]] = {}
        for u in sorted(unions, key=lambda u: date_key(u.source.start, u.index)):
            for p in u.partners:
                self.mine.setdefault(p, []).append(u)

    def chain(self, anchor: str, end: str | None = None) -> list[Item]:
        """The anchor's cluster as row items; ``end`` ("left"/"right") keeps the anchor at that end (twins)."""
        cluster = self._cluster(anchor)
        self.placed.update(cluster)
        if len(cluster) <= _SEARCH_UP_TO:
            order = min(itertools.permutations(cluster), key=lambda o: self._cost(o, anchor, end))
        else:
            order = self._walk(anchor, cluster)
        return self._items(list(order))

    # -- the cluster ----------------------------------------------------------
    def _couples(self, pid: str) -> list[Union]:
        return [u for u in self.mine.get(pid, []) if len(u.partners) == 2]

    def _cluster(self, anchor: str) -> list[str]:
        seen, queue = {anchor}, deque([anchor])
        while queue:
            for u in self._couples(queue.popleft()):
                for p in u.partners:
                    if p not in seen and p not in self.placed:
                        seen.add(p)
                        queue.append(p)
        return sorted(seen, key=self.rank.__getitem__)

    # -- what an order costs ---------------------------------------------------
    def _cost(self, order: tuple[str, ...], anchor: str, end: str | None) -> float:
        pos = {p: n for n, p in enumerate(order)}
        cost = 0.0
        if end == "left" and order[0] != anchor or end == "right" and order[-1] != anchor:
            cost += _END
        couples = {u.index: u for p in order for u in self._couples(p)}
        spans = []
        for u in couples.values():
            lo, hi = sorted(pos[p] for p in u.partners)
            if hi - lo > 1:
                spans.append((lo, hi))
                cost += _BYPASS + _PER_PASSED * (hi - lo - 1) + (_WITH_CHILDREN + len(u.slots)) * u.has_descendants
                if u.has_descendants and self._drop_gap_has_line(u, pos, couples):
                    cost += _DROP_CROSSING
        cost += _LANE_CROSSING * sum(1 for a, b in itertools.combinations(spans, 2)
                                     if a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1])
        for p in order:  # the anchor (the one whose parents are drawn) first keeps the convention
            cost += self._convention(p, pos) * (2 if p == anchor else 1)
            if p != anchor and p in self.parent_at and anchor in self.parent_at:  # a partner whose parents are drawn too
                towards = self.parent_at[p] - self.parent_at[anchor]
                cost += _AWAY_FROM_PARENTS * (towards * (pos[p] - pos[anchor]) < 0)
        for home in self.homes:
            inside = [pos[p] for p in order if p in home]
            if len(inside) > 1:
                cost += _HOUSEHOLD_BREAK * (max(inside) - min(inside) + 1 - len(inside) > 0)
        return cost

    def _convention(self, pid: str, pos: dict[str, int]) -> float:
        """Earlier partners further out or on the other side; the first on the left; a man left of a woman."""
        partners = [next(p for p in u.partners if p != pid) for u in self._couples(pid)]
        if len(partners) == 1:
            other = partners[0]
            if len(self._couples(other)) == 1 and self.people[pid].sex is Sex.M and self.people[other].sex is Sex.F:
                return _MAN_ON_RIGHT * (pos[pid] > pos[other])
            return 0.0
        cost = 0.0
        offsets = [pos[p] - pos[pid] for p in partners]
        for i, j in itertools.combinations(range(len(offsets)), 2):
            if offsets[i] * offsets[j] > 0 and abs(offsets[i]) < abs(offsets[j]):
                cost += _CONVENTION
        return cost + _FIRST_ON_RIGHT * (offsets[0] > 0) if offsets else cost

    def _outer(self, u: Union, pos: dict[str, int]) -> str:
        """The partner beside whom a passing-over line's children drop: the one with fewer partners."""
        return min(u.partners, key=lambda p: (len(self._couples(p)), pos[p]))

    def _drop_gap_has_line(self, u: Union, pos: dict[str, int], couples: dict[int, Union]) -> bool:
        outer = self._outer(u, pos)
        other = next(p for p in u.partners if p != outer)
        step = 1 if pos[other] > pos[outer] else -1
        gap = {pos[outer], pos[outer] + step}
        return any({pos[p] for p in v.partners} == gap for v in couples.values())

    # -- a very large cluster ------------------------------------------------------
    def _walk(self, anchor: str, cluster: list[str]) -> list[str]:
        """Partners beside partners, each person's first partnership to the left, later ones to the right."""
        members, seen = set(cluster), {anchor}
        seq: deque[str] = deque([anchor])

        def extend(pid: str, side: str | None) -> None:
            for n, u in enumerate(self._couples(pid)):
                other = next(p for p in u.partners if p != pid)
                if other in seen or other not in members:
                    continue
                where = side or ("left" if n == 0 else "right")
                (seq.appendleft if where == "left" else seq.append)(other)
                seen.add(other)
                extend(other, where)

        extend(anchor, None)
        return list(seq)

    # -- the row items ---------------------------------------------------------------
    def _items(self, order: list[str]) -> list[Item]:
        """People in order with each partnership's midpoint: between neighbours, or beside the outer partner."""
        pos = {p: n for n, p in enumerate(order)}
        gaps: list[list[list[Item]]] = [[[], [], []] for _ in range(len(order) + 1)]  # before person k: near left, middle, near right
        done: set[int] = set()
        for p in order:
            for u in self.mine.get(p, []):
                if u.index in done:
                    continue
                done.add(u.index)
                item = Item("union", u.index)
                if len(u.partners) == 1:
                    right_taken = pos[p] + 1 < len(order) and self._partners(order[pos[p]], order[pos[p] + 1])
                    left_free = pos[p] == 0 or not self._partners(order[pos[p] - 1], order[pos[p]])
                    if right_taken and left_free:
                        gaps[pos[p]][2].append(item)
                    else:
                        gaps[pos[p] + 1][0].append(item)
                    continue
                lo, hi = sorted(pos[q] for q in u.partners)
                if hi - lo == 1:
                    gaps[hi][1].append(item)
                    continue
                outer = self._outer(u, pos)
                if pos[outer] == lo:
                    gaps[lo + 1][0].append(item)
                else:
                    gaps[hi][2].insert(0, item)
        out: list[Item] = []
        for k, p in enumerate(order):
            out += [i for part in gaps[k] for i in part]
            out.append(Item("person", p))
        out += [i for part in gaps[len(order)] for i in part]
        return out

    def _partners(self, a: str, b: str) -> bool:
        return any(set(u.partners) == {a, b} for u in self._couples(a))
