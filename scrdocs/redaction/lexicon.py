"""The word lists in redaction_rules/ (names.yaml, keep_organisations.yaml,
settings_words.yaml), read once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RulesError
from ..resources import data_dir, safe_yaml


def read_rules_file(path: Path) -> dict[str, Any]:
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise RulesError(f"Cannot read the redaction rules file {path} ({e.strerror}).",
                         hint="Reinstall scrdocs or restore the file from the repository.") from None
    except yaml.YAMLError as e:
        raise RulesError(f"The redaction rules file {path} is not valid YAML: {e}",
                         hint="Correct the file and run the command again.") from None
    if not isinstance(data, dict):
        raise RulesError(f"The redaction rules file {path} must be a mapping.", hint="Correct the file.")
    return data


def _strings(data: dict, key: str, path: Path) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"In {path}, '{key}' must be a list of words.", hint="Correct the file.")
    return [v.strip() for v in value]


@dataclass(frozen=True)
class Lexicon:
    titles: tuple[str, ...]
    honorifics: dict[str, tuple[str, ...]]
    postnominals: frozenset[str]
    particles: frozenset[str]
    also_words: frozenset[str]
    not_initials: frozenset[str]
    keep_places: tuple[str, ...]
    ner_ignore: frozenset[str]
    keep_organisations: tuple[str, ...]
    settings: dict[str, Any]
    relationship_words: frozenset[str] = frozenset()
    vehicle_makes: frozenset[str] = frozenset()
    vehicle_models: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    folder = data_dir("redaction_rules")
    names_path = folder / "names.yaml"
    names = read_rules_file(names_path)
    honorifics = names.get("honorifics", {})
    if not isinstance(honorifics, dict) or not all(isinstance(v, list) for v in honorifics.values()):
        raise RulesError(f"In {names_path}, 'honorifics' must map a title to its written forms.", hint="Correct the file.")
    orgs_path = folder / "keep_organisations.yaml"
    orgs = read_rules_file(orgs_path)
    settings_path = folder / "settings_words.yaml"
    settings = read_rules_file(settings_path)
    for section in ("after_name", "lowercase_after_name", "before_name"):
        groups = settings.get(section, {})
        if not isinstance(groups, dict):
            raise RulesError(f"In {settings_path}, '{section}' must map an entity type to a tag and cues.", hint="Correct the file.")
        for entity, group in groups.items():
            if not isinstance(group, dict) or not isinstance(group.get("tag"), str):
                raise RulesError(f"In {settings_path}, {section}.{entity} needs a tag and a list of cues.", hint="Correct the file.")
            _strings(group, "cues", settings_path)
    _strings(settings, "not_a_name_start", settings_path)
    return Lexicon(
        titles=tuple(_strings(names, "titles", names_path)),
        honorifics={k: tuple(v) for k, v in honorifics.items()},
        postnominals=frozenset(w.casefold() for w in _strings(names, "postnominals", names_path)),
        particles=frozenset(w.casefold() for w in _strings(names, "surname_particles", names_path)),
        also_words=frozenset(w.casefold() for w in _strings(names, "also_words", names_path)),
        not_initials=frozenset(_strings(names, "not_initials", names_path)),
        keep_places=tuple(_strings(names, "keep_places", names_path)),
        ner_ignore=frozenset(w.casefold() for w in _strings(names, "ner_ignore", names_path)),
        keep_organisations=tuple(_strings(orgs, "organisations", orgs_path)),
        settings=settings,
        relationship_words=frozenset(w.casefold() for w in _strings(names, "relationship_words", names_path)),
        vehicle_makes=frozenset(w.casefold() for w in _strings(names, "vehicle_makes", names_path)),
        vehicle_models=frozenset(w.casefold() for w in _strings(names, "vehicle_models", names_path)),
    )
