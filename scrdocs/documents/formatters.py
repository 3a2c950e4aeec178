"""Small formatters the contexts of several documents share.

Author text becomes paragraphs, people and agencies become display lines,
and a recommendation becomes the row the overview report, the action plan
and the IMRs all show.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..case.dates import uk
from ..case.model import Agency, Case, Recommendation
from .drafting import marker, todo

#: Kept for boards' own code; the documents never print it (a gap is a draft marker, see drafting.py).
NOT_RECORDED = "Not recorded"


def paragraphs(text: str | None) -> list[str]:
    """Split author text into paragraphs at blank lines; single line breaks become spaces."""
    if not text:
        return []
    return [re.sub(r"\s*\n\s*", " ", block).strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def _agency_label(case: Case, agency_id: str | None) -> str:
    if not agency_id:
        return ""
    try:
        return case.agency(agency_id).label
    except KeyError:
        return agency_id


def signatory(s, what: str = "name and job title") -> str:
    """"Name, job title" of a signatory; a missing job title is a draft marker, never left out."""
    if s is None:
        return todo(what)
    return f"{s.name}, {s.job_title or marker('job_title')}"


def signature_block(s, signed: date | None = None) -> dict[str, str]:
    """Name, job title and date of one signature block; a gap is a draft marker."""
    when = signed or (s.date if s else None)
    return {"name": s.name if s else todo("name"), "job_title": (s.job_title if s else None) or marker("job_title"),
            "date": uk(when) or todo("date signed")}


#: The SMART warnings that mean a part of the recommendation is missing or vague, and the marker shown for each.
_SMART_MARKERS = {
    "smart.no_key_actions": ("key_actions_text", "recommendation.key_actions"),
    "smart.no_evidence": ("evidence", "recommendation.evidence"),
    "smart.no_outcome": ("key_outcome", "recommendation.key_outcome"),
    "smart.outcome_not_measurable": ("key_outcome", "recommendation.outcome_measure"),
    "smart.no_target_date": ("target_date", "recommendation.target_date"),
}

#: Every cell an action plan table must fill (multi-agency and single-agency), and its marker when empty:
#: a blank cell in a plan the board signs off reads as nobody's job.
_REQUIRED_CELLS = {
    "key_actions_text": "recommendation.key_actions", "evidence": "recommendation.evidence",
    "key_outcome": "recommendation.key_outcome", "target_date": "recommendation.target_date",
    "lead_agency": "recommendation.lead_agency", "lead_person": "recommendation.lead_person",
    "monitoring": "recommendation.monitoring", "status_progress": "recommendation.status",
}


def recommendation_row(case: Case, rec: Recommendation, *, agency: Agency | None = None,
                       today: date | None = None) -> dict[str, Any]:
    """One recommendation as every table shows it, with its Red/Amber/Green status computed as
    `scrdocs check` computes it, and a draft marker where the SMART check finds a part missing or vague.

    ``agency`` is the agency whose own IMR action plan holds ``rec`` (it leads, and its plan dates from the sign-off).
    """
    from ..review.smart import check_recommendation, rag_status

    actions = [{"number": f"{rec.number}.{i}", "text": text} for i, text in enumerate(rec.key_actions, start=1)]
    status = rec.status.capitalize()
    rag, rag_reason = rag_status(rec, today or date.today())
    plan_date = (agency.signed_off or agency.imr_received) if agency else case.review.key_dates.action_plan_agreed
    findings = check_recommendation(rec, "", plan_date=plan_date, implied_lead=agency.id if agency else None)
    row: dict[str, Any] = {
        "number": rec.number,
        "recommendation": rec.recommendation,
        "agencies": ", ".join(_agency_label(case, a) for a in rec.agencies),
        "lead_agency": _agency_label(case, rec.lead_agency or (agency.id if agency else None)),
        "key_actions": actions,
        "key_actions_text": "\n".join(f"{a['number']} {a['text']}" for a in actions),
        "evidence": rec.evidence or "",
        "key_outcome": rec.key_outcome or "",
        "target_date": uk(rec.target_date),
        "lead_person": rec.lead_person or "",
        "monitoring": rec.monitoring or "",
        "status": status,
        "progress": rec.progress or "",
        "status_progress": f"{status}: {rec.progress}" if rec.progress else status,
        "rag": rag.capitalize(),
        "rag_reason": rag_reason,
        "overdue": rag == "red" and rec.target_date is not None,
        "rag_text": f"{rag.capitalize()}{' (overdue)' if rag == 'red' and rec.target_date else ''}: {rag_reason}",
        "vague": "",
    }
    for f in findings:
        if f.code in _SMART_MARKERS:
            key, which = _SMART_MARKERS[f.code]
            if marker(which) not in row[key]:
                row[key] = (f"{row[key]} " if row[key] else "") + marker(which)
        elif f.code == "smart.vague_wording":
            row["vague"] = todo("make the recommendation specific and measurable (the SMART check finds "
                                + f.message.split(": ", 1)[-1].split(". Say")[0] + ")")
    for key, which in _REQUIRED_CELLS.items():
        if not str(row[key]).strip():
            row[key] = marker(which)
    return row
