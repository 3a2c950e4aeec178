"""Issue 11, point 2: a .txt and a .docx of the same paragraphs give the same replacements.

The text is read whole and the Word document paragraph by paragraph, so whatever carries from one mention
to the next (who was named last, an unknown person named in full, a mention shown to be somebody else)
must carry the same way in both. All people are fictional.
"""

from __future__ import annotations

import docx
import pytest

from tests.test_wrong_person_engine import CASE, NO_NER, _case

from scrdocs.redaction import Redactor

PARAGRAPHS = [
    "Mark Thornbury arrived at the flat at 10.",
    "Thornbury said the boiler was old and Mrs Thornbury was cold.",
    "Sam Patel, the maintenance man, came at 11.",
    "Sam said the boiler could not be mended.",
    "Spoke to Mr BQ by phone.",
    "BQ stated he only took what mum owed me.",
    "Will and Grace the two cats were fed.",
    "Grace said she would visit on Sunday; PC Rook and Sam called later.",
    "Mark's wife, Mrs Thornbury (Linda), phoned the office.",
]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return _case(tmp_path_factory, CASE)


def _copies(case, tmp_path, paragraphs: list[str], profile=NO_NER) -> tuple[list[str], list[str]]:
    txt, doc = tmp_path / "notes.txt", tmp_path / "notes.docx"
    txt.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(doc)
    Redactor(case, profile).redact_file(txt, tmp_path / "out" / "notes.txt")
    Redactor(case, profile).redact_file(doc, tmp_path / "out" / "notes.docx")
    from_txt = (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8").splitlines()
    from_docx = [p.text for p in docx.Document(tmp_path / "out" / "notes.docx").paragraphs]
    return from_txt, from_docx


def test_a_txt_and_a_docx_of_the_same_paragraphs_give_the_same_replacements(case, tmp_path):
    from_txt, from_docx = _copies(case, tmp_path, PARAGRAPHS)
    assert from_txt == from_docx
    # and what they agree on is right: nobody given a pseudonym only recency or a clash ties them to
    assert from_txt[1] == "[name] said the boiler was old and Adult C was cold."
    assert from_txt[3] == "[name] said the boiler could not be mended."
    assert from_txt[5].startswith("[name] stated he")
    assert from_txt[6] == "[name] and [name] the two cats were fed."
    assert from_txt[7] == "Daughter said she would visit on Sunday; PC1 and [name] called later."
    assert "Adult C" not in from_txt[8]


@pytest.mark.needs_model
def test_with_the_language_model_too(case, tmp_path):
    from_txt, from_docx = _copies(case, tmp_path, PARAGRAPHS, profile="publication")
    assert from_txt == from_docx
    assert not any(name in line for line in from_txt for name in ("Thornbury", "Patel", "Linda", "Sam ", "BQ"))
