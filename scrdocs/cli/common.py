"""Pieces shared by the CLI commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..casefile import load_case
from ..model import Case

CASE_ARGUMENT = click.argument("case", type=click.Path(dir_okay=False, path_type=Path))


def read_case(path: Path) -> Case:
    return load_case(path)
