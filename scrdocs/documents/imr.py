"""The IMR's own context: ``agency.{...}`` and ``imr.{...}`` for the agency it is written for."""

from __future__ import annotations

from typing import Any

from ..case.dates import uk
from ..case.model import Agency, Case
from .formatters import NOT_RECORDED, paragraphs, recommendation_row, signatory


def imr_context(case: Case, agency: Agency) -> tuple[dict[str, Any], dict[str, Any]]:
    """``agency.{...}`` (who wrote and signed off the IMR) and ``imr.{...}`` (its sections), in that order."""
    content = agency.imr
    lead = content.lead_contact if content else None
    imr = {
        "author_statement": paragraphs(content.author_statement) if content else [],
        "sources_of_information": list(content.sources_of_information) if content else [],
        "contextual_information": paragraphs(content.contextual_information) if content else [],
        "summary_of_involvement": paragraphs(content.summary_of_involvement) if content else [],
        "analysis": paragraphs(content.analysis) if content else [],
        "lessons": paragraphs(content.lessons) if content else [],
        "good_practice": paragraphs(content.good_practice) if content else [],
        "recommendations": [recommendation_row(case, r) for r in content.recommendations] if content else [],
        "lead": {"name": lead.name if lead else NOT_RECORDED, "position": (lead.position or "") if lead else "",
                 "phone": (lead.phone or "") if lead else "", "email": (lead.email or "") if lead else "",
                 "address": (lead.address or "") if lead else ""},
    }
    confirmed = bool(content and content.evaluation_confirmed)
    info = {
        "id": agency.id,
        "name": agency.name,
        "label": agency.label,
        "imr_author": signatory(agency.imr_author),
        "imr_author_name": agency.imr_author.name if agency.imr_author else "……………………………………",
        "sign_off": signatory(agency.sign_off),
        "sign_off_name": agency.sign_off.name if agency.sign_off else "",
        "sign_off_title": (agency.sign_off.job_title or "") if agency.sign_off else "",
        "signed_off": uk(agency.signed_off),
        "imr_received": uk(agency.imr_received) or NOT_RECORDED,
        "evaluation_note": ("The agency confirms the evaluation statement above." if confirmed
                            else "The case file does not record that the agency has confirmed the evaluation statement."),
    }
    return info, imr
