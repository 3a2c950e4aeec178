"""What an import found: the entries, and every row that was not imported or was read loosely."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ...case.model import ChronologyEntry

#: rejected: the row is an event that could not be read (it is in the report, not the chronology);
#: skipped: the row is not an event (a year heading, a spacer, a repeated heading row);
#: note: the row was imported, and something about it is worth checking;
#: duplicate: the row was imported and looks like another entry.
Outcome = Literal["rejected", "skipped", "note", "duplicate"]


@dataclass(frozen=True)
class RowProblem:
    """Something about one row (or one table) of one file."""

    file: str
    table: str | None
    row: int | None
    message: str
    rejected: bool = True  # False: the row was imported (or skipped), with this noted
    cells: str = ""  # the row's text as the agency wrote it, for the report
    outcome: Outcome | None = None

    @property
    def kind(self) -> Outcome:
        return self.outcome or ("rejected" if self.rejected else "note")

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
    rows_read: int = 0  # rows below the headings that are events
    origins: list[tuple[str, str | None, int]] = field(default_factory=list)  # (file, table, row) of each entry

    @property
    def rejected(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == "rejected"]

    @property
    def skipped(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == "skipped"]

    @property
    def duplicates(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == "duplicate"]

    @property
    def complete(self) -> bool:
        """Every row that is an event was imported."""
        return not self.rejected

    def summary(self) -> str:
        n, r, s = len(self.entries), len(self.rejected), len(self.skipped)
        noted = sum(1 for p in self.problems if p.kind == "note")
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        text = (f"{n} row{'s' if n != 1 else ''} imported from {files} for agency '{self.agency}', "
                f"{r} rejected, {noted} imported with a note, {s} skipped as not events")
        if self.duplicates:
            text += f", {len(self.duplicates)} likely duplicate{'s' if len(self.duplicates) != 1 else ''}"
        return text
