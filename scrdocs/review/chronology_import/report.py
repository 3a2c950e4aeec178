"""Writing what an import produced: the entries as case-file YAML, and the report of every row.

The report is a CSV beside the output (it opens in Excel): one line for each
row that was rejected, skipped as not an event, imported with a note, or
looks like a duplicate, with the file, table, row, the row's text and why.
Outputs are staged privately and moved into place when complete.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from ...case.dates import uk
from ...case.model import ChronologyEntry
from ...output import staged_file
from .result import ImportResult

REPORT_COLUMNS = ("file", "table", "row", "outcome", "row text", "why")


def entry_as_case_data(entry: ChronologyEntry) -> dict[str, Any]:
    """A chronology entry as it is written in a case file (UK dates, only what is set)."""
    data = entry.model_dump(exclude_defaults=True)
    for key in ("date", "date_end"):
        if key in data:
            data[key] = uk(data[key])
    order = list(ChronologyEntry.model_fields)
    return {k: data[k] for k in order if k in data}


class _CaseDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line text as a readable block; times always quoted ('09:30'). libyaml's emitter when
    PyYAML has it: a 2,000-entry chronology is written in a fraction of the time."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if re.fullmatch(r"\d{2}:\d{2}", value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_CaseDumper.add_representer(str, _represent_text)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_CaseDumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def chronology_yaml(result: ImportResult) -> str:
    header = (
        f"# Chronology of agency '{result.agency}', imported by `scrdocs import-chronology`\n"
        f"# from: {', '.join(Path(f).name for f in result.files)}\n"
        f"# {result.summary()}.\n"
        "# Add them to the case file with `scrdocs import-chronology ... --into CASE.yaml`, or copy\n"
        "# the entries under `chronology:`. Check the occasions marked seen, seen_alone and wishes_sought.\n"
    )
    return header + dump_yaml({"chronology": [entry_as_case_data(e) for e in result.entries]})


def write_chronology_yaml(result: ImportResult, out: str | Path) -> Path:
    """Write the imported entries as case-file YAML, atomically."""
    with staged_file(out) as tmp:
        tmp.write_text(chronology_yaml(result), encoding="utf-8")
    return Path(out)


def report_path(out: str | Path) -> Path:
    """The report file beside an output: asc.yaml -> asc-import-report.csv."""
    out = Path(out)
    return out.with_name(f"{out.stem}-import-report.csv")


def _safe(text: str) -> str:
    # Excel runs a cell that starts with = + - @ as a formula; an apostrophe keeps it text.
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def report_csv(result: ImportResult, extra: list[tuple[str, str, str, str, str, str]] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REPORT_COLUMNS)
    order = {"rejected": 0, "duplicate": 1, "skipped": 2, "note": 3}
    for p in sorted(result.problems, key=lambda p: order[p.kind]):  # stable: file and row order within each kind
        writer.writerow([_safe(str(v)) for v in (p.file, p.table or "", p.row or "", p.kind, p.cells, p.message)])
    for row in extra or []:
        writer.writerow([_safe(str(v)) for v in row])
    return out.getvalue()


def write_report(result: ImportResult, out: str | Path, extra: list[tuple[str, str, str, str, str, str]] | None = None) -> Path:
    """Write the report of every row that was not simply imported, beside ``out``."""
    path = report_path(out)
    with staged_file(path) as tmp:
        tmp.write_text(report_csv(result, extra), encoding="utf-8-sig", newline="")  # the BOM: Excel reads UTF-8
    return path
