"""The verdict: where a removed person can still be identified, never with the text found."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import LeakError


@dataclass(frozen=True)
class LeakHit:
    """One place a removed person can still be identified. Never holds the text found."""

    file: str
    location: str
    entity_type: str
    pseudonym: str
    detector: str  # "case" (a term from the case file) or "ner"

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        return f"{where}: {self.entity_type} of {self.pseudonym} (found by {self.detector})"


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
        return "\n".join(lines)

    def raise_if_leaks(self) -> None:
        if self.hits:
            raise LeakError(self.summary(), hint=(
                "Each place listed still identifies someone who must be anonymised. "
                "Correct the source (case file or agency document) and build again, "
                "or edit the document by hand and run `scrdocs scan` on it."))
