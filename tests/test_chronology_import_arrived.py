"""Agency chronologies as they really arrive (issue 14): date forms, rows that are not events,
every column kept, the row report and exit code, and merging into a new case file."""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.review.chronology_import import import_chronologies, merge_into_case, merged_name
from scrdocs.review.chronology_import.dates import read_when

from chronology_helpers import BASE_CASE, FIXTURES, builder as _builder


@pytest.fixture(scope="module")
def arrived(tmp_path_factory):
    return _builder().build_arrived(tmp_path_factory.mktemp("arrived"))


@pytest.fixture
def case_copy(tmp_path):
    path = tmp_path / "review.yaml"
    shutil.copy(BASE_CASE, path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


# -- each date form ---------------------------------------------------------------

@pytest.mark.parametrize("text, day, time, end, kept", [
    ("12.03.23 23:47", date(2023, 3, 12), "23:47", None, None),
    ("28/11/2024 1930", date(2024, 11, 28), "19:30", None, None),
    ("28th April 2024 02:10", date(2024, 4, 28), "02:10", None, None),
    ("3rd of May 2023 at 14:00", date(2023, 5, 3), "14:00", None, None),  # python-dateutil reads it
    # A part of a month is a range of days, never one exact day ("Mid Nov" is not the 11th).
    ("Mid Nov 2024", date(2024, 11, 11), None, date(2024, 11, 20), "Mid Nov 2024"),
    ("Mid Nov 24", date(2024, 11, 11), None, date(2024, 11, 20), "Mid Nov 24"),
    ("mid of November 2024", date(2024, 11, 11), None, date(2024, 11, 20), "mid of November 2024"),
    ("Mid Nov 2024 14:30", date(2024, 11, 11), "14:30", date(2024, 11, 20), "Mid Nov 2024"),
    ("Early March 2023", date(2023, 3, 1), None, date(2023, 3, 10), "Early March 2023"),
    ("late Nov. 2024", date(2024, 11, 21), None, date(2024, 11, 30), "late Nov. 2024"),
    ("end of Feb 2024", date(2024, 2, 21), None, date(2024, 2, 29), "end of Feb 2024"),
    # The day not known: the month, uncertain, wording kept.
    ("?/12/2024", date(2024, 12, 1), None, date(2024, 12, 31), "?/12/2024"),
    ("??/12/24", date(2024, 12, 1), None, date(2024, 12, 31), "??/12/24"),
    ("xx/12/2024", date(2024, 12, 1), None, date(2024, 12, 31), "xx/12/2024"),
    ("? Dec 2024", date(2024, 12, 1), None, date(2024, 12, 31), "? Dec 2024"),
    ("W/C 13/03/2023", date(2023, 3, 13), None, None, "W/C 13/03/2023"),
    ("Spring 2023", date(2023, 3, 1), None, None, "Spring 2023"),
    ("between 02/03/2023 and 09/03/2023", date(2023, 3, 2), None, date(2023, 3, 9), "between 02/03/2023 and 09/03/2023"),
    ("? 03/2019", date(2019, 3, 1), None, None, "? 03/2019"),
])
def test_date_forms(text, day, time, end, kept):
    when = read_when(text)
    assert (when.date, when.time, when.end, when.text) == (day, time, end, kept)
    assert when.uncertain == (kept is not None)


def test_not_known_has_no_date_but_keeps_the_wording():
    when = read_when("Not known")
    assert when.date is None and when.uncertain and when.text == "Not known"


@pytest.mark.parametrize("text, why", [("31/02/2023", "not a real date"), ("yesterday", "not in a form"),
                                       ("", "date is missing"), ("March 2023 2500", "not in a form")])
def test_unreadable_dates_say_why(text, why):
    from scrdocs.review.chronology_import.dates import RowError

    with pytest.raises(RowError, match=why):
        read_when(text)


def test_a_month_and_year_is_never_taken_as_exact():
    """dateutil would fill in a day; the double-default reading refuses to."""
    when = read_when("March 2023")
    assert when.uncertain and when.text == "March 2023"


def test_vague_rules_are_data_and_checked(monkeypatch, tmp_path):
    from scrdocs.errors import RulesError
    from scrdocs.case import vague_dates as dates

    bad = tmp_path / "review" / "procedures" / "checks"
    bad.mkdir(parents=True)
    (bad / "vague_dates.yaml").write_text("part_of_month: {mid: 40}\nseasons: {spring: 3}\nweek_commencing: [w/c]\n"
                                          "between: ['between {a}']\nunknown: [n/k]\n")
    monkeypatch.setattr(dates, "package_file", lambda *parts: tmp_path.joinpath(*parts))
    dates.vague_rules.cache_clear()
    try:
        with pytest.raises(RulesError) as info:
            dates.vague_rules()
        assert "between 1 and 28" in str(info.value) and "{a} and {b}" in str(info.value)
    finally:
        dates.vague_rules.cache_clear()
        dates._patterns.cache_clear()


# -- both seed layouts as sent --------------------------------------------------

def test_herefordshire_as_sent(arrived):
    result = import_chronologies([arrived["herefordshire"]], "asc")
    by_row = {int(e.imported_from.rsplit("row ", 1)[1]): e for e in result.entries}
    assert sorted(by_row) == [3, 4, 5, 7, 9, 10, 12, 13, 14]
    assert (by_row[4].date, by_row[4].time) == (date(2023, 3, 12), "23:47")
    assert (by_row[9].date, by_row[9].time) == (date(2023, 4, 28), "02:10")
    assert (by_row[14].date, by_row[14].time) == (date(2023, 11, 28), "19:30")
    for row, text in ((3, "Early March 2023"), (5, "W/C 13/03/2023"), (10, "Spring 2023"), (13, "Mid Nov 2023"),
                      (7, "between 02/03/2023 and 09/03/2023"), (12, "not known")):
        assert by_row[row].date_uncertain and by_row[row].date_text == text
    assert by_row[7].date_end == date(2023, 3, 9)
    assert by_row[12].date == by_row[10].date  # "not known" keeps its place after the row before it
    # every column kept
    assert by_row[4].communication_within_agency == "Handover to day team (written)"
    assert by_row[7].communication_external == "Email to commissioning" and by_row[7].comments == "Dates from the provider's log"
    assert by_row[14].response_outcome == "Section 42 enquiry opened"
    # The contact column is the event of a table with no event column: kept once, as the event.
    assert by_row[14].event == "Safeguarding concern from the provider" and by_row[14].contact_with_individual is None
    # seen, seen alone and wishes from the words; "not seen" is not seen
    assert by_row[5].seen and by_row[5].seen_alone and by_row[5].wishes_sought
    assert not by_row[4].seen
    skipped = {p.row: p.message for p in result.skipped}
    assert "heading row ('2023')" in skipped[2] and "blank spacer" in skipped[6] and "headings repeated" in skipped[8]
    assert [(p.row, "not a real date" in p.message) for p in result.rejected] == [(11, True)]
    assert not any(e.event in ("2023", "Date") for e in result.entries)


def test_an_imported_contact_is_printed_once_in_the_integrated_chronology(arrived):
    from scrdocs.documents.chronology import chronology_row

    result = import_chronologies([arrived["herefordshire"]], "asc")
    for entry in result.entries:
        row = chronology_row(entry, "ASC")
        printed = "\n".join(row[k] for k in ("date_cell", "subject_contact", "event_cell", "response", "comments"))
        assert printed.count(entry.event) == 1, (entry.imported_from, printed)


def test_an_entry_imported_before_the_fix_is_printed_once():
    from scrdocs.case.model import ChronologyEntry
    from scrdocs.documents.chronology import chronology_row

    entry = ChronologyEntry(date="28/11/2023", agency="asc", event="Safeguarding concern from the provider",
                            contact_with_individual="Safeguarding concern from the provider")
    row = chronology_row(entry, "ASC")
    assert (row["subject_contact"] + row["event_cell"]).count("Safeguarding concern") == 1


def test_cumbria_as_sent(arrived):
    result = import_chronologies([arrived["cumbria"]], "police")
    assert [(e.date, e.time, e.date_text) for e in result.entries] == [
        (date(2023, 6, 2), "23:40", None), (date(2023, 11, 11), None, "Mid Nov 2023"),
        (date(2023, 11, 28), "19:30", None), (date(2023, 11, 28), None, "not known")]
    assert result.entries[0].expected_practice.startswith("Domestic abuse") and result.entries[0].relevance == "ToR 2"
    assert {p.row for p in result.skipped} == {2, 4, 6}
    assert [p.row for p in result.rejected] == [9]


def test_trailing_empty_template_rows_are_not_noted(tmp_path):
    import docx

    b = _builder()
    document = docx.Document()
    b._arrived_table(document, b.CUMBRIA_HEADINGS, [["01/02/2023", "", "Notes", "A", "Visit", "", ""], None, None])
    path = tmp_path / "t.docx"
    document.save(str(path))
    result = import_chronologies([path], "police")
    assert len(result.entries) == 1 and result.problems == []


# -- the command: exit code, report, merge ---------------------------------------

def test_rejected_rows_exit_1_with_a_report_beside_the_output(arrived, tmp_path):
    out = tmp_path / "asc.yaml"
    run = CliRunner().invoke(cli, ["import-chronology", str(arrived["herefordshire"]), "--agency", "asc", "--out", str(out)])
    assert run.exit_code == 1, run.output
    assert "9 rows imported" in run.output and "1 rejected" in run.output and "3 skipped" in run.output
    rows = _report(tmp_path / "asc-import-report.csv")
    rejected = [r for r in rows if r["outcome"] == "rejected"]
    assert rejected == [{"file": "asc_as_sent.docx", "table": "table 1", "row": "11", "outcome": "rejected",
                         "row text": "31/02/2023 | Case notes | Visit recorded with an impossible date",
                         "why": "not imported: the date '31/02/2023' is not a real date (check the day and month)"}]
    assert {r["row"] for r in rows if r["outcome"] == "skipped"} == {"2", "6", "8"}
    assert len(yaml.safe_load(out.read_text())["chronology"]) == 9


def test_every_row_imported_exits_0(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("Date,Event description\n01/03/2023,Visit\nMid Nov 2023,Call\n")
    run = CliRunner().invoke(cli, ["import-chronology", str(path), "--agency", "asc", "--out", str(tmp_path / "o.yaml")])
    assert run.exit_code == 0, run.output


def test_into_writes_a_new_case_file_in_date_order_and_never_the_old(arrived, case_copy):
    before = _digest(case_copy)
    run = CliRunner().invoke(cli, ["import-chronology", str(arrived["cumbria"]), "--agency", "police", "--into", str(case_copy)])
    assert run.exit_code == 1  # row 9 was rejected
    assert _digest(case_copy) == before
    new = case_copy.with_name("review-merged.yaml")
    assert f"New case file written to {new}" in " ".join(run.output.split())
    case = load_case(new)
    assert len(case.chronology) == 5 + 4
    keys = [(e.date, e.time or "") for e in case.chronology]
    assert keys == sorted(keys)
    text = new.read_text()
    assert text.startswith("# A small, sound, wholly fictional case")  # the rest of the file kept as written
    # the police entry of 02/06/2023 23:40 is already in the case file, written by hand: flagged, not dropped
    assert "entry of 02/06/2023 at 23:40 (the same date, time and words)" in text and "# CHECK: likely duplicate" in text
    rows = _report(case_copy.parent / "review-merged-import-report.csv")
    [dupe] = [r for r in rows if r["outcome"] == "duplicate"]
    assert (dupe["file"], dupe["table"], dupe["row"]) == ("police_as_sent.docx", "table 1", "3")
    assert "an entry written in the case file" in dupe["why"] and "duplicate: police_as_sent.docx" in run.output


def test_a_second_import_replaces_the_first_rather_than_doubling(arrived, case_copy):
    first = merge_into_case(import_chronologies([arrived["herefordshire"]], "asc"), case_copy)
    assert first.out.name == "review-merged.yaml" and first.added == 9 and not first.replaced
    second = merge_into_case(import_chronologies([arrived["herefordshire"]], "asc"), first.out)
    assert second.out.name == "review-merged-2.yaml"
    assert len(second.replaced) == 9 and second.added == 9
    case = load_case(second.out)
    assert len(case.chronology) == 5 + 9
    hand_written = [e for e in case.chronology if e.agency == "asc" and not e.imported_from]
    assert len(hand_written) == 2  # entries written by hand are never replaced
    assert "earlier import (asc_as_sent.docx) replaced" in second.summary()


def test_the_same_rows_imported_twice_in_one_go_are_flagged_within_the_agency(arrived, tmp_path):
    copy = tmp_path / "again.docx"
    shutil.copy(arrived["cumbria"], copy)
    result = import_chronologies([arrived["cumbria"], copy], "police")
    assert len(result.entries) == 8
    assert len(result.duplicates) == 4
    assert all("the same date, time and words" in p.message for p in result.duplicates)


def test_duplicates_within_an_agency_are_flagged_by_check(case_copy):
    from scrdocs.review.check import check_case

    case = load_case(case_copy)
    twice = case.chronology[0].model_copy()
    case.chronology.append(twice)
    findings = [f for f in check_case(case, today=date(2024, 8, 1)).findings if f.code == "chronology.likely_duplicate"]
    assert any("recorded twice" in f.message for f in findings)
    # two different things at one visit are not a duplicate
    other = case.chronology[0].model_copy(update={"event": "Carer's assessment offered to the son, who declined."})
    case.chronology[-1] = other
    findings = [f for f in check_case(case, today=date(2024, 8, 1)).findings if f.code == "chronology.likely_duplicate"]
    assert not any("recorded twice" in f.message for f in findings)


def test_out_may_not_be_the_case_file(arrived, case_copy):
    before = _digest(case_copy)
    run = CliRunner().invoke(cli, ["import-chronology", str(arrived["cumbria"]), "--agency", "police",
                                   "--into", str(case_copy), "--out", str(case_copy)])
    assert run.exit_code == 1 and "never over it" in run.output
    assert _digest(case_copy) == before


def test_into_or_out_is_needed(arrived):
    run = CliRunner().invoke(cli, ["import-chronology", str(arrived["cumbria"]), "--agency", "police"])
    assert run.exit_code == 2 and "--into" in run.output


def test_merged_name_never_reuses_a_file(tmp_path):
    case = tmp_path / "r.yaml"
    assert merged_name(case) == tmp_path / "r-merged.yaml"
    (tmp_path / "r-merged.yaml").write_text("x")
    assert merged_name(case) == tmp_path / "r-merged-2.yaml"
    assert merged_name(tmp_path / "r-merged.yaml") == tmp_path / "r-merged-2.yaml"


def test_merge_adds_a_chronology_section_when_there_is_none(arrived, tmp_path):
    data = yaml.safe_load(BASE_CASE.read_text())
    data.pop("chronology")
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    merged = merge_into_case(import_chronologies([arrived["cumbria"]], "police"), path)
    assert len(load_case(merged.out).chronology) == 4
