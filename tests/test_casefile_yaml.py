"""How the case file's YAML is read: times, dates and numbers stay what the author wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scrdocs.case.casefile import _CaseLoader, load_case, read_case_text
from scrdocs.errors import CaseFileError

FIXTURE = Path(__file__).parent / "fixtures" / "casefile" / "small_case.yaml"


def one_entry_case(time_text: str) -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    return text.replace("    time: 14:30\n", f"    time: {time_text}\n")


@pytest.mark.parametrize("written,read", [
    ("14:30", "14:30"),      # YAML 1.1 would read 870 (sexagesimal)
    ("0905", "09:05"),
    ("0705", "07:05"),       # YAML 1.1 would read 453 (octal)
    ("1430", "14:30"),
    ("905", "09:05"),
    ("9:05", "09:05"),
    ("00:00", "00:00"),
    ("23:59", "23:59"),
    ('"14:30"', "14:30"),
])
def test_times_read_as_written(written, read):
    case = read_case_text(one_entry_case(written))
    assert case.chronology[0].time == read


@pytest.mark.parametrize("written", ["24:00", "14:60", "2pm", "1460"])
def test_impossible_times_are_refused(written):
    with pytest.raises(CaseFileError) as info:
        read_case_text(one_entry_case(written))
    assert [p.path for p in info.value.problems] == ["chronology[0].time"]
    assert "24-hour time" in info.value.problems[0].message


def test_fixture_times():
    assert [e.time for e in load_case(FIXTURE).chronology] == ["14:30", "09:05", "07:05"]


def test_loader_keeps_dates_and_leading_zeros_as_text():
    data = yaml.load("a: 2019-02-28\nb: 31/02/2019\nc: 0123\nd: 12\ne: 1_000\nf: 0x1F\ng: yes\n", Loader=_CaseLoader)
    assert data == {"a": "2019-02-28", "b": "31/02/2019", "c": "0123", "d": 12, "e": 1000, "f": 31, "g": True}


def test_loader_does_not_change_the_safe_loader():
    """The case loader's changes must not leak into PyYAML's own SafeLoader."""
    assert yaml.load("t: 14:30\nd: 2019-02-28", Loader=yaml.SafeLoader)["t"] == 870


def test_dates_in_every_uk_form():
    case = load_case(FIXTURE)
    k = case.review.key_dates
    assert str(k.referral) == "2022-03-03"
    assert str(k.decision) == "2022-04-11"
    assert [str(d) for d in k.panel_meetings] == ["2022-05-12", "2022-07-14"]


def test_recommendation_number_may_be_written_as_a_number():
    case = load_case(FIXTURE)
    assert case.recommendations[0].number == "1"
