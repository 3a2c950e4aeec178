"""Reading a date the way agencies write it in their chronologies (and authors in a case file).

Exact dates (31/12/03, 22-May-16, "28th April 2024"), a date and time in one
cell ("12.03.23 23:47", "28/11/2024 1930"), estimates ("? 03/2019",
"c. 2019"), ranges ("04/03/2020 - 06/03/2020") and the vague forms of
``vague_dates.yaml`` ("Mid Nov 2024", "W/C 13/03/2023", "Spring 2023",
"between ... and ...", "not known"). python-dateutil reads the exact forms
the project's own reader does not; it is asked twice with different defaults
so a date it had to complete (a month and year only) is never taken as exact.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

import yaml
from dateutil import parser as dateutil_parser
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .dates import _year, month_number, parse_date, parse_time, parse_uncertain_date
from ..errors import RulesError
from ..resources import package_file, safe_yaml


class DateCellError(ValueError):
    """A date that cannot be read; the message says why, in plain words."""


# --------------------------------------------------------------------------
# The vague-date rules (data)


class VagueRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    part_of_month: dict[str, tuple[int, int] | int] = Field(min_length=1)
    seasons: dict[str, int] = Field(min_length=1)
    unknown_day: list[str] = Field(default_factory=list)
    week_commencing: list[str] = Field(min_length=1)
    between: list[str] = Field(min_length=1)
    unknown: list[str] = Field(min_length=1)

    @field_validator("part_of_month")
    @classmethod
    def _days(cls, value: dict[str, tuple[int, int] | int]) -> dict[str, tuple[int, int] | int]:
        # A single day (a board's older copy) is the first day only; [first, last] is the range.
        def ok(days: tuple[int, int] | int) -> bool:
            first, last = (days, days) if isinstance(days, int) else days
            return 1 <= first <= 28 and first <= last <= 31
        bad = [k for k, d in value.items() if not ok(d)]
        if bad:
            raise ValueError(f"the days of {', '.join(bad)} must be a first day between 1 and 28 and a last day "
                             "from the first to 31 (31 stands for the month's last day)")
        return value

    @field_validator("seasons")
    @classmethod
    def _months(cls, value: dict[str, int]) -> dict[str, int]:
        bad = [k for k, m in value.items() if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"the month of {', '.join(bad)} must be between 1 and 12")
        return value

    @field_validator("between")
    @classmethod
    def _placeholders(cls, value: list[str]) -> list[str]:
        bad = [p for p in value if "{a}" not in p or "{b}" not in p]
        if bad:
            raise ValueError(f"each 'between' form needs {{a}} and {{b}}: {', '.join(bad)}")
        return value


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _between_form(form: str, n: int) -> str:
    """'between {a} and {b}' as a pattern with the groups a<n> and b<n>."""
    out = ""
    for part in re.split(r"(\{a\}|\{b\})", _squash(form)):
        if part == "{a}":
            out += f"(?P<a{n}>.+?)"
        elif part == "{b}":
            out += f"(?P<b{n}>.+)"
        else:
            out += r"\s+".join(re.escape(w) for w in part.split(" ")) if part.strip() else r"\s*"
    return f"(?:{out})"


@lru_cache(maxsize=1)
def vague_rules() -> VagueRules:
    path = package_file("review", "procedures", "checks", "vague_dates.yaml")
    try:
        return VagueRules.model_validate(safe_yaml(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as e:
        raise RulesError(f"The vague-date rules {path} have a problem: {e}",
                         hint="Compare the file with the copy that came with scrdocs.") from None


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    rules = vague_rules()

    def alternatives(words: Any) -> str:
        return "|".join(sorted((re.escape(_squash(w)).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))

    between = "|".join(_between_form(form, n) for n, form in enumerate(rules.between))
    return {
        "part": re.compile(rf"^(?P<part>{alternatives(rules.part_of_month)})(?:\s+of)?\s*-?\s*(?P<month>[a-z]{{3,9}})\.?\s*[,-]?\s*(?P<year>\d{{4}}|\d{{2}})\.?$"),
        # "?/12/2024" or "? Dec 2024" (not "? 03/2019", an estimate of the month that parse_uncertain_date reads)
        "unknown_day": re.compile(rf"^(?:{alternatives(rules.unknown_day) if rules.unknown_day else '(?!)'})"
                                  rf"(?:\s*[/.\-]\s*(?P<month>\d{{1,2}})|\s*[/.\-\s]\s*(?P<mname>[a-z]{{3,9}})\.?)"
                                  rf"\s*[/.\-\s]\s*(?P<year>\d{{4}}|\d{{2}})$"),
        "season": re.compile(rf"^(?P<season>{alternatives(rules.seasons)})\s*,?\s*(?P<year>\d{{4}})$"),
        "week": re.compile(rf"^(?:{alternatives(rules.week_commencing)})\s*:?\s*(?P<date>.+)$"),
        "between": re.compile(rf"^(?:{between})$"),
        "unknown": re.compile(rf"^(?:{alternatives(rules.unknown)})\??$"),
    }


# --------------------------------------------------------------------------
# One cell


@dataclass(frozen=True)
class When:
    """What a date cell says."""

    date: date | None  # None when the agency did not know it (placed by the caller)
    time: str | None = None
    uncertain: bool = False
    end: date | None = None
    text: str | None = None  # the wording as written, when the date alone does not say it


_TRAILING_TIME = re.compile(r"^(?P<day>.*\S)\s*(?:,|at|@)?\s+(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?|\d{4})\s*(?:hrs|hr|hours|h)?\.?$", re.I)
_RANGE = re.compile(r"\s+(?:-|–|—|to|until)\s+")
_D1 = datetime(1901, 1, 1, 0, 0)
_D2 = datetime(1902, 2, 2, 1, 1)


def _dateutil_exact(text: str) -> tuple[date, str | None] | None:
    """(date, time or None) when dateutil reads a full day, month and year; None otherwise."""
    try:
        a = dateutil_parser.parse(text, dayfirst=True, default=_D1)
        b = dateutil_parser.parse(text, dayfirst=True, default=_D2)
    except (ValueError, OverflowError):
        return None
    if a.date() != b.date():
        return None  # it filled in a day, month or year that is not in the text
    with_time = a.hour == b.hour and a.minute == b.minute
    return a.date(), (f"{a.hour:02d}:{a.minute:02d}" if with_time else None)


def exact_date(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError:
        found = _dateutil_exact(text)
        return found[0] if found and found[1] is None else None


def read_time(value: Any) -> str | None:
    """A 24-hour time from a cell (09:30, 0930, 9.30, 9.30hrs, a spreadsheet time); None when empty."""
    if value is None or cell_text(value) == "":
        return None
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = cell_text(value).lower()
    text = re.sub(r"\s*(hrs|hr|hours|h)\.?$", "", text)
    text = re.sub(r"^(\d{1,2})[.:](\d{2})(?::\d{2})?$", r"\1:\2", text)
    return parse_time(text)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _vague(text: str) -> When | None:
    rules, p = vague_rules(), _patterns()
    squashed = _squash(text)
    if p["unknown"].match(squashed):
        return When(None, uncertain=True, text=text)
    if m := p["part"].match(squashed):
        month = month_number(m["month"])
        if month is not None:
            part = next(k for k in rules.part_of_month if re.fullmatch(r"\s+".join(map(re.escape, _squash(k).split())), m["part"]))
            return _days_of_month(_year(m["year"]), month, rules.part_of_month[part], text)
    if m := p["unknown_day"].match(squashed):
        month = int(m["month"]) if m["month"] else month_number(m["mname"])
        if month is not None and 1 <= month <= 12:
            return _days_of_month(_year(m["year"]), month, (1, 31), text)
    if m := p["season"].match(squashed):
        season = next(k for k in rules.seasons if _squash(k) == m["season"])
        return When(date(int(m["year"]), rules.seasons[season], 1), uncertain=True, text=text)
    if m := p["week"].match(squashed):
        start = exact_date(m["date"])
        if start is not None:
            return When(start, uncertain=True, text=text)
    if m := p["between"].match(squashed):
        a = next(v for k, v in m.groupdict().items() if k.startswith("a") and v)
        b = next(v for k, v in m.groupdict().items() if k.startswith("b") and v)
        first, last = _loose(a), _loose(b)
        if first and last:
            return When(first, uncertain=True, end=last if last != first else None, text=text)
    return None


def _days_of_month(year: int, month: int, days: tuple[int, int] | int, text: str) -> When:
    """The part of a month the words mean: uncertain, from its first day to its last, with the wording."""
    first, last = (days, None) if isinstance(days, int) else days
    end = None
    if last is not None and last != first:
        end = date(year, month, min(last, monthrange(year, month)[1]))
    return When(date(year, month, first), uncertain=True, end=end, text=text)


def _loose(text: str) -> date | None:
    """A date with or without an uncertainty mark; None when it is not one."""
    try:
        return parse_uncertain_date(text.strip())[0]
    except ValueError:
        return exact_date(text.strip())


def _full_date_with_marks(text: str) -> bool:
    """'c. 22/05/16' and '22/05/2016 (approx)' say everything date and date_uncertain do."""
    stripped = re.sub(r"^(?:\?+|circa|approximately|approx\.?|about|around|estimated?|est\.?|ca\.|c\.|c)\s*|\s*(?:\?+|\(.*\)|approx\.?|est\.?)$",
                      "", text.strip(), flags=re.I)
    return exact_date(stripped) is not None


def read_when(value: Any) -> When:
    """Read a date cell. Raises DateCellError with a plain message when it cannot be read."""
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute) != (0, 0)
        return When(value.date(), time=f"{value.hour:02d}:{value.minute:02d}" if has_time else None)
    if isinstance(value, date):
        return When(value)
    text = " ".join(cell_text(value).split())
    if not text:
        raise DateCellError("the date is missing (every entry needs a date; give your best estimate, e.g. '? 03/2019', or 'not known')")
    try:
        return When(parse_date(text))  # the forms the project reads itself, before asking dateutil
    except ValueError:
        pass
    if m := _TRAILING_TIME.match(text):
        day = exact_date(m["day"])
        vague_day = _vague(m["day"]) if day is None else None
        if vague_day is not None and vague_day.date is not None:
            try:
                return When(vague_day.date, time=read_time(m["time"]), uncertain=True, end=vague_day.end, text=vague_day.text)
            except ValueError:
                pass  # not a time after all ("Mid Nov 2024" ends in a year): read as a whole below
        if day is not None:
            try:
                return When(day, time=read_time(m["time"]))
            except ValueError:
                raise DateCellError(f"the date '{text}' has a time that is not a 24-hour time") from None
    if (found := _dateutil_exact(text)) is not None:
        return When(found[0], time=found[1])
    if (vague := _vague(text)) is not None:
        return vague
    parts = _RANGE.split(text, maxsplit=1)
    try:
        start, uncertain = parse_uncertain_date(parts[0])
        end = parse_uncertain_date(parts[1])[0] if len(parts) == 2 else None
    except ValueError as e:
        if "not a real date" in str(e):
            raise DateCellError(f"the date {e}") from None
        raise DateCellError(f"the date '{text}' is not in a form scrdocs can read (write 31/12/2019; for an estimate "
                       "'? 03/2019', 'Mid Nov 2024', 'Spring 2023' or 'not known')") from None
    keep = None if (not uncertain or _full_date_with_marks(parts[0])) and len(parts) == 1 else text
    if len(parts) == 2 and not uncertain:
        keep = None
    return When(start, uncertain=uncertain, end=end, text=keep)
