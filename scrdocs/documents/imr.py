"""The IMR's own context: ``agency.{...}`` and ``imr.{...}`` for the agency it is written for.

The evaluation statement is shown statement by statement as met or not met
(:mod:`scrdocs.review.imr_evaluation`), the two signature blocks carry name,
job title and date, a sign-off below Director level is said on the cover, and
a period with no contact is explained or marked to be explained (Cumbria
Appendix C).
"""

from __future__ import annotations

import re
from typing import Any

from ..case.dates import uk
from ..case.model import Agency, Case, Role
from .drafting import marker, todo
from .formatters import paragraphs, recommendation_row, signatory, signature_block

#: A case-file field in a rating's reason, "(agencies[].sign_off)": `scrdocs check` names it; the page does not.
_FIELD_IN_REASON = re.compile(r"\s*\((?:agencies|review|panel|recommendations)\[?\]?[.\w\[\]]*\)")


def plain(reason: str) -> str:
    """A rating's reason as a document prints it: without the case-file field it names for `check`."""
    return _FIELD_IN_REASON.sub("", reason)


#: A period without contact longer than this is listed for the agency to explain (as `scrdocs check` does for all agencies).
GAP_DAYS = 90


def _evaluation(case: Case, agency: Agency) -> list[dict[str, str]]:
    from ..review.imr_evaluation import evaluate_statements

    yes, no = "Confirmed", "Not confirmed"
    return [{"id": r.id, "text": r.text, "shown": r.shown, "met": "" if r.met is None else ("yes" if r.met else "no"),
             "reason": plain(r.reason) if r.met is not None or r.reason != "a judgement" else "", "author": yes if r.author_confirmed else no,
             "senior_officer": yes if r.senior_officer_confirmed else no}
            for r in evaluate_statements(case, agency)]


def standards_rows(case: Case, agency: Agency) -> dict[str, Any]:
    """The Herefordshire "Standards for Individual Management Reviews" form, filled in from the ratings of
    `scrdocs check`; the judgements a person must make are left for them, with tick boxes."""
    from ..review.imr_quality import STATED_NO_RECOMMENDATIONS, rate_imr

    q = rate_imr(case, agency)
    rows = []
    for r in q.ratings:
        if r.measured:
            rows.append({"section": r.section, "label": r.label, "rating": r.rating, "reason": plain(r.reason),
                         "judged": False})
        else:
            # A stated `none` reads as the agency stated it, then the judgement it leaves to the panel.
            reason = plain(r.reason) if r.reason.startswith(STATED_NO_RECOMMENDATIONS) \
                else f"For the panel to judge ({plain(r.reason)})"
            rows.append({"section": r.section, "label": r.label, "rating": "☐ Full and clear  ☐ Partial  ☐ Limited or none",
                         "reason": reason, "judged": True})
    return {"rows": rows, "within_timescale": q.within_timescale,
            "measured": sum(not r["judged"] for r in rows), "judged": sum(r["judged"] for r in rows)}


def _below_director(agency: Agency) -> str:
    from ..review.imr_quality import is_director_level

    s = agency.sign_off
    if s is None:
        return "This IMR has not been signed off by a senior officer of the agency."
    if not is_director_level(s.job_title):
        return (f"This IMR was signed off below Chief Executive or Director level, by the "
                f"{s.job_title or 'officer named below (no job title given)'}.")
    return ""


def _family(case: Case, agency: Agency) -> list[dict[str, str]]:
    """The family "as far as your agency understands it": the agency's own list when given, the case's otherwise."""
    own = agency.imr.family_composition if agency.imr else []
    if not own:
        return [{"name": p.name, "relationship": p.relationship or p.role.value, "dob": uk(p.dob), "dod": uk(p.dod),
                 "address": p.address or "", "ethnicity": p.ethnicity or ""}
                for p in case.people if p.role in (Role.family, Role.perpetrator, Role.other)]
    rows = []
    for m in own:
        p = next((x for x in case.people if x.id == m.person), None) if m.person else None
        rows.append({"name": m.name or (p.name if p else "") or todo("name"),
                     "relationship": m.relationship or ((p.relationship or p.role.value) if p else ""),
                     "dob": uk(p.dob) if p else "", "dod": uk(p.dod) if p else "",
                     "address": m.address or ((p.address or "") if p else ""),
                     "ethnicity": (p.ethnicity or "") if p else ""})
    return rows


