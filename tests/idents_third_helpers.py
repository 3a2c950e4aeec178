"""Shared by tests/test_idents_third_*.py: the engine without a language model (the pattern and case-file
layers alone), so each rule's effect is seen on its own and fast."""

from __future__ import annotations

from pathlib import Path

from scrdocs.case.casefile import load_case
from scrdocs.examples import example_case_path
from scrdocs.redaction import Redactor

NO_NER = Path(__file__).parent / "fixtures" / "redaction" / "no_ner.yaml"

_REDACTOR: list[Redactor] = []


def redactor() -> Redactor:
    if not _REDACTOR:
        _REDACTOR.append(Redactor(load_case(example_case_path()), NO_NER))
    return _REDACTOR[0]


def redact(text: str) -> str:
    return redactor().redact_text(text)
