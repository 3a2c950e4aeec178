"""The small types every section of the case file is built from: UK dates, 24-hour times, trimmed text, ids."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WrapSerializer, WrapValidator

from .dates import parse_date, parse_time

# --------------------------------------------------------------------------
# Small types


def _date(value: Any) -> Any:
    return None if value is None or value == "" else parse_date(value)


UKDate = Annotated[date, BeforeValidator(_date)]
Time24 = Annotated[str, BeforeValidator(parse_time)]
Text = Annotated[str, AfterValidator(lambda s: s.strip())]
# --------------------------------------------------------------------------
# A list the case file may state as empty: `interviews: none`


class StatedNone(list):
    """An empty list the case file states as empty with the word ``none`` ("no interviews were held").

    It is an empty list to every reader (it iterates nothing and is false), so code that lists the
    items needs no change; the documents tell it from a list simply left out, which is a draft
    marker until the author says. Written back to YAML as ``none``."""

    def __repr__(self) -> str:
        return "StatedNone()"


NONE_WORD = "none"


def is_stated_none(value: Any) -> bool:
    return isinstance(value, StatedNone)


def _none_or_list(value: Any, handler: Any) -> Any:
    if isinstance(value, StatedNone) or (isinstance(value, str) and value.strip().casefold() == NONE_WORD):
        return StatedNone()
    return handler(value)


def _none_out(value: Any, handler: Any) -> Any:
    return NONE_WORD if isinstance(value, StatedNone) else handler(value)


class _NoneInSchema:
    """`scrdocs schema`: the list, or the word none."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [handler(core_schema), {"const": NONE_WORD, "description":
                "There were none: the documents say so in words (leave the field out while it is not known)."}]}


T = TypeVar("T")
#: ``list[X]`` that also takes the word ``none`` (see :class:`StatedNone`).
NoneOr = Annotated[T, WrapValidator(_none_or_list), WrapSerializer(_none_out), _NoneInSchema()]

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
                          description="A short identifier used to refer to this entry elsewhere in the case file (letters, digits, _ . -).")]


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, so a typo is never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Sex(str, Enum):
    M = "M"
    F = "F"
    U = "U"
