"""Reading a case file (YAML) into a checked :class:`~scrdocs.case.model.Case`.

Every problem is reported with the file, the field path and what to do, all
at once, so an author fixes the file in one pass. The file is only read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import CaseFileError, InputFormatError, Problem
from ..inputs import read_text
from .casefile_problems import cross_reference_problems, strip_values, validation_problems, yaml_error_problem
from .model import Case


# libyaml's parser when PyYAML has it: ten times faster on a long chronology, and
# it refuses nesting past 1,000 levels by itself instead of recursing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CaseLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """YAML 1.1 without the surprises: dates stay text (so 31/02/2019 gets a
    clear message instead of a crash) and 14:30 stays a time, not 870."""


_CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# No sexagesimal (14:30 -> 870) and no octal (0705 -> 453): a leading zero
# keeps the text, so 0705 stays a time and 0123 stays a reference.
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""", re.X)
for _first, _resolvers in _CaseLoader.yaml_implicit_resolvers.items():
    _resolvers[:] = [(t, _INT if t == "tag:yaml.org,2002:int" else rx) for t, rx in _resolvers]


def parse_case(data: Any, source: str = "<case>") -> Case:
    """Check already-parsed YAML/JSON data and return the case.

    Every problem is reported at once: the fields, and the references
    between sections (checked on the data as written, so a wrong field
    elsewhere does not hide them)."""
    if not isinstance(data, dict):
        raise CaseFileError(source, [Problem("", "the file must be a mapping with 'review', 'panel' and 'people' at the top")])
    data = strip_values(data)  # "CSPR " is "CSPR"
    problems = cross_reference_problems(data)
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        raise CaseFileError(source, validation_problems(e.errors(include_url=False), data, Case) + problems) from None
    if problems:
        raise CaseFileError(source, problems)
    return case


def read_case_text(text: str, source: str = "<case>") -> Case:
    try:
        data = yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - a SafeLoader subclass
        if "&" in text and _expanded_size(data) > MAX_EXPANDED_NODES:
            raise _too_many_aliases(source)
        return parse_case(data, source)
    except yaml.YAMLError as e:
        if "maximum nesting depth" in str(getattr(e, "problem", "") or e):
            raise _too_deep(source) from None
        mark = getattr(e, "problem_mark", None)
        problem, hint = yaml_error_problem(getattr(e, "problem", None) or str(e), mark.line if mark else None,
                                           mark.column if mark else None, text)
        raise CaseFileError(source, [problem], hint=hint) from None
    except RecursionError:
        # PyYAML builds nested lists and mappings by recursion; no real case file nests more than a few levels.
        raise _too_deep(source) from None


def _too_deep(source: str) -> CaseFileError:
    return CaseFileError(source, [Problem("", "the YAML is nested too deeply to read (lists or mappings inside "
                                              "each other hundreds of levels deep)")],
                         hint="Check the file is a scrdocs case file; `scrdocs demo` writes an example.")


# A real case file, even with 10,000 chronology entries, is well under a million
# values once its YAML aliases (*name) are written out; a file of aliases of
# aliases ("billion laughs") is small on disk but would be expanded by every
# later step, so it is refused before anything walks it.
MAX_EXPANDED_NODES = 5_000_000


def _expanded_size(data: Any) -> int:
    """How many values the data holds with every alias written out (counted once per distinct object)."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        sizes[key] = 0  # a cycle counts once
        total = 1 + sum(size(child) for child in children)
        sizes[key] = min(total, MAX_EXPANDED_NODES + 1)
        return sizes[key]

    return size(data)


def _too_many_aliases(source: str) -> CaseFileError:
    return CaseFileError(source, [Problem("", "the YAML repeats parts of itself through aliases (*name) so many times "
                                              f"that it would hold more than {MAX_EXPANDED_NODES:,} values")],
                         hint="Write the case file without YAML anchors and aliases (& and *); "
                              "`scrdocs demo` writes an example.")


def load_case(path: str | Path) -> Case:
    """Read and check a case file. Raises :class:`CaseFileError` naming every problem."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise CaseFileError(str(path), [Problem("", "the file does not exist")],
                            hint="Check the path, or run `scrdocs demo` to see an example case file.")
    try:
        # A link is followed (the case file is parsed, not copied), but it must end at an ordinary file.
        text = read_text(path, allow_symlink=True, legacy=False)
    except InputFormatError as e:
        raise CaseFileError(str(path), [Problem("", f"the file cannot be read: {e.args[0]}")], hint=e.hint) from None
    return read_case_text(text, str(path))


# Short forms the model accepts (through its "before" validators) but that
# pydantic's schema does not show; without them an editor would mark a valid
# case file as wrong. (definition, field) -> what else may be written there.
_SHORTHANDS: dict[tuple[str, str], dict[str, Any]] = {
    ("ChronologyEntry", "time"): {"type": "integer", "description": "0905 is read as 09:05"},
    ("Recommendation", "number"): {"type": "number"},
}
_ITEM_SHORTHANDS: dict[tuple[str, str], dict[str, Any]] = {
    ("Partnership", "children"): {"type": "string", "description": "A person id (a birth child)."},
    ("Family", "twins"): {"type": "array", "items": {"type": "string"},
                          "description": "[id, id] or [id, id, identical]"},
}


def _allow(node: dict[str, Any], extra: dict[str, Any]) -> None:
    """Let ``node`` (a property or items schema) also accept ``extra``."""
    if "anyOf" in node:
        node["anyOf"].insert(0, extra)
        return
    keep = {k: node.pop(k) for k in ("title", "description", "default") if k in node}
    alternatives = [dict(node), extra]
    node.clear()
    node.update(keep, anyOf=alternatives)


def _dates_as_text(node: Any) -> None:
    """Case files write dates as text (31/12/2019), which 'format: date' would reject."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            del node["format"]
            node.setdefault("examples", ["31/12/2019"])
        for value in node.values():
            _dates_as_text(value)
    elif isinstance(node, list):
        for value in node:
            _dates_as_text(value)


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, for editors' autocompletion."""
    schema = Case.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    for (model, field), extra in _SHORTHANDS.items():
        if field in defs.get(model, {}).get("properties", {}):
            _allow(defs[model]["properties"][field], extra)
    for (model, field), extra in _ITEM_SHORTHANDS.items():
        prop = defs.get(model, {}).get("properties", {}).get(field)
        if prop and "items" in prop:
            _allow(prop["items"], extra)
    _dates_as_text(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "scrdocs case file"
    return schema


def case_schema_json() -> str:
    return json.dumps(case_schema(), indent=2, ensure_ascii=False)
