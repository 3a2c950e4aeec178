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
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrdocs.build import Figures, planned_documents, render_docx  # noqa: E402
from scrdocs.casefile import parse_case  # noqa: E402
from scrdocs.model import Case  # noqa: E402

_EVENTS = [
    "Home visit by {w}; the adult was seen in the kitchen and said she was managing.",
    "Telephone call from the daughter raising concerns about missed medication & falls.",
    "{w} reviewed the care plan; no change agreed. Referral to falls service not made.",
    "Care visit cancelled by the son; no access. Office informed but no escalation.",
    "Safeguarding concern raised about possible financial abuse; triaged as information only.",
    "Outpatient appointment not attended; letter sent to the GP <no follow-up>.",
]


def make_case(agencies: int = 15, entries: int = 2500, seed: int = 7) -> Case:
    """A large, wholly invented case (used when bench/synthetic_case.py is not there)."""
    rnd = random.Random(seed)
    start = date(2019, 1, 1)
    agency_list = [{"id": f"ag{i:02d}", "name": f"Invented Agency Number {i}", "short_name": f"AG{i}",
                    "imr_author": {"name": f"Author {i} Example", "job_title": "Safeguarding Lead"},
                    "imr": {"analysis": "Analysis paragraph.\n\nSecond paragraph.", "lessons": "Lesson.",
                            "recommendations": [{"number": 1, "recommendation": "Audit the records.",
                                                 "key_actions": ["Plan", "Do"], "target_date": "31/12/2026"}]}}
                   for i in range(1, agencies + 1)]
    chronology = []
    for n in range(entries):
        d = start + timedelta(days=rnd.randrange(0, 4 * 365))
        entry = {"date": d.isoformat(), "agency": f"ag{rnd.randrange(1, agencies + 1):02d}",
                 "source": rnd.choice(["Case notes", "GP record", "Interview with staff", "Incident log"]),
                 "subject_of_recording": rnd.choice(["Adult Z", "Son", "Daughter"]),
                 "event": rnd.choice(_EVENTS).format(w=f"SW{rnd.randrange(1, 6)}"),
                 "seen": rnd.random() < 0.5, "wishes_sought": rnd.random() < 0.3,
                 "expected_practice": "Escalation to a manager was expected under the procedure.",
                 "relevance": f"ToR {rnd.randrange(1, 6)}"}
        if rnd.random() < 0.7:
            entry["time"] = f"{rnd.randrange(0, 24):02d}:{rnd.randrange(0, 60):02d}"
        if rnd.random() < 0.05:
            entry["date_uncertain"] = True
        chronology.append(entry)
    data = {
        "review": {"type": "SAR", "board": "Invented Safeguarding Adults Board", "title": "Adult Z",
                   "reference": "BENCH/1", "terms_of_reference": [f"ToR {i}" for i in range(1, 6)],
                   "period_under_review": {"start": "01/01/2019", "end": "31/12/2022"}},
        "panel": {"board_chair": {"name": "Chair Person"}, "panel_chair": {"name": "Panel Chair"},
                  "author": {"name": "Report Author"},
                  "members": [{"name": f"Member {i}", "job_title": "Lead", "organisation": f"Org {i}"} for i in range(8)]},
        "agencies": agency_list,
        "people": [{"id": "z", "name": "Zelda Invented", "role": "subject", "sex": "F"}],
        "chronology": chronology,
        "narrative": {"analysis": "Analysis.", "lessons": "Lessons."},
        "recommendations": [{"number": i, "recommendation": f"Recommendation {i}.", "key_actions": ["Act"]}
                            for i in range(1, 9)],
    }
    return parse_case(data, "<synthetic>")


def _synthetic(agencies: int, entries: int) -> Case:
    try:
        from synthetic_case import make_case as shared_make_case  # bench/synthetic_case.py, if present
    except ImportError:
        return make_case(agencies, entries)
    return shared_make_case(agencies=agencies, entries=entries)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=15)
    ap.add_argument("--entries", type=int, default=2500)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()

    case = _synthetic(args.agencies, args.entries)
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
            from scrdocs.pdf import convert_to_pdf

            t = time.perf_counter()
            pdfs = convert_to_pdf(written, out / "pdf")
            all_pdf = time.perf_counter() - t
            from pypdf import PdfReader

            pages = sum(len(PdfReader(p).pages) for p in pdfs)
            print(f"All PDF ({len(pdfs)} documents, {pages} pages, one LibreOffice run): {all_pdf:.2f} s")


if __name__ == "__main__":
    main()
