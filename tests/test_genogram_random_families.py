"""Invented families of many shapes (seeded, so every run draws the same ones) all draw cleanly.

Several partners, partners who have partners of their own, married-in
partners whose parents are drawn, cousins as partners, twins, deaths and
households of random members: the layout must pass the library's own check
(nothing is drawn otherwise) and the SVG must show no line through a symbol
and no line along another, judged from the SVG alone.
"""

from __future__ import annotations

import random

import pytest
from genogram_helpers import Picture, lines_along_lines, lines_through_symbols

from scrdocs.case.casefile import parse_case
from scrdocs.genogram import draw_genogram

pytestmark = [pytest.mark.needs_dot, pytest.mark.slow]


def invented_family(seed: int) -> dict:
    rnd = random.Random(seed)
    people: list[dict] = []

    def person(gen: int, sex: str | None = None) -> str:
        pid = f"p{len(people)}"
        people.append({"id": pid, "name": f"Inventa{len(people)} Fictus{len(people)}", "role": "family",
                       "sex": sex or rnd.choice("MFU"), "dob": f"01/{rnd.randint(1, 12):02d}/{1940 + 25 * gen + rnd.randint(0, 10)}",
                       **({"dod": "01/01/2030"} if rnd.random() < 0.1 else {})})
        return pid

    parts = [{"partners": [person(0, "M"), person(0, "F")], "start": "01/01/1960", "children": [], "gen": 0}]
    for gen in range(1, rnd.randint(2, 4)):
        for part in [p for p in parts if p["gen"] == gen - 1]:
            part["children"] = kids = [person(gen) for _ in range(rnd.randint(0, 4))]
            for k in kids:
                for j in range(rnd.choice([0, 0, 1, 1, 2, 3])):
                    other = person(gen)
                    parts.append({"partners": [k, other], "start": f"01/01/{1960 + 25 * gen + 3 * j}", "gen": gen,
                                  "kind": rnd.choice(["enduring", "transitory"]), "children": [],
                                  "status": rnd.choice(["together", "separated", "divorced"])})
                    if rnd.random() < 0.3:  # the partner has another partner too
                        parts.append({"partners": [other, person(gen)], "start": f"01/01/{1950 + 25 * gen + 5 * j}",
                                      "gen": gen, "children": []})
    for part in list(parts):  # a married-in partner's parents, and a brother or sister
        if part["gen"] >= 1 and rnd.random() < 0.25:
            parts.append({"partners": [person(part["gen"] - 1, "M"), person(part["gen"] - 1, "F")], "gen": -1,
                          "start": "01/01/1950", "children": [part["partners"][1], person(part["gen"])]})
    children = [c for p in parts for c in p["children"]]
    if len(children) >= 4 and rnd.random() < 0.4:  # cousins as partners
        x, y = rnd.sample(children, 2)
        if not any(x in p["children"] and y in p["children"] for p in parts):
            parts.append({"partners": [x, y], "start": "01/01/2015", "children": [person(4)], "gen": -1})
    linked = sorted({x for p in parts for x in p["partners"] + p["children"]})
    households = [{"label": f"Home {h}", "members": rnd.sample(linked, k=min(len(linked), rnd.randint(1, 5)))}
                  for h in range(rnd.randint(0, 3))]
    twins = [p["children"][:2] for p in parts if len(p["children"]) >= 2 and rnd.random() < 0.2]
    people[rnd.randrange(len(people))]["role"] = "subject"
    for p in parts:
        del p["gen"]
    return {"review": {"type": "SAR", "board": "Invented Board", "title": "Adult Z", "reference": "RND-1"},
            "panel": {"board_chair": {"name": "Chair Person"}, "panel_chair": {"name": "Panel Person"},
                      "author": {"name": "Author Person"}},
            "people": people, "family": {"partnerships": parts, "households": households, "twins": twins}}


@pytest.mark.parametrize("seed", range(8))
def test_an_invented_family_draws_cleanly(seed):
    case = parse_case(invented_family(seed), f"invented family {seed}")
    pic = Picture(draw_genogram(case, profile="anonymised"))  # raises if the layout check finds a fault
    assert lines_through_symbols(pic) == []
    assert lines_along_lines(pic) == []
