"""What the case file does not record is never printed as a fact: an unrecorded seen / seen alone /
wishes column is a dash explained under the table (never "No"), and an explicit "none" in the case
file is stated in words ("No interviews were held.") instead of a draft marker."""

from __future__ import annotations

import csv

import pytest

from documents_helpers import SMALL_CASE, open_docx, paragraph_texts, table_with_header, variant
from scrdocs.case.casefile import load_case
from scrdocs.documents.build import build_documents
from scrdocs.documents.chronology import UNRECORDED_FLAG


@pytest.fixture(scope="module")
def small():
    return load_case(SMALL_CASE)


@pytest.fixture(scope="module")
def built(small, tmp_path_factory):
    return build_documents(small, tmp_path_factory.mktemp("unrecorded") / "out", pdf=False,
                           kinds=["integrated_chronology", "imr"])


def _row_for(table, words: str) -> list[str]:
    for row in table.rows:
        cells = [c.text for c in row.cells]
        if any(words in c for c in cells):
            return cells
    raise AssertionError(f"no row with {words!r}")


def test_an_unrecorded_seen_column_is_a_dash_with_a_key_never_no(built):
    document = open_docx(built.out_dir / "integrated-chronology.docx")
    table = table_with_header(document, "Date", "Agency")
    header = [c.text for c in table.rows[0].cells]
    seen, alone, wishes = header.index("Seen"), header.index("Seen alone"), header.index("Wishes and feelings")
    phoned = _row_for(table, "Daughter phoned to report a fall.")  # nothing recorded about seeing Adult Q
    assert (phoned[seen], phoned[alone], phoned[wishes]) == (UNRECORDED_FLAG,) * 3
    assessed = _row_for(table, "SW1 assessment")  # seen: true, seen alone not recorded
    assert (assessed[seen], assessed[alone]) == ("Yes", UNRECORDED_FLAG)
    assert "No" not in (phoned[seen], phoned[alone], phoned[wishes], assessed[alone])
    key = [t for t in paragraph_texts(document) if t.startswith(UNRECORDED_FLAG + " in the Seen")]
    assert key == [f"{UNRECORDED_FLAG} in the Seen, Seen alone or Wishes and feelings column: the agency's chronology "
                   "does not record it."]


def test_the_imr_chronology_has_the_dash_and_the_key_too(built):
    document = open_docx(built.out_dir / "imr-asc.docx")
    table = table_with_header(document, "Date", "Source of information")
    header = [c.text for c in table.rows[0].cells]
    assert _row_for(table, "Daughter phoned")[header.index("Seen")] == UNRECORDED_FLAG
    assert any(t.startswith(UNRECORDED_FLAG + " in the Seen") for t in paragraph_texts(document))


def test_recorded_no_prints_no_and_no_key_when_everything_is_recorded(small, tmp_path):
    def record_all(data):
        for entry in data["chronology"]:
            for flag in ("seen", "seen_alone", "wishes_sought"):
                entry.setdefault(flag, False)

    case = variant(small, record_all)
    out = build_documents(case, tmp_path / "out", pdf=False, kinds=["integrated_chronology"]).out_dir
    document = open_docx(out / "integrated-chronology.docx")
    table = table_with_header(document, "Date", "Agency")
    header = [c.text for c in table.rows[0].cells]
    assert _row_for(table, "Daughter phoned")[header.index("Seen")] == "No"
    flags = [header.index(h) for h in ("Seen", "Seen alone", "Wishes and feelings")]
    assert all(row.cells[i].text != UNRECORDED_FLAG for row in table.rows for i in flags)
    assert not any(t.startswith(UNRECORDED_FLAG + " in the Seen") for t in paragraph_texts(document))


def test_the_csv_says_not_recorded(built):
    rows = list(csv.DictReader((built.out_dir / "integrated-chronology.csv").read_text(encoding="utf-8-sig").splitlines()))
    phoned = next(r for r in rows if r["Event, action and outcome"].startswith("Daughter phoned"))
    assert phoned["Seen"] == "not recorded" and phoned["Seen alone"] == "not recorded"


def test_not_seen_means_not_seen_alone(small):
    from scrdocs.case.model import ChronologyEntry

    entry = ChronologyEntry(date="01/02/2024", agency="asc", event="No access", seen=False)
    assert entry.seen_alone is False and entry.wishes_sought is None
