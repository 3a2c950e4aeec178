"""The small types every section of the case file is built from: UK dates, 24-hour times, trimmed text, ids."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .dates import parse_date, parse_time

# --------------------------------------------------------------------------
# Small types


def _date(value: Any) -> Any:
    return None if value is None or value == "" else parse_date(value)


UKDate = Annotated[date, BeforeValidator(_date)]
Time24 = Annotated[str, BeforeValidator(parse_time)]
Text = Annotated[str, AfterValidator(lambda s: s.strip())]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
                          description="A short identifier used to refer to this entry elsewhere in the case file (letters, digits, _ . -).")]


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, so a typo is never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Sex(str, Enum):
    M = "M"
    F = "F"
    U = "U"
