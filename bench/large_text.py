"""One long plain text through `scrdocs redact` (issues 9 and 10, "Size and speed on large inputs").

    .venv/bin/python bench/large_text.py --mb 1 5 50 [--keep DIR] [--write-only]

Writes a text of case notes of each size (seeded, so the same text again):
paragraphs of varied sentences about thousands of fictional people (Faker,
en_GB, a fixed seed) mixed with the case file's own people (the redaction test
case, tests/fixtures/redaction/case.yaml), phone numbers only from 07700 900xxx.
Four planted names test run-wide propagation: a person the model finds in full
only in the last paragraph and whose bare surname stands in the first, and the
other way round; the same for a name a context cue finds ("a family friend, X").

Each text is redacted by a whole `scrdocs redact` process under
``/usr/bin/time -v``. Printed and written to bench/results/large_text.json:
wall seconds, CPU seconds, peak memory (the largest single process: the main
one or a model worker), characters per second, and whether every planted name
is gone from the copy. Figures, not tests: the README quotes them.

``--model-rate`` also times the language model alone (in this process, the
pieces the engine gives it) on a quarter of a megabyte of the same notes: the
floor under any run's CPU seconds per MB, whatever the rest of the engine costs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASE = ROOT / "tests" / "fixtures" / "redaction" / "case.yaml"
SCRDOCS = str(Path(sys.executable).with_name("scrdocs"))

#: Planted (first paragraph, last paragraph): the bare surname first and the full name only at the end, and back.
PLANTED = {
    "backward": ("Quennell was not at home when the carer called.", "Neighbour Harriet Quennell said she had seen nobody."),
    "forward": ("Oswin Tregarthen said he had rung the surgery twice.", "Later Tregarthen rang again about the keys."),
    "cue_backward": ("Brackenbury brought a bag of shopping round.", "A family friend, Marisol Brackenbury, brought food."),
}

_SENTENCES = [
    "{a} visited {case} at home and found the heating off.",
    "{case} told {a} that {b} had borrowed money again.",
    "Phone call from {a} ({job}) on 07700 900{n3} about missed medication.",
    "{a} and {b} attended the strategy meeting chaired by {chair}.",
    "Mrs {last} from the housing office wrote to {case} about rent arrears.",
    "{first} said {case} seemed confused and had not eaten.",
    "A family friend, {a}, told the social worker about a bruise on the left arm.",
    "The GP, Dr {last}, reviewed the pressure sores on {date}.",
    "{case} was seen by SW1 with {a} present; the flat was cold and untidy.",
    "Police attended {n2} {street} after a call from {a} on 07700 900{n3}.",
    "{a} emailed to say {b} would collect {case} from the day centre on Friday.",
    "Referral received from {a} at Northmoor Adult Social Care (reference {ref}).",
    "No reply at the door; a note was left asking {case} to ring {first}.",
    "{b} reported that {first} had shouted at {case} in the street.",
]
_JOBS = ["district nurse", "carer", "housing officer", "pharmacist", "neighbour", "support worker", "paramedic"]
_STREETS = ["Oak Road", "Mill Lane", "Station Street", "Church View", "Elm Close", "Victoria Terrace"]
_CASE = ["Edith Marlow", "Mrs Marlow", "Edith", "Will Marlow", "Grace O'Neill", "Grace", "Ellie Hollis"]


def write_text(path: Path, size: int, seed: int = 1) -> Path:
    """A text of about ``size`` characters of case notes; the same text for the same seed."""
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    people = [(fake.first_name(), fake.last_name()) for _ in range(3000)]
    first_p, last_p = (PLANTED[k][0] for k in PLANTED), (PLANTED[k][1] for k in PLANTED)
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(" ".join(first_p) + "\n\n")
        while written < size:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                (fa, la), (fb, lb) = rng.choice(people), rng.choice(people)
                sentences.append(rng.choice(_SENTENCES).format(
                    a=f"{fa} {la}", b=f"{fb} {lb}", first=fa, last=la, case=rng.choice(_CASE),
                    chair="Professor Jane Hollis", job=rng.choice(_JOBS), n2=rng.randint(1, 99),
                    n3=f"{rng.randint(0, 999):03d}", street=rng.choice(_STREETS), ref=f"NA/{rng.randint(1000, 99999)}",
                    date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2023"))
            paragraph = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2023 " + " ".join(sentences) + "\n\n"
            f.write(paragraph)
            written += len(paragraph)
        f.write(" ".join(last_p) + "\n")
    return path


def _time_v(stderr: str) -> dict:
    def field(name: str) -> str:
        m = re.search(rf"{re.escape(name)}: (.+)", stderr)
        return m.group(1).strip() if m else ""

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(p) for p in wall.split(":")] if wall else [0.0]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"wall_s": round(seconds, 1),
            "cpu_s": round(float(field("User time (seconds)") or 0) + float(field("System time (seconds)") or 0), 1),
            "peak_rss_mb": round(int(field("Maximum resident set size (kbytes)") or 0) / 1024),
            "exit": int(field("Exit status") or -1)}


def run(mb: float, work: Path) -> dict:
    src = write_text(work / f"notes-{mb:g}mb.txt", int(mb * 1_000_000))
    out = work / f"out-{mb:g}mb"
    cmd = ["/usr/bin/time", "-v", SCRDOCS, "redact", "--case", str(CASE), "--profile", "publication", "--out", str(out),
           str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    row = {"mb": mb, "chars": src.stat().st_size, **_time_v(done.stderr)}
    copies = [p for p in out.glob("*.txt")] if out.is_dir() else []
    text = copies[0].read_text(encoding="utf-8") if copies else ""
    gone = {"Quennell", "Harriet", "Tregarthen", "Oswin", "Brackenbury", "Marisol"}
    row["planted_left"] = sorted(w for w in gone if re.search(rf"\b{w}\b", text)) if text else ["no copy made"]
    row["chars_per_s"] = round(row["chars"] / row["wall_s"]) if row["wall_s"] else None
    print(f"{mb:>5g} MB  wall {row['wall_s']:>7.1f} s  cpu {row['cpu_s']:>7.1f} s  peak {row['peak_rss_mb']:>5} MB  "
          f"exit {row['exit']}  planted names left: {', '.join(row['planted_left']) or 'none'}")
    if row["exit"] != 0:
        print(done.stderr[-2000:])
    return row


def model_rate(work: Path, mb: float = 0.25) -> dict:
    """CPU seconds per MB of the language model alone, on the same kind of notes."""
    import time

    from scrdocs.redaction.ner import NerDetector, _entities, _text_pieces
    from scrdocs.settings import spacy_model

    src = write_text(work / f"notes-{mb:g}mb.txt", int(mb * 1_000_000))
    text = src.read_text(encoding="utf-8")
    nlp = NerDetector(spacy_model()).nlp
    pieces = [p for _, p in _text_pieces(text)]
    started = time.process_time()
    found = sum(len(e) for e in _entities(nlp, pieces))
    cpu = time.process_time() - started
    row = {"model_cpu_s_per_mb": round(cpu / (len(text) / 1_000_000), 1), "entities": found, "chars": len(text)}
    print(f"the model alone: {row['model_cpu_s_per_mb']} CPU s per MB ({found} entities in {len(text)} characters)")
    return row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 5])
    ap.add_argument("--keep", type=Path, help="write the texts and copies here and keep them")
    ap.add_argument("--write-only", action="store_true", help="only write the texts (into --keep)")
    ap.add_argument("--model-rate", action="store_true", help="also time the language model alone (CPU s per MB)")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="scrdocs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.write_only:
            for mb in args.mb:
                print(write_text(work / f"notes-{mb:g}mb.txt", int(mb * 1_000_000)))
            return
        rows = [run(mb, work) for mb in args.mb]
        model = model_rate(work) if args.model_rate else None
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "large_text.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows, "model": model}, indent=2) + "\n")


if __name__ == "__main__":
    main()
