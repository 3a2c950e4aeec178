"""Draft markers: how a document shows what is still to be written.

A finished document must not carry tool wording ("has not been provided in
the case file", "Not recorded"). A gap is a visible marker instead,
``[To be completed: lessons for the agency]``, and a document holding any
marker is stamped DRAFT on its cover; one with none carries its version and
approval date. The renderer looks for :data:`MARKER` in the filled-in
document, so a board's own template's gaps count too.
"""

from __future__ import annotations

from typing import Any

MARKER = "[To be completed: "


def todo(what: str) -> str:
    """The marker for a missing part: ``[To be completed: what]``."""
    return f"{MARKER}{what}]"


_FIELD = {"version": "review.version", "approval date": "review.approved"}


def status_context(case: Any, draft: bool) -> dict[str, Any]:
    """``draft`` and ``status_line`` for the cover: DRAFT, or the version and approval date."""
    from ..case.dates import uk

    r = case.review
    approved = r.approved or r.key_dates.completed
    unset = " and ".join(x for x, have in (("version", r.version), ("approval date", approved)) if not have)
    if draft:
        line = "DRAFT: the parts marked [To be completed] are still to be written"
        if unset:
            line += f"; the {unset} are still to be given (review.version and review.approved in the case file)" \
                if " and " in unset else f"; the {unset} is still to be given ({_FIELD[unset]} in the case file)"
    elif r.version and approved:
        line = f"Version {r.version}, approved on {uk(approved)}"
    else:
        line = todo(f"the {unset} (review.version, review.approved)")
    return {"draft": draft, "status_line": line, "version": r.version or "", "approved": uk(approved)}
