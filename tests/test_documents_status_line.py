"""Wording a new user found in finished documents: the cover's status line is one plain sentence, DRAFT is said
once, no doubled full stops, no "all 1 recommendations"."""

from __future__ import annotations

import zipfile
from pathlib import Path

from scrdocs.case.casefile import load_case
from scrdocs.documents.drafting import status_context
from scrdocs.examples import example_case_path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_a_draft_without_a_version_says_what_is_still_to_be_given():
    case = load_case(example_case_path())
    line = status_context(case, draft=True)["status_line"]
    assert line.startswith("DRAFT: ") and line.count("DRAFT") == 1
    assert "the version is still to be given" in line and "version given" not in line


def test_no_template_says_draft_before_a_status_line_that_says_it():
    for template in TEMPLATES.glob("*.docx"):
        xml = zipfile.ZipFile(template).read("word/document.xml").decode("utf-8")
        assert "DRAFT: {{ status_line }}" not in xml, template.name


def test_open_proceedings_are_listed_without_doubled_full_stops():
    from scrdocs.documents.review_parts import open_processes

    listed = open_processes(load_case(example_case_path()))
    assert listed and not any(item.endswith(".") for item in listed)


def test_one_recommendation_is_not_all_1_recommendations():
    from scrdocs.review.imr_evaluation import _smart

    case = load_case(example_case_path())
    said = []
    for agency in case.agencies:
        if agency.imr and agency.imr.recommendations:
            met, text = _smart(case, agency, {})
            said.append((len(agency.imr.recommendations), met, text))
    assert said
    for count, met, text in said:
        assert "all 1 " not in text
        if met and count == 1:
            assert text == "its one recommendation passes the SMART check"
