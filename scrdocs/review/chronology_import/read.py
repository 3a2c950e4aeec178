"""Importing one agency's chronology files: every table, every row, nothing lost silently.

Each row below a table's headings is an event (imported, or rejected with
the reason), or not an event (skipped with a note). An entry whose date the
agency did not know ("not known") keeps its place in the agency's order: it
takes the date of the entry before it (or after it, when it comes first),
marked uncertain, with the wording kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ...case.dates import uk
from ...case.model import Case
from ...errors import InputFormatError
from .columns import match_columns
from .dates import RowError, When
from ..chronology_checks import likely_duplicates
from .result import ImportResult, RowProblem
from .rows import classify, describe, read_row, row_to_entry
from .tables import tables

_SKIP_REASONS = {
    "blank": "skipped: a blank spacer row",
    "heading": "skipped: a heading row ('{text}'), not an event",
    "repeated_heading": "skipped: the column headings repeated (as at the top of a new page)",
}


def _find_headings(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[int, str]] | None:
    for idx, (_, cells) in enumerate(rows[:5]):  # a title row may come before the headings
        if mapping := match_columns(cells):
            return idx, mapping
    return None


def _place_unknown_dates(pending: list[tuple[int, dict[str, Any], When, str]],
                         dated: list[tuple[int, Any]]) -> list[tuple[int, dict[str, Any], When, str, str]]:
    """Give each undated row the date of the agency's entry before it (or after it); note which."""
    placed = []
    for number, values, when, cells_text in pending:
        before = [d for n, d in dated if n < number]
        after = [d for n, d in dated if n > number]
        if before:
            day, how = before[-1], f"placed after the agency's entry of {uk(before[-1])} (the row before it)"
        elif after:
            day, how = after[0], f"placed before the agency's entry of {uk(after[0])} (the row after it)"
        else:
            placed.append((number, values, when, cells_text, ""))
            continue
        placed.append((number, values, When(day, time=None, uncertain=True, text=when.text), cells_text,
                       f"the agency wrote '{when.text}' for the date: {how}, marked date_uncertain, wording kept in date_text"))
    return placed


def _read_table(result: ImportResult, name: str, label: str | None, rows: list[tuple[int, list[Any]]]) -> None:
    where = f"{name}, {label}" if label else name
    found = _find_headings(rows)
    if found is None:
        if any(str(c or "").strip() for _, cells in rows for c in cells):
            result.notes.append(f"{where}: skipped, its headings are not a chronology's (it needs a Date column and an event description)")
        return
    header_at, mapping = found
    first_problem = len(result.problems)
    heading = rows[header_at][1]
    result.tables_read += 1
    result.notes.append(f"{where}: chronology columns found: " + ", ".join(mapping[i] for i in sorted(mapping)))
    ready: list[tuple[int, dict[str, Any], When, str, str]] = []
    pending: list[tuple[int, dict[str, Any], When, str]] = []
    dated: list[tuple[int, Any]] = []
    blanks: list[int] = []
    last_event = 0
    for number, cells in rows[header_at + 1:]:
        kind = classify(cells, heading)
        if kind == "blank":
            blanks.append(number)
            continue
        if kind != "event":
            result.problems.append(RowProblem(name, label, number, _SKIP_REASONS[kind].format(text=describe(cells)),
                                              rejected=False, cells=describe(cells), outcome="skipped"))
            continue
        last_event = number
        result.rows_read += 1
        values = {fieldname: cells[i] if i < len(cells) else None for i, fieldname in mapping.items()}
        try:
            when = read_row(values)
        except RowError as e:
            result.problems.append(RowProblem(name, label, number, f"not imported: {e}", cells=describe(cells)))
            continue
        if when.date is None:
            pending.append((number, values, when, describe(cells)))
        else:
            dated.append((number, when.date))
            ready.append((number, values, when, describe(cells), ""))
    # A blank row between events is a spacer, worth a note; the empty rows a template ends with are not.
    result.problems += [RowProblem(name, label, n, _SKIP_REASONS["blank"], rejected=False, outcome="skipped")
                        for n in blanks if n < last_event]
    ready += _place_unknown_dates(pending, dated)
    ready.sort(key=lambda r: r[0])  # the agency's own order
    for number, values, when, text, placed in ready:
        if when.date is None:
            result.problems.append(RowProblem(name, label, number, f"not imported: the date '{when.text}' is not known and "
                                              "the table has no dated entry to place it by; give a best estimate", cells=text))
            continue
        origin = ", ".join(filter(None, [name, label, f"row {number}"]))
        try:
            entry, notes = row_to_entry(values, result.agency, when, origin)
        except RowError as e:
            result.problems.append(RowProblem(name, label, number, f"not imported: {e}", cells=text))
            continue
        result.entries.append(entry)
        result.origins.append((name, label, number))
        notes = ([placed] if placed else []) + notes
        if when.text and not placed:
            notes.insert(0, f"the date '{when.text}' is vague: imported as {uk(when.date)}"
                            + (f" to {uk(when.end)}" if when.end else "") + ", marked date_uncertain, wording kept in date_text")
        result.problems += [RowProblem(name, label, number, n, rejected=False, cells=text) for n in notes]
    result.problems[first_problem:] = sorted(result.problems[first_problem:], key=lambda p: p.row or 0)


def read_chronology_file(path: str | Path, agency: str, *, result: ImportResult | None = None) -> ImportResult:
    """Import every chronology table of one file into ``result`` (a new one if not given)."""
    path = Path(path)
    result = result or ImportResult(agency=agency)
    result.files.append(str(path))
    for label, rows in tables(path):
        _read_table(result, path.name, label, rows)
    return result


def import_chronologies(paths: Iterable[str | Path], agency: str, *, case: Case | None = None) -> ImportResult:
    """Import one agency's chronology from several files.

    With ``case``, ``agency`` must be one of its agency ids and entries outside
    the period under review are noted (they are still imported: the panel decides).
    Likely duplicates among the imported entries are flagged (never dropped).
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
                result.notes.append(f"the entry of {uk(e.date)} ({e.imported_from}) is outside the period under review "
                                    f"({uk(period.start)} to {uk(period.end)}); it is imported for the panel to decide")
    for i, j, why in likely_duplicates(result.entries):
        result.problems.append(RowProblem(*result.origins[j], f"likely duplicate of {result.entries[i].imported_from} ({why}); "
                                          "both are kept", rejected=False, outcome="duplicate"))
    return result

