"""Importing agency chronologies from Word tables (both seed layouts), CSV and Excel."""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from scrdocs.case.casefile import load_case, parse_case
from scrdocs.review.chronology_import import column_for, import_chronologies, match_columns
from scrdocs.cli import cli
from scrdocs.case.dates import parse_uncertain_date
from scrdocs.errors import InputFormatError

from chronology_helpers import BASE_CASE, FIXTURES, builder as _builder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Fresh copies built by the fixture script, so the tests also prove the builder works."""
    return _builder().build_all(tmp_path_factory.mktemp("chronologies"))


# -- dates as agencies write them ---------------------------------------------

@pytest.mark.parametrize("text, expected, uncertain", [
    ("31/12/03", date(2003, 12, 31), False),
    ("31.12.2003", date(2003, 12, 31), False),
    ("22-May-16", date(2016, 5, 22), False),
    ("22 May 2016", date(2016, 5, 22), False),
    ("? 03/2019", date(2019, 3, 1), True),
    ("c. 2019", date(2019, 1, 1), True),
    ("approx 22/05/16", date(2016, 5, 22), True),
    ("22/05/2016 (approx)", date(2016, 5, 22), True),
    ("Sept 2020?", date(2020, 9, 1), True),
    ("circa 1998", date(1998, 1, 1), True),
])
def test_parse_uncertain_date(text, expected, uncertain):
    assert parse_uncertain_date(text) == (expected, uncertain)


@pytest.mark.parametrize("text", ["31/02/2019", "?", "13/2019"])
def test_parse_uncertain_date_refuses(text):
    with pytest.raises(ValueError):
        parse_uncertain_date(text)


# -- headings -----------------------------------------------------------------

def test_seed_headings_are_recognised_by_text_not_position():
    b = _builder()
    h = match_columns(b.HEREFORDSHIRE_HEADINGS)
    assert [h[i] for i in sorted(h)] == ["date", "time", "source", "contact", "communication_within_agency",
                                         "communication_external", "outcome", "comments"]
    c = match_columns(list(reversed(b.CUMBRIA_HEADINGS)))
    assert [c[i] for i in sorted(c)] == ["relevance", "expected_practice", "event", "subject_of_recording",
                                         "source", "time", "date"]


@pytest.mark.parametrize("heading, field", [
    ("DATE (dd/mm/yy)", "date"), ("Time (24hr)", "time"), ("source of info", "source"),
    ("Contact with individual / Family Contact", "contact"), ("Communication – external to agency", "communication_external"),
    ("Event Description / Action / Outcome", "event"), ("Expected Practice & Standards", "expected_practice"),
    ("Relevance to ToR", "relevance"), ("Seen alone?", "seen_alone"), ("Wishes and feelings sought", "wishes_sought"),
    ("Response/Outcome", "outcome"), ("Colour", None),
])
def test_heading_variants(heading, field):
    assert column_for(heading) == field


def test_a_table_without_date_or_event_is_not_a_chronology():
    assert match_columns(["Name", "Role", "Agency"]) is None
    assert match_columns(["Date", "Attendees"]) is None


# -- Word ---------------------------------------------------------------------

def test_herefordshire_table(built):
    result = import_chronologies([built["herefordshire"]], "asc")
    assert len(result.entries) == 5
    first = result.entries[0]
    assert (first.date, first.time, first.source) == (date(2019, 12, 31), "09:30", "Case notes")
    # Herefordshire has no event column: the contact column says what happened (the event); every column is kept.
    assert first.event == "Home visit by SW1; Adult A seen alone in the kitchen"
    assert first.contact_with_individual is None  # kept once, as the event (else printed twice)
    assert first.response_outcome == "Care needs assessment booked"
    assert first.seen and first.seen_alone  # from the words "seen alone", with a note
    assert first.communication_within_agency.startswith("Discussed with team manager")
    assert result.entries[1].date == date(2020, 1, 14) and result.entries[1].time == "14:30"
    assert result.entries[2].date == date(2020, 2, 22) and result.entries[2].time == "09:30"  # 22-Feb-20, 9.30
    estimate = result.entries[3]
    assert estimate.date == date(2020, 3, 1) and estimate.date_uncertain
    odd_time = result.entries[4]
    assert odd_time.time is None and "morning" in odd_time.comments
    # the cover page table is skipped with a note
    assert any("table 1: skipped" in n for n in result.notes)


def test_unreadable_rows_are_reported_with_file_table_and_row(built):
    result = import_chronologies([built["herefordshire"]], "asc")
    rejected = {(p.file, p.table, p.row) for p in result.rejected}
    assert rejected == {("asc_herefordshire.docx", "table 2", 5), ("asc_herefordshire.docx", "table 2", 7)}
    messages = " ".join(str(p) for p in result.rejected)
    assert "31/02/2020" in messages and "date is missing" in messages
    assert "asc_herefordshire.docx, table 2, row 5" in messages


def test_cumbria_table_with_title_row_and_date_range(built):
    result = import_chronologies([built["cumbria"]], "police")
    assert len(result.entries) == 5
    assert any(p.kind == "skipped" and p.row == 1 for p in result.problems) is False  # the title row is above the headings
    rng = result.entries[1]
    assert (rng.date, rng.date_end) == (date(2020, 3, 4), date(2020, 3, 6))
    assert result.entries[0].subject_of_recording == "Adult A and son"
    assert result.entries[0].expected_practice.startswith("Domestic abuse risk assessment")
    assert result.entries[0].relevance == "ToR 2"
    assert result.entries[2].date_uncertain and result.entries[2].time == "11:00"
    # row 6 (25:00) keeps its time in the comments; row 7 ("not known") is placed after the entry before it
    assert result.rejected == []
    assert "25:00" in result.entries[3].comments
    unknown = result.entries[4]
    assert (unknown.date, unknown.date_uncertain, unknown.date_text) == (date(2020, 5, 22), True, "not known")


def test_variant_headings_with_seen_columns(built):
    result = import_chronologies([built["variant"]], "asc")
    first, second = result.entries
    assert first.seen and first.wishes_sought and not first.seen_alone
    assert not second.seen and not second.wishes_sought


def test_table_edited_in_word_with_reordered_columns(tmp_path):
    b = _builder()
    order = [4, 0, 2, 1, 3, 6, 5]
    document = docx.Document()
    b._table(document, [b.CUMBRIA_HEADINGS[i].upper() for i in order], [[r[i] for i in order] for r in b.CUMBRIA_ROWS[:2]])
    path = tmp_path / "reordered.docx"
    document.save(str(path))
    result = import_chronologies([path], "police")
    assert [e.date for e in result.entries] == [date(2020, 3, 3), date(2020, 3, 4)]
    assert result.entries[0].time == "23:15"


# -- CSV and Excel -------------------------------------------------------------

def test_csv(built):
    result = import_chronologies([built["csv"]], "gp")
    assert [e.date for e in result.entries] == [date(2020, 7, 7), date(2020, 7, 31), date(2020, 8, 1)]
    assert result.entries[0].seen_alone and result.entries[0].seen and result.entries[0].wishes_sought
    assert result.entries[2].date_uncertain
    assert [(p.file, p.table, p.row) for p in result.rejected] == [("gp_chronology.csv", None, 5)]


def test_csv_semicolons_and_windows_encoding(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("Date;Time;Source;Event description\n01/02/2021;0800;Notes;Visit – café meeting\n".encode("cp1252"))
    result = import_chronologies([path], "gp")
    assert result.entries[0].event == "Visit – café meeting" and result.entries[0].time == "08:00"


def test_xlsx(built):
    result = import_chronologies([built["xlsx"]], "ambulance")
    assert [(e.date, e.time) for e in result.entries] == [(date(2020, 9, 1), "02:10"), (date(2020, 9, 15), "13:45"),
                                                          (date(2020, 9, 1), None)]
    assert result.entries[2].date_uncertain
    assert [(p.table, p.row) for p in result.rejected] == [("sheet 'Chronology'", 7)]
    assert any("sheet 'Notes': skipped" in n for n in result.notes)


def test_several_files_one_agency(built):
    result = import_chronologies([built["herefordshire"], built["csv"], built["xlsx"]], "asc")
    assert len(result.entries) == 11 and len(result.rejected) == 4
    assert {e.agency for e in result.entries} == {"asc"}


# -- failures -------------------------------------------------------------------

def test_no_chronology_table_is_an_error(built):
    with pytest.raises(InputFormatError, match="No chronology table"):
        import_chronologies([built["not_chronology"]], "asc")


@pytest.mark.parametrize("name, hint", [("old.doc", ".docx"), ("old.xls", ".xlsx"), ("notes.txt", "docx")])
def test_unsupported_files(tmp_path, name, hint):
    path = tmp_path / name
    path.write_bytes(b"not really")
    with pytest.raises(InputFormatError) as info:
        import_chronologies([path], "asc")
    assert hint in str(info.value)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not a real zip")
    with pytest.raises(InputFormatError, match="cannot be opened"):
        import_chronologies([path], "asc")


def test_agency_must_be_known_when_a_case_is_given(built):
    with pytest.raises(InputFormatError, match="known: asc, police, gp"):
        import_chronologies([built["csv"]], "surgery", case=load_case(BASE_CASE))


# -- CLI --------------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_import_writes_case_yaml_that_merges_into_the_case(built, tmp_path):
    before = {k: _digest(p) for k, p in built.items()}
    out = tmp_path / "asc.yaml"
    result = CliRunner().invoke(cli, ["import-chronology", str(built["herefordshire"]), str(built["csv"]),
                                      "--agency", "asc", "--case", str(BASE_CASE), "--out", str(out)])
    assert result.exit_code == 1, result.output  # rows were rejected: the rest are written, the exit code says so
    assert "8 rows imported from 2 files" in result.output and "3 rejected" in result.output
    report = tmp_path / "asc-import-report.csv"
    rows = list(csv.DictReader(report.read_text(encoding="utf-8-sig").splitlines()))
    rejected = [(r["file"], r["table"], r["row"]) for r in rows if r["outcome"] == "rejected"]
    assert rejected == [("asc_herefordshire.docx", "table 2", "5"), ("asc_herefordshire.docx", "table 2", "7"),
                        ("gp_chronology.csv", "", "5")]
    assert "31/02/2020" in rows[0]["row text"] and "not a real date" in rows[0]["why"]
    assert "asc_herefordshire.docx, table 2, row 5" in result.output
    assert "outside the period under review" in result.output  # the fixture rows are from 2019-2020
    assert {k: _digest(p) for k, p in built.items()} == before  # inputs untouched
    imported = yaml.safe_load(out.read_text())
    assert len(imported["chronology"]) == 8
    case_data = yaml.safe_load(BASE_CASE.read_text())
    case_data["chronology"] += imported["chronology"]
    case = parse_case(case_data, "merged")
    assert len(case.chronology) == 13
    assert not list(tmp_path.glob(".asc.yaml.tmp-*"))  # written atomically, nothing left behind


def test_cli_import_bad_agency_is_a_usage_error(built, tmp_path):
    result = CliRunner().invoke(cli, ["import-chronology", str(built["csv"]), "--agency", "surgery",
                                      "--case", str(BASE_CASE), "--out", str(tmp_path / "o.yaml")])
    assert result.exit_code == 2
    assert "known: asc, police, gp" in result.output


def test_cli_import_without_a_chronology_fails_and_writes_nothing(built, tmp_path):
    out = tmp_path / "o.yaml"
    result = CliRunner().invoke(cli, ["import-chronology", str(built["not_chronology"]), "--agency", "asc", "--out", str(out)])
    assert result.exit_code == 1
    assert "No chronology table" in result.output
    assert not out.exists()


def test_cli_import_where_every_row_is_rejected(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Date,Event\n31/02/2020,Impossible\nnever,Unknown\n")
    out = tmp_path / "o.yaml"
    result = CliRunner().invoke(cli, ["import-chronology", str(path), "--agency", "asc", "--out", str(out)])
    assert result.exit_code == 1
    assert "bad.csv, row 2" in result.output and "bad.csv, row 3" in result.output
    assert not out.exists()
    assert "never" in (tmp_path / "o-import-report.csv").read_text(encoding="utf-8-sig")  # nothing lost silently


def test_cli_import_keeps_the_previous_output_when_it_fails(built, tmp_path):
    out = tmp_path / "o.yaml"
    shutil.copy(BASE_CASE, out)
    before = _digest(out)
    CliRunner().invoke(cli, ["import-chronology", str(built["not_chronology"]), "--agency", "asc", "--out", str(out)])
    assert _digest(out) == before


def test_round_trip_of_scrdocs_own_chronology_csv(tmp_path):
    """A chronology exported by scrdocs (one agency's rows) imports back to the same entries."""
    from scrdocs.documents.chronology import chronology_rows, write_csv

    data = yaml.safe_load(BASE_CASE.read_text())
    data["chronology"][0].update(date_uncertain=True)
    data["chronology"][3].update(date_end="16/09/2023", comments="Two visits")
    case = parse_case(data, "t")
    path = write_csv(chronology_rows(case, agency="asc"), tmp_path / "asc.csv")
    result = import_chronologies([path], "asc")
    assert result.rejected == []
    original = [e for e in case.sorted_chronology() if e.agency == "asc"]
    assert [e.model_dump(exclude={"imported_from"}) for e in result.entries] == [e.model_dump(exclude={"imported_from"}) for e in original]
    assert result.entries[0].imported_from == "asc.csv, row 2"
