"""The documents scrdocs builds, and exactly what each Word template receives.

Each document kind has a template (``templates/<name>.docx``) and a context:
a dict of display-ready text (dates already in UK form, yes/no already
words, narrative already split into paragraphs). Templates only lay the
text out; every decision about wording lives here or in
``templates/wording.yaml``, so a board can restyle a template in Word
without touching code.

Variables every template receives::

    marking, produced, document_title
    review.{type, type_long, title, reference, board, mandate, period,
            terms_of_reference[], key_dates.{referral, decision, ...},
            methodology.{approach[], documents_seen[], interviews[{who, date, by}],
                         information_not_available[]},
            parallel_processes[{kind, kind_label, description, status, concluded}],
            family_involvement.{summary[], contacts[], read_only_copy_offered}}
    words.{subject, subject_title, board_term, childrens_review}
    panel.{board_chair, panel_chair, author, members[]}   each {name, job_title, organisation, line}
    subject.{name, pseudonym, dob, dod, address, ethnicity}
    agencies[{id, name, label, contribution, imr_author}], agencies_sentence
    family_members[{name, relationship, dob, dod, address, ethnicity}]
    chronology[{date, time, agency, source, subject, event, seen, seen_alone, wishes,
                expected, relevance, comments}], chronology_agency_count,
    chronology_parts[[...]]  (the same rows in slices of TABLE_PART_ROWS, one table each)
    narrative.{circumstances[], summary_of_events[], known_to_agencies[],
               equality_and_diversity[], key_issues[], analysis[], good_practice[],
               lessons[], conclusions[]}          (lists of paragraphs)
    recommendations[{number, recommendation, agencies, lead_agency, key_actions[{number, text}],
                     key_actions_text, evidence, key_outcome, target_date, lead_person,
                     monitoring, status, progress, status_progress}]
    key_dates[{label, date}], action_plan_agreed
    agency_plans[{agency, lead, recommendations[]}]
    briefing.{case_in_brief, key_issues[], learning[], practice_points[], questions[], recommendations[]}
    genogram_image, genogram_note, timeline_image, timeline_note

and the IMR template also ``agency.{...}`` and ``imr.{...}`` for its agency
(its ``chronology`` holds only that agency's entries).

The parts shared by every document are built here; the seven-minute
briefing's (briefing.py) and the IMR's own (imr.py) beside it, from the
formatters in formatters.py. The document kinds and their templates are in
kinds.py, the review-type wording in wording.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..case.dates import uk
from ..case.model import Agency, Case, PanelPerson, Role
from ..errors import TemplateError
from .briefing import briefing_context
from .briefing import shorten as _shorten  # noqa: F401 - imported from here by the tests
from . import review_parts
from .chronology import UNRECORDED_FLAG, chronology_rows, has_communication
from .drafting import marker, todo
from .formatters import NOT_RECORDED, paragraphs, recommendation_row, signatory
from .glossary import context_texts, glossary_rows
from .imr import imr_context
from .kinds import DEFAULT_MARKING, KINDS, DocumentKind, document_kind, imr_agencies, template_path
from .wording import WORDING_FILE, load_wording

__all__ = ["DEFAULT_MARKING", "KINDS", "NOT_RECORDED", "TABLE_PART_ROWS", "WORDING_FILE", "DocumentKind",
           "document_context", "document_kind", "imr_agencies", "load_wording", "paragraphs", "recommendation_row",
           "template_path"]


#: A chronology is one table with a repeated header row; only a very long one is laid out
#: as consecutive tables of at most this many rows, each with the header row: LibreOffice
#: takes time growing with the square of a table's rows to open it (2,500 rows in one
#: table: about 50 s to open; in parts of 50 rows: about 6 s; 400 rows: under 2 s).
TABLE_PART_ROWS = 400


# --------------------------------------------------------------------------
# Parts of the context


def _person(p: PanelPerson | None) -> dict[str, str]:
    if p is None:
        return {"name": "", "job_title": "", "organisation": "", "line": ""}
    return {"name": p.name, "job_title": p.job_title or "", "organisation": p.organisation or "",
            "line": ", ".join(x for x in (p.name, p.job_title, p.organisation) if x)}


def _review(case: Case, wording: dict[str, Any]) -> dict[str, Any]:
    r = case.review
    type_words = wording["types"].get(r.type.value, {})
    kinds = wording.get("parallel_process_kinds", {})
    period = f"{uk(r.period_under_review.start)} to {uk(r.period_under_review.end)}" if r.period_under_review else ""
    m = r.methodology
    return {
        "type": r.type.value,
        "type_long": r.type.long_name,
        "title": r.title,
        "reference": r.reference,
        "board": r.board,
        "mandate": (r.legal_mandate or type_words.get("default_mandate", "the board's review procedure")).rstrip(". "),
        "period": period,
        "terms_of_reference": list(r.terms_of_reference),
        "key_dates": {name: (", ".join(uk(d) for d in value) if isinstance(value, list) else uk(value))
                      for name, value in r.key_dates},
        "methodology": {
            "approach": paragraphs(m.approach),
            "documents_seen": list(m.documents_seen),
            "interviews": [{"who": i.who, "date": uk(i.date), "by": i.by or "", "form": i.form or ""} for i in m.interviews],
            "information_not_available": list(m.information_not_available),
            "staff_involved": list(m.staff_involved),
        },
        "parallel_processes": [{"kind": pp.kind, "kind_label": kinds.get(pp.kind, pp.kind.capitalize()),
                                "description": pp.description, "status": pp.status or "",
                                "concluded": uk(pp.concluded)} for pp in r.parallel_processes],
        "delay": review_parts.delay(case),
        "open_processes": review_parts.open_processes(case),
        "family_involvement": {
            "summary": paragraphs(r.family_involvement.summary),
            "contacts": list(r.family_involvement.contacts),
            "read_only_copy_offered": uk(r.family_involvement.read_only_copy_offered),
        },
    }


def _words(case: Case, wording: dict[str, Any]) -> dict[str, Any]:
    group = dict(wording["groups"][case.review.group.value])
    partnership = review_parts.partnership_words(case)
    if partnership["partnership"]:
        # Working Together 2018 and 2023: safeguarding partners, not a board.
        group["board_term"] = wording.get("partnership_term", "safeguarding partners")
    return {**group, **partnership, "childrens_review": case.review.is_childrens_review}


def _subject(case: Case) -> dict[str, str]:
    s = case.subject
    if s is None:
        who = marker("subject")
        return {"name": who, "pseudonym": "", "dob": todo("date of birth"), "dod": todo("date of death"),
                "address": todo("address"), "ethnicity": todo("ethnicity")}
    return {"name": s.name, "pseudonym": s.pseudonym or "", "dob": uk(s.dob) or todo("date of birth"),
            "dod": uk(s.dod) or "Not applicable", "address": s.address or todo("address"),
            "ethnicity": s.ethnicity or todo("ethnicity")}


def _contribution(case: Case, agency: Agency, entries: int) -> str:
    parts = []
    if agency.imr is not None or agency.imr_received:
        parts.append("Individual Management Review")
    if entries:
        parts.append(f"chronology ({entries} entr{'y' if entries == 1 else 'ies'})")
    if not parts:
        return todo("the agency's contribution (an IMR or chronology entries)")
    text = " and ".join(parts)
    return text[0].upper() + text[1:]


def _agencies(case: Case) -> list[dict[str, str]]:
    counts: dict[str, int] = {}
    for e in case.chronology:
        counts[e.agency] = counts.get(e.agency, 0) + 1
    return [{"id": a.id, "name": a.name, "label": a.label, "contribution": _contribution(case, a, counts.get(a.id, 0)),
             "imr_author": signatory(a.imr_author, "the IMR author") if (a.imr or a.imr_received) else ""}
            for a in case.agencies]


def _family_members(case: Case) -> list[dict[str, str]]:
    return [{"name": p.name, "relationship": p.relationship or p.role.value, "dob": uk(p.dob), "dod": uk(p.dod),
             "address": p.address or "", "ethnicity": p.ethnicity or ""}
            for p in case.people if p.role in (Role.family, Role.perpetrator, Role.other)]


def _narrative(case: Case) -> dict[str, list[str]]:
    n = case.narrative
    fields = ("circumstances", "summary_of_events", "known_to_agencies", "equality_and_diversity",
              "key_issues", "analysis", "good_practice", "lessons", "conclusions", "previous_reviews_and_research",
              "national_lessons")
    return {f: paragraphs(getattr(n, f)) if n else [] for f in fields}


def _key_dates(case: Case, wording: dict[str, Any]) -> list[dict[str, str]]:
    kd = case.review.key_dates
    rows = [{"label": label, "date": uk(getattr(kd, name, None))}
            for name, label in wording.get("key_dates", {}).items() if getattr(kd, name, None)]
    if kd.panel_meetings:
        rows.append({"label": "Review panel meetings", "date": ", ".join(uk(d) for d in kd.panel_meetings)})
    return rows


def _agency_plans(case: Case, today: date | None) -> list[dict[str, Any]]:
    plans = []
    for a in case.agencies:
        if a.imr and a.imr.recommendations:
            lead = a.imr.lead_contact
            block = [(label, value) for label, value in (
                ("Lead person", lead.name), ("Position", lead.position), ("Phone", lead.phone),
                ("Email", lead.email), ("Address", lead.address)) if value] if lead else []
            plans.append({"agency": a.name,
                          "lead": ", ".join(x for x in (lead.name, lead.position) if x) if lead else "",
                          "lead_block": [{"label": k, "value": v} for k, v in block],
                          "recommendations": [recommendation_row(case, r, agency=a, today=today)
                                              for r in a.imr.recommendations]})
    return plans


# --------------------------------------------------------------------------
# The context


def document_context(case: Case, kind: DocumentKind | str, *, agency: str | None = None,
                     marking: str = DEFAULT_MARKING, templates_dir: str | Path | None = None,
                     produced: date | None = None) -> dict[str, Any]:
    """Everything the template for ``kind`` may use (see the module docstring).

    ``agency`` (an agency id) is required for the per-agency IMR. Images
    (genogram, timeline) are added by the renderer; here they are ``None``.
    """
    kind = document_kind(kind) if isinstance(kind, str) else kind
    wording = load_wording(templates_dir)
    yes, no = wording.get("yes_word", "Yes"), wording.get("no_word", "No")
    words = _words(case, wording)
    narrative = _narrative(case)
    agencies = _agencies(case)
    recommendations = [recommendation_row(case, r, today=produced) for r in case.recommendations]
    context: dict[str, Any] = {
        "marking": marking,
        "produced": uk(produced or date.today()),
        "document_title": kind.title,
        "review": _review(case, wording),
        "words": words,
        "panel": {"board_chair": _person(case.panel.board_chair), "panel_chair": _person(case.panel.panel_chair),
                  "author": _person(case.panel.author), "members": [_person(m) for m in case.panel.members]},
        "subject": _subject(case),
        "agencies": agencies,
        "agencies_sentence": (f"{len(agencies)} agenc{'y' if len(agencies) == 1 else 'ies'} contributed to the review: "
                              + ", ".join(a["name"] for a in agencies) + ".") if agencies
                             else todo("the agencies that contributed to the review"),
        "family_members": _family_members(case),
        "narrative": narrative,
        "recommendations": recommendations,
        "key_dates": _key_dates(case, wording),
        "action_plan_agreed": uk(case.review.key_dates.action_plan_agreed),
        "agency_plans": _agency_plans(case, produced),
        "imr_recommendations": review_parts.imr_recommendations(case),
        "sign_up": review_parts.sign_up(case),
        "figures": review_parts.figures(case),
        "briefing": briefing_context(case, wording, narrative, words["subject"]),
        "draft": False,
        "status_line": "",
        "genogram_image": None,
        "genogram_note": "",
        "timeline_image": None,
        "timeline_note": "",
        "contact_image": None,
        "contact_note": "",
    }
    context["stated_none"] = review_parts.stated_none(case)
    if kind.per_agency:
        found = _agency_for(case, kind, agency)
        context["agency"], context["imr"] = imr_context(case, found)
        context["stated_none"].update(review_parts.imr_stated_none(found))
        context["chronology"] = chronology_rows(case, agency=agency, yes=yes, no=no)
        context["document_title"] = f"{kind.title}: {found.name}"
    else:
        context["chronology"] = chronology_rows(case, yes=yes, no=no)
    rows = context["chronology"]
    context["chronology_parts"] = [rows[i:i + TABLE_PART_ROWS] for i in range(0, len(rows), TABLE_PART_ROWS)]
    context["chronology_agency_count"] = len({row["agency"] for row in rows})
    context["chronology_has_communication"] = has_communication(rows)
    # The key under the table, only when a seen column holds the dash for "not recorded".
    context["chronology_unrecorded"] = any(row[k] == UNRECORDED_FLAG for row in rows for k in ("seen", "seen_alone", "wishes"))
    context["chronology_unrecorded_key"] = (f"{UNRECORDED_FLAG} in the Seen, Seen alone or Wishes and feelings column: "
                                            "the agency's chronology does not record it.")
    # Last: the glossary lists the terms the rest of this document's text uses.
    context["glossary"] = glossary_rows(case, context_texts(context), templates_dir)
    return context


def _agency_for(case: Case, kind: DocumentKind, agency: str | None) -> Agency:
    """The agency a per-agency document is written for."""
    if agency is None:
        raise TemplateError(f"The {kind.title} is written for one agency; say which.",
                            hint=f"Pass agency=<agency id> (one of: {', '.join(a.id for a in case.agencies)}).")
    try:
        return case.agency(agency)
    except KeyError:
        raise TemplateError(f"'{agency}' is not the id of an agency in the case file.",
                            hint=f"Use one of: {', '.join(a.id for a in case.agencies) or 'none are listed'}.") from None
