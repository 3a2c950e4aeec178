"""IMR quality against the Herefordshire "Standards for Individual Management Reviews".

Each criterion is rated Full and clear / Partial / Limited or none. What can be
measured from the case file is rated here (chronology present and complete,
occasions seen and wishes recorded, genogram present, analysis present,
recommendations with actions, signed off at director level); the rest needs a
person and is marked "for the panel to judge". The criteria are data:
``scrdocs/review/procedures/checks/imr_standards.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable


from ..case.dates import uk
from ..case.model import Agency, Case
from ..case.types import is_stated_none
from ..resources import package_file, safe_yaml
from .findings import Finding

FULL = "Full and clear"
PARTIAL = "Partial"
LIMITED = "Limited or none"
PANEL = "For the panel to judge"
NOT_IN_CASE_FILE = "Not in the case file"

#: What the standards form and `scrdocs check` say of an IMR whose case file states `recommendations: none`:
#: the agency's own statement, and whether none were needed is the panel's judgement, not a missing section.
STATED_NO_RECOMMENDATIONS = "The agency makes no recommendations"


@dataclass(frozen=True)
class CriterionRating:
    id: str
    section: str
    label: str
    rating: str
    reason: str

    @property
    def measured(self) -> bool:
        return self.rating not in (PANEL, NOT_IN_CASE_FILE)


@dataclass
class IMRQuality:
    agency_id: str
    agency: str
    ratings: list[CriterionRating] = field(default_factory=list)
    within_timescale: str = "not known"

    def to_dict(self) -> dict[str, Any]:
        return {"agency_id": self.agency_id, "agency": self.agency, "within_timescale": self.within_timescale,
                "ratings": [vars(r) | {"measured": r.measured} for r in self.ratings]}


@lru_cache(maxsize=1)
def _standards() -> dict[str, Any]:
    return safe_yaml(package_file("review", "procedures", "checks", "imr_standards.yaml").read_text(encoding="utf-8"))


def _words(text: str | None) -> int:
    return len(re.findall(r"\w+", text or ""))


# -- the measures ---------------------------------------------------------

def _genogram(case: Case, agency: Agency) -> tuple[str, str]:
    family = case.family
    if not family or not (family.partnerships or family.households):
        return LIMITED, "the case file has no family section, so no genogram can be drawn"
    subject = case.subject
    placed = subject is not None and any(
        subject.id in p.partners or any(c.id == subject.id for c in p.children) for p in family.partnerships)
    if not placed:
        return PARTIAL, "the family section does not place the subject in a partnership or as a child"
    return FULL, f"the case genogram has {len(family.partnerships)} partnership(s) and places the subject"


def _entries(case: Case, agency: Agency) -> list:
    return [e for e in case.chronology if e.agency == agency.id]


def _chronology(case: Case, agency: Agency) -> tuple[str, str]:
    entries = _entries(case, agency)
    if not entries:
        return LIMITED, "the agency has no entries in the chronology"
    no_source = sum(1 for e in entries if not e.source)
    period = case.review.period_under_review
    outside = sum(1 for e in entries if period and not (period.start <= e.date <= period.end))
    gaps = []
    if no_source:
        gaps.append(f"{no_source} without a source")
    if outside:
        gaps.append(f"{outside} outside the period under review")
    if gaps:
        return PARTIAL, f"{len(entries)} entries, {', '.join(gaps)}"
    return FULL, f"{len(entries)} entries, each with a source" + (" and inside the period under review" if period else "")


def _seen_and_wishes(case: Case, agency: Agency) -> tuple[str, str]:
    from .seen import about_subject

    # A sibling's contact is not the subject's (children's reviews name who was seen: seen_person).
    entries = [e for e in _entries(case, agency) if about_subject(case, e)]
    seen = sum(bool(e.seen) for e in entries)
    alone = sum(bool(e.seen_alone) for e in entries)
    wishes = sum(bool(e.wishes_sought) for e in entries)
    counts = f"seen {seen}, seen alone {alone}, wishes and feelings sought {wishes}"
    if not entries or (not seen and not wishes):
        return LIMITED, f"no entry records the individual being seen or their wishes ({counts})"
    if seen and wishes:
        return FULL, counts
    return PARTIAL, counts


_NO_IMR_TEXT = (NOT_IN_CASE_FILE, "the IMR's text is not in the case file (agencies[].imr); rate it from the IMR document")


def _analysis(case: Case, agency: Agency) -> tuple[str, str]:
    if agency.imr is None:
        return _NO_IMR_TEXT
    text = agency.imr.analysis
    if not text:
        return LIMITED, "no analysis in the IMR"
    words, least = _words(text), int(_standards()["analysis_min_words"])
    if words < least:
        return PARTIAL, f"the analysis is short ({words} words); its depth is for the panel to judge"
    return FULL, f"analysis present ({words} words); its depth is for the panel to judge"


def _recommendations(case: Case, agency: Agency) -> tuple[str, str]:
    if agency.imr is None:
        return _NO_IMR_TEXT
    recs = agency.imr.recommendations
    if is_stated_none(recs):
        return PANEL, f"{STATED_NO_RECOMMENDATIONS}; whether none were needed is for the panel to judge"
    if not recs:
        return LIMITED, "the IMR has no recommendations"
    complete = sum(1 for r in recs if r.key_actions and r.key_outcome and r.target_date)
    if complete == len(recs):
        return FULL, f"all {len(recs)} recommendations have key actions, an outcome and a target date"
    return PARTIAL, f"{complete} of {len(recs)} recommendations have key actions, an outcome and a target date"


def is_director_level(title: str | None) -> bool:
    """Whether a job title is Chief Executive or Director level (the standards' list of titles)."""
    return any(re.search(rf"\b{re.escape(t)}\b", title or "", re.I) for t in _standards()["director_titles"])


def _sign_off(case: Case, agency: Agency) -> tuple[str, str]:
    who = agency.sign_off
    if who is None:
        return LIMITED, "no sign-off is recorded (agencies[].sign_off)"
    title = who.job_title or ""
    if not is_director_level(title):
        return PARTIAL, f"signed off by '{title or 'no job title given'}', which is not Chief Executive or Director level"
    if agency.signed_off is None:
        return PARTIAL, f"signed off by the {title}, but the date is missing (agencies[].signed_off)"
    return FULL, f"signed off by the {title} on {uk(agency.signed_off)}"


_MEASURES: dict[str, Callable[[Case, Agency], tuple[str, str]]] = {
    "genogram": _genogram, "chronology": _chronology, "seen_and_wishes": _seen_and_wishes,
    "analysis": _analysis, "recommendations": _recommendations, "sign_off": _sign_off,
}


def _judgement_hint(criterion_id: str, agency: Agency) -> str:
    imr = agency.imr
    present = {
        "summary": imr and imr.summary_of_involvement,
        "lessons": imr and imr.lessons,
        "talks_through_process": imr and (imr.author_statement or imr.sources_of_information),
    }.get(criterion_id)
    if criterion_id in ("summary", "lessons", "talks_through_process"):
        return "the section is written; its quality is for the panel to judge" if present else "the section is not in the case file"
    return "needs a person's judgement"


def _timescale(agency: Agency) -> str:
    if agency.imr_received and agency.imr_due:
        late = (agency.imr_received - agency.imr_due).days
        return "yes" if late <= 0 else f"no ({late} day{'s' if late != 1 else ''} late)"
    if agency.imr_due and not agency.imr_received:
        return f"not yet received (due {uk(agency.imr_due)})"
    return "not known"


def _late_by(agency: Agency) -> str:
    late = (agency.imr_received - agency.imr_due).days
    return f"{late} day{'s' if late != 1 else ''}"


def rate_imr(case: Case, agency: Agency) -> IMRQuality:
    """Rate one agency's IMR against every criterion of the standards."""
    result = IMRQuality(agency.id, agency.label, within_timescale=_timescale(agency))
    for c in _standards()["criteria"]:
        measure = c.get("measure")
        if measure:
            rating, reason = _MEASURES[measure](case, agency)
        else:
            rating, reason = PANEL, _judgement_hint(c["id"], agency)
        result.ratings.append(CriterionRating(c["id"], c["section"], c["label"], rating, reason))
    return result


def check_imr_quality(case: Case) -> tuple[list[Finding], list[IMRQuality]]:
    """Ratings for every agency's IMR, and findings for what falls short."""
    findings: list[Finding] = []
    results = []
    for k, agency in enumerate(case.agencies):
        q = rate_imr(case, agency)
        results.append(q)
        limited = [r for r in q.ratings if r.rating == LIMITED]
        partial = [r for r in q.ratings if r.rating == PARTIAL]
        if limited:
            findings.append(Finding("warning", "imr.limited", f"agencies[{k}]",
                                    f"{agency.label} IMR rated Limited or none: "
                                    + "; ".join(f"{r.id.replace('_', ' ')} ({r.reason})" for r in limited)))
        if partial:
            findings.append(Finding("info", "imr.partial", f"agencies[{k}]",
                                    f"{agency.label} IMR rated Partial: "
                                    + "; ".join(f"{r.id.replace('_', ' ')} ({r.reason})" for r in partial)))
        if agency.imr is not None and is_stated_none(agency.imr.recommendations):
            findings.append(Finding("info", "imr.no_recommendations_stated", f"agencies[{k}].imr.recommendations",
                                    f"{agency.label}: the IMR says the agency makes no recommendations (`none`); "
                                    "whether none were needed is for the panel to judge"))
        if agency.imr is None:
            findings.append(Finding("info", "imr.text_not_in_case_file", f"agencies[{k}].imr",
                                    f"{agency.label}: the IMR's text is not in the case file, so its analysis and "
                                    "recommendations are for the panel to rate from the IMR document"))
        # Only a known late arrival: "not known" and "not yet received" are not "no (N days late)".
        if agency.imr_received and agency.imr_due and agency.imr_received > agency.imr_due:
            findings.append(Finding("warning", "imr.late", f"agencies[{k}].imr_received",
                                    f"{agency.label} IMR was received late: on {uk(agency.imr_received)}, "
                                    f"{_late_by(agency)} after it was due on {uk(agency.imr_due)}"))
    from .imr_evaluation import check_evaluation  # here: it rates with this module's measures

    findings += check_evaluation(case)
    if results:
        judged = [c["label"] for c in _standards()["criteria"] if not c.get("measure")]
        findings.append(Finding("info", "imr.for_panel", "agencies",
                                "for the panel to judge in every IMR (scrdocs cannot measure these): " + "; ".join(judged)))
    return findings, results
