"""Property tests for reading UK dates: every real date round-trips, no impossible one gets through."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, strategies as st

from scrdocs.case.dates import parse_date, parse_time, uk

DATES = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
FORMATS = [
    "%d/%m/%Y",      # 22/05/2016
    "%d.%m.%Y",      # 22.05.2016
    "%Y-%m-%d",      # 2016-05-22
    "%d-%m-%Y",      # 22-05-2016
    "%d %B %Y",      # 22 May 2016
    "%d %b %Y",      # 22 Sep 2016
    "%d-%b-%Y",      # 22-May-2016
]


@given(DATES, st.sampled_from(FORMATS))
def test_every_real_date_round_trips(d, fmt):
    assert parse_date(d.strftime(fmt)) == d


@given(DATES)
def test_unpadded_and_ordinal_forms(d):
    assert parse_date(f"{d.day}/{d.month}/{d.year:04d}") == d
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d.day, "th")
    assert parse_date(f"{d.day}{suffix} {d.strftime('%B')} {d.year:04d}") == d
    assert parse_date(f"  {d.strftime('%d/%m/%Y')}  ") == d


@given(DATES)
def test_uk_format_round_trips(d):
    assert uk(d) == d.strftime("%d/%m/%Y")
    assert parse_date(uk(d)) == d


@st.composite
def impossible_day(draw):
    year = draw(st.integers(1000, 9999))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.integers(last + 1, 31)) if last < 31 else draw(st.sampled_from([32, 40, 99]))
    return year, month, day


@given(impossible_day(), st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}.{m}.{y}", "{y}-{m:02d}-{d:02d}"]))
def test_impossible_days_are_refused_plainly(ymd, pattern):
    y, m, d = ymd
    text = pattern.format(y=y, m=m, d=d)
    with pytest.raises(ValueError) as info:
        parse_date(text)
    message = str(info.value)
    assert text in message
    assert "not a real date" in message or "not a date in a recognised form" in message
    assert "Traceback" not in message and "datetime" not in message


@given(st.integers(1, 28), st.integers(13, 99), st.integers(1000, 9999))
def test_impossible_months_are_refused(day, month, year):
    with pytest.raises(ValueError, match="not a real date"):
        parse_date(f"{day:02d}/{month:02d}/{year}")


@given(st.sampled_from(["Smarch", "Mayy", "Febuary"]), st.integers(1, 28))
def test_unknown_month_names_are_refused(name, day):
    with pytest.raises(ValueError, match="month name that is not recognised"):
        parse_date(f"{day} {name} 2016")


def test_known_examples():
    assert parse_date("28/02/2019") == date(2019, 2, 28)
    assert parse_date("29/02/2020") == date(2020, 2, 29)
    with pytest.raises(ValueError, match="'31/02/2019' is not a real date"):
        parse_date("31/02/2019")
    with pytest.raises(ValueError, match="'29/02/2019' is not a real date"):
        parse_date("29/02/2019")
    with pytest.raises(ValueError, match="recognised form"):
        parse_date("02/31")
    with pytest.raises(ValueError, match="expected a date"):
        parse_date(20190228)


def test_day_first_not_month_first():
    """03/04/2019 is the 3rd of April in a UK case file, never 4th March."""
    assert parse_date("03/04/2019") == date(2019, 4, 3)
    with pytest.raises(ValueError):
        parse_date("12/31/2019")


@given(st.times())
def test_every_time_round_trips(t):
    hhmm = f"{t.hour:02d}:{t.minute:02d}"
    assert parse_time(hhmm) == hhmm
    assert parse_time(f"{t.hour:02d}{t.minute:02d}") == hhmm
    assert parse_time(t.hour * 100 + t.minute) == hhmm  # how YAML reads 0905 or 1430 as a number
