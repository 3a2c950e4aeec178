"""The tables of each kind of file an agency sends: Word .docx, CSV and Excel .xlsx.

Each table is a label ("table 2", "sheet 'Chronology'") and its rows, numbered
as the author sees them. Input files are only read, and a Word or Excel file
is checked against the unpacking limits before its reader opens it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any, Iterator

from ...errors import InputFormatError
from ...inputs import check_input_file, open_zip, read_text

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


def tables(path: Path) -> Iterator[Table]:
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


