"""Plain messages for what is wrong in a case file, all found in one run.

* A comma or a colon in an unquoted value that YAML split into a new field
  (``{name: Smith, Jo}`` or ``event: Visit, outcome: referral``): the message
  shows the value in quotes.
* A value with a stray space ("CSPR ") is accepted (spaces around a value are
  dropped before checking); a value still not allowed is quoted exactly.
* A date written as an estimate ("Mid Nov 2024", "? 03/2019") suggests the
  best estimate, ``date_uncertain: true`` and ``date_text``.
* References between sections (person and agency ids) are checked on the
  data as written, so they are reported together with every other problem.
"""

from __future__ import annotations

import re
import typing
from collections import Counter
from difflib import get_close_matches
from typing import Any, Iterable

from pydantic import BaseModel

from ..errors import Problem
from .dates import uk
from .vague_dates import DateCellError, read_when

_FRIENDLY = {
    "extra_forbidden": "is not a field scrdocs knows (check the spelling; `scrdocs schema` lists the fields)",
    "missing": "is required but missing",
}
_DATE_FIELDS_WITH_UNCERTAINTY = {"date"}  # chronology entries have date_uncertain and date_text


def strip_values(data: Any) -> Any:
    """The data with spaces around every text value dropped ("CSPR " is "CSPR")."""
    if isinstance(data, dict):
        return {k: strip_values(v) for k, v in data.items()}
    if isinstance(data, list):
        return [strip_values(v) for v in data]
    return data.strip() if isinstance(data, str) else data


