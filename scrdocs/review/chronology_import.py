"""Reading agency chronologies from Word tables, CSV and Excel into case-file entries.

Agencies send their chronologies in the board's template (the Herefordshire
8-column table, the Cumbria 7-column table) or in something like it. Tables
are recognised by their column headings, not by position: the words that
name each column are data (``scrdocs/review/procedures/checks/chronology_columns.yaml``).
Dates are read as agencies write them (31/12/03, 31.12.2003, 22-May-16,
"? 03/2019" for an estimate), times in 24-hour form (09:30, 0930, 9.30).
A row that cannot be read is reported with its file, table and row number,
and the rest still import. Input files are only read.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from pydantic import ValidationError

from ..case.dates import parse_time, parse_uncertain_date, uk
from ..errors import InputFormatError
from ..inputs import check_input_file, open_zip, read_text
from ..case.model import Case, ChronologyEntry
from ..output import staged_file
from ..resources import package_file

# --------------------------------------------------------------------------
# Column headings


@lru_cache(maxsize=1)
def _column_rules() -> dict[str, Any]:
    return yaml.safe_load(package_file("review", "procedures", "checks", "chronology_columns.yaml").read_text(encoding="utf-8"))


def _normalise(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split())


def column_for(heading: Any) -> str | None:
    """The chronology field a column heading names, or None."""
    head = _normalise(heading)
    if not head:
        return None
    best: tuple[int, str] | None = None
    for fieldname, phrases in _column_rules()["columns"].items():
        for phrase in phrases:
            p = _normalise(phrase)
            if p == head:
                return fieldname
            if re.search(rf"(?<![a-z0-9]){re.escape(p)}(?![a-z0-9])", head) and (best is None or len(p) > best[0]):
                best = (len(p), fieldname)
    return best[1] if best else None


def match_columns(headings: list[Any]) -> dict[int, str] | None:
    """Map column positions to fields if these headings are a chronology's; None if they are not."""
    mapping: dict[int, str] = {}
    for i, heading in enumerate(headings):
        name = column_for(heading)
        if name and name not in mapping.values():  # the first column naming a field wins
            mapping[i] = name
    found = set(mapping.values())
    if "date" in found and found & set(_column_rules()["required_with_date"]):
        return mapping
    return None


# --------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RowProblem:
    """Something wrong with one row (or one table) of one file."""

    file: str
    table: str | None
    row: int | None
    message: str
    rejected: bool = True  # False: the row was imported, with this noted

    @property
    def where(self) -> str:
        parts = [self.file] + ([self.table] if self.table else []) + ([f"row {self.row}"] if self.row else [])
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportResult:
    agency: str
    files: list[str] = field(default_factory=list)
    entries: list[ChronologyEntry] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # tables skipped, layouts recognised
    tables_read: int = 0

    @property
    def rejected(self) -> list[RowProblem]:
        return [p for p in self.problems if p.rejected]

    def summary(self) -> str:
        n, r = len(self.entries), len(self.rejected)
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        return (f"{n} row{'s' if n != 1 else ''} imported from {files} for agency '{self.agency}', "
                f"{r} rejected, {len(self.problems) - r} imported with a note")


class _RowError(ValueError):
    pass


# --------------------------------------------------------------------------
# One row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_time(value: Any) -> str | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = _text(value).lower()
    text = re.sub(r"\s*(hrs|hr|hours|h)\.?$", "", text)
    text = re.sub(r"^(\d{1,2})[.:](\d{2})(?::\d{2})?$", r"\1:\2", text)
    return parse_time(text)


_RANGE = re.compile(r"\s+(?:-|–|—|to|until)\s+")
_ESTIMATE_WORDS = re.compile(r"\b(estimate[ds]?|approx(imate|imately)?|exact date (not known|unknown))\b", re.I)


def _read_date(value: Any) -> tuple[date, bool, date | None]:
    """(date, uncertain, end of range)."""
    if isinstance(value, (datetime, date)):
        return parse_uncertain_date(value)[0], False, None
    text = _text(value)
    if not text:
        raise _RowError("the date is missing (every entry needs a date; give your best estimate, e.g. '? 03/2019')")
    parts = _RANGE.split(text, maxsplit=1)
    try:
        start, uncertain = parse_uncertain_date(parts[0])
        end = parse_uncertain_date(parts[1])[0] if len(parts) == 2 else None
    except ValueError as e:
        raise _RowError(f"the date {e}" if str(e).startswith("'") else str(e)) from None
    return start, uncertain, end


def _yes(value: Any) -> bool:
    return _normalise(value) in {_normalise(v) for v in _column_rules()["yes_values"]} and _text(value) != ""


