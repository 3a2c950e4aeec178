"""Reading dates the way agencies write them (UK day-first), and refusing impossible ones."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]{3,9})\.?[\s\-,]+(\d{2}|\d{4})$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 31/12/03 means 2003; 31/12/85 means 1985
        year += 2000 if year <= (date.today().year % 100) else 1900
    return year


def _build(y: int, m: int, d: int, original: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(f"'{original}' is not a real date (check the day and month)") from None


def parse_date(value: object) -> date:
    """Return a date from a date, an ISO string or a UK day-first string.

    Accepts 2019-02-28, 28/02/2019, 28/02/19, 28.02.2019, 28-02-2019,
    22-May-16, 22 May 2016, 22nd May 2016. Raises ValueError with a plain
    message for anything else, including impossible dates like 31/02/2019.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as 31/12/2019, got {value!r}")
    text = value.strip()
    if m := _ISO.match(text):
        return _build(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _NUMERIC.match(text):
        return _build(_year(m[3]), int(m[2]), int(m[1]), text)
    if m := _NAMED.match(text):
        month = _MONTHS.get(m[2][:3].lower())
        if month is None:
            raise ValueError(f"'{text}' has a month name that is not recognised")
        return _build(_year(m[3]), month, int(m[1]), text)
    raise ValueError(f"'{text}' is not a date in a recognised form (use 31/12/2019 or 2019-12-31)")


_TIME = re.compile(r"^([01]?\d|2[0-3]):?([0-5]\d)$")


def parse_time(value: object) -> str:
    """Return a 24-hour time as HH:MM from '9:05', '09:05' or '0905'."""
    if isinstance(value, int):  # YAML reads 0905 or 905 as a number
        value = f"{value:04d}"
    text = str(value).strip()
    if m := _TIME.match(text):
        return f"{int(m[1]):02d}:{m[2]}"
    raise ValueError(f"'{text}' is not a 24-hour time (use 14:30)")


def uk(d: date | None) -> str:
    """Format a date as 31/12/2019, the way the seeds' chronologies do."""
    return d.strftime("%d/%m/%Y") if d else ""
