"""Shared by the pack and leak-gate tests: the fixture cases and the helpers that plant names in files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "packs"
ADULT = FIXTURES / "adult_k_sar.yaml"
CHILD = FIXTURES / "child_p_cspr.yaml"


def _load_plant():
    # plant.py also runs as a script (it writes the fixture files), so it lives beside them
    if "packs_plant" in sys.modules:
        return sys.modules["packs_plant"]
    spec = importlib.util.spec_from_file_location("packs_plant", FIXTURES / "plant.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["packs_plant"] = module
    spec.loader.exec_module(module)
    return module


plant = _load_plant()
