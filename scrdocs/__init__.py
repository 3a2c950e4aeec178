"""scrdocs: UK safeguarding case review documents from one case file, anonymised safely.

The pipeline reads top to bottom, and so does this API:

1. case file  -> :func:`load_case` (a checked :class:`Case`)
2. checks     -> :func:`check_case` (timescales, chronology, SMART, IMR quality, independence)
3. documents  -> :func:`build_documents` (Word from the templates, PDF through LibreOffice),
                 :func:`draw_genogram`
4. redaction  -> :class:`Redactor` (one per run: consistent pseudonyms across documents)
5. pack       -> :func:`build_pack` (regulator, publication, family) behind the leak gate,
                 :func:`scan_files` for any file edited by hand

The CLI (``scrdocs``) and any future web page use only what is exported here.
"""

from .documents.build import BuildResult, build_documents
from .case.casefile import case_schema, load_case, parse_case, read_case_text
from .review.charts import chronology_lanes_chart, timeline_chart
from .review.chronology_import import ImportResult, import_chronologies
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
from .examples import example_case_path, load_example_case
from .genogram import draw_genogram, write_genogram
from .packs.leak_gate import LeakHit, LeakReport
from .case.model import Case
from .packs.pack import PackResult, build_pack, scan_files
from .libreoffice import convert_to_pdf
from .case.pseudonyms import case_pseudonyms
from .redaction import Redactor, Span, load_profile
from .review.check import CheckReport, check_case, check_case_file
from .review.timescales import review_timescales

from ._version import __version__

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
    "parse_case",
    "read_case_text",
    "review_timescales",
    "scan_files",
    "timeline_chart",
    "write_genogram",
]
