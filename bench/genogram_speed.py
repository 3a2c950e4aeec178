"""How long does a genogram take to draw?  (A benchmark, not a test.)

Draws the shipped example case and a large synthetic family (wholly
invented: generations of partnerships, children, losses, twins and a
household) in every format and profile, and reports the seconds taken.

    .venv/bin/python bench/genogram_speed.py [--generations 4] [--children 3] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrdocs.case.casefile import load_case, parse_case  # noqa: E402
from scrdocs.examples import example_case_path  # noqa: E402
from scrdocs.genogram import build_family_graph, draw_genogram  # noqa: E402


def synthetic_family(generations: int, children: int, seed: int = 7) -> dict:
    rnd = random.Random(seed)
    people: list[dict] = []

    def person(gen: int, sex: str | None = None) -> str:
        pid = f"p{len(people)}"
        year = 1930 + 25 * gen + rnd.randint(0, 15)
        people.append({"id": pid, "name": f"Invented{len(people)} Family{len(people) % 7}", "role": "family",
                       "sex": sex or rnd.choice("MF"), "dob": f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{year}"})
        return pid

    partnerships = []
    couples = [(person(0, "M"), person(0, "F"))]
    for gen in range(1, generations):
        nxt = []
        for a, b in couples:
            kids = [person(gen) for _ in range(children)]
            part = {"partners": [a, b], "children": kids, "start": f"01/01/{1950 + 25 * gen}"}
            if rnd.random() < 0.5:
                part["losses"] = [{"kind": "miscarriage", "date": f"01/06/{1955 + 25 * gen}"}]
            partnerships.append(part)
            for k in kids[:2]:
                nxt.append((k, person(gen)))
        couples = nxt
    people[0]["role"] = "subject"
    return {
        "review": {"type": "SAR", "board": "Bench Board", "title": "Adult Z", "reference": "BENCH-1"},
        "panel": {"board_chair": {"name": "Chair Person"}, "panel_chair": {"name": "Panel Person"},
                  "author": {"name": "Author Person"}},
        "people": people,
        "family": {"partnerships": partnerships,
                   "households": [{"label": "Household", "members": [p["id"] for p in people[-6:]]}]},
    }


def timed(case, repeat: int) -> dict[str, float]:
    out = {}
    for profile in ("internal", "anonymised"):
        for fmt in ("svg", "png", "pdf"):
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                draw_genogram(case, profile=profile, format=fmt)
                best = min(best, time.perf_counter() - start)
            out[f"{profile} {fmt}"] = best
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generations", type=int, default=4)
    ap.add_argument("--children", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cases = {"example case": load_case(example_case_path()),
             "synthetic": parse_case(synthetic_family(args.generations, args.children), "synthetic")}
    for name, case in cases.items():
        n = len(build_family_graph(case).people)
        print(f"{name} ({n} people drawn):")
        for what, seconds in timed(case, args.repeat).items():
            print(f"  {what:16} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
