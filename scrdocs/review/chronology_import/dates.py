"""A chronology row's date and time cells, read by :mod:`scrdocs.case.vague_dates` (the rules
of which are data: ``scrdocs/review/procedures/checks/vague_dates.yaml``)."""

from __future__ import annotations

from typing import Any

from ...case.vague_dates import DateCellError, When, cell_text, exact_date, read_time, vague_rules
from ...case.vague_dates import read_when as _read_when

__all__ = ["RowError", "When", "cell_text", "exact_date", "read_time", "read_when", "vague_rules"]


class RowError(ValueError):
    """A row that cannot be imported; the message says why, for the report."""


def read_when(value: Any) -> When:
    try:
        return _read_when(value)
    except DateCellError as e:
        raise RowError(str(e)) from None
