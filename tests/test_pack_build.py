"""Whole packs, built for real: Word templates, the redaction engine with its NER model, LibreOffice.

Each pack is built once per module (LibreOffice and the model cost seconds),
then inspected by many tests.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions as P

from scrdocs.packs import pdf_finish as pdf_tools
from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.packs.manifest import MANIFEST_NAME, verify_manifest
from scrdocs.packs.docx_finish import heading_texts
from scrdocs.packs.pack import build_pack
from scrdocs.output import RECORD_NAME

pytestmark = [pytest.mark.needs_soffice, pytest.mark.needs_model, pytest.mark.slow]

from tests.pack_helpers import ADULT, CHILD, plant

# Every real name, address and number of the removed people in the adult case.
ADULT_SECRETS = re.compile(
    r"Quillfeather|Marjorie|Desmond|Noakesby|Harriet|Wrenfield|Tobias|Trevaskis|Callaway|Okonjo|Pargeter|"
    r"Venkataram|Lanthorn|Ferrington|WX4 ?9QT|943 ?476 ?5919|07700 ?900412|14/02/1941", re.I)
BOARD = "Wexcombe Safeguarding Adults Board"


def _all_text(path: Path) -> str:
    """Everything readable in a pack file: every part of a .docx, text + metadata + outline of a .pdf."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.startswith("word/media"))
    if path.suffix == ".pdf":
        reader = pdf_tools.open_pdf(path)
        parts = [p.extract_text() or "" for p in reader.pages]
        parts.append(str(dict(reader.metadata or {})))
        parts += [b.title for b in pdf_tools.read_outline(path)]
        parts += [c.title for b in pdf_tools.read_outline(path) for c in b.children]
        return "\n".join(parts)
    if path.suffix in (".png",):
        return ""
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def regulator(tmp_path_factory):
    """The adult regulator pack, with every leak-hiding place planted in documents handed in."""
    base = tmp_path_factory.mktemp("regulator")
    includes = [plant.make_docx(base / f"imr-{place}.docx", place, "Desmond Quillfeather") for place in plant.DOCX_PLACES]
    includes += [plant.make_pdf(base / f"chronology-{place}.pdf", place, "Desmond Quillfeather")
                 for place in ("pdf_metadata", "pdf_bookmark", "pdf_page")]
    key = base / "private" / "key.json"
    result = build_pack(load_case(ADULT), "regulator", base / "pack", includes=includes, key_path=key)
    return result, includes, key


