"""Documents a board can sign off: honest IMR statements, action plans that monitor, no tool wording,
chronologies with the Herefordshire columns and the named child, the glossary and the figures."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import pytest

from documents_helpers import SMALL_CASE, body_text, cell_rows, open_docx, paragraph_texts, table_with_header, variant
from scrdocs.case.casefile import load_case
from scrdocs.documents.build import render_docx
from scrdocs.documents.context import document_context
from scrdocs.review.smart import rag_status


@pytest.fixture(scope="module")
def case():
    return load_case(SMALL_CASE)


def _render(case, kind, tmp_path, agency=None, name=None):
    return open_docx(render_docx(case, kind, tmp_path / (name or f"{kind}-{agency or 'all'}.docx"), agency=agency))


def _evaluation(doc) -> dict[str, list[str]]:
    table = table_with_header(doc, "Statement", "From the IMR")
    return {row[0]: row[1:] for row in cell_rows(table)[1:]}


# -- The IMR ---------------------------------------------------------------


def test_a_statement_is_shown_not_met_when_the_imr_lacks_the_section(case, tmp_path):
    def drop_analysis(data):
        del data["agencies"][0]["imr"]["analysis"]
        data["agencies"][0]["imr"]["evaluation"] = {"author": ["analysis", "terms_of_reference"],
                                                    "senior_officer": ["terms_of_reference"]}
    doc = _render(variant(case, drop_analysis), "imr", tmp_path, agency="asc")
    statements = _evaluation(doc)
    analysis = statements["The IMR includes good analysis of the information"]
    assert analysis[0].startswith("Not met") and "no analysis" in analysis[0]
    template = statements["The IMR conforms to the board's IMR report template"]
    assert template[0].startswith("Not met") and "the analysis" in template[0]
    # Confirmations are per statement, by each person; a judgement is never shown as met by scrdocs.
    assert analysis[1:] == ["Confirmed", "Not confirmed"]
    tor = statements["The IMR takes into account the specific terms of reference for the review"]
    assert tor == ["For the author and the senior officer to judge", "Confirmed", "Confirmed"]
    signed = statements["The IMR has been signed off by an officer of Chief Executive or Director level"]
    assert signed[0].startswith("Met")
    assert "[To be completed: the analysis]" in body_text(doc)


def test_one_flag_confirms_nothing_and_check_says_so(case):
    from scrdocs.review.check import check_case

    report = check_case(case, today=date(2025, 11, 1))
    codes = {f.code for f in report.findings}
    assert "imr.evaluation_single_flag" in codes  # the fixture still uses evaluation_confirmed: true

    def confirm_unmet(data):
        imr = data["agencies"][0]["imr"]
        del imr["evaluation_confirmed"]
        del imr["analysis"]
        imr["evaluation"] = {"author": ["analysis", "no_such_statement"]}
    report = check_case(variant(case, confirm_unmet), today=date(2025, 11, 1))
    messages = [f.message for f in report.findings if f.code.startswith("imr.evaluation")]
    assert any("is confirmed, but the IMR does not meet it" in m for m in messages)
    assert any("'no_such_statement' is not an evaluation statement" in m for m in messages)


def test_signature_blocks_print_name_job_title_and_date_and_a_low_sign_off_is_on_the_cover(case, tmp_path):
    def low_sign_off(data):
        data["agencies"][0]["sign_off"] = {"name": "Rupert Mallinder", "job_title": "Team Manager"}
        data["agencies"][0]["imr_author"]["date"] = "17/06/2025"
    doc = _render(variant(case, low_sign_off), "imr", tmp_path, agency="asc")
    cover = paragraph_texts(doc)[:8]
    assert any("signed off below Chief Executive or Director level, by the Team Manager" in t for t in cover)
    signatures = table_with_header(doc, "", "IMR author responsible for writing the IMR report")
    rows = {row[0]: row[1:] for row in cell_rows(signatures)}
    assert rows["Name"] == ["Gwendolyn Ashcombe", "Rupert Mallinder"]
    assert rows["Job title"] == ["Practice Lead", "Team Manager"]
    assert rows["Date"] == ["17/06/2025", "18/06/2025"]


def test_imr_methodology_family_as_the_agency_understands_it_and_other_addresses(case, tmp_path):
    def methodology(data):
        imr = data["agencies"][0]["imr"]
        imr["interviews"] = [{"who": "Social Worker (SW1)", "date": "02/05/2025", "form": "in person"}]
        imr["staff_involved"] = ["Social Worker (SW1)", "Team Manager (TM1)"]
        imr["information_not_available"] = ["Duty records for March 2024 could not be found."]
        imr["family_composition"] = [{"person": "d", "relationship": "daughter and main contact",
                                      "address": "Care of 11 Fenwick Road"}]
        imr["other_addresses"] = ["2 Mill Lane, Westmarch (2019 to 2021)"]
    doc = _render(variant(case, methodology), "imr", tmp_path, agency="asc")
    text = body_text(doc)
    assert "Social Worker (SW1), 02/05/2025, in person" in text
    assert "Team Manager (TM1)" in text and "Duty records for March 2024 could not be found." in text
    family = table_with_header(doc, "Name", "Relationship to subject")
    assert cell_rows(family)[1:] == [["Bronwen Penhallow", "daughter and main contact", "04/05/1962", "",
                                      "Care of 11 Fenwick Road", ""]]
    assert "2 Mill Lane, Westmarch (2019 to 2021)" in text
    assert "The family as far as Westmarch Council Adult Social Care understands it." in text


def test_imr_chronology_shows_seen_alone_wishes_and_explains_gaps(case, tmp_path):
    def gap(data):
        data["agencies"][0]["imr"]["contact_gaps"] = [
            {"start": "14/02/2024", "end": "10/07/2024", "explanation": "The case was closed after the first call."}]
    doc = _render(variant(case, gap), "imr", tmp_path, agency="asc")
    chron = table_with_header(doc, "Date", "Source of information")
    rows = cell_rows(chron)
    assert rows[0][4:7] == ["Seen", "Seen alone", "Wishes and feelings"]
    assert rows[2][4:7] == ["Yes", "–", "–"]  # 10/07/2024: seen; alone and wishes not recorded (a dash, not "No")
    gaps = cell_rows(table_with_header(doc, "From", "To"))
    assert ["14/02/2024", "10/07/2024", "147", "The case was closed after the first call."] in gaps
    assert any(r[3].startswith("[To be completed: why the agency had no contact between 10/07/2024") for r in gaps)


def test_glossary_lists_the_abbreviations_used_and_the_case_pseudonyms(case, tmp_path):
    doc = _render(case, "imr", tmp_path, agency="asc")
    glossary = {row[0]: row[1] for row in cell_rows(table_with_header(doc, "Term", "Meaning"))[1:]}
    assert glossary["SW1"] == "Social Worker, Westmarch Council Adult Social Care"  # the case's pseudonyms and roles
    assert glossary["ASC"] == "Westmarch Council Adult Social Care"
    assert glossary["ToR"] == "Terms of reference"  # from the shipped list
    assert "MARAC" not in glossary  # only the terms the document uses


def test_the_glossary_list_is_editable_in_the_boards_templates_folder(case, tmp_path):
    own = tmp_path / "templates"
    own.mkdir()
    (own / "glossary.yaml").write_text("abbreviations:\n  DN1: District Nurse one\n", encoding="utf-8")
    context = document_context(case, "overview_report", templates_dir=own)
    assert {"term": "DN1", "meaning": "District Nurse one"} in context["glossary"]
    (own / "glossary.yaml").write_text("abbreviations: [not, a, mapping]\n", encoding="utf-8")
    from scrdocs.errors import TemplateError

    with pytest.raises(TemplateError, match="abbreviations"):
        document_context(case, "overview_report", templates_dir=own)


def test_the_standards_form_is_filled_from_the_ratings_and_leaves_judgements(case, tmp_path):
    doc = _render(case, "imr_standards", tmp_path, agency="asc")
    rows = {row[1]: row[2:] for row in cell_rows(table_with_header(doc, "Section", "Criterion"))[1:]}
    assert rows["Has the report been clearly signed off by an officer of Chief Executive/Director level?"][0] == "Full and clear"
    judged = rows["Lessons to be learned; why failure in practice occurred, including both the explicit and underlying reasons"]
    assert judged[0] == "☐ Full and clear  ☐ Partial  ☐ Limited or none" and judged[1].startswith("For the panel to judge")
    assert "Standards for Individual Management Reviews" in body_text(doc)


# -- The overview report and executive summary -------------------------------


def test_overview_has_research_national_lessons_and_the_imrs_recommendations(case, tmp_path):
    def written(data):
        data["narrative"]["previous_reviews_and_research"] = "The findings echo the national analysis of SARs."
        data["narrative"]["national_lessons"] = "There are no lessons for national policy."
    doc = _render(variant(case, written), "overview_report", tmp_path)
    text = body_text(doc)
    assert "The findings echo the national analysis of SARs." in text
    assert "There are no lessons for national policy." in text
    addendum = [t for t in doc.tables if t.rows[0].cells[0].text == "No" and len(t.rows[0].cells) == 10]
    assert any("ASC will audit the recording of wishes and feelings." in row[1] for t in addendum for row in cell_rows(t))


def test_executive_summary_has_parallel_processes_family_involvement_and_the_delay(case, tmp_path):
    def late(data):
        data["review"]["key_dates"]["due"] = "10/09/2025"
        data["review"]["delay_reason"] = "The panel waited for the inquest to open."
    text = body_text(_render(variant(case, late), "executive_summary", tmp_path))
    assert "Coroner's inquest: An inquest was opened. (Adjourned)" in text
    assert "The reviewer met the daughter twice." in text
    assert "The review was completed on 15/10/2025, after its due date of 10/09/2025. The panel waited for the inquest to open." in text
    assert "Publication of this report waits for the conclusion of related proceedings" in text


def test_a_missing_delay_reason_is_a_marker(case, tmp_path):
    late = variant(case, lambda d: d["review"]["key_dates"].update(due="10/09/2025"))
    text = body_text(_render(late, "executive_summary", tmp_path))
    assert "[To be completed: the reason for the delay]" in text and "review.delay_reason" not in text


def test_figures_have_their_own_captions_in_their_sections_and_alt_text(case, tmp_path):
    doc = _render(case, "overview_report", tmp_path)
    paragraphs = [p.text for p in doc.paragraphs]
    timescales = paragraphs.index("Figure: review timescales")
    contact = paragraphs.index("Figure: agency contact over time")
    assert paragraphs.index("1.3 Methodology") < timescales < paragraphs.index("1.4 Contributors to the review")
    assert paragraphs.index("2.5 Integrated chronology") < contact < paragraphs.index("3 Analysis")
    with zipfile.ZipFile(tmp_path / "overview_report-all.docx") as z:
        xml = z.read("word/document.xml").decode()
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', xml)
    pictures = len(re.findall(r"<wp:docPr ", xml))
    assert pictures >= 2 and len(described) == pictures  # every figure has alt text
    assert any(d.startswith("Chart of the review timescales") for d in described)


def test_partnership_wording_for_a_cspr(case, tmp_path):
    cspr = variant(case, lambda d: d["review"].update(type="CSPR", board="Westmarch Safeguarding Children Partnership"))
    text = body_text(_render(cspr, "overview_report", tmp_path))
    assert "The Lead for the safeguarding partners, the review panel chair" not in text  # a CSPR is a children's review
    assert "Lead for the safeguarding partners" in text  # the chair's label in the panel table
    assert "Chair of Westmarch" not in text
    plan = body_text(_render(cspr, "action_plan", tmp_path))
    assert "Agreed by the safeguarding partners on 01/10/2025" in plan
    # An adult review run by a partnership: the partnership wording, and a label the panel gives is used.
    adult = variant(case, lambda d: d["review"].update(board="Westmarch Safeguarding Partnership"))
    text = body_text(_render(adult, "overview_report", tmp_path, name="adult.docx"))
    assert "The Lead for the safeguarding partners, the review panel chair and the author" in text
    board = body_text(_render(case, "overview_report", tmp_path, name="board.docx"))
    assert "Chair of Westmarch Safeguarding Adults Board" in board and "safeguarding partners" not in board


# -- The action plan -------------------------------------------------------


def test_rag_status_is_in_every_action_plan_table_computed_as_check_does(case, tmp_path):
    doc = _render(case, "action_plan", tmp_path)
    today = date.today()
    multi = table_with_header(doc, "No", "Recommendation")
    for rec, row in zip(case.recommendations, cell_rows(multi)[1:]):
        rag, reason = rag_status(rec, today)
        assert row[-1].startswith(rag.capitalize()) and row[-1].endswith(reason)
        if rag == "red":
            assert "(overdue)" in row[-1]
    single = [t for t in doc.tables if cell_rows(t)[0][:2] == ["No", "Recommendation"] and cell_rows(t)[0][-1] == "RAG status"]
    assert len(single) == 2  # the multi-agency table and ASC's own
    asc_rec = case.agencies[0].imr.recommendations[0]
    asc_row = cell_rows(single[1])[1]
    assert asc_row[-1].startswith(rag_status(asc_rec, today)[0].capitalize())
    assert cell_rows(single[1])[0][6:9] == ["Lead person", "Monitoring", "Status / progress"]


def test_rag_follows_the_build_date(case):
    early = document_context(case, "action_plan", produced=date(2025, 11, 1))
    late = document_context(case, "action_plan", produced=date(2026, 6, 1))
    assert early["recommendations"][0]["rag"] == "Green" and not early["recommendations"][0]["overdue"]
    assert late["recommendations"][0]["rag"] == "Red" and late["recommendations"][0]["overdue"]


def test_lead_person_block_and_sign_up_per_organisation(case, tmp_path):
    def signed(data):
        data["agencies"][0]["imr"]["lead_contact"]["address"] = "County Hall, Westmarch"
        data["agencies"][0]["action_plan_signed_up"] = {"name": "Rupert Mallinder", "job_title": "Director of Adult Services",
                                                        "date": "05/10/2025"}
    doc = _render(variant(case, signed), "action_plan", tmp_path)
    lead = {row[0]: row[1] for row in cell_rows(table_with_header(doc, "Lead person"))}
    assert lead["Phone"] == "07700 900123" and lead["Address"] == "County Hall, Westmarch"
    sign_up = cell_rows(table_with_header(doc, "Organisation", "Senior manager"))
    assert ["Westmarch Council Adult Social Care", "Rupert Mallinder", "Director of Adult Services", "05/10/2025", ""] in sign_up
    gp = next(r for r in sign_up if r[0] == "Hollowfield Surgery")
    assert gp[1] == "[To be completed: name]"  # involved in recommendation 2, not yet signed up


def test_a_vague_recommendation_is_flagged_never_blank(case, tmp_path):
    def vague(data):
        data["recommendations"][1]["recommendation"] = "Agencies should raise awareness of falls."
    doc = _render(variant(case, vague), "action_plan", tmp_path)
    row = cell_rows(table_with_header(doc, "No", "Recommendation"))[2]
    assert row[1].startswith("Agencies should raise awareness of falls. [To be completed: make the recommendation specific")
    assert "[To be completed: the evidence the board will see]" in row[3]  # recommendation 2 has no evidence
    assert "[To be completed: a measurable key outcome]" in row[4]


# -- Chronologies -----------------------------------------------------------


def _with_communication(data):
    for entry in data["chronology"]:
        entry["communication_within_agency"] = "Email to team manager"
        entry["communication_external"] = "Phone call to GP"
        entry["response_outcome"] = "Visit booked"


def test_communication_columns_in_the_integrated_chronology_docx_csv_and_imr(case, tmp_path):
    import csv

    from scrdocs.documents.chronology import write_chronology_csv

    herefordshire = variant(case, _with_communication)
    doc = _render(herefordshire, "integrated_chronology", tmp_path)
    table = table_with_header(doc, "Date", "Agency")
    header = cell_rows(table)[0]
    for column in ("Communication within agency", "Communication external to agency", "Response or outcome"):
        assert column in header
    first = dict(zip(header, cell_rows(table)[1]))
    assert first["Communication external to agency"] == "Phone call to GP" and first["Response or outcome"] == "Visit booked"
    rows = list(csv.reader(write_chronology_csv(herefordshire, tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert dict(zip(rows[0], rows[1]))["Communication within agency"] == "Email to team manager"
    imr = table_with_header(_render(herefordshire, "imr", tmp_path, agency="asc"), "Date", "Source of information")
    assert "Communication within agency" in cell_rows(imr)[0]


def test_a_few_communication_entries_show_under_the_event_not_as_columns(case, tmp_path):
    def one(data):
        data["chronology"][0]["response_outcome"] = "Falls clinic referral"
    doc = _render(variant(case, one), "integrated_chronology", tmp_path)
    table = table_with_header(doc, "Date", "Agency")
    assert "Response or outcome" not in cell_rows(table)[0]
    assert "Response or outcome: Falls clinic referral" in body_text(doc)


def test_in_a_childrens_review_a_siblings_contact_is_not_the_subjects(case, tmp_path):
    from scrdocs.review.imr_quality import rate_imr

    def sibling(data):
        data["review"].update(type="CSPR", board="Westmarch Safeguarding Children Partnership")
        data["people"].append({"id": "b", "name": "Ellis Penhallow", "role": "family", "relationship": "brother",
                               "pseudonym": "Sibling 1"})
        for entry in data["chronology"]:
            if entry["agency"] == "dn":
                entry["seen_person"] = "b"
    child = variant(case, sibling)
    doc = _render(child, "integrated_chronology", tmp_path)
    rows = cell_rows(table_with_header(doc, "Date", "Agency"))
    dn = next(r for r in rows if r[0].startswith("c. 03/05/2024"))
    assert dn[5:8] == ["Yes (Sibling 1)", "Yes (Sibling 1)", "Yes (Sibling 1)"]
    ratings = {r.id: r for r in rate_imr(child, child.agency("dn")).ratings}
    assert ratings["seen_and_wishes"].rating == "Limited or none"  # the subject was never seen by DN


# -- On the page -------------------------------------------------------------


def test_a_missing_section_is_a_marker_and_the_document_is_stamped_draft(case, tmp_path):
    doc = _render(case, "overview_report", tmp_path)
    text = body_text(doc)
    assert "[To be completed: the findings considered alongside previous reviews and research (Working Together 8.41)]" in text
    assert "DRAFT" in paragraph_texts(doc)[:3]
    for tool_wording in ("has not been provided in the case file", "Not recorded", "Document produced"):
        assert tool_wording not in text


_ASSERTED_FACTS = ("No interviews were held", "All the information the review sought was available",
                   "had no members other than", "No other process ran alongside",
                   "No agency made recommendations of its own")


def _without_optional_lists(data):
    """The case file as a new user writes it: no interviews, panel members, parallel processes,
    information not available, nor agency recommendations."""
    methodology = data["review"].setdefault("methodology", {})
    methodology.pop("interviews", None)
    methodology.pop("information_not_available", None)
    data["review"].pop("parallel_processes", None)
    data["panel"].pop("members", None)
    for agency in data["agencies"]:
        if "imr" in agency:
            agency["imr"].pop("recommendations", None)
    data["review"].update(version="1.0", approved="20/10/2025")  # only the gaps can make it a draft


@pytest.mark.parametrize("kind", ["overview_report", "executive_summary"])
def test_a_list_the_case_file_leaves_out_is_a_marker_never_a_negative_fact(case, tmp_path, kind):
    sparse = variant(case, _without_optional_lists)
    doc = _render(sparse, kind, tmp_path)
    text = body_text(doc)
    for fact in _ASSERTED_FACTS:
        assert fact not in text
    markers = ["[To be completed: the review panel members, by job title and organisation]",
               "[To be completed: processes running alongside this review]"]
    if kind == "overview_report":
        markers += ["[To be completed: interviews held for this review]",
                    "[To be completed: information not available to the review, with the reasons]",
                    "[To be completed: the recommendations each agency made in its own IMR]"]
    for marker in markers:
        assert marker in text
    # The page never names a case-file field (that is `scrdocs check`'s to say).
    assert not re.search(r"\((review|panel|agencies)[.\[]", text) and "`none`" not in text
    assert "DRAFT" in paragraph_texts(doc)[:3]


def test_the_action_plan_and_imr_do_not_invent_empty_lists_either(case, tmp_path):
    def sparse(data):
        _without_optional_lists(data)
        for key in ("interviews", "information_not_available", "other_addresses"):
            data["agencies"][0]["imr"].pop(key, None)
    changed = variant(case, sparse)
    plan = body_text(_render(changed, "action_plan", tmp_path))
    assert "No agency made recommendations of its own" not in plan
    assert "[To be completed: the recommendations each agency made in its own IMR" in plan
    imr = body_text(_render(changed, "imr", tmp_path, agency="asc"))
    for fact in ("No staff interviews were held", "All the information the agency sought",
                 "The agency holds no other addresses"):
        assert fact not in imr
    for marker in ("[To be completed: staff interviews held for this IMR]",
                   "[To be completed: information the agency could not find or consider, with the reasons]",
                   "[To be completed: other addresses on the agency's file]"):
        assert marker in imr
    assert "agencies[]" not in imr and "`none`" not in imr


def _stated_none(data):
    """The case file saying `none` for each list that may rightly be empty."""
    _without_optional_lists(data)
    methodology = data["review"]["methodology"]
    methodology["interviews"] = methodology["information_not_available"] = "none"
    data["review"]["parallel_processes"] = "none"
    data["panel"]["members"] = "none"
    for agency in data["agencies"]:
        if "imr" in agency:
            for key in ("recommendations", "interviews", "information_not_available", "other_addresses"):
                agency["imr"][key] = "none"


_STATED = ["No interviews were held.", "All the information the review sought was available to it.",
           "No other process ran alongside this review.",
           "The review panel had no members other than those named above.",
           "No agency made recommendations of its own."]


def test_a_list_stated_none_is_said_in_words_without_a_marker(case, tmp_path):
    stated = variant(case, _stated_none)
    assert stated.review.methodology.interviews == [] and not stated.agencies[0].imr.recommendations
    text = body_text(_render(stated, "overview_report", tmp_path))
    for sentence in _STATED:
        assert sentence in text
    for field in ("(review.methodology.interviews)", "(review.methodology.information_not_available)",
                  "(review.parallel_processes)", "(panel.members)", "(agencies[].imr.recommendations)"):
        assert field not in text
    summary = body_text(_render(stated, "executive_summary", tmp_path))
    assert "No other process ran alongside this review." in summary and "(review.parallel_processes)" not in summary
    plan = body_text(_render(stated, "action_plan", tmp_path))
    assert "No agency made recommendations of its own." in plan and "(agencies[].imr.recommendations)" not in plan


def test_an_imr_with_lists_stated_none(case, tmp_path):
    imr = body_text(_render(variant(case, _stated_none), "imr", tmp_path, agency="asc"))
    for sentence in ("No staff interviews were held for this IMR.",
                     "All the information the agency sought for this IMR was available.",
                     "The agency holds no other addresses.", "The agency made no recommendations of its own."):
        assert sentence in imr
    for field in ("(agencies[].imr.interviews)", "(agencies[].imr.information_not_available)",
                  "(agencies[].imr.other_addresses)", "(agencies[].imr.recommendations)"):
        assert field not in imr


def test_none_is_the_only_word_and_a_list_still_works(case):
    from scrdocs.case.casefile import parse_case
    from scrdocs.errors import CaseFileError

    def nothing(data):
        data["review"].setdefault("methodology", {})["interviews"] = "nothing"
    with pytest.raises(CaseFileError):
        variant(case, nothing)
    stated = variant(case, _stated_none)
    again = parse_case(stated.model_dump(mode="json", exclude_none=True), "<again>")  # written back as `none`
    assert stated.model_dump(mode="json")["review"]["methodology"]["interviews"] == "none"
    assert not again.review.methodology.interviews


def test_the_schema_offers_none_for_each_such_list():
    from scrdocs.case.model import Case

    defs = Case.model_json_schema()["$defs"]
    for model, field in (("Methodology", "interviews"), ("Review", "parallel_processes"), ("Panel", "members"),
                         ("IMRContent", "recommendations"), ("IMRContent", "other_addresses")):
        options = defs[model]["properties"][field]["anyOf"]
        assert {"const": "none"}.items() <= next(o for o in options if "const" in o).items(), (model, field)


def test_a_finished_document_carries_version_and_approval_date_not_the_build_date(case, tmp_path):
    finished = variant(case, lambda d: d["review"].update(version="1.0", approved="20/10/2025"))
    doc = _render(finished, "integrated_chronology", tmp_path)
    text = body_text(doc)
    assert "DRAFT" not in text and "[To be completed" not in text
    assert "Version 1.0, approved on 20/10/2025." in text
    assert date.today().strftime("%d/%m/%Y") not in text
    unversioned = _render(case, "integrated_chronology", tmp_path, name="u.docx")
    assert "DRAFT" in paragraph_texts(unversioned)[:3]  # no version: still a draft, and the cover says why
    assert "the version is still to be given" in body_text(unversioned)


def test_chronology_rows_do_not_break_across_pages_and_repeat_their_header(case, tmp_path):
    render_docx(case, "integrated_chronology", tmp_path / "c.docx")
    with zipfile.ZipFile(tmp_path / "c.docx") as z:
        xml = z.read("word/document.xml").decode()
    table = xml[xml.index("<w:tbl>"):xml.index("</w:tbl>")]
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", table)
    assert "<w:tblHeader" in rows[0]
    assert all("<w:cantSplit" in r for r in rows)
    assert xml.count("<w:tbl>") == 2  # one chronology table (and the agencies'), not one per page


def test_pack_glossary_is_on_a4(case, tmp_path):
    from scrdocs.packs.docx_finish import write_glossary_docx

    doc = open_docx(write_glossary_docx(case, tmp_path / "g.docx", [("SW1", "Social Worker")], marking="OFFICIAL",
                                        title="Glossary"))
    assert {(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections} == {(210, 297)}


def test_the_chair_label_comes_from_the_panel_when_it_has_one(case):
    from scrdocs.documents.review_parts import partnership_words

    def labelled(d):
        d["review"].update(type="CSPR", board="Westmarch Safeguarding Children Partnership")
        d["panel"]["board_chair"]["role_label"] = "Independent scrutineer"

    words = partnership_words(variant(case, labelled))
    assert words["chair_label"] == "Independent scrutineer" and words["body"] == "partnership"
    assert partnership_words(case)["chair_label"] == "Chair of Westmarch Safeguarding Adults Board"