def _row_to_entry(cells: dict[str, Any], agency: str) -> tuple[ChronologyEntry, list[str]]:
    """Build one entry; returns it with notes about things read loosely. Raises _RowError."""
    notes: list[str] = []
    day, uncertain, end = _read_date(cells.get("date"))
    data: dict[str, Any] = {"date": day, "agency": agency}
    if uncertain:
        data["date_uncertain"] = True
        notes.append(f"the date '{_text(cells.get('date'))}' is an estimate: imported as {uk(day)} and marked date_uncertain")
    if end:
        data["date_end"] = end
    comments = _text(cells.get("comments"))
    if comments and _ESTIMATE_WORDS.search(comments):
        data["date_uncertain"] = True
    try:
        t = _read_time(cells.get("time"))
        if t:
            data["time"] = t
    except ValueError:
        raw = _text(cells.get("time"))
        comments = f"{comments} (time recorded as '{raw}')".strip()
        notes.append(f"the time '{raw}' is not a 24-hour time; it is kept in the comments")
    for name in ("source", "subject_of_recording", "communication_within_agency", "communication_external",
                 "expected_practice", "relevance"):
        if value := _text(cells.get(name)):
            data[name] = value
    if comments:
        data["comments"] = comments
    event, contact, outcome = (_text(cells.get(k)) for k in ("event", "contact", "outcome"))
    parts = [p for p in (event, contact) if p]
    if outcome:
        parts.append(f"Response or outcome: {outcome}" if parts else outcome)
    if not parts:
        raise _RowError("there is no event description (nothing in the event, contact or outcome columns)")
    data["event"] = "\n".join(parts)
    for flag in ("seen", "seen_alone", "wishes_sought"):
        if flag in cells and _yes(cells[flag]):
            data[flag] = True
    try:
        return ChronologyEntry.model_validate(data), notes
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        raise _RowError(f"{'.'.join(map(str, first['loc']))}: {first['msg'].removeprefix('Value error, ')}") from None


# --------------------------------------------------------------------------
# Tables from each kind of file

Table = tuple[str | None, list[tuple[int, list[Any]]]]  # (label, [(row number, cells)])
_DOCX_HINT = "Check it is a .docx file (save older .doc files as .docx in Word first)."
_XLSX_HINT = "Check it is an .xlsx file (save older .xls files as .xlsx in Excel first)."


def _docx_tables(path: Path) -> Iterator[Table]:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    _within_limits(path, "a Word document", _DOCX_HINT)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise InputFormatError(f"{path} cannot be opened as a Word document ({e}).", hint=_DOCX_HINT) from None
    for t, table in enumerate(document.tables, start=1):
        rows = []
        for r, row in enumerate(table.rows, start=1):
            rows.append((r, [cell.text for cell in row.cells]))
        yield f"table {t}", rows


def _within_limits(path: Path, kind: str, hint: str) -> None:
    """Refuse a Word or Excel file that is damaged or would unpack past the limits, before its reader
    (which trusts the file) unpacks it all into memory."""
    if not zipfile.is_zipfile(path):
        raise InputFormatError(f"{path} cannot be opened as {kind} (it is not a zip file).", hint=hint)
    with open_zip(path):
        pass


def _csv_tables(path: Path) -> Iterator[Table]:
    # Excel on Windows saves CSV as cp1252; read_text tells it (and UTF-16) from UTF-8, or refuses.
    text = read_text(path).removeprefix("\ufeff")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    yield None, [(reader.line_num, row) for row in reader]


