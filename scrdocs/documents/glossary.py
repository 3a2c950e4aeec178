"""The glossary appended to a report: the abbreviations its text uses, and the case's pseudonyms and roles.

The abbreviations come from a shipped, editable list (``templates/glossary.yaml``,
a board's own copy first); the pseudonyms and roles from the case file (people
with a pseudonym, agencies with a short name). Only the terms the document's
own text uses are listed (Herefordshire IMR toolkit 8.6; Cumbria Appendix C:
"All abbreviations and acronyms should be fully explained").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..case.model import Case, Role
from ..errors import TemplateError
from .wording import board_file, read_board_yaml

GLOSSARY_FILE = "glossary.yaml"


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float) -> dict[str, str]:
    data = read_board_yaml(path, "glossary list", "list")
    terms = data.get("abbreviations") if isinstance(data, dict) else None
    if not isinstance(terms, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                              for k, v in terms.items()):
        raise TemplateError(f"The glossary list {path} must have an 'abbreviations' section of 'ABBREVIATION: meaning' lines.",
                            hint="Start from the shipped templates/glossary.yaml.")
    return {k.strip(): v.strip() for k, v in terms.items()}


def load_abbreviations(templates_dir: str | Path | None = None) -> dict[str, str]:
    """The editable list of abbreviations: the board's own copy first, else the shipped one."""
    path = board_file(templates_dir, GLOSSARY_FILE)
    return _read(path, path.stat().st_mtime)


def context_texts(value: Any) -> Iterator[str]:
    """Every string in a document context (what the document can print)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from context_texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from context_texts(v)


def _uses(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w&]){re.escape(term)}(?![\w&])", text) is not None


def _case_terms(case: Case) -> list[tuple[str, str]]:
    """Pseudonyms and roles ("SW1: Social Worker, Adult Social Care") and agencies' short names."""
    agency_names = {a.id: a.name for a in case.agencies}
    terms = [(a.short_name, a.name) for a in case.agencies if a.short_name and a.short_name != a.name]
    for p in case.people:
        if not p.pseudonym or p.role is Role.subject:
            continue
        if p.role is Role.practitioner:
            meaning = ", ".join(x for x in (p.job_title, agency_names.get(p.agency or "", p.agency)) if x)
        else:
            meaning = p.relationship or p.role.value
        if meaning and meaning.lower() != p.pseudonym.lower():
            terms.append((p.pseudonym, meaning[0].upper() + meaning[1:]))
    return terms


def glossary_rows(case: Case, texts: Iterable[str], templates_dir: str | Path | None = None) -> list[dict[str, str]]:
    """The glossary of the document whose text is ``texts``: each term it uses, in alphabetical order."""
    text = "\n".join(texts)
    found: dict[str, str] = {}
    for term, meaning in [*_case_terms(case), *load_abbreviations(templates_dir).items()]:
        if term not in found and _uses(text, term):
            found[term] = meaning
    return [{"term": t, "meaning": found[t]} for t in sorted(found, key=str.lower)]
