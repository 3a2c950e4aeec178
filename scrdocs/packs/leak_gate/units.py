"""Where text hides: every file is read into units of (location, text).

A part the gate cannot read (a macro project, an embedded object, a PDF's
JavaScript) is a unit too, with no text and ``unreadable`` saying what it
is and what a person can do: it is a finding, never a pass.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Unit:
    """Some text from one place in a file; ``labels`` narrow a match down to a sub-location."""

    file: str
    location: str
    text: str
    ner: bool = True  # prose worth an NER pass (not attribute soup or JSON keys)
    labels: list[tuple[int, str]] = field(default_factory=list)
    #: For a part that cannot be read: what it is, and what a person can do about it.
    unreadable: str = ""

    def pieces(self) -> list[tuple[int, str]]:
        """(offset, text) of each labelled piece (a paragraph, a line): what NER reads, one at a time,
        as the redaction engine did, so the rescan sees the same context."""
        if not self.labels:
            return [(0, self.text)]
        starts = [o for o, _ in self.labels] + [len(self.text)]  # each piece is followed by "\n\n"
        return [(start, self.text[start:end - 2]) for start, end in zip(starts, starts[1:])]

    def where(self, offset: int) -> str:
        if not self.labels:
            return self.location
        index = bisect.bisect_right([o for o, _ in self.labels], offset) - 1
        label = self.labels[max(index, 0)][1]
        return f"{self.location} {label}".strip()


def unreadable_unit(file: str, part: str, what: str, advice: str) -> Unit:
    """A part the gate cannot read: ``what`` it is ("a macro project") and the ``advice`` for a person."""
    return Unit(file, part, "", ner=False, unreadable=f"{what}, which the leak check cannot read: {advice}")


class _Joiner:
    """Builds one unit's text from pieces, remembering where each piece starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[tuple[int, str]] = []
        self.length = 0

    def add(self, text: str | None, label: str) -> None:
        if not text or not text.strip():
            return
        self.labels.append((self.length, label))
        self.parts.append(text)
        self.length += len(text) + 2
        self.parts.append("\n\n")

    def unit(self, file: str, location: str, *, ner: bool) -> Unit | None:
        if not self.parts:
            return None
        return Unit(file, location, "".join(self.parts), ner, self.labels)
