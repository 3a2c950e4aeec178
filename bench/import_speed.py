"""How long does importing a large agency chronology take?  (A benchmark, not a test.)

Builds a Word chronology in the Herefordshire layout with ROWS rows (wholly
invented; every 25th row a vague date, a year heading each 200 rows, a
repeated heading row each 100), then reports the seconds to:

* read it (`import_chronologies`);
* merge it into the base test case as a new case file (`merge_into_case`), twice
  (the second replaces the first import).

    .venv/bin/python bench/import_speed.py [--rows 2000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx  # noqa: E402

from scrdocs.review.chronology_import import import_chronologies, merge_into_case  # noqa: E402

HEADINGS = ["Date", "Time", "Source of Information", "Contact with individual - ", "Communication - within agency",
            "Communication - external to agency", "Response or Outcome", "Comments"]
VAGUE = ["Mid Nov {y}", "Early March {y}", "Spring {y}", "not known", "W/C {d}"]


def build(path: Path, rows: int) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=len(HEADINGS))
    table.add_row()
    for cell, text in zip(table.rows[0].cells, HEADINGS):
        cell.text = text
    day = date(2023, 1, 1)
    for n in range(rows):
        cells = table.add_row().cells
        if n % 200 == 0:
            cells[0].merge(cells[-1]).text = str(day.year)
            continue
        if n % 100 == 50:
            for cell, text in zip(cells, HEADINGS):
                cell.text = text
            continue
        day += timedelta(days=n % 2)
        when = VAGUE[n // 25 % len(VAGUE)].format(y=day.year, d=day.strftime("%d/%m/%Y")) if n % 25 == 0 else day.strftime("%d/%m/%Y %H%M").replace(" 0000", f" {9 + n % 8:02d}30")
        values = [when, "", "Case notes", f"Visit {n} by SW{n % 7}; Adult K seen at home", "", "Phone call to GP",
                  f"Plan {n} agreed", ""]
        for cell, text in zip(cells, values):
            cell.text = text
    document.save(str(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = folder / "asc.docx"
        build(table, args.rows)
        case = folder / "review.yaml"
        shutil.copy(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "review" / "base_case.yaml", case)
        t = time.perf_counter()
        result = import_chronologies([table], "asc")
        read = time.perf_counter() - t
        t = time.perf_counter()
        first = merge_into_case(result, case)
        merge1 = time.perf_counter() - t
        t = time.perf_counter()
        second = merge_into_case(result, first.out)
        merge2 = time.perf_counter() - t
        print(f"rows in the table: {args.rows}; imported {len(result.entries)}, rejected {len(result.rejected)}, "
              f"skipped {len(result.skipped)}, likely duplicates {len(result.duplicates)}")
        print(f"read:          {read:6.2f} s")
        print(f"merge (first): {merge1:6.2f} s  ({first.summary()})")
        print(f"merge (again): {merge2:6.2f} s  ({len(second.replaced)} replaced)")


if __name__ == "__main__":
    main()
