"""`scrdocs check` on what the documents will print as still to be written, naming the field.

A document says "[To be completed: interviews held for this review]" in plain
words; the case-file field that fills it belongs here, in `check`'s output
("review.methodology.interviews"), never on the page. The markers and their
fields are one data table, ``templates/markers.yaml``; this module reads it.
Only the gaps no other check reports are listed (the SMART check already names
a recommendation's missing key actions, evidence, outcome, date and lead agency).
"""

from __future__ import annotations

from typing import Any, Iterator

from ..case.model import Case
from ..case.types import is_stated_none
from .findings import Finding

#: The markers of templates/markers.yaml this check reports (the others are reported by the SMART check).
_REPORTED = ("review.methodology.interviews", "review.methodology.information_not_available",
             "review.parallel_processes", "panel.members", "imr.interviews", "imr.information_not_available",
             "imr.other_addresses", "imr.recommendations", "imr.staff_involved",
             "recommendation.lead_person", "recommendation.monitoring", "job_title")


def _values(root: Any, field: str) -> Iterator[tuple[str, Any, Any]]:
    """(path, value, owner) for ``field`` ("agencies[].imr.interviews"), every list item in turn; an absent part
    (an agency without an IMR) yields nothing."""
    items: list[tuple[str, Any]] = [("", root)]
    parts = field.split(".")
    for n, part in enumerate(parts):
        many, name = part.endswith("[]"), part.removesuffix("[]")
        last = n == len(parts) - 1
        nxt = []
        for path, obj in items:
            value = getattr(obj, name, None)
            here = f"{path}.{name}" if path else name
            if many:
                nxt += [(f"{here}[{i}]", v) for i, v in enumerate(value or [])]
            elif last:
                yield here, value, obj
            elif value is not None:
                nxt.append((here, value))
        items = nxt


def check_draft_gaps(case: Case) -> list[Finding]:
    """An info finding for each gap the documents will print as a draft marker, naming its field."""
    from ..documents.drafting import markers

    table = markers()
    findings = []
    for key in _REPORTED:
        entry = table[key]
        fields = [f.strip() for f in entry["field"].split(",")]
        if key.startswith("recommendation."):  # the review's recommendations and each IMR's have the same cells
            fields += [f"agencies[].imr.{f}" for f in fields]
        for path, value, _ in (found for f in fields for found in _values(case, f)):
            if value or is_stated_none(value) or (isinstance(value, str) and value.strip()):
                continue
            how = f"write it in {path}" + (", or `none` if there is none" if entry.get("none") else "")
            findings.append(Finding("info", "drafts.to_be_completed", path,
                                    f"the documents show \"[To be completed: {entry['text'].format(start='…', end='…')}]\" "
                                    f"(and are stamped DRAFT) until you {how}"))
    r = case.review
    for path, have, what in (("review.version", r.version, "version"),
                             ("review.approved", r.approved or r.key_dates.completed, "approval date")):
        if not have:
            findings.append(Finding("info", "drafts.to_be_completed", path,
                                    f"the documents' covers say the {what} is still to be given until you write it in "
                                    f"{path}" + (" (or review.key_dates.completed)" if what == "approval date" else "")))
    return findings