def test_regulator_pack_has_every_document_in_word_and_pdf(regulator):
    result, includes, _ = regulator
    kinds = [d.kind for d in result.documents]
    assert kinds[:8] == ["overview_report", "executive_summary", "imr", "imr", "imr_standards", "imr_standards",
                         "integrated_chronology", "action_plan"]
    assert kinds.count("imr") == 2 + len(plant.DOCX_PLACES)  # the case's own IMRs and the ones handed in
    assert kinds.count("chronology") == 3 and kinds[-1] == "glossary"
    for doc in result.documents:
        assert doc.pdf is not None and doc.pdf.is_file()
        if doc.included_from is None or doc.included_from.endswith(".docx"):
            assert doc.docx is not None and doc.docx.is_file()
    assert (result.out_dir / "genogram.svg").is_file() and (result.out_dir / "genogram.png").is_file()
    rows = list(csv.reader((result.out_dir / "integrated-chronology.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1 + len(load_case(ADULT).chronology)
    assert any("Adult K" in cell for row in rows for cell in row)
    assert result.merged_pdf == result.out_dir / "WSAB-2025-07-regulator-pack.pdf"


def test_regulator_pack_names_nobody_it_must_not(regulator):
    result, _, _ = regulator
    for path in result.files:
        found = ADULT_SECRETS.findall(_all_text(path))
        assert not found, f"{path.name} still holds {sorted(set(found))}"
        assert not ADULT_SECRETS.search(path.name)
    overview = _all_text(result.out_dir / "overview-report.pdf")
    # The chairs and the author are named in every copy (seed 000).
    assert "Callum Brightwater" in overview and "Ruth Ashenby" in overview


def test_leaks_planted_in_handed_in_documents_were_redacted_not_just_hidden(regulator):
    result, _, _ = regulator
    assert result.leak_report.clean
    for doc in result.documents:
        if doc.included_from:
            assert "Quillfeather" not in _all_text(doc.pdf)
            if doc.docx:
                with zipfile.ZipFile(doc.docx) as z:
                    assert "word/comments.xml" not in z.namelist()
                    assert not any(n.startswith("docProps/custom") for n in z.namelist())


def test_glossary_gives_pseudonyms_and_roles(regulator):
    result, _, _ = regulator
    glossary = next(d for d in result.documents if d.kind == "glossary")
    rows = {tuple(c.text for c in row.cells) for row in Document(str(glossary.docx)).tables[0].rows}
    assert ("SW1", "social worker, Wexcombe Adult Social Care") in rows
    assert ("GP1", "GP, Millbrook Medical Practice") in rows
    assert ("Panel member 1", "review panel member: Head of Safeguarding, Wexcombe Adult Social Care") in rows


def test_merged_pdf_has_a_bookmark_per_document_and_per_main_heading(regulator):
    result, _, _ = regulator
    outline = pdf_tools.read_outline(result.merged_pdf)
    assert [b.title for b in outline] == [d.title for d in result.documents]
    reader = PdfReader(result.merged_pdf)
    assert len(reader.pages) == sum(len(PdfReader(d.pdf).pages) for d in result.documents)
    for bookmark, doc in zip(outline, result.documents):
        if doc.docx is not None and doc.included_from is None:
            headings = heading_texts(doc.docx)
            assert headings, doc.title
            # LibreOffice numbers headings ("1 Introduction"); the text is the heading's.
            assert [c.title for c in bookmark.children] == headings
        pages = [bookmark.page] + [c.page for c in bookmark.children]
        assert pages == sorted(pages)
    first_overview_heading = outline[0].children[0]
    assert "Introduction" in reader.pages[first_overview_heading.page].extract_text()


def test_metadata_is_the_boards_and_marking_is_in_headers_and_footers(regulator):
    result, _, _ = regulator
    for doc in result.documents:
        reader = PdfReader(doc.pdf)
        assert reader.metadata["/Author"] == BOARD
        assert reader.xmp_metadata is None
        assert all("OFFICIAL-SENSITIVE" in (page.extract_text() or "") for page in reader.pages)
        if doc.docx:
            props = Document(str(doc.docx)).core_properties
            assert props.author == BOARD and not props.last_modified_by
            with zipfile.ZipFile(doc.docx) as z:
                headers = [n for n in z.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
                assert headers
                assert any("OFFICIAL-SENSITIVE" in z.read(n).decode() for n in headers if "header" in n)
                assert any("OFFICIAL-SENSITIVE" in z.read(n).decode() for n in headers if "footer" in n)


def test_manifest_matches_the_files(regulator):
    result, _, _ = regulator
    manifest = json.loads((result.out_dir / MANIFEST_NAME).read_text())
    assert verify_manifest(result.out_dir) == []
    listed = {f["path"] for f in manifest["files"]}
    assert listed == {p.name for p in result.files} - {MANIFEST_NAME}
    assert manifest["profile"] == "regulator" and manifest["review"]["type"] == "SAR"
    assert manifest["tools"]["spacy_model"]["name"] and manifest["tools"]["presidio_analyzer"] == "2.2.366"
    assert manifest["redactions_by_type"]["PERSON"] > 0
    assert manifest["leak_check"]["passed"] is True


def test_key_written_only_where_asked(regulator):
    result, _, key = regulator
    assert key.is_file() and "Desmond Quillfeather" in key.read_text()
    assert not any("key" in p.name for p in result.files)


def test_redaction_report_is_plain_and_holds_no_names(regulator):
    result, _, _ = regulator
    text = (result.out_dir / "redaction-report.md").read_text()
    assert "Decisions to look at" in text and "regulator pack" in text
    assert not ADULT_SECRETS.search(text)


def test_scan_of_the_clean_pack_exits_0(regulator):
    result, _, _ = regulator
    run = CliRunner().invoke(cli, ["scan", "--case", str(ADULT), "--profile", "regulator", str(result.out_dir)])
    assert run.exit_code == 0, run.output
    assert "No leaks found" in run.output


def test_scan_fires_on_names_planted_in_finished_pack_files(regulator, tmp_path):
    result, _, _ = regulator
    # A header edited by hand in Word after the pack was made.
    doc = Document(str(result.out_dir / "overview-report.docx"))
    doc.sections[0].header.paragraphs[0].text = "Draft for Desmond Quillfeather"
    # And a sentence naming someone the case file does not know: only the NER rescan can find it.
    doc.add_paragraph("Her neighbour, Roderick Blenkinsop, called the police the next morning.")
    doc.save(tmp_path / "overview-report.docx")
    # A PDF whose metadata and bookmarks were edited.
    writer = PdfWriter(clone_from=str(result.out_dir / "executive-summary.pdf"))
    writer.add_metadata({"/Author": "Harriet Noakesby"})
    writer.add_outline_item(title="Notes from Marjorie Quillfeather", page_number=0)
    with open(tmp_path / "executive-summary.pdf", "wb") as fh:
        writer.write(fh)
    # An SVG whose node title was edited.
    svg = (result.out_dir / "genogram.svg").read_text().replace("<title>", "<title>Marjorie Quillfeather ", 1)
    (tmp_path / "genogram.svg").write_text(svg)

    run = CliRunner().invoke(cli, ["scan", "--case", str(ADULT), "--profile", "regulator",
                                   str(tmp_path / "overview-report.docx"), str(tmp_path / "executive-summary.pdf"),
                                   str(tmp_path / "genogram.svg")])
    assert run.exit_code == 1
    out = run.output
    assert not ADULT_SECRETS.search(out), "the report must not print what it found"
    assert re.search(r"overview-report\.docx, word/header\d*\.xml paragraph 1: PERSON of Son", out)
    assert re.search(r"overview-report\.docx, word/document\.xml paragraph \d+: PERSON of an unlisted person \(found by ner\)", out)
    assert "Blenkinsop" not in out
    assert re.search(r"executive-summary\.pdf, document information /Author: PERSON of SW1", out)
    assert re.search(r"executive-summary\.pdf, bookmark \d+ \(level 1\): PERSON of Adult K", out)
    assert re.search(r"genogram\.svg, SVG <title>: PERSON of Adult K", out)


@pytest.fixture(scope="module")
def cli_packs(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    # Left over from an earlier attempt that leaked: a clean pack must not leave it lying about.
    (base / "pub-adult.failed").mkdir()
    (base / "pub-adult.failed" / "leak-report.txt").write_text("old")
    runs = {}
    for name, case, profile in (("pub-adult", ADULT, "publication"), ("pub-child", CHILD, "publication"),
                                ("family", ADULT, "family")):
        runs[name] = CliRunner().invoke(cli, ["pack", str(case), "--profile", profile, "--out", str(base / name)])
    return base, runs


def test_adult_publication_pack_holds_overview_executive_summary_and_briefing(cli_packs):
    base, runs = cli_packs
    assert runs["pub-adult"].exit_code == 0, runs["pub-adult"].output
    names = {p.name for p in (base / "pub-adult").iterdir()} - {RECORD_NAME}
    assert names == {"overview-report.docx", "overview-report.pdf", "executive-summary.docx", "executive-summary.pdf",
                     "seven-minute-briefing.docx", "seven-minute-briefing.pdf",
                     "WSAB-2025-07-publication-pack.pdf", MANIFEST_NAME, "redaction-report.md", "decisions.json"}
    text = _all_text(base / "pub-adult" / "overview-report.pdf")
    assert "OFFICIAL" in text and "OFFICIAL-SENSITIVE" not in text
    assert not ADULT_SECRETS.search(text)
    assert "Leak check passed" in runs["pub-adult"].output
    assert not (base / "pub-adult.failed").exists()


def test_cspr_publication_pack_holds_its_report_as_working_together_2018_and_2023_say(cli_packs):
    # A Child Safeguarding Practice Review publishes its report; the SCR rule (executive summary only) is
    # tested in test_pack_rules.py.
    base, runs = cli_packs
    assert runs["pub-child"].exit_code == 0, runs["pub-child"].output
    names = {p.name for p in (base / "pub-child").iterdir()} - {RECORD_NAME}
    assert names == {"overview-report.docx", "overview-report.pdf", "executive-summary.docx", "executive-summary.pdf",
                     "seven-minute-briefing.docx", "seven-minute-briefing.pdf", "HSCP-2025-02-publication-pack.pdf",
                     MANIFEST_NAME, "redaction-report.md", "decisions.json"}
    outline = pdf_tools.read_outline(base / "pub-child" / "HSCP-2025-02-publication-pack.pdf")
    assert [b.title for b in outline] == ["Overview report", "Executive summary", "Seven-minute briefing"]
    for name in ("overview-report.pdf", "executive-summary.pdf", "seven-minute-briefing.pdf"):
        text = _all_text(base / "pub-child" / name)
        assert not re.search(r"Tallulah|Brackenridge|Keeley|Pettifer|Quayside|21/05/2022", text), name
    assert "Working Together to Safeguard Children 2018" in (base / "pub-child" / "redaction-report.md").read_text()


def test_family_copy_is_watermarked_and_cannot_be_printed_copied_or_edited(cli_packs):
    base, runs = cli_packs
    assert runs["family"].exit_code == 0, runs["family"].output
    names = {p.name for p in (base / "family").iterdir()} - {RECORD_NAME}
    assert names == {"WSAB-2025-07-family-pack.pdf", MANIFEST_NAME, "redaction-report.md", "decisions.json"}  # no editable copy
    reader = PdfReader(base / "family" / "WSAB-2025-07-family-pack.pdf")
    assert reader.is_encrypted and reader.decrypt("")
    allowed = reader.user_access_permissions
    for forbidden in (P.PRINT, P.PRINT_TO_REPRESENTATION, P.EXTRACT, P.EXTRACT_TEXT_AND_GRAPHICS, P.MODIFY,
                      P.ADD_OR_MODIFY, P.ASSEMBLE_DOC, P.FILL_FORM_FIELDS):
        assert not allowed & forbidden, forbidden
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) > 1
    assert all("Read-only copy: not for retention" in t for t in texts)
    assert "OFFICIAL-SENSITIVE: read-only copy" in texts[0]
    assert [b.title for b in pdf_tools.read_outline(base / "family" / "WSAB-2025-07-family-pack.pdf")] == ["Overview report"]
    # The gate reads the protected copy too (it opens without a password).
    run = CliRunner().invoke(cli, ["scan", "--case", str(ADULT), "--profile", "family", str(base / "family")])
    assert run.exit_code == 0, run.output


def test_a_leaking_pack_is_not_put_in_place(tmp_path):
    # A pseudonym that is someone's real first name: every document now carries the son's name.
    data = yaml.safe_load(ADULT.read_text())
    next(p for p in data["people"] if p["id"] == "sw1")["pseudonym"] = "Desmond"
    case_file = tmp_path / "case.yaml"
    case_file.write_text(yaml.safe_dump(data))
    out = tmp_path / "pack"
    run = CliRunner().invoke(cli, ["pack", str(case_file), "--profile", "publication", "--out", str(out)])
    assert run.exit_code == 1
    assert not out.exists()
    failed = tmp_path / "pack.failed"
    assert failed.is_dir() and (failed / "leak-report.txt").is_file()
    report = (failed / "leak-report.txt").read_text()
    assert "PERSON of Son" in report and "overview-report.docx" in report
    assert "Quillfeather" not in run.output and "Quillfeather" not in report
    shutil.rmtree(failed)


def test_the_shipped_example_makes_a_clean_publication_pack(tmp_path):
    from scrdocs.examples import example_case_path

    out = tmp_path / "published"
    run = CliRunner().invoke(cli, ["pack", str(example_case_path()), "--profile", "publication", "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert verify_manifest(out) == []
    scan = CliRunner().invoke(cli, ["scan", "--case", str(example_case_path()), str(out)])
    assert scan.exit_code == 0, scan.output


def test_a_failure_other_than_a_leak_leaves_nothing_behind(tmp_path, monkeypatch):
    import scrdocs.libreoffice
    from scrdocs.errors import OutputError

    def broken(*args, **kwargs):
        raise OutputError("LibreOffice could not make the PDFs (simulated).")

    monkeypatch.setattr(scrdocs.libreoffice, "convert_to_pdf", broken)
    out = tmp_path / "pack"
    run = CliRunner().invoke(cli, ["pack", str(ADULT), "--profile", "publication", "--out", str(out)])
    assert run.exit_code == 1 and "simulated" in run.output
    assert not out.exists() and not (tmp_path / "pack.failed").exists()
    assert list(tmp_path.iterdir()) == []  # no staging folder left either
