"""Shipped YAML (word lists, procedures, templates' tables, genogram style) is read with libyaml's safe
loader for speed: it must read every shipped file exactly as PyYAML's own safe loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scrdocs.redaction.lexicon import read_rules_file
from scrdocs.resources import safe_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for folder in ("redaction_rules", "templates", "genogram", "scrdocs")
                 for p in (ROOT / folder).rglob("*.yaml"))


def test_libyaml_is_there_to_be_used():
    assert getattr(yaml, "CSafeLoader", None) is not None, "PyYAML was built without libyaml: reading is slower"


def test_there_are_shipped_files_to_compare():
    assert len(SHIPPED) >= 40 and any(p.name == "names.yaml" for p in SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_shipped_yaml_file_reads_the_same_with_either_loader(path):
    text = path.read_text(encoding="utf-8")
    assert safe_yaml(text) == yaml.safe_load(text)


def test_the_rules_files_are_read_through_it():
    path = ROOT / "redaction_rules" / "names.yaml"
    assert read_rules_file(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_yaml_error_is_still_a_yaml_error():
    with pytest.raises(yaml.YAMLError):
        safe_yaml("a: [1, 2\nb: 3")
