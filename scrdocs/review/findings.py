"""One finding of `scrdocs check`: what is wrong (or worth knowing), where, and how serious.

Every check module (timescales, chronology, SMART, IMR quality, panel
independence) returns these, so the report, the JSON and the exit code treat
them alike. Severity follows the error policy in :mod:`scrdocs.errors`:

* ``error``: must be corrected (an independence breach, dates that contradict
  each other, an invalid case file); ``scrdocs check`` exits 1.
* ``warning``: the author or the panel should act (a missed deadline, a vague
  recommendation, a chronology entry outside the period).
* ``info``: worth knowing (counts, gaps in contact, ratings).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # area.what, e.g. "smart.vague_wording"; stable for scripts
    path: str  # where in the case file, e.g. "recommendations[2].key_outcome"
    message: str

    @property
    def area(self) -> str:
        return self.code.split(".", 1)[0]

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.severity}: {self.path}: {self.message}" if self.path else f"{self.severity}: {self.message}"
