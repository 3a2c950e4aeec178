"""How long does a genogram take to draw?  (A benchmark, not a test.)

Draws the shipped example case, a large synthetic family (wholly invented:
generations of partnerships, children, losses and a household) and a family
of exactly ``--people`` people (64 by default) with people who have several
partners, twins with partners and children in three households, in every
format and profile, and reports the seconds taken in this process; then the
whole ``scrdocs genogram`` command (a fresh process: start-up, case file,
layout, check, Graphviz) for the sized family.

    .venv/bin/python bench/genogram_speed.py [--generations 4] [--children 3] [--people 64] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

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


def sized_family(size: int, seed: int = 11) -> dict:
    """A family of exactly ``size`` people drawn: several partners, twins with partners, three households."""
    rnd = random.Random(seed)
    people: list[dict] = []

    def person(gen: int, sex: str | None = None) -> str | None:
        if len(people) >= size:
            return None
        pid = f"q{len(people)}"
        people.append({"id": pid, "name": f"Madeup{len(people)} Kin{len(people) % 5}", "role": "family",
                       "sex": sex or rnd.choice("MF"),
                       "dob": f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{1935 + 24 * gen + rnd.randint(0, 12)}"})
        return pid

    partnerships: list[dict] = [{"partners": [person(0, "M"), person(0, "F")], "start": "01/01/1958", "children": []}]
    twins: list[list[str]] = []
    couples, gen, n = [partnerships[0]], 0, 0
    while len(people) < size and couples:
        gen += 1
        nxt = []
        for part in couples:
            n += 1
            a = part["partners"][0]
            if n % 3 == 0 and len(people) < size - 2:  # an earlier partner, with a child of their own
                ex, kid = person(gen - 1), person(gen)
                partnerships.append({"partners": [a, ex], "kind": "transitory", "status": "separated",
                                     "start": f"01/01/{1936 + 24 * gen}", "children": [kid]})
            kids = [k for k in (person(gen) for _ in range(3)) if k]
            part["children"] = kids
            if n % 4 == 1 and len(kids) >= 2:
                people[int(kids[1][1:])]["dob"] = people[int(kids[0][1:])]["dob"]
                twins.append([kids[0], kids[1]])
            for k in kids[:2]:
                spouse = person(gen)
                if spouse:
                    couple = {"partners": [k, spouse], "start": f"01/01/{1950 + 24 * gen}", "children": []}
                    partnerships.append(couple)
                    nxt.append(couple)
        couples = nxt
    people[-1]["role"] = "subject"
    ids = [p["id"] for p in people]
    last = next(p for p in reversed(partnerships) if p["children"])
    households = [{"label": "Home of the child", "members": list(last["partners"]) + last["children"]},
                  {"label": "Grandparents' home", "members": [ids[0], ids[1], ids[-2]]},
                  {"label": "Other home", "members": [ids[5], ids[6]]}]
    return {
        "review": {"type": "CSPR", "board": "Bench Board", "title": "Child Z", "reference": "BENCH-2"},
        "panel": {"board_chair": {"name": "Chair Person"}, "panel_chair": {"name": "Panel Person"},
                  "author": {"name": "Author Person"}},
        "people": people,
        "family": {"partnerships": partnerships, "twins": twins, "households": households},
    }


def whole_command(data: dict, repeat: int) -> dict[str, float]:
    """Seconds for the whole `scrdocs genogram` command in a fresh process, best of ``repeat``."""
    root = Path(__file__).resolve().parent.parent
    exe = Path(sys.executable).with_name("scrdocs")
    env = dict(os.environ, PYTHONPATH=str(root))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case.yaml"
        case.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        for profile in ("internal", "anonymised"):
            for fmt in ("svg", "png", "pdf"):
                best = float("inf")
                for k in range(repeat):
                    start = time.perf_counter()
                    subprocess.run([str(exe), "genogram", str(case), "--out", f"{tmp}/g{k}.{fmt}", "--profile", profile],
                                   check=True, capture_output=True, env=env)
                    best = min(best, time.perf_counter() - start)
                out[f"{profile} {fmt}"] = best
    return out


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
    ap.add_argument("--people", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sized = sized_family(args.people)
    cases = {"example case": load_case(example_case_path()),
             "synthetic": parse_case(synthetic_family(args.generations, args.children), "synthetic"),
             f"{args.people}-person family": parse_case(sized, "sized")}
    for name, case in cases.items():
        n = len(build_family_graph(case).people)
        print(f"{name} ({n} people drawn), in this process:")
        for what, seconds in timed(case, args.repeat).items():
            print(f"  {what:16} {seconds:6.2f} s")
    print(f"{args.people}-person family, the whole `scrdocs genogram` command (a fresh process):")
    for what, seconds in whole_command(sized, args.repeat).items():
        print(f"  {what:16} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