def path_of(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "tagged-union")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _at(data: Any, loc: list[Any]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _split_value(data: Any, loc: list[Any]) -> str | None:
    """A key that is the rest of the value before it, split off at a comma: the fix, or None."""
    key, parent = loc[-1], _at(data, loc[:-1])
    if not isinstance(parent, dict) or parent.get(key) is not None or not isinstance(key, str):
        return None
    if re.fullmatch(r"[a-z][a-z0-9_]*", key):
        return None  # looks like a field name: a misspelt field, not a split value
    keys = list(parent)
    i = keys.index(key)
    if i == 0 or not isinstance(parent[keys[i - 1]], str):
        return None
    previous = keys[i - 1]
    joined = f"{parent[previous]}, {key}".replace('"', '\\"')
    return (f"'{key}' looks like the rest of the {previous} value, split off at the comma (inside {{ }} a comma "
            f"starts a new field); put the value in quotes: {previous}: \"{joined}\"")


def _uncertain_date(value: Any, field: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = read_when(value)
    except DateCellError:
        return None
    if not (when.uncertain or when.end or when.time):
        return None
    if when.time and not when.uncertain:
        return f"'{value}' has a time in it; write the date ({uk(when.date)}) here and the time ({when.time}) in 'time'"
    if when.date is None:
        estimate = "your best estimate of the date (dd/mm/yyyy)"
    else:
        estimate = uk(when.date) + (f", date_end: {uk(when.end)}" if when.end else "")
    if field in _DATE_FIELDS_WITH_UNCERTAINTY:
        return (f"'{value}' is not an exact date; if it is not known exactly, write the best estimate "
                f"(date: {estimate}), add date_uncertain: true, and keep the words in date_text: \"{value}\"")
    return f"'{value}' is not an exact date; write the best estimate ({estimate}) and say it is an estimate in a note"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold (Agency in ``list[Agency] | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _fields_at(model: type[BaseModel] | None, loc: list[Any]) -> list[str]:
    """The field names scrdocs knows at ``loc`` (the path of the mapping that holds the unknown field)."""
    models = [model] if model else []
    for part in loc:
        if isinstance(part, int):
            continue  # a list item: the same model
        models = [m for current in models if (f := current.model_fields.get(str(part)))
                  for m in _models_in(f.annotation)]
    return sorted({name for m in models for name in m.model_fields})


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """' (did you mean 'members'?)' for the closest known word, or '' when none is close."""
    close = get_close_matches(str(word).strip(), list(known), n=1, cutoff=0.6)
    if not close:
        close = get_close_matches(str(word).strip().casefold(), [k.casefold() for k in known], n=1, cutoff=0.6)
        close = [next(k for k in known if k.casefold() == close[0])] if close else []
    return f" (did you mean '{close[0]}'?)" if close else ""


def validation_problems(errors: list[dict[str, Any]], data: Any, model: type[BaseModel] | None = None) -> list[Problem]:
    """Pydantic's errors as plain problems, each with the fix where scrdocs can tell it (for an unknown
    field, the closest field ``model`` knows there)."""
    problems = []
    for e in errors:
        loc = [p for p in e["loc"] if not str(p).startswith("function-")]
        msg = _FRIENDLY.get(e["type"]) or e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            split = _split_value(data, loc)
            hint = did_you_mean(loc[-1], _fields_at(model, loc[:-1])) if loc and not split else ""
            msg = split or (f"is not a field scrdocs knows{hint}; check the spelling (`scrdocs schema` lists the fields)"
                            if hint else msg)
        elif e["type"] in ("enum", "literal_error") and "expected" in e.get("ctx", {}):
            msg = f"must be one of {e['ctx']['expected']} (the file has {e.get('input')!r})"
        elif loc and str(loc[-1]) in ("date", "date_end", "dob", "dod") or "date" in msg.lower():
            msg = _uncertain_date(e.get("input"), str(loc[-1]) if loc else "") or msg
        problems.append(Problem(path_of(loc), msg))
    return problems


def yaml_error_problem(problem: str, line: int | None, column: int | None, text: str) -> tuple[Problem, str]:
    """A YAML syntax error as a problem and a hint; a colon inside an unquoted value points to quoting."""
    where = f"line {line + 1}, column {column + 1}" if line is not None and column is not None else ""
    hint = "Check the indentation and punctuation at that line (a missing colon, a tab, an unclosed quote)."
    if "mapping values are not allowed" in problem and line is not None:
        source = text.split("\n")[line] if line < len(text.split("\n")) else ""
        m = re.match(r"^(\s*(?:-\s+)?)([^\s:#][^:]*?):\s+(.*\S)\s*$", source)
        if m:
            value = m[3].replace('"', '\\"')
            return (Problem(where, f"the value of '{m[2]}' has ': ' in it, which YAML reads as the start of another field"),
                    f"Put the whole value in quotes: {m[2]}: \"{value}\"")
        hint = "A value with ': ' (or a comma inside { }) in it must be in quotes."
    return Problem(where, f"the YAML cannot be read: {problem}"), hint


# --------------------------------------------------------------------------
# References, on the data as written


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _ids(items: list[tuple[int, dict]]) -> list[tuple[int, str]]:
    return [(i, str(v["id"]).strip()) for i, v in items if isinstance(v.get("id"), (str, int))]


def cross_reference_problems(data: Any) -> list[Problem]:
    """Ids must be unique and every reference must point at something (checked even when other fields are wrong)."""
    problems: list[Problem] = []
    people, agencies = _ids(_items(data, "people")), _ids(_items(data, "agencies"))
    for name, ids, what in (("people", people, "person id"), ("agencies", agencies, "agency id")):
        counts = Counter(v for _, v in ids)
        for dup in [v for v, n in counts.items() if n > 1]:
            first = next(i for i, v in ids if v == dup)
            extra = "; each person needs their own id" if name == "people" else ""
            problems.append(Problem(f"{name}[{first}].id", f"the {what} '{dup}' is used more than once{extra}"))
    person_ids, agency_ids = {v for _, v in people}, {v for _, v in agencies}
    known_agencies = ", ".join(sorted(agency_ids)) or "none are listed under 'agencies'"

    def person(path: str, pid: Any) -> None:
        if isinstance(pid, str) and pid.strip() not in person_ids:
            problems.append(Problem(path, f"'{pid}' is not the id of anyone under 'people'{did_you_mean(pid, person_ids)}"))

    def agency(path: str, aid: Any) -> None:
        if isinstance(aid, str) and aid.strip() and aid.strip() not in agency_ids:
            problems.append(Problem(path, f"'{aid}' is not the id of an agency{did_you_mean(aid, agency_ids)} "
                                          f"(known: {known_agencies})"))

    for i, p in _items(data, "people"):
        agency(f"people[{i}].agency", p.get("agency"))
    family = data.get("family") if isinstance(data, dict) else None
    if isinstance(family, dict):
        for i, part in _items(family, "partnerships"):
            for j, pid in enumerate(part.get("partners") or []):
                person(f"family.partnerships[{i}].partners[{j}]", pid)
            for j, child in enumerate(part.get("children") or []):
                person(f"family.partnerships[{i}].children[{j}]", child.get("id") if isinstance(child, dict) else child)
        for i, tw in enumerate(family.get("twins") or []):
            members = tw.get("members", []) if isinstance(tw, dict) else tw if isinstance(tw, list) else []
            for j, pid in enumerate(members):
                if isinstance(pid, str) and pid.strip() != "identical":
                    person(f"family.twins[{i}][{j}]", pid)
        for i, hh in _items(family, "households"):
            for j, pid in enumerate(hh.get("members") or []):
                person(f"family.households[{i}].members[{j}]", pid)
    for i, entry in _items(data, "chronology"):
        agency(f"chronology[{i}].agency", entry.get("agency"))
        if entry.get("seen_person"):
            person(f"chronology[{i}].seen_person", entry.get("seen_person"))
    recommendations = [("recommendations", r) for r in _items(data, "recommendations")]
    for k, a in _items(data, "agencies"):
        if isinstance(a.get("imr"), dict):
            recommendations += [(f"agencies[{k}].imr.recommendations", r) for r in _items(a["imr"], "recommendations")]
    for prefix, (i, rec) in recommendations:
        for j, aid in enumerate(rec.get("agencies") or []):
            agency(f"{prefix}[{i}].agencies[{j}]", aid)
        agency(f"{prefix}[{i}].lead_agency", rec.get("lead_agency"))
    return problems