def _xlsx_tables(path: Path) -> Iterator[Table]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _within_limits(path, "an Excel workbook", _XLSX_HINT)
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as e:
        raise InputFormatError(f"{path} cannot be opened as an Excel workbook ({e}).", hint=_XLSX_HINT) from None
    try:
        for sheet in book.worksheets:
            yield f"sheet '{sheet.title}'", [(r, list(values)) for r, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


_READERS = {".docx": _docx_tables, ".csv": _csv_tables, ".xlsx": _xlsx_tables, ".xlsm": _xlsx_tables}
_OLD_FORMATS = {".doc": "Word", ".xls": "Excel", ".rtf": "Word", ".odt": "Word"}


def _tables(path: Path) -> Iterator[Table]:
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise InputFormatError(f"{path} is a {suffix} file, which scrdocs cannot read.",
                               hint=f"Open it in {_OLD_FORMATS[suffix]} and save it as "
                                    f"{'.docx' if _OLD_FORMATS[suffix] == 'Word' else '.xlsx'}, then import that.")
    reader = _READERS.get(suffix)
    if reader is None:
        raise InputFormatError(f"{path} is not a file type scrdocs can import.",
                               hint="Give a Word .docx, a .csv or an Excel .xlsx file.")
    check_input_file(path)  # an ordinary file: never a link to another, a pipe or a device
    return reader(path)


# --------------------------------------------------------------------------
# Files


def _blank(cells: Iterable[Any]) -> bool:
    return all(_text(c) == "" for c in cells)


def read_chronology_file(path: str | Path, agency: str, *, result: ImportResult | None = None) -> ImportResult:
    """Import every chronology table of one file into ``result`` (a new one if not given)."""
    path = Path(path)
    result = result or ImportResult(agency=agency)
    result.files.append(str(path))
    name = path.name
    for label, rows in _tables(path):
        where = f"{name}, {label}" if label else name
        header_at, mapping = None, None
        for idx, (_, cells) in enumerate(rows[:5]):  # a title row may come before the headings
            mapping = match_columns(cells)
            if mapping:
                header_at = idx
                break
        if mapping is None:
            if not _blank(c for _, cells in rows for c in cells):
                result.notes.append(f"{where}: skipped, its headings are not a chronology's (it needs a Date column and an event description)")
            continue
        result.tables_read += 1
        result.notes.append(f"{where}: chronology columns found: " + ", ".join(mapping[i] for i in sorted(mapping)))
        for number, cells in rows[header_at + 1:]:
            if _blank(cells):
                continue  # templates come with empty rows
            values = {fieldname: cells[i] if i < len(cells) else None for i, fieldname in mapping.items()}
            try:
                entry, notes = _row_to_entry(values, agency)
            except _RowError as e:
                result.problems.append(RowProblem(name, label, number, f"not imported: {e}"))
                continue
            result.entries.append(entry)
            result.problems += [RowProblem(name, label, number, n, rejected=False) for n in notes]
    return result


def import_chronologies(paths: Iterable[str | Path], agency: str, *, case: Case | None = None) -> ImportResult:
    """Import one agency's chronology from several files.

    With ``case``, ``agency`` must be one of its agency ids and entries outside
    the period under review are noted (they are still imported: the panel decides).
    Raises :class:`InputFormatError` when no file holds a chronology table.
    """
    if case is not None and agency not in {a.id for a in case.agencies}:
        known = ", ".join(a.id for a in case.agencies) or "none"
        raise InputFormatError(f"'{agency}' is not the id of an agency in the case file (known: {known}).",
                               hint="Give the agency's id from the case file's 'agencies' section.")
    result = ImportResult(agency=agency)
    for path in paths:
        read_chronology_file(path, agency, result=result)
    if result.tables_read == 0:
        raise InputFormatError(
            f"No chronology table was found in {', '.join(result.files)}.",
            hint="The table needs a heading row with a Date column and an event description column "
                 "(the Herefordshire or Cumbria chronology template).")
    period = case.review.period_under_review if case else None
    if period:
        for e in result.entries:
            if not period.start <= e.date <= period.end:
                result.notes.append(f"the entry of {uk(e.date)} is outside the period under review "
                                    f"({uk(period.start)} to {uk(period.end)}); it is imported for the panel to decide")
    return result


def entry_as_case_data(entry: ChronologyEntry) -> dict[str, Any]:
    """A chronology entry as it is written in a case file (UK dates, only what is set)."""
    data = entry.model_dump(exclude_defaults=True)
    for key in ("date", "date_end"):
        if key in data:
            data[key] = uk(data[key])
    order = list(ChronologyEntry.model_fields)
    return {k: data[k] for k in order if k in data}


class _CaseDumper(yaml.SafeDumper):
    """Multi-line text as a readable block; times always quoted ('09:30')."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if re.fullmatch(r"\d{2}:\d{2}", value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_CaseDumper.add_representer(str, _represent_text)


def chronology_yaml(result: ImportResult) -> str:
    header = (
        f"# Chronology of agency '{result.agency}', imported by `scrdocs import-chronology`\n"
        f"# from: {', '.join(Path(f).name for f in result.files)}\n"
        f"# {result.summary()}.\n"
        "# Copy the entries under `chronology:` in the case file. Mark the occasions the\n"
        "# individual was seen (seen, seen_alone) and their wishes sought (wishes_sought).\n"
    )
    body = yaml.dump({"chronology": [entry_as_case_data(e) for e in result.entries]}, Dumper=_CaseDumper,
                     sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return header + body


def write_chronology_yaml(result: ImportResult, out: str | Path) -> Path:
    """Write the imported entries as case-file YAML, atomically."""
    with staged_file(out) as tmp:
        tmp.write_text(chronology_yaml(result), encoding="utf-8")
    return Path(out)
