"""The outline of a union of rectangles: how a household's dotted line is traced."""

from __future__ import annotations


def union_outline(rects: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float]]]:
    """The outline of a union of rectangles, as closed loops of corner points (clockwise on screen)."""
    if not rects:
        return []
    xs = sorted({v for r in rects for v in (r[0], r[2])})
    ys = sorted({v for r in rects for v in (r[1], r[3])})

    def covered(i: int, j: int) -> bool:
        if not (0 <= i < len(xs) - 1 and 0 <= j < len(ys) - 1):
            return False
        return any(r[0] <= xs[i] and xs[i + 1] <= r[2] and r[1] <= ys[j] and ys[j + 1] <= r[3] for r in rects)

    nxt: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            if not covered(i, j):
                continue
            x0, x1, y0, y1 = xs[i], xs[i + 1], ys[j], ys[j + 1]
            if not covered(i, j - 1):
                nxt.setdefault((x0, y0), []).append((x1, y0))
            if not covered(i + 1, j):
                nxt.setdefault((x1, y0), []).append((x1, y1))
            if not covered(i, j + 1):
                nxt.setdefault((x1, y1), []).append((x0, y1))
            if not covered(i - 1, j):
                nxt.setdefault((x0, y1), []).append((x0, y0))
    loops = []
    while nxt:
        start = min(nxt)
        loop = [start]
        point = start
        while True:
            targets = nxt[point]
            target = targets.pop(0)
            if not targets:
                del nxt[point]
            if target == start:
                break
            loop.append(target)
            point = target
        loops.append(_simplify(loop))
    return loops


def _simplify(loop: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop corner points that lie on a straight run."""
    out = []
    n = len(loop)
    for k in range(n):
        (ax, ay), (bx, by), (cx, cy) = loop[k - 1], loop[k], loop[(k + 1) % n]
        if (ax == bx == cx) or (ay == by == cy):
            continue
        out.append(loop[k])
    return out
