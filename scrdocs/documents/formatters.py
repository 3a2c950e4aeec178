"""Small formatters the contexts of several documents share.

Author text becomes paragraphs, people and agencies become display lines,
and a recommendation becomes the row the overview report, the action plan
and the IMRs all show.
"""

from __future__ import annotations

import re
from typing import Any

from ..case.dates import uk
from ..case.model import Case, Recommendation

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


def signatory(s) -> str:
    return ", ".join(x for x in (s.name, s.job_title) if x) if s else "Not recorded in the case file"


def recommendation_row(case: Case, rec: Recommendation) -> dict[str, Any]:
    actions = [{"number": f"{rec.number}.{i}", "text": text} for i, text in enumerate(rec.key_actions, start=1)]
    status = rec.status.capitalize()
    return {
        "number": rec.number,
        "recommendation": rec.recommendation,
        "agencies": ", ".join(_agency_label(case, a) for a in rec.agencies),
        "lead_agency": _agency_label(case, rec.lead_agency),
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
    }
