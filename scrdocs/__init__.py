"""scrdocs: UK safeguarding case review documents from one case file, anonymised safely.

The pipeline reads top to bottom: case file -> model -> documents -> redaction -> pack.
This module is the public API; the CLI and any future web page use only this.
"""

from .casefile import case_schema, load_case, parse_case, read_case_text
from .errors import (
    CaseFileError,
    CaseFileWarning,
    InputFormatError,
    LeakError,
    OutputError,
    Problem,
    RulesError,
    ScrdocsError,
    ScrdocsWarning,
    TemplateError,
    ToolMissingError,
)
from .model import Case

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CaseFileError",
    "CaseFileWarning",
    "InputFormatError",
    "LeakError",
    "OutputError",
    "Problem",
    "RulesError",
    "ScrdocsError",
    "ScrdocsWarning",
    "TemplateError",
    "ToolMissingError",
    "case_schema",
    "load_case",
    "parse_case",
    "read_case_text",
]
