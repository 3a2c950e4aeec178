""""Not a name" for a leak check finding "to confirm": an ordinary word that is also a case person's name or alias
("the Dean of the college" when someone is called Dean), marked by the reviewer as the word, at that place.

The decision goes into ``CASE.review-decisions.yaml`` as a decision on one occurrence (``action: keep``,
``scope: here``) whose ``document`` is the leak check's own (:data:`~scrdocs.packs.leak_gate.word_names.
NOT_A_NAME_DOCUMENT`) and whose ``piece`` is the fingerprint of the word with the words around it: the gate
honours it on the rebuild wherever that occurrence stands (the Word copy, its PDF, the merged PDF), and the
sign-off record lists where, who and when. The word is read from the copy here, never from the leak report.
"""

from __future__ import annotations

from typing import Any

from ..errors import ScrdocsError
from ..packs.leak_gate.word_names import NOT_A_NAME_DOCUMENT, NOT_A_NAME_REASON, context_fingerprint, not_a_name_keys
from ..redaction.reviewer_decisions import add_decision


def _word(session: Any, confirm: dict[str, Any]) -> str:
    """The word of a finding, read in the copy where the gate found it; refused if the copy changed there."""
    from ..packs.leak_gate import file_units

    path = session.read_folder / str(confirm.get("file", ""))
    if not path.is_file() or session.read_folder.resolve() not in path.resolve().parents:
        raise ScrdocsError("The copy this finding is in cannot be read here.",
                           hint="Build the pack again and open the review page on it.")
    start, end = int(confirm["start"]), int(confirm["end"])
    # the gate may have read a PDF's pages with either reader (leak_gate/read_pdf.py): look in both readings
    readings = (True, False) if path.suffix.lower() == ".pdf" else (False,)
    units = (u for terms_only in readings for u in file_units(path, str(confirm["file"]), pages_for_terms=terms_only))
    for unit in units:
        for offset, piece in unit.pieces():
            if unit.where(offset) != confirm.get("location"):
                continue
            word = piece[start:end]
            if word and context_fingerprint(unit.text, offset + start, offset + end) == confirm.get("context"):
                return word
    raise ScrdocsError("The copy has changed where this finding was, so it cannot be marked here.",
                       hint="Build the pack again, then look at the findings of the new leak check.")


def mark_not_a_name(session: Any, finding_id: int, *, by: str, version: int) -> None:
    """Record "not a name" for the finding numbered ``finding_id`` of the refused pack's leak report."""
    finding = next((f for f in session.leak_findings if f.get("id") == finding_id and f.get("confirm")), None)
    if finding is None:
        raise ScrdocsError("That finding is not one to confirm (or the page is out of date).", hint="Reload the page.")
    confirm = finding["confirm"]
    word = _word(session, confirm)
    add_decision(session.decisions_file, version, review=session.review, action="keep", scope="here", text=word,
                 by=by, category=str(confirm.get("entity_type") or "PERSON"), reason=NOT_A_NAME_REASON,
                 document=NOT_A_NAME_DOCUMENT, location=f"{confirm['file']}, {confirm['location']}",
                 start=int(confirm["start"]), end=int(confirm["end"]), piece=str(confirm["context"]))


def marked(session: Any) -> set[str]:
    """Fingerprints of the findings already marked "not a name"."""
    return {context for _, context in not_a_name_keys(session.decisions())}
