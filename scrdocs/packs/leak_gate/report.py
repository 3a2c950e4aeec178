"""The verdict: where a removed person can still be identified, never with the text found.

Each place is given as the document, the part of it (a Word part such as
``word/header1.xml``, a PDF page) and the paragraph or line, and the report
ends by saying what a person can do about each kind of place. A part the
gate cannot read at all is refused with :class:`UnreadablePartsError`,
which says the same: nothing unread is ever passed as clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...errors import InputFormatError, LeakError
from .units import Unit

#: The entity type of a hit on a part the gate cannot read.
UNREADABLE = "UNREADABLE_PART"
#: The detector of a case term that is also an ordinary word, where it does not read clearly as either.
TO_CONFIRM = "to confirm"
#: How the report introduces where a person finds a place (the line under it).
FIND_IT = "find it: "
#: How the report names it, after "found by" (the review page reads it back to offer "Not a name").
CONFIRM_DETECTOR = "case, to confirm"

_FIX_TERMS = ("Where a place was found by case (the case file's names, dates of birth, addresses and numbers), "
              "replace what is there with the pseudonym shown, or correct the case file or the agency "
              "document and make the copy again.")
_FIX_TO_CONFIRM = ("Where a place is marked 'to confirm', the words there include an ordinary word that is also a "
                   "case person's name or alias, used in a way that does not say which it is (after an article, "
                   "at the start of a sentence, in a heading). Do not change the document's words. If it is the "
                   "ordinary word, mark it 'not a name': open the pack on the review page (`scrdocs review CASE "
                   "--pack DIR`, which opens DIR.failed for a refused pack) and press 'Not a name' beside it in "
                   "the leak report. The decision is kept in CASE.review-decisions.yaml and the leak check honours "
                   "it, for that place only, when the pack is built again. If it is the person, open the document "
                   "there and remove it instead.")
_FIX_NER = ("Where a place was found by ner (the language model), it holds a name the case file does not "
            "list: replace it by hand, or add the person to the case file and make the copy again.")


@dataclass(frozen=True)
class LeakHit:
    """One place a removed person can still be identified. Never holds the text found."""

    file: str
    location: str
    entity_type: str
    pseudonym: str
    detector: str  # "case" (a term from the case file), "ner", "to confirm", or "unreadable"
    advice: str = ""  # for an unreadable part: what it is and what a person can do
    #: For a finding "to confirm": the fingerprint of the word in its context (word_names.context_fingerprint)
    #: and its offsets in the unit's text, so the review page can show it and mark it "not a name".
    context: str = ""
    start: int = -1
    end: int = -1
    #: Where a person finds it in Word or a PDF reader: title, heading above, page, a quote with it masked.
    found_at: str = ""

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        if self.entity_type == UNREADABLE:
            return f"{where}: {self.advice}"
        if self.detector == TO_CONFIRM:
            return (f"{where}: an ordinary word that is also a name of {self.pseudonym} ({self.entity_type}), "
                    f"to confirm (found by {CONFIRM_DETECTOR})")
        return f"{where}: {self.entity_type} of {self.pseudonym} (found by {self.detector})"


def unreadable_hit(unit: Unit) -> LeakHit:
    """A part the gate cannot read, as a finding."""
    return LeakHit(unit.file, unit.location, UNREADABLE, "", "unreadable", unit.unreadable)


class UnreadablePartsError(InputFormatError):
    """Parts of a file the leak check cannot read: the file is not passed, each part is named with what to do."""

    def __init__(self, units: Iterable[Unit]):
        self.units = list(units)
        files = sorted({u.file for u in self.units})
        count = len(self.units)
        lines = [f"{', '.join(files)}: {count} part{'s' if count != 1 else ''} the leak check cannot read, "
                 f"so {'they are' if count != 1 else 'it is'} not passed as clean:"]
        lines += [f"  - {unreadable_hit(u)}" for u in self.units]
        super().__init__("\n".join(lines), hint=(
            "Take each part out as its line says, or hand the document to `scrdocs redact` (which removes "
            "them), then run `scrdocs scan` again."))


@dataclass
class LeakReport:
    files: list[str] = field(default_factory=list)
    hits: list[LeakHit] = field(default_factory=list)
    #: single unexplained words (a first name alone), each "file, part; where to find it": listed, not failed
    to_confirm: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.hits

    def summary(self) -> str:
        if self.clean:
            return "\n".join([f"No leaks found in {len(self.files)} file{'s' if len(self.files) != 1 else ''}.",
                              *self._to_confirm_lines()])
        lines = [f"{len(self.hits)} possible leak{'s' if len(self.hits) != 1 else ''} found in "
                 f"{len({h.file for h in self.hits})} of {len(self.files)} files "
                 "(the text found is not shown):"]
        for hit in self.hits:
            lines.append(f"  - {hit}")
            if hit.found_at:
                lines.append(f"    {FIND_IT}{hit.found_at}")  # where Word or a PDF reader shows it
        lines += ["", *self.what_to_do(), *self._to_confirm_lines()]
        return "\n".join(lines)

    def _to_confirm_lines(self) -> list[str]:
        if not self.to_confirm:
            return []
        n = len(self.to_confirm)
        return ["", f"{n} word{'s' if n != 1 else ''} to confirm (a capitalised word nothing accounts for, perhaps a "
                    "first name the engine did not recognise; not a failure, the text found is not shown):",
                *(f"  - {line}" for line in self.to_confirm),
                "If one is a person's name, replace it by hand (or add the person to the case file and redact again)."]

    def what_to_do(self) -> list[str]:
        """Plain steps for the kinds of place found, each once."""
        detectors = {h.detector for h in self.hits}
        steps = ["What to do: open each document at the part and paragraph (or page and line) listed."]
        if "case" in detectors:
            steps.append(_FIX_TERMS)
        if "ner" in detectors:
            steps.append(_FIX_NER)
        if TO_CONFIRM in detectors:
            steps.append(_FIX_TO_CONFIRM)
        if "unreadable" in detectors:
            steps.append("A part the leak check cannot read is never passed: take it out as its line says.")
        if detectors - {"case", "ner", "unreadable", TO_CONFIRM}:
            steps.append("Where a place was found by another check, read it: if it names someone, replace the "
                         "name by hand.")
        steps.append("Then run `scrdocs scan` on the corrected files.")
        return steps

    def findings_to_confirm(self) -> list[dict[str, object]]:
        """The findings "to confirm", as data for the review page (offsets and fingerprints; never the word)."""
        return [{"id": n, "file": h.file, "location": h.location, "found_at": h.found_at, "start": h.start,
                 "end": h.end, "context": h.context, "entity_type": h.entity_type, "pseudonym": h.pseudonym}
                for n, h in enumerate(self.hits, start=1) if h.detector == TO_CONFIRM]

    def raise_if_leaks(self) -> None:
        if self.hits:
            raise LeakError(self.summary(), hint=(
                "Each place listed still identifies someone who must be anonymised, or could not be read. "
                "Follow the steps above, then check again."))
