"""Pictures scrdocs drew itself from anonymised data (a pack's genogram and charts) need no check by hand;
a picture in an agency document still does (found by a new user: every pack asked for scrdocs' own charts
to be checked by hand)."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.packs.anonymise import _anonymise_built, _anonymise_included, own_picture_fingerprints
from scrdocs.packs.contents import load_pack_rules
from scrdocs.packs.pack_types import PackFolders
from scrdocs.redaction import Redactor

from tests.pack_helpers import ADULT, plant

NO_NER = Path(__file__).parent / "fixtures" / "redaction" / "no_ner.yaml"


class _Plan:
    def __init__(self, kind_id, file_name):
        self.kind = type("Kind", (), {"id": kind_id})()
        self.file_name = file_name
        self.agency = None


def _folders(tmp_path):
    (tmp_path / "stage").mkdir()
    return PackFolders.make(tmp_path / "work", tmp_path / "stage") if (tmp_path / "work").mkdir() is None else None


@pytest.mark.needs_dot
def test_the_packs_own_genogram_and_charts_raise_no_picture_warning(tmp_path, caplog):
    from scrdocs.packs.anonymise import Anonymised

    case = load_case(ADULT)
    rules = load_pack_rules()
    redactor = Redactor(case, NO_NER)
    folders = _folders(tmp_path)
    docs = Anonymised()
    with caplog.at_level(logging.WARNING, logger="scrdocs"):
        _anonymise_built(case, rules, rules.profile("regulator"), [_plan()], redactor, docs, folders,
                         templates_dir=None, step=lambda _: None)
    copy = folders.redacted / "overview-report.docx"
    with zipfile.ZipFile(copy) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    assert media, "the overview report holds its genogram and charts"
    assert "check them by hand" not in caplog.text
    assert not redactor.own_pictures  # only while scrdocs' own documents are made


def _plan():
    return _Plan("overview_report", "overview-report.docx")


def test_a_picture_in_an_agency_document_is_still_to_check_by_hand(tmp_path):
    from scrdocs.packs.anonymise import Anonymised

    case = load_case(ADULT)
    rules = load_pack_rules()
    redactor = Redactor(case, NO_NER)
    folders = _folders(tmp_path)
    from io import BytesIO

    import docx

    from tests.test_leak_gate_places import without_thumbnail

    document = docx.Document()
    document.add_paragraph("Individual management review")
    document.add_picture(BytesIO(plant.tiny_png()))
    agency = tmp_path / "asc-imr.docx"
    document.save(agency)
    without_thumbnail(agency)
    docs = Anonymised()
    _anonymise_included(rules, rules.profile("regulator"), [(agency, "imr")], redactor, docs, folders,
                        step=lambda _: None)
    [notes] = docs.check_by_hand.values()
    assert any("picture" in n and "check each by hand" in n for n in notes)


def test_fingerprints_cover_each_drawn_picture():
    figures = type("F", (), {"genogram_png": b"a", "timeline_png": b"b", "contact_png": None})()
    assert len(own_picture_fingerprints(figures)) == 2
    assert own_picture_fingerprints(None) == frozenset()
