"""scrdocs: UK safeguarding case review documents from one case file, anonymised safely.

The pipeline reads top to bottom, and so does this API:

1. case file  -> :func:`load_case` (a checked :class:`Case`)
2. checks     -> :func:`check_case` (timescales, chronology, SMART, IMR quality, independence)
3. documents  -> :func:`build_documents` (Word from the templates, PDF through LibreOffice),
                 :func:`draw_genogram`
4. redaction  -> :class:`Redactor` (one per run: consistent pseudonyms across documents)
5. pack       -> :func:`build_pack` (regulator, publication, family) behind the leak gate,
                 :func:`scan_files` for any file edited by hand
6. review     -> :func:`open_review` (the review page's session: confirm every decision, sign off);
                 the reviewer's decisions file, :func:`load_reviewer_decisions`

The CLI (``scrdocs``) and any future web page use only what is exported here.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from ._version import __version__
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

# Each public name is imported from its module only when first used, so that
# `scrdocs --help` or `scrdocs check` does not pay for spaCy, Presidio and
# matplotlib, which only the redaction and chart commands need.
_LAZY = {
    "BuildResult": ".documents.build",
    "build_documents": ".documents.build",
    "case_schema": ".case.casefile",
    "load_case": ".case.casefile",
    "parse_case": ".case.casefile",
    "read_case_text": ".case.casefile",
    "chronology_lanes_chart": ".review.charts",
    "timeline_chart": ".review.charts",
    "ImportResult": ".review.chronology_import",
    "import_chronologies": ".review.chronology_import",
    "example_case_path": ".examples",
    "load_example_case": ".examples",
    "draw_genogram": ".genogram",
    "write_genogram": ".genogram",
    "LeakHit": ".packs.leak_gate",
    "LeakReport": ".packs.leak_gate",
    "Case": ".case.model",
    "PackResult": ".packs.pack",
    "build_pack": ".packs.pack",
    "scan_files": ".packs.pack",
    "convert_to_pdf": ".libreoffice",
    "case_pseudonyms": ".case.pseudonyms",
    "Redactor": ".redaction",
    "Span": ".redaction",
    "load_profile": ".redaction",
    "CheckReport": ".review.check",
    "check_case": ".review.check",
    "check_case_file": ".review.check",
    "review_timescales": ".review.timescales",
    "open_review": ".review_page",
    "load_reviewer_decisions": ".redaction.reviewer_decisions",
    "reviewer_decisions_path": ".redaction.reviewer_decisions",
}


__getattr__ = lazy_exports(__name__, globals(), _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # for editors and type checkers: the same names, imported eagerly
    from .case.casefile import case_schema, load_case, parse_case, read_case_text
    from .case.model import Case
    from .case.pseudonyms import case_pseudonyms
    from .documents.build import BuildResult, build_documents
    from .examples import example_case_path, load_example_case
    from .genogram import draw_genogram, write_genogram
    from .libreoffice import convert_to_pdf
    from .packs.leak_gate import LeakHit, LeakReport
    from .packs.pack import PackResult, build_pack, scan_files
    from .redaction import Redactor, Span, load_profile
    from .review.charts import chronology_lanes_chart, timeline_chart
    from .review.check import CheckReport, check_case, check_case_file
    from .review.chronology_import import ImportResult, import_chronologies
    from .review.timescales import review_timescales
    from .review_page import open_review
    from .redaction.reviewer_decisions import load_reviewer_decisions, reviewer_decisions_path

__all__ = [
    "BuildResult",
    "Case",
    "CaseFileError",
    "CaseFileWarning",
    "CheckReport",
    "ImportResult",
    "InputFormatError",
    "LeakError",
    "LeakHit",
    "LeakReport",
    "OutputError",
    "PackResult",
    "Problem",
    "Redactor",
    "RulesError",
    "ScrdocsError",
    "ScrdocsWarning",
    "Span",
    "TemplateError",
    "ToolMissingError",
    "build_documents",
    "build_pack",
    "case_pseudonyms",
    "case_schema",
    "check_case",
    "check_case_file",
    "chronology_lanes_chart",
    "convert_to_pdf",
    "draw_genogram",
    "example_case_path",
    "import_chronologies",
    "load_case",
    "load_example_case",
    "load_profile",
    "load_reviewer_decisions",
    "open_review",
    "parse_case",
    "read_case_text",
    "review_timescales",
    "reviewer_decisions_path",
    "scan_files",
    "timeline_chart",
    "write_genogram",
]
