"""Partnership lines that must pass over other people: each at its own height above the row.

When someone has three or more partners, not every partner can stand beside
them. A line drawn straight between two partners who are not neighbours
would run through the symbols between them and read as a relationship of
those people. Such a line leaves each partner's symbol from the top, runs
along a lane above the row, and its children's line drops through the gap
beside one of the partners. Lines whose spans overlap get lanes of their
own; a line that spans another is drawn above it, so their uprights do not
cross.
"""

from __future__ import annotations

from .family_graph import FamilyGraph


def bypassing(graph: FamilyGraph) -> set[int]:
    """The partnerships whose two partners have someone (or a pregnancy loss) between them in their row,
    and a second partnership of the same two people (they parted and came together again)."""
    out: set[int] = set()
    pairs: set[frozenset[str]] = set()
    for u in graph.unions:
        pair = frozenset(u.partners)
        if len(pair) == 2 and pair in pairs:
            out.add(u.index)
        pairs.add(pair)
    for row in graph.rows:
        where = {i.ref: n for n, i in enumerate(row) if i.kind == "person"}
        for u in graph.unions:
            if len(u.partners) != 2 or u.partners[0] not in where:
                continue
            lo, hi = sorted(where[p] for p in u.partners)
            if any(i.kind != "union" for i in row[lo + 1:hi]):
                out.add(u.index)
    return out


def lane_levels(graph: FamilyGraph, spans: dict[int, tuple[float, float]]) -> dict[int, int]:
    """The lane of each bypassing partnership (0 = just above the symbols), given its span across the page.

    Shorter lines are given lanes first, so a line spanning another goes above it.
    """
    levels: dict[int, int] = {}
    by_row: dict[int, list[int]] = {}
    for i in spans:
        by_row.setdefault(graph.generation[graph.unions[i].partners[0]], []).append(i)
    for row in by_row.values():
        row.sort(key=lambda i: (spans[i][1] - spans[i][0], spans[i][0], i))
        for i in row:
            taken = {levels[j] for j in row if j in levels
                     and spans[j][0] < spans[i][1] + 2 and spans[i][0] < spans[j][1] + 2}
            levels[i] = next(n for n in range(len(row) + 1) if n not in taken)
    return levels


def lanes_per_row(graph: FamilyGraph, levels: dict[int, int]) -> dict[int, int]:
    """How many lanes each row needs above it."""
    out: dict[int, int] = {}
    for i, level in levels.items():
        r = graph.generation[graph.unions[i].partners[0]]
        out[r] = max(out.get(r, 0), level + 1)
    return out

