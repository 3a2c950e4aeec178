"""How long does a large review take to build?  (A benchmark, not a test.)

Generates a synthetic case of 15 agencies and 2,500 chronology entries
(wholly invented), then reports the seconds to:

* render the integrated chronology (2,500 rows) to DOCX: the figure that must stay under 5 s;
* render all the Word documents (overview report, executive summary, 15 IMRs, ...);
* convert all of them to PDF in one LibreOffice run (skipped with --no-pdf).

    .venv/bin/python bench/build_speed.py [--agencies 15] [--entries 2500] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scrdocs.documents.build import Figures, planned_documents, render_docx  # noqa: E402
from synthetic_case import make_case  # noqa: E402  (bench/synthetic_case.py)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=15)
    ap.add_argument("--entries", type=int, default=2500)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()

    case = make_case(agencies=args.agencies, entries=args.entries)
    figures = Figures(genogram_note="(benchmark: genogram not drawn)")
    print(f"Synthetic case: {len(case.agencies)} agencies, {len(case.chronology)} chronology entries; "
          f"{os.cpu_count()} CPU(s)")
    with tempfile.TemporaryDirectory(prefix="scrdocs-bench-") as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        render_docx(case, "integrated_chronology", out / "chronology-only.docx", figures=figures)
        chron = time.perf_counter() - t
        print(f"Integrated chronology ({len(case.chronology)} rows) to DOCX: {chron:.2f} s (must be under 5 s)")

        plan = planned_documents(case)
        t = time.perf_counter()
        written = [render_docx(case, p.kind.id, out / p.file_name, agency=p.agency, figures=figures) for p in plan]
        all_docx = time.perf_counter() - t
        size = sum(p.stat().st_size for p in written) / 1e6
        print(f"All DOCX ({len(written)} documents, {size:.1f} MB): {all_docx:.2f} s")

        if not args.no_pdf:
            from scrdocs.libreoffice import convert_to_pdf

            t = time.perf_counter()
            pdfs = convert_to_pdf(written, out / "pdf")
            all_pdf = time.perf_counter() - t
            from pypdf import PdfReader

            pages = sum(len(PdfReader(p).pages) for p in pdfs)
            print(f"All PDF ({len(pdfs)} documents, {pages} pages, one LibreOffice run): {all_pdf:.2f} s")


if __name__ == "__main__":
    main()
