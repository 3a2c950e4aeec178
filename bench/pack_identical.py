"""Does a faster engine still make the same pack?  (A check for speed work, not a timing.)

Builds the example case's regulator pack twice, once with a reference source
tree (say ``git archive main | tar -x -C /tmp/ref``) and once with this one,
then compares them file by file:

* the same files;
* each Word document's parts, byte for byte (the document properties' times masked);
* each PDF's text, page by page (``pdftotext -layout``), and its page count;
* JSON and the redaction report with the run's times, checksums and salted text hashes masked
  (the salt is new each run, so ``text_hash`` always differs);
* every other file (CSV, the genogram) byte for byte.

    .venv/bin/python bench/pack_identical.py --reference /tmp/ref [--case FILE] [--profile regulator]
    .venv/bin/python bench/pack_identical.py --packs PACK_A PACK_B      # two packs already made

Exit code 0 when the packs are the same, 1 (with each difference listed) when not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent

#: What differs between two runs of the same code: times, the salt's hashes, checksums of files holding them.
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_JSON_MASKED = {"created", "sha256", "bytes", "sizes", "text_hash", "made_at", "signed_at"}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_REPORT_MADE = re.compile(r"^Made \d\d/\d\d/\d{4} \d\d:\d\d UTC\.", re.M)


def build(tree: Path, case: str, profile: str, out: Path) -> None:
    """The pack made by the code in ``tree`` (its own scrdocs package first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", "import sys; from scrdocs.cli import main; sys.argv[0] = 'scrdocs'; "
                           "sys.exit(main())", "pack", case, "--profile", profile, "--out", str(out)],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the pack from {tree} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")


def _masked_json(value):
    if isinstance(value, dict):
        return {k: ("*" if k in _JSON_MASKED else _masked_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked_json(v) for v in value]
    if isinstance(value, str) and _SHA256.fullmatch(value):
        return "*"  # a checksum (.scrdocs-output.json lists each file's)
    return value


def _pdf_text(path: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace").split("\f")


def _docx_differences(a: Path, b: Path) -> list[str]:
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        names_a, names_b = za.namelist(), zb.namelist()
        if names_a != names_b:
            return [f"parts differ: {sorted(set(names_a) ^ set(names_b)) or 'same parts, other order'}"]
        out = []
        for name in names_a:
            ra, rb = za.read(name), zb.read(name)
            if name == "docProps/core.xml":
                ra, rb = _CORE_TIMES.sub(rb"\1*\2", ra), _CORE_TIMES.sub(rb"\1*\2", rb)
            if ra != rb:
                out.append(f"part {name} differs")
        return out


def file_differences(a: Path, b: Path) -> list[str]:
    """How file ``a`` differs from file ``b`` (the same name in two packs), once run-to-run noise is masked."""
    suffix = a.suffix.lower()
    if suffix == ".docx":
        return _docx_differences(a, b)
    if suffix == ".pdf":
        ta, tb = _pdf_text(a), _pdf_text(b)
        if len(ta) != len(tb):
            return [f"{len(ta) - 1} pages against {len(tb) - 1}"]
        return [f"text of page {n} differs" for n, (pa, pb) in enumerate(zip(ta, tb), 1) if pa != pb]
    if suffix == ".json":
        ja, jb = (_masked_json(json.loads(p.read_text(encoding="utf-8"))) for p in (a, b))
        return [] if ja == jb else ["differs (times, checksums and text hashes masked)"]
    if suffix == ".md":
        ma, mb = (_REPORT_MADE.sub("Made *.", p.read_text(encoding="utf-8")) for p in (a, b))
        return [] if ma == mb else ["differs (the time it was made masked)"]
    return [] if a.read_bytes() == b.read_bytes() else ["differs"]


def pack_differences(a: Path, b: Path) -> list[str]:
    """Every difference between the packs in folders ``a`` and ``b``, one line each (none: the same pack)."""
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    out = [f"{name}: only in {a}" for name in sorted(set(files_a) - set(files_b))]
    out += [f"{name}: only in {b}" for name in sorted(set(files_b) - set(files_a))]
    for name in sorted(set(files_a) & set(files_b)):
        out += [f"{name}: {d}" for d in file_differences(a / name, b / name)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, help="a source tree with the reference code (e.g. main's)")
    ap.add_argument("--tree", type=Path, default=TREE, help="the source tree to compare with it (default: this one)")
    ap.add_argument("--case", help="the case file (default: the shipped example)")
    ap.add_argument("--profile", default="regulator")
    ap.add_argument("--packs", nargs=2, type=Path, metavar=("PACK_A", "PACK_B"), help="compare two packs already made")
    args = ap.parse_args(argv)
    if args.packs:
        a, b = args.packs
        differences = pack_differences(a, b)
    else:
        if args.reference is None:
            ap.error("give --reference TREE (or --packs A B)")
        sys.path.insert(0, str(TREE))
        import scrdocs

        case = args.case or str(scrdocs.example_case_path())
        with tempfile.TemporaryDirectory(prefix="scrdocs-identical-") as tmp:
            a, b = Path(tmp) / "reference", Path(tmp) / "this"
            build(args.reference.resolve(), case, args.profile, a)
            build(args.tree.resolve(), case, args.profile, b)
            differences = pack_differences(a, b)
            count = sum(1 for p in a.rglob("*") if p.is_file())
    for line in differences:
        print(line)
    if not args.packs:
        print(f"{count} files compared")
    print("the same pack" if not differences else f"{len(differences)} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