def _gaps(case: Case, agency: Agency) -> list[dict[str, str]]:
    """Periods of the review with no contact by this agency, each with its explanation or a marker."""
    entries = sorted((e.date, e.date_end or e.date) for e in case.chronology if e.agency == agency.id)
    if not entries:
        return []
    period = case.review.period_under_review
    spans = ([(period.start, period.start)] if period else []) + entries + ([(period.end, period.end)] if period else [])
    explained = agency.imr.contact_gaps if agency.imr else []
    gaps, covered = [], spans[0][1]
    for start, end in spans[1:]:
        if (start - covered).days > GAP_DAYS:
            why = next((g.explanation for g in explained if g.start < start and (g.end or start) > covered), None)
            gaps.append({"start": uk(covered), "end": uk(start), "days": str((start - covered).days),
                         "explanation": why or marker("contact_gap", start=uk(covered), end=uk(start))})
        covered = max(covered, end)
    return gaps


def _section(text: str | None, what: str) -> list[str]:
    return paragraphs(text) or [todo(what)]


def imr_context(case: Case, agency: Agency) -> tuple[dict[str, Any], dict[str, Any]]:
    """``agency.{...}`` (who wrote and signed off the IMR) and ``imr.{...}`` (its sections), in that order."""
    c = agency.imr
    lead = c.lead_contact if c else None
    imr = {
        "author_statement": _section(c and c.author_statement, "the IMR author's statement: role, and confirmation of no operational involvement"),
        "sources_of_information": list(c.sources_of_information) if c else [],
        "contextual_information": _section(c and c.contextual_information, "contextual information"),
        "summary_of_involvement": _section(c and c.summary_of_involvement, "a summary of the agency's involvement"),
        "analysis": _section(c and c.analysis, "the analysis"),
        "lessons": _section(c and c.lessons, "lessons for the agency"),
        "good_practice": _section(c and c.good_practice, "good practice identified"),
        "recommendations": [recommendation_row(case, r, agency=agency) for r in c.recommendations] if c else [],
        "interviews": [{"who": i.who, "date": uk(i.date) or todo("date of the interview"), "by": i.by or "",
                        "form": i.form or ""} for i in c.interviews] if c else [],
        "information_not_available": list(c.information_not_available) if c else [],
        "staff_involved": list(c.staff_involved) if c else [],
        "family": _family(case, agency),
        "other_addresses": list(c.other_addresses) if c else [],
        "gaps": _gaps(case, agency),
        "evaluation": _evaluation(case, agency),
        "standards": standards_rows(case, agency),
        "lead": {"name": lead.name if lead else todo("the lead person"), "position": (lead.position or "") if lead else "",
                 "phone": (lead.phone or "") if lead else "", "email": (lead.email or "") if lead else "",
                 "address": (lead.address or "") if lead else ""},
    }
    info = {
        "id": agency.id,
        "name": agency.name,
        "label": agency.label,
        "imr_author": signatory(agency.imr_author, "the IMR author"),
        "sign_off": signatory(agency.sign_off, "the senior officer who signed off the IMR"),
        "author_block": signature_block(agency.imr_author),
        "sign_off_block": signature_block(agency.sign_off, agency.signed_off),
        "below_director": _below_director(agency),
        "signed_off": uk(agency.signed_off),
        "imr_received": uk(agency.imr_received) or todo("date the IMR was received"),
    }
    return info, imr
