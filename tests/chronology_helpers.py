"""Shared by the chronology import tests: the fixture folder and its table builder script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "review"
BASE_CASE = FIXTURES / "base_case.yaml"


def builder():
    """tests/fixtures/review/build_chronologies.py, loaded as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("build_chronologies", FIXTURES / "build_chronologies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
