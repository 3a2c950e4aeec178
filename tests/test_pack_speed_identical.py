"""bench/pack_identical.py, the check that speed work leaves every pack the same: it ignores only what
differs between two runs of the same code (times, the salt's text hashes, checksums and sizes), and
reports any other difference in a Word part, a JSON file, the redaction report or any other file."""

from __future__ import annotations

import importlib.util
import json
import shutil
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("pack_identical", ROOT / "bench" / "pack_identical.py")
pack_identical = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pack_identical)

CORE = ('<cp:coreProperties xmlns:cp="c" xmlns:dcterms="d"><dcterms:created xsi:type="W3CDTF">{}</dcterms:created>'
        '<dcterms:modified>{}</dcterms:modified></cp:coreProperties>')


def _docx(path: Path, body: str, when: str) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document><w:p>{body}</w:p></w:document>")
        z.writestr("docProps/core.xml", CORE.format(when, when))


def _pack(folder: Path, *, when: str, body: str = "Adult A was seen.", hash_: str = "a" * 64,
          report: str = "Removed: 3") -> Path:
    folder.mkdir()
    _docx(folder / "overview-report.docx", body, when)
    (folder / "manifest.json").write_text(json.dumps({"created": when, "files": [
        {"path": "overview-report.docx", "bytes": len(when), "sha256": hash_}], "redactions_total": 3}))
    (folder / "decisions.json").write_text(json.dumps({"decisions": [{"text_hash": hash_, "status": "removed"}]}))
    (folder / "redaction-report.md").write_text(f"# Report\n\nMade {when[8:10]}/12/2026 10:0{when[-2]} UTC. For the board.\n\n{report}\n")
    (folder / "chronology.csv").write_text("Date,Event\n01/01/2020,Seen\n")
    return folder


def test_two_runs_of_the_same_code_are_the_same_pack(tmp_path):
    a = _pack(tmp_path / "a", when="2026-12-01T10:01:00Z")
    b = _pack(tmp_path / "b", when="2026-12-02T10:02:30Z", hash_="b" * 64)
    assert pack_identical.pack_differences(a, b) == []


@pytest.mark.parametrize("change, expected", [
    (dict(body="Jane Roe was seen."), "overview-report.docx: part word/document.xml differs"),
    (dict(report="Removed: 4"), "redaction-report.md: differs"),
])
def test_any_other_difference_is_reported(tmp_path, change, expected):
    a = _pack(tmp_path / "a", when="2026-12-01T10:01:00Z")
    b = _pack(tmp_path / "b", when="2026-12-01T10:01:00Z", **change)
    assert [d.split(" (")[0] for d in pack_identical.pack_differences(a, b)] == [expected]


def test_a_changed_count_a_changed_row_or_a_missing_file_is_reported(tmp_path):
    a = _pack(tmp_path / "a", when="2026-12-01T10:01:00Z")
    b = _pack(tmp_path / "b", when="2026-12-01T10:01:00Z")
    manifest = json.loads((b / "manifest.json").read_text())
    manifest["redactions_total"] = 4
    (b / "manifest.json").write_text(json.dumps(manifest))
    (b / "chronology.csv").write_text("Date,Event\n01/01/2020,Seen by Jane\n")
    shutil.copy(b / "chronology.csv", b / "extra.csv")
    assert pack_identical.pack_differences(a, b) == [
        f"extra.csv: only in {b}", "chronology.csv: differs",
        "manifest.json: differs (times, checksums and text hashes masked)"]


def _pdf(path: Path, pages: list[str], author: str) -> Path:
    from pypdf import PdfWriter

    from scrdocs.packs.pdf_finish import _stamp_page

    writer = PdfWriter()
    for text in pages:
        writer.add_blank_page(width=595, height=842)
        writer.pages[-1].merge_page(_stamp_page(595, 842, f"BT /FScr 14 Tf 72 760 Td ({text}) Tj ET\n", 1.0))
    writer.add_metadata({"/Author": author})  # other bytes, the same text
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdfs_are_compared_by_their_text_page_by_page(tmp_path):
    a = _pdf(tmp_path / "a.pdf", ["Contents", "Adult A was seen."], "Board")
    same = _pdf(tmp_path / "b.pdf", ["Contents", "Adult A was seen."], "Another board")
    other = _pdf(tmp_path / "c.pdf", ["Contents", "Jane Roe was seen."], "Board")
    shorter = _pdf(tmp_path / "d.pdf", ["Contents"], "Board")
    assert a.read_bytes() != same.read_bytes()
    assert pack_identical.file_differences(a, same) == []
    assert pack_identical.file_differences(a, other) == ["text of page 2 differs"]
    assert pack_identical.file_differences(a, shorter) == ["2 pages against 1"]
