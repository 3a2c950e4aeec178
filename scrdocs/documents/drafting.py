"""Draft markers: how a document shows what is still to be written.

A finished document must not carry tool wording ("has not been provided in
the case file", "Not recorded"). A gap is a visible marker instead,
``[To be completed: lessons for the agency]``, and a document holding any
marker is stamped DRAFT on its cover; one with none carries its version and
approval date. The renderer looks for :data:`MARKER` in the filled-in
document, so a board's own template's gaps count too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from ..resources import safe_yaml

MARKER = "[To be completed: "

#: The table of marker wordings (plain words for the page) and the case-file field of each (for `scrdocs check`).
MARKERS_FILE = "markers.yaml"


def todo(what: str) -> str:
    """The marker for a missing part: ``[To be completed: what]``."""
    return f"{MARKER}{what}]"


@lru_cache(maxsize=1)
def markers() -> dict[str, dict[str, Any]]:
    """``templates/markers.yaml``, validated: each marker's ``text``, ``field`` and ``none``."""
    import yaml

    from ..errors import RulesError
    from ..resources import data_dir

    path = data_dir("templates") / MARKERS_FILE
    try:
        data = safe_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise RulesError(f"{path} cannot be read ({e}).", hint="Restore the shipped templates/markers.yaml.") from None
    table = data.get("markers") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table:
        raise RulesError(f"{path} has no 'markers:' table.", hint="Restore the shipped templates/markers.yaml.")
    for key, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            raise RulesError(f"{path}: the marker '{key}' needs a text.", hint="Give it `text: <plain words>`.")
        if "(" in entry["text"] and "." in entry["text"].split("(", 1)[1]:
            raise RulesError(f"{path}: the marker '{key}' names a field in its text ({entry['text']}).",
                             hint="Keep the field in `field:`; the text is what the reader of the document sees.")
    return table


def marker(key: str, **values: str) -> str:
    """The draft marker ``key`` of templates/markers.yaml, with ``{start}``-style values filled in."""
    return todo(markers()[key]["text"].format(**values))


def status_context(case: Any, draft: bool) -> dict[str, Any]:
    """``draft`` and ``status_line`` for the cover: DRAFT, or the version and approval date."""
    from ..case.dates import uk

    r = case.review
    approved = r.approved or r.key_dates.completed
    unset = " and ".join(x for x, have in (("version", r.version), ("approval date", approved)) if not have)
    if draft:
        line = "DRAFT: the parts marked [To be completed] are still to be written"
        if unset:  # the fields (review.version, review.approved) are named by `scrdocs check`, not on the cover
            line += f"; the {unset} {'are' if ' and ' in unset else 'is'} still to be given"
    elif r.version and approved:
        line = f"Version {r.version}, approved on {uk(approved)}"
    else:
        line = todo(f"the {unset}")
    return {"draft": draft, "status_line": line, "version": r.version or "", "approved": uk(approved)}
