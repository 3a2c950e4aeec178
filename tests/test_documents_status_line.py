"""The cover's status line is one plain sentence, and DRAFT is said once (found by a new user)."""

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
