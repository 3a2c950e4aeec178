"""Issue 11, point 2, "never the wrong person", at pack level: an agency's IMR notes handed in to a regulator
pack of the shipped example case (which removes every case person), with the mentions a new user found given somebody else's pseudonym.

The pack is built once (LibreOffice and the model cost seconds); every test reads its copy of the notes and
its decisions.json. All people are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from scrdocs.case.casefile import load_case
from scrdocs.examples import example_case_path
from scrdocs.packs.pack import build_pack
from scrdocs.redaction.decisions import DECISIONS_NAME

pytestmark = [pytest.mark.needs_soffice, pytest.mark.needs_model, pytest.mark.slow]

NOTES = [
    "Will Patel, the maintenance man, came at 10. Will said the boiler was old.",
    "Daughter's friend, Mrs Okafor (Linda), phoned the office.",
    "Spoke to Mr MT by phone. MT stated he only took what mum owed me.",
    "Will and Grace the two cats were fed.",
    "Daniel Marlow was at the flat. Marlow said he would pay the arrears.",
    "Grace said she would visit on Sunday.",
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    base = tmp_path_factory.mktemp("wrong-person")
    notes = base / "imr-agency-notes.docx"
    d = docx.Document()
    for p in NOTES:
        d.add_paragraph(p)
    d.save(notes)
    result = build_pack(load_case(example_case_path()), "regulator", base / "pack", includes=[notes],
                        documents=["executive_summary"])
    [copy] = [doc for doc in result.documents if doc.included_from]
    paragraphs = [p.text for p in docx.Document(copy.docx).paragraphs if p.text.strip()]
    decisions = json.loads((result.out_dir / DECISIONS_NAME).read_text(encoding="utf-8"))
    return result, paragraphs, decisions


def test_the_pack_is_clean(pack):
    result, _, _ = pack
    assert result.leak_report.clean


def test_nobody_gets_the_pseudonym_of_a_person_they_are_not(pack):
    _, paragraphs, _ = pack
    will, okafor, mt, cats, marlow, grace = paragraphs
    assert "Daughter's former partner" not in will and "Will" not in will and "Patel" not in will
    assert "Daughter (" not in okafor and "Okafor" not in okafor
    assert "WS1" not in mt and "MT" not in mt
    assert "Daughter" not in cats and "former partner" not in cats
    assert marlow.startswith("Son was at the flat. [name] said")
    # the case person named as a name is still her
    assert grace == "Daughter said she would visit on Sunday."


def test_the_guess_by_recency_is_listed_to_confirm_in_decisions_json(pack):
    _, _, decisions = pack
    guesses = [d for d in decisions["decisions"] if "perhaps Son (the person named last)" in d["reason"]]
    assert guesses and all(d["status"] == "to_confirm" and d["replacement"] == "[name]" for d in guesses)
    untied = [d for d in decisions["decisions"] if d["replacement"] == "[name]" and d["status"] == "to_confirm"
              and d["document"].endswith(".docx") and "agency" in d["document"].lower()]
    assert len(untied) >= 6, untied  # each neutral mention of the notes is on the list
