"""The review-type wording (``templates/wording.yaml``): the board's own copy first, else the shipped one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import TemplateError
from ..resources import data_dir

WORDING_FILE = "wording.yaml"


@lru_cache(maxsize=8)
def _read_wording(path: Path, mtime: float) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise TemplateError(f"The wording file {path} cannot be read ({e}).",
                            hint="Correct the file, or remove it from your templates folder to use the shipped wording.") from None
    if not isinstance(data, dict) or not {"groups", "types"} <= data.keys():
        raise TemplateError(f"The wording file {path} must have 'groups' and 'types' sections.",
                            hint="Start from the shipped templates/wording.yaml.")
    return data


def load_wording(templates_dir: str | Path | None = None) -> dict[str, Any]:
    """The review-type wording (templates/wording.yaml), the board's own copy first."""
    path = None
    if templates_dir is not None and (Path(templates_dir) / WORDING_FILE).is_file():
        path = Path(templates_dir) / WORDING_FILE
    path = path or data_dir("templates") / WORDING_FILE
    return _read_wording(path.resolve(), path.stat().st_mtime)
