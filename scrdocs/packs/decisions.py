"""A pack's ``decisions.json``: the engine's decisions plus the words the leak gate could not account for.

It is written into the pack folder before the leak check, so the gate reads
it like every other file (its case terms: the file holds no original text,
only offsets and salted hashes, so no name of anyone removed can be in it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..redaction.audit import text_hash
from ..redaction.decisions import DECISIONS_NAME, Entry
from .anonymise import Anonymised
from .leak_gate import file_units
from .leak_gate.second_opinion import Unexplained

_REASON_SINGLE = "capitalised word inside a sentence that nothing accounts for (second opinion of the leak check)"
_REASON_FULL = "two such words side by side: a full name the engine did not remove (second opinion of the leak check)"


def unexplained_in_copies(gate: Any, docs: Anonymised, stage: Path) -> list[Unexplained]:
    """The gate's second opinion on each anonymised document, read where the engine wrote it.

    The Word copies (their PDFs hold the same text) and the PDFs handed in;
    a PDF-only pack's Word sources live outside the stage, under their own names.
    """
    found: list[Unexplained] = []
    paths = [path for _, path in docs.to_pdf] + [path for _, path in docs.pdf_inputs]
    for path in paths:
        staged = stage / path.name
        source = staged if staged.is_file() else path
        for unit in file_units(source, path.name):
            found += gate.second_look(unit)
    return found


def unexplained_entries(unexplained: list[Unexplained], salt: bytes) -> list[Entry]:
    """To-confirm entries with offsets into the copy (the word is not written: the review page reads it there)."""
    return [Entry(u.file, u.location, u.start, u.end, "copy", None, "PERSON", "leak gate: second opinion",
                  0.5, _REASON_FULL if u.full_name else _REASON_SINGLE, "to_confirm", text_hash(salt, u.word))
            for u in unexplained]


def write_pack_decisions(stage: Path, redactor: Any, unexplained: list[Unexplained], *, below_score: float) -> Path:
    return redactor.write_decisions(stage / DECISIONS_NAME, below_score=below_score, made_by="pack",
                                    extra=unexplained_entries(unexplained, redactor.salt))
