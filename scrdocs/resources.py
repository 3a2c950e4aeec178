"""Where the shipped data folders are: templates, redaction rules, genogram style.

In the repository they sit at the top level, where a board edits them; in an
installed wheel they are copied into ``scrdocs/_data`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ToolMissingError

_PACKAGE = Path(__file__).resolve().parent
_FOLDERS = ("templates", "redaction_rules", "genogram")


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (one of templates, redaction_rules, genogram)."""
    if name not in _FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {_FOLDERS}")
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ToolMissingError(
        f"The scrdocs data folder '{name}' is missing from this installation.",
        hint="Reinstall scrdocs (pip install --force-reinstall scrdocs) or run from a full checkout.",
    )


def package_file(*parts: str) -> Path:
    """A file shipped inside the Python package itself (examples, procedures)."""
    return _PACKAGE.joinpath(*parts)


def safe_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's loader where PyYAML has it: the same YAML subset and the same
    results (a test reads every shipped file both ways), several times faster on the large word lists,
    which `scrdocs check` reads at every run. Raises ``yaml.YAMLError`` as ``yaml.safe_load`` does."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
