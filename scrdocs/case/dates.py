"""Reading dates the way agencies write them (UK day-first), and refusing impossible ones."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]{3,9})\.?[\s\-,]+(\d{2}|\d{4})$")


_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december"]


def month_number(name: str) -> int | None:
    """1-12 for a month name or its abbreviation (May, Sep, Sept, September); None otherwise.

    Only a true abbreviation counts, so a typo such as 'Febuary' is refused
    rather than guessed.
    """
    lowered = name.lower().rstrip(".")
    if len(lowered) < 3:
        return None
    return next((i for i, full in enumerate(_MONTH_NAMES, start=1) if full.startswith(lowered)), None)


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
        month = month_number(m[2])
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


# --------------------------------------------------------------------------
# Uncertain dates, as agencies write them in chronologies ("? 03/2019")

_UNCERTAIN_MARKS = re.compile(
    r"^(?:\?+|circa\b|approximately\b|approx\b\.?|about\b|around\b|estimated?\b|est\b\.?|ca\.|c\.|c\b)\s*"
    r"|\s*(?:\?+|\((?:approx\.?|approximate|estimated?|est\.?|\?)\)|approx\.?|est\.?)$",
    re.I,
)
_MONTH_YEAR_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{4}|\d{2})$")
_MONTH_YEAR_NAMED = re.compile(r"^([A-Za-z]{3,9})\.?[\s\-,]+(\d{4}|\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_uncertain_date(value: object) -> tuple[date, bool]:
    """Return ``(date, uncertain)`` for an exact or an estimated date.

    Exact forms are those :func:`parse_date` reads. An estimate is marked
    with "?", "c.", "circa", "approx", "about", "est." (before or after), or
    gives only a month ("03/2019", "March 2019", "Mar-19") or only a year
    ("2019"). A month stands for its first day and a year for 1 January, so
    the entry sorts at the start of the time it could be; ``uncertain`` is
    true so the chronology can say it is an estimate.
    """
    if isinstance(value, (date, datetime)):
        return parse_date(value), False
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as 31/12/2019, got {value!r}")
    original = value.strip()
    text = original
    uncertain = False
    while True:  # marks can come before and after: "c. 22/05/16 (approx)"
        stripped = _UNCERTAIN_MARKS.sub("", text, count=1).strip()
        if stripped == text:
            break
        text, uncertain = stripped, True
    if not text:
        raise ValueError(f"'{original}' has no date in it")
    try:
        return parse_date(text), uncertain
    except ValueError as exact_error:
        if m := _MONTH_YEAR_NUMERIC.match(text):
            return _build(_year(m[2]), int(m[1]), 1, original), True
        if m := _MONTH_YEAR_NAMED.match(text):
            month = _MONTHS.get(m[1][:3].lower())
            if month is not None:
                return _build(_year(m[2]), month, 1, original), True
        if m := _YEAR.match(text):
            return _build(int(m[1]), 1, 1, original), True
        if text != original:
            raise ValueError(f"'{original}' is not a date in a recognised form (use 31/12/2019, or '? 03/2019' for an estimate)") from None
        raise exact_error
