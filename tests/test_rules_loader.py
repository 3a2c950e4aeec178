"""The word lists are read with libyaml's safe loader for speed: it must read every shipped rules file
exactly as PyYAML's own safe loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scrdocs.redaction.lexicon import _SAFE_LOADER, read_rules_file

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "redaction_rules").rglob("*.yaml"))


def test_libyaml_is_the_loader_in_use():
    assert _SAFE_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_each_rules_file_reads_the_same_with_either_loader(path):
    assert read_rules_file(path) == yaml.safe_load(path.read_text(encoding="utf-8"))
