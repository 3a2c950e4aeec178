"""Whole-process timings of the commands people run first (issue 9): `--help`, `--version`,
`schema`, `check` on the example and on a synthetic 10,000-entry case, `pack` and `scan`.

    .venv/bin/python bench/cli_speed.py [--runs 5] [--pack]

Prints the median and the range of wall-clock seconds of each whole process
and writes bench/results/cli_speed.json. Figures, not tests: the README
quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRDOCS = str(Path(sys.executable).with_name("scrdocs"))


def _run(cmd: list[str]) -> float:
    """Wall seconds of one whole process."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def time_command(name: str, cmd: list[str], runs: int, *, between=None) -> dict:
    _run(cmd)  # warm-up: file caches, compiled bytecode
    walls = []
    for _ in range(runs):
        if between:
            between()
        walls.append(_run(cmd))
    row = {"command": name, "median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3),
           "max_s": round(max(walls), 3), "runs": runs}
    print(f"{name:<48} median {row['median_s']:>7.3f} s  (min {row['min_s']:.3f}, max {row['max_s']:.3f})")
    return row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pack", action="store_true", help="also time a regulator pack of the example and its scan")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from synthetic_case import write_case

    import scrdocs

    example = str(scrdocs.example_case_path())
    work = Path(tempfile.mkdtemp(prefix="scrdocs-bench-"))
    try:
        big = write_case(work / "case-10000.yaml", agencies=15, entries=10_000, seed=1)
        rows = [
            time_command("scrdocs --help", [SCRDOCS, "--help"], args.runs),
            time_command("scrdocs --version", [SCRDOCS, "--version"], args.runs),
            time_command("scrdocs schema", [SCRDOCS, "schema"], args.runs),
            time_command("scrdocs check (example case)", [SCRDOCS, "check", example], args.runs),
            time_command("scrdocs check (10,000 chronology entries)", [SCRDOCS, "check", str(big)], max(1, args.runs // 2)),
        ]
        if args.pack:
            out = work / "pack"

            def clear():
                shutil.rmtree(out, ignore_errors=True)

            rows.append(time_command("scrdocs pack (example, regulator, PDFs included)",
                                     [SCRDOCS, "pack", example, "--profile", "regulator", "--out", str(out)], 1,
                                     between=clear))
            subprocess.run([SCRDOCS, "pack", example, "--profile", "regulator", "--out", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            rows.append(time_command("scrdocs scan (that pack)", [SCRDOCS, "scan", "--case", example,
                                                                  "--profile", "regulator", str(out)], 1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "cli_speed.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
