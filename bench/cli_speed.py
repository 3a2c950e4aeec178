"""Whole-process timings of the commands people run first (issue 9): `--help`, `--version`,
`schema`, `check` on the example and on a synthetic 10,000-entry case, `pack` and `scan`.

    .venv/bin/python bench/cli_speed.py [--runs 5] [--pack] [--synthetic] [--profile]

Prints the median and the range of wall-clock seconds of each whole process,
its CPU seconds (user + system, with its workers and LibreOffice) and the
load average, and writes bench/results/cli_speed.json. ``--synthetic`` also times a
regulator pack of the synthetic 15-agency, 2,500-entry case; ``--profile``
runs each pack once more under cProfile and prints (and writes) where its
time goes, stage by stage. Figures, not tests: the README quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRDOCS = str(Path(sys.executable).with_name("scrdocs"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, its workers and LibreOffice included) of one whole process.
    On a shared machine the wall time is an upper bound; the CPU time says what the work itself costs."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _children_cpu() - cpu


def time_command(name: str, cmd: list[str], runs: int, *, between=None) -> dict:
    _run(cmd)  # warm-up: file caches, compiled bytecode
    walls, cpus = [], []
    for _ in range(runs):
        if between:
            between()
        wall, cpu = _run(cmd)
        walls.append(wall)
        cpus.append(cpu)
    row = {"command": name, "median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3),
           "max_s": round(max(walls), 3), "cpu_median_s": round(statistics.median(cpus), 3), "runs": runs,
           "load_average": round(os.getloadavg()[0], 2)}
    print(f"{name:<48} median {row['median_s']:>7.3f} s  (min {row['min_s']:.3f}, max {row['max_s']:.3f})"
          f"  CPU {row['cpu_median_s']:.3f} s  load {row['load_average']}")
    return row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pack", action="store_true", help="also time a regulator pack of the example and its scan")
    ap.add_argument("--synthetic", action="store_true", help="also time a regulator pack of the 15-agency, 2,500-entry case")
    ap.add_argument("--profile", action="store_true", help="profile each pack once (cProfile) and report its stages")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from synthetic_case import write_case

    import scrdocs

    example = str(scrdocs.example_case_path())
    work = Path(tempfile.mkdtemp(prefix="scrdocs-bench-"))
    profiles: dict[str, list[dict]] = {}
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
        packs = [("example", example)] if args.pack else []
        if args.synthetic:
            synthetic = write_case(work / "case-2500.yaml", agencies=15, entries=2_500, seed=1)
            out = work / "pack-2500"
            rows.append(time_command("scrdocs pack (15 agencies, 2,500 entries, regulator)",
                                     [SCRDOCS, "pack", str(synthetic), "--profile", "regulator", "--out", str(out)], 1,
                                     between=lambda: shutil.rmtree(out, ignore_errors=True)))
            packs.append(("synthetic 2,500", str(synthetic)))
        if args.profile:
            for label, case in packs:
                profiles[label] = profile_pack(case, work / f"profile-{len(profiles)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "cli_speed.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows, "profiles": profiles},
                                                       indent=2) + "\n")


#: The stages of a pack, by the function that does each (cumulative seconds; they nest, so do not add them).
STAGES = [
    ("whole pack", "pack.py", "build_pack"),
    ("loading the engine (model, word lists)", "anonymise.py", "make_redactor"),
    ("anonymising the documents", "anonymise.py", "anonymise_documents"),
    ("  NER, the model itself (whole run: engine and gate)", "ner.py", "find_iter"),
    ("  of which patterns", "detect.py", "_patterns"),
    ("    of which the recognizers reading (each paragraph once)", "pattern_hits.py", "read"),
    ("  of which readable Word attributes cleaned", "docx_attributes.py", "clean_attributes"),
    ("  of which bookmarks renamed", "docx_attributes.py", "bookmark_renames"),
    ("  of which Word documents rendered (docxtpl)", "build.py", "render_docx"),
    ("assembling (Word, PDF through LibreOffice)", "assemble.py", "assemble_pack"),
    ("  of which LibreOffice, the gate reading Word meanwhile", "assemble.py", "_convert_meanwhile"),
    ("    of which the gate's reading of the Word copies", "pack_gate.py", "read_word_copies_ahead"),
    ("  of which PDF metadata scrubbed (pypdf)", "pdf_finish.py", "scrub_metadata"),
    ("  of which the merged PDF (pypdf)", "pdf_finish.py", "merge_pdfs"),
    ("leak gate over the staged pack", "pack_gate.py", "check_staged_pack"),
    ("  of which reading PDF page text", "read_pdf.py", "pdf_units"),
    ("  of which reading Word parts", "read_xml.py", "docx_units"),
    ("  of which case terms and NER per unit", "gate.py", "scan_unit"),
    ("  of which NER not read before in this run", "gate.py", "_detect"),
    ("redaction report (second opinion)", "record.py", "write_redaction_report"),
]


#: cProfile timed by the process's CPU clock (time.process_time): on a machine shared with other work the
#: wall clock says more about the others than about the pack. Worker processes and LibreOffice are not in it.
_CPU_PROFILE = """
import cProfile, sys, time
from scrdocs.cli import main
prof = cProfile.Profile(time.process_time)
sys.argv = ["scrdocs", *sys.argv[2:]]
try:
    prof.runcall(main)
except SystemExit:
    pass
finally:
    prof.dump_stats(OUT)
"""


def profile_pack(case: str, out: Path) -> list[dict]:
    """Cumulative CPU seconds of each stage of one pack run under cProfile (which slows pure Python down)."""
    import pstats

    prof = out.with_suffix(".prof")
    code = _CPU_PROFILE.replace("OUT", repr(str(prof)))
    subprocess.run([sys.executable, "-c", code, "-", "pack", case, "--profile", "regulator", "--out", str(out)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    rows = []
    print(f"\nWhere the CPU time of a pack of {Path(case).name} goes (cProfile, this process's CPU clock, "
          "cumulative seconds):")
    for label, file, function in STAGES:
        seconds = sum(v[3] for (f, _, name), v in stats.items() if f.endswith(file) and name == function)
        rows.append({"stage": label, "seconds": round(seconds, 1)})
        print(f"  {label:<48} {seconds:>7.1f}")
    return rows


if __name__ == "__main__":
    main()
