"""Redaction profiles: who is named and what is removed, read from YAML.

The shipped profiles live in ``redaction_rules/`` (publication, regulator,
internal); a board can pass the path of its own profile file. Every file is
checked against :class:`Profile`; a mistake is a :class:`RulesError` naming
the file and the field.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import RulesError
from ..resources import data_dir, safe_yaml

#: The profiles shipped with scrdocs.
PROFILES = ("publication", "regulator", "internal")

Keep = Literal["always", "never", "childrens_reviews"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeepPanel(_Strict):
    board_chair: Keep = "always"
    panel_chair: Keep = "always"
    author: Keep = "always"
    members: Keep = "childrens_reviews"


class Replace(_Strict):
    operator: Literal["pseudonym", "tag", "keep"]
    tag: str | None = None

    @model_validator(mode="after")
    def _tag_given(self) -> "Replace":
        if self.operator == "tag" and not self.tag:
            raise ValueError("operator 'tag' needs a tag, e.g. tag: \"[address]\"")
        return self


class Profile(_Strict):
    name: str
    description: str = ""
    keep_panel: KeepPanel = Field(default_factory=KeepPanel)
    remove_case_people: bool = True
    remove_address_towns: bool = False  # the town of a case person's address (address_parts.py)
    ner: bool = True
    min_score: float = Field(0.5, ge=0, le=1)
    replace: dict[str, Replace] = Field(default_factory=dict)
    source: str = ""

    def removes(self, entity_type: str) -> bool:
        rule = self.replace.get(entity_type)
        return rule is not None and rule.operator != "keep"

    def keeps_panel_role(self, role: str, childrens_review: bool) -> bool:
        rule = getattr(self.keep_panel, role)
        return rule == "always" or (rule == "childrens_reviews" and childrens_review)


def _where(loc) -> str:
    return ".".join(str(p) for p in loc)


def _read(path: Path) -> Profile:
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise RulesError(f"Cannot read the redaction profile {path} ({e.strerror}).",
                         hint="Check the path, or use one of: " + ", ".join(PROFILES) + ".") from None
    except yaml.YAMLError as e:
        raise RulesError(f"The redaction profile {path} is not valid YAML: {e}",
                         hint="Correct the file (compare it with redaction_rules/publication.yaml).") from None
    if not isinstance(data, dict):
        raise RulesError(f"The redaction profile {path} must be a mapping of settings.",
                         hint="Compare it with redaction_rules/publication.yaml.")
    try:
        return Profile(**data, source=str(path))
    except ValidationError as e:
        problems = "; ".join(f"{_where(err['loc'])}: {err['msg'].removeprefix('Value error, ')}"
                             for err in e.errors(include_url=False))
        raise RulesError(f"The redaction profile {path} has problems: {problems}",
                         hint="Correct the file (compare it with redaction_rules/publication.yaml).") from None


@lru_cache(maxsize=None)
def _shipped(name: str) -> Profile:
    return _read(data_dir("redaction_rules") / f"{name}.yaml")


def load_profile(profile: str | Path | Profile) -> Profile:
    """A shipped profile by name, or a board's profile file by path."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str) and profile in PROFILES:
        return _shipped(profile)
    path = Path(profile)
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        return _read(path)
    raise RulesError(f"Unknown redaction profile '{profile}'.",
                     hint="Use publication, regulator or internal, or give the path of a profile .yaml file.")
