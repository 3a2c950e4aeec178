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

_FIX_TERMS = ("Where a place was found by case (the case file's names, dates of birth, addresses and numbers), "
              "replace what is there with the pseudonym shown, or correct the case file or the agency "
              "document and make the copy again.")
_FIX_NER = ("Where a place was found by ner (the language model), it holds a name the case file does not "
            "list: replace it by hand, or add the person to the case file and make the copy again.")


@dataclass(frozen=True)
class LeakHit:
    """One place a removed person can still be identified. Never holds the text found."""

    file: str
    location: str
    entity_type: str
    pseudonym: str
    detector: str  # "case" (a term from the case file), "ner", or "unreadable"
    advice: str = ""  # for an unreadable part: what it is and what a person can do

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        if self.entity_type == UNREADABLE:
            return f"{where}: {self.advice}"
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

    @property
    def clean(self) -> bool:
        return not self.hits

    def summary(self) -> str:
        if self.clean:
            return f"No leaks found in {len(self.files)} file{'s' if len(self.files) != 1 else ''}."
        lines = [f"{len(self.hits)} possible leak{'s' if len(self.hits) != 1 else ''} found in "
                 f"{len({h.file for h in self.hits})} of {len(self.files)} files "
                 "(the text found is not shown):"]
        lines += [f"  - {hit}" for hit in self.hits]
        lines += ["", *self.what_to_do()]
        return "\n".join(lines)

    def what_to_do(self) -> list[str]:
        """Plain steps for the kinds of place found, each once."""
        detectors = {h.detector for h in self.hits}
        steps = ["What to do: open each document at the part and paragraph (or page and line) listed."]
        if "case" in detectors:
            steps.append(_FIX_TERMS)
        if "ner" in detectors:
            steps.append(_FIX_NER)
        if "unreadable" in detectors:
            steps.append("A part the leak check cannot read is never passed: take it out as its line says.")
        if detectors - {"case", "ner", "unreadable"}:
            steps.append("Where a place was found by another check, read it: if it names someone, replace the "
                         "name by hand.")
        steps.append("Then run `scrdocs scan` on the corrected files.")
        return steps

    def raise_if_leaks(self) -> None:
        if self.hits:
            raise LeakError(self.summary(), hint=(
                "Each place listed still identifies someone who must be anonymised, or could not be read. "
                "Follow the steps above, then check again."))
