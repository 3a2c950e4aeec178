"""The example cases shipped with scrdocs.

``adult_a_sar.yaml`` is a complete, wholly fictional Safeguarding Adults
Review used by ``scrdocs demo``, the documentation and the tests.
``minimal.yaml`` holds only the three required sections (review, panel,
people), the least a case file can be. Every name, address, phone number
and NHS number in them is invented.
"""

from __future__ import annotations

from pathlib import Path

from ..case.casefile import load_case
from ..case.model import Case

_HERE = Path(__file__).resolve().parent

EXAMPLE_CASE = "adult_a_sar.yaml"
MINIMAL_CASE = "minimal.yaml"


def example_case_path(name: str = EXAMPLE_CASE) -> Path:
    """Path of a shipped example case file (the full SAR by default).

    Treat the file as read-only: copy it before editing.
    """
    path = _HERE / name
    if not path.is_file():
        available = ", ".join(sorted(p.name for p in _HERE.glob("*.yaml")))
        raise FileNotFoundError(f"There is no example case called {name!r} (available: {available}).")
    return path


def minimal_case_path() -> Path:
    """Path of the minimal example (only review, panel and people)."""
    return example_case_path(MINIMAL_CASE)


def load_example_case(name: str = EXAMPLE_CASE) -> Case:
    """The example case, read and checked like any other case file."""
    return load_case(example_case_path(name))


__all__ = ["example_case_path", "load_example_case", "minimal_case_path"]
