"""The review page shows a document's text, not Word's field instructions ('TOC \\o "1-3" \\h \\z \\u'),
unless a field holds something the reviewer must decide (a name in a HYPERLINK)."""

from __future__ import annotations

from pathlib import Path

from scrdocs.case.casefile import load_case
from scrdocs.redaction.spans import Span
from scrdocs.review_page.replay import Piece, ReviewDocument
from scrdocs.review_page.session import ReviewSession

CASE = Path(__file__).parent / "fixtures" / "documents" / "small_case.yaml"
TOC = 'TOC \\o "1-3" \\h \\z \\u'
LINK = 'HYPERLINK "mailto:bronwen.penhallow@example.org"'


def _session(tmp_path: Path, pieces: list[Piece]) -> ReviewSession:
    document = ReviewDocument("overview-report.docx", "Overview report", pieces)
    return ReviewSession(load_case(CASE), tmp_path / "case.yaml", [document], tmp_path / "case.review-decisions.yaml",
                         profile="publication", source="pack", folder=tmp_path)


def test_a_field_instruction_is_not_shown_as_text(tmp_path):
    session = _session(tmp_path, [Piece("word/document.xml field 1", TOC, []),
                                  Piece("word/document.xml paragraph 1", "Contents", [])])
    shown = [p.text for p in session.views()[0].pieces]
    assert shown == ["Contents"]
    assert not any("TOC" in text or "\\o" in text for text in shown)


def test_a_field_holding_a_name_is_still_shown_for_a_decision(tmp_path):
    start = LINK.index("bronwen")
    name = Span(start, start + len("bronwen.penhallow@example.org"), "bronwen.penhallow@example.org", "EMAIL_ADDRESS",
                "pattern:email", 0.95, "remove", "[email]")
    session = _session(tmp_path, [Piece("word/document.xml field 2", LINK, [name], ["word/document.xml field 2"])])
    [piece] = session.views()[0].pieces
    assert piece.text == LINK and len(piece.spans) == 1
