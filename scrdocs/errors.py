"""Errors and warnings raised by scrdocs, and when each is used.

Policy (after pypdf):

* **Raise** a subclass of :class:`ScrdocsError` when the caller must act: the
  case file cannot be read, a tool is missing, an output would leak. The CLI
  turns these into one plain message and exit code 1. Every message says what
  went wrong, where (file and field path where there is one) and what to do.
* **Warn** with a subclass of :class:`ScrdocsWarning` when the user must fix
  their input but the work can go on (a vague recommendation, a chronology row
  outside the period under review). ``scrdocs check`` collects these.
* **Log** (``logging.getLogger("scrdocs")``) when the tool worked around
  something by itself and nobody needs to act.
"""

from __future__ import annotations

from dataclasses import dataclass


class ScrdocsError(Exception):
    """Base of every error scrdocs raises on purpose."""

    #: A short, plain sentence telling the user what to do next.
    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:  # the message a social care professional reads
        text = super().__str__()
        return f"{text}\n{self.hint}" if self.hint else text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located by its field path."""

    path: str  # e.g. "people[3].dob" or "line 12"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseFileError(ScrdocsError):
    """The case file could not be read or does not make sense."""

    def __init__(self, file: str, problems: list[Problem], *, hint: str | None = None):
        self.file = file
        self.problems = problems
        lines = [f"The case file {file} has {len(problems)} problem{'s' if len(problems) != 1 else ''}:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines), hint=hint or "Correct the case file and run the command again.")


class TemplateError(ScrdocsError):
    """A Word template is missing, unreadable or uses something the case file does not have."""


class ToolMissingError(ScrdocsError):
    """A program or model scrdocs needs is not installed."""


class InputFormatError(ScrdocsError):
    """An input document cannot be read (wrong format, scanned PDF, corrupt file)."""


class RulesError(ScrdocsError):
    """A rules file (redaction profile, recognizer, procedure, genogram style) is invalid."""


class OutputError(ScrdocsError):
    """An output could not be written where it was asked for."""


class LeakError(ScrdocsError):
    """An output still contains something that identifies a person who must be anonymised."""


class ScrdocsWarning(UserWarning):
    """Base of the warnings scrdocs gives about input the user should fix."""


class CaseFileWarning(ScrdocsWarning):
    """Something in the case file looks wrong but does not stop the work."""
