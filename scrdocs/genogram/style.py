"""The genogram's look, read from ``genogram/style.yaml`` (data a board may edit).

The file is checked when loaded: a wrong key or value stops the drawing with
a :class:`~scrdocs.errors.RulesError` naming the setting, so a typo never
silently changes a published genogram.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import RulesError
from ..resources import data_dir, safe_yaml

LineStyle = Literal["solid", "dashed", "dotted"]
_COLOUR = re.compile(r"^(#[0-9A-Fa-f]{6}|[a-z]+)$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Font(_Section):
    name: str = Field(min_length=1)
    size: float = Field(gt=4, le=30)
    legend_size: float = Field(gt=4, le=30)


class Colours(_Section):
    line: str
    fill: str
    household: list[str] = Field(min_length=1)

    @field_validator("line", "fill")
    @classmethod
    def _one(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise ValueError(f"'{value}' is not a colour (use a name such as black or a code such as #404040)")
        return value

    @field_validator("household")
    @classmethod
    def _many(cls, values: list[str]) -> list[str]:
        for value in values:
            cls._one(value)
        return values


class Sizes(_Section):
    symbol: float = Field(ge=10, le=100)
    loss_cross: float = Field(ge=3, le=40)
    stillbirth: float = Field(ge=5, le=60)
    line_width: float = Field(gt=0, le=5)
    household_line_width: float = Field(gt=0, le=5)
    column_gap: float = Field(ge=4, le=200)
    partner_gap: float = Field(ge=10, le=300)
    row_gap: float = Field(ge=10, le=300)
    household_padding: float = Field(ge=1, le=50)
    stroke: float = Field(ge=2, le=30)
    png_dpi: int = Field(ge=50, le=600)


class Lines(_Section):
    enduring: LineStyle
    transitory: LineStyle
    birth: LineStyle
    adopted: LineStyle
    fostered: LineStyle
    household: list[LineStyle] = Field(min_length=1)  # one per household, in turn (one style alone also accepted)

    @field_validator("household", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def _one_slot(value: str) -> str:
    if value.count("{}") != 1:
        raise ValueError(f"'{value}' must contain {{}} once, where the date goes")
    return value


class Labels(_Section):
    born: str
    died: str
    lifespan: str
    miscarriage: str
    abortion: str
    stillbirth: str

    @field_validator("born", "died", "miscarriage", "abortion", "stillbirth")
    @classmethod
    def _slot(cls, value: str) -> str:
        return _one_slot(value)

    @field_validator("lifespan")
    @classmethod
    def _two_slots(cls, value: str) -> str:
        if value.count("{}") != 2:
            raise ValueError(f"'{value}' must contain {{}} twice (birth year, then year of death)")
        return value


class Legend(_Section):
    title: str
    male: str
    female: str
    unknown: str
    subject: str
    deceased: str
    enduring: str
    transitory: str
    separated: str
    divorced: str
    birth: str
    adopted: str
    fostered: str
    twins: str
    identical_twins: str
    miscarriage: str
    abortion: str
    stillbirth: str
    household: str

    @field_validator("household")
    @classmethod
    def _slot(cls, value: str) -> str:
        return _one_slot(value)


class GenogramStyle(_Section):
    """Every setting of ``style.yaml``; all are required so the file documents itself."""

    font: Font
    colours: Colours
    sizes: Sizes
    lines: Lines
    labels: Labels
    legend: Legend


def default_style_path() -> Path:
    return data_dir("genogram") / "style.yaml"


def load_style(path: str | Path | None = None) -> GenogramStyle:
    """Read and check a genogram style file (the shipped one when ``path`` is None)."""
    path = Path(path) if path is not None else default_style_path()
    return _load(path.resolve(), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> GenogramStyle:
    hint = "Correct the genogram style file, or restore the one shipped with scrdocs."
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"The genogram style file {path} does not exist.", hint=hint) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise RulesError(f"The genogram style file {path} cannot be read: {e}", hint=hint) from None
    if not isinstance(data, dict):
        raise RulesError(f"The genogram style file {path} must be a mapping of settings.", hint=hint)
    try:
        return GenogramStyle.model_validate(data)
    except ValidationError as e:
        lines = [f"The genogram style file {path} has {e.error_count()} problem{'s' if e.error_count() != 1 else ''}:"]
        for err in e.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"])
            msg = "is not a setting scrdocs knows" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
            lines.append(f"  - {where}: {msg}")
        raise RulesError("\n".join(lines), hint=hint) from None
