"""The review-type wording (``templates/wording.yaml``): the board's own copy first, else the shipped one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import TemplateError
from ..resources import data_dir, safe_yaml

WORDING_FILE = "wording.yaml"


def board_file(templates_dir: str | Path | None, name: str) -> Path:
    """A data file a board may edit: its own copy in its templates folder first, else the shipped one."""
    if templates_dir is not None and (Path(templates_dir) / name).is_file():
        return (Path(templates_dir) / name).resolve()
    return (data_dir("templates") / name).resolve()


def read_board_yaml(path: Path, what: str, remedy: str) -> Any:
    """A board's YAML file, or one plain error saying which file and what to do."""
    try:
        return safe_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise TemplateError(f"The {what} {path} cannot be read ({e}).",
                            hint=f"Correct the file, or remove it from your templates folder to use the shipped {remedy}.") from None


@lru_cache(maxsize=8)
def _read_wording(path: Path, mtime: float) -> dict[str, Any]:
    data = read_board_yaml(path, "wording file", "wording")
    if not isinstance(data, dict) or not {"groups", "types"} <= data.keys():
        raise TemplateError(f"The wording file {path} must have 'groups' and 'types' sections.",
                            hint="Start from the shipped templates/wording.yaml.")
    return data


def load_wording(templates_dir: str | Path | None = None) -> dict[str, Any]:
    """The review-type wording (templates/wording.yaml), the board's own copy first."""
    path = board_file(templates_dir, WORDING_FILE)
    return _read_wording(path, path.stat().st_mtime)
