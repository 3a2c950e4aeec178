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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .chronology import chronology_rows
from ..case.dates import uk
from ..errors import TemplateError
from ..case.model import Agency, Case, PanelPerson, Recommendation, Role
from ..resources import data_dir

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"

#: Long chronologies are laid out as consecutive tables of at most this many
#: rows, each with the header row: LibreOffice takes time growing with the
#: square of a table's rows to open it (2,500 rows in one table: about 50 s to open; in parts of 50 rows: about 6 s).
TABLE_PART_ROWS = 50


@dataclass(frozen=True)
class DocumentKind:
    id: str
    title: str
    template: str
    stem: str  # output file name without extension
    per_agency: bool = False

    def file_stem(self, agency_id: str | None = None) -> str:
        return f"{self.stem}-{agency_id}" if self.per_agency else self.stem


KINDS: dict[str, DocumentKind] = {k.id: k for k in (
    DocumentKind("overview_report", "Overview report", "overview-report.docx", "overview-report"),
    DocumentKind("executive_summary", "Executive summary", "executive-summary.docx", "executive-summary"),
    DocumentKind("imr", "Individual Management Review", "imr.docx", "imr", per_agency=True),
    DocumentKind("integrated_chronology", "Integrated multi-agency chronology", "integrated-chronology.docx", "integrated-chronology"),
    DocumentKind("action_plan", "Action plan", "action-plan.docx", "action-plan"),
    DocumentKind("seven_minute_briefing", "Seven-minute briefing", "seven-minute-briefing.docx", "seven-minute-briefing"),
)}

WORDING_FILE = "wording.yaml"


def document_kind(kind: str) -> DocumentKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise TemplateError(f"There is no document kind called '{kind}'.",
                            hint=f"Use one of: {', '.join(KINDS)}.") from None


def imr_agencies(case: Case) -> list[Agency]:
    """Agencies that get an IMR: those with chronology entries or IMR content in the case file."""
    with_entries = {e.agency for e in case.chronology}
    return [a for a in case.agencies if a.imr is not None or a.id in with_entries]


# --------------------------------------------------------------------------
# Templates and wording


def template_path(kind: DocumentKind | str, templates_dir: str | Path | None = None) -> Path:
    """The template for ``kind``: the board's own (in ``templates_dir``) if it has one, else the shipped one."""
    kind = document_kind(kind) if isinstance(kind, str) else kind
    if templates_dir is not None:
        own = Path(templates_dir) / kind.template
        if own.is_file():
            return own
        if not Path(templates_dir).is_dir():
            raise TemplateError(f"The templates folder {templates_dir} does not exist.",
                                hint="Check the --templates path, or leave it out to use the shipped templates.")
    return data_dir("templates") / kind.template


@lru_cache(maxsize=8)
def _read_wording(path: Path, mtime: float) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise TemplateError(f"The wording file {path} cannot be read ({e}).",
                            hint="Correct the file, or remove it from your templates folder to use the shipped wording.") from None
    if not isinstance(data, dict) or not {"groups", "types"} <= data.keys():
        raise TemplateError(f"The wording file {path} must have 'groups' and 'types' sections.",
                            hint="Start from the shipped templates/wording.yaml.")
    return data


def load_wording(templates_dir: str | Path | None = None) -> dict[str, Any]:
    """The review-type wording (templates/wording.yaml), the board's own copy first."""
    path = None
    if templates_dir is not None and (Path(templates_dir) / WORDING_FILE).is_file():
        path = Path(templates_dir) / WORDING_FILE
    path = path or data_dir("templates") / WORDING_FILE
    return _read_wording(path.resolve(), path.stat().st_mtime)


# --------------------------------------------------------------------------
# Small formatters


def paragraphs(text: str | None) -> list[str]:
    """Split author text into paragraphs at blank lines; single line breaks become spaces."""
    if not text:
        return []
    return [re.sub(r"\s*\n\s*", " ", block).strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the end of a clause when
    there is one in the second half (a cut mid-phrase reads badly)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    clause = max(head.rfind(mark) for mark in (", ", "; ", ": ", " – ", " - "))
    cut = head[:clause] if clause > limit // 2 else head.rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


def _listed_points(sentence: str) -> list[str]:
    """The items of a sentence like "Five themes emerged: a; b; and c." as
    sentences of their own, or the sentence itself when it is no such list."""
    lead, colon, rest = sentence.partition(": ")
    items = [re.sub(r"^(and|or)\s+", "", item.strip()).rstrip(".") for item in rest.split(";")] if colon else []
    items = [item for item in items if item]
    if len(items) < 2:
        return [sentence]
    return [item[0].upper() + item[1:] + "." for item in items]


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def _person(p: PanelPerson | None) -> dict[str, str]:
    if p is None:
        return {"name": "", "job_title": "", "organisation": "", "line": ""}
    return {"name": p.name, "job_title": p.job_title or "", "organisation": p.organisation or "",
            "line": ", ".join(x for x in (p.name, p.job_title, p.organisation) if x)}


def _agency_label(case: Case, agency_id: str | None) -> str:
    if not agency_id:
        return ""
    try:
        return case.agency(agency_id).label
    except KeyError:
        return agency_id


def _signatory(s) -> str:
    return ", ".join(x for x in (s.name, s.job_title) if x) if s else "Not recorded in the case file"


NOT_RECORDED = "Not recorded"


# --------------------------------------------------------------------------
# Parts of the context


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
            "interviews": [{"who": i.who, "date": uk(i.date), "by": i.by or ""} for i in m.interviews],
            "information_not_available": list(m.information_not_available),
        },
        "parallel_processes": [{"kind": pp.kind, "kind_label": kinds.get(pp.kind, pp.kind.capitalize()),
                                "description": pp.description, "status": pp.status or "",
                                "concluded": uk(pp.concluded)} for pp in r.parallel_processes],
        "family_involvement": {
            "summary": paragraphs(r.family_involvement.summary),
            "contacts": list(r.family_involvement.contacts),
            "read_only_copy_offered": uk(r.family_involvement.read_only_copy_offered),
        },
    }


def _words(case: Case, wording: dict[str, Any]) -> dict[str, Any]:
    group = wording["groups"][case.review.group.value]
    return {**group, "childrens_review": case.review.is_childrens_review}


def _subject(case: Case) -> dict[str, str]:
    s = case.subject
    if s is None:
        return {"name": "No subject is identified in the case file", "pseudonym": "", "dob": NOT_RECORDED,
                "dod": NOT_RECORDED, "address": NOT_RECORDED, "ethnicity": NOT_RECORDED}
    return {"name": s.name, "pseudonym": s.pseudonym or "", "dob": uk(s.dob) or NOT_RECORDED,
            "dod": uk(s.dod) or "Not applicable", "address": s.address or NOT_RECORDED,
            "ethnicity": s.ethnicity or NOT_RECORDED}


def _contribution(case: Case, agency: Agency, entries: int) -> str:
    parts = []
    if agency.imr is not None or agency.imr_received:
        parts.append("Individual Management Review")
    if entries:
        parts.append(f"chronology ({entries} entr{'y' if entries == 1 else 'ies'})")
    if not parts:
        return "No written contribution is recorded in the case file"
    text = " and ".join(parts)
    return text[0].upper() + text[1:]


def _agencies(case: Case) -> list[dict[str, str]]:
    counts: dict[str, int] = {}
    for e in case.chronology:
        counts[e.agency] = counts.get(e.agency, 0) + 1
    return [{"id": a.id, "name": a.name, "label": a.label, "contribution": _contribution(case, a, counts.get(a.id, 0)),
             "imr_author": _signatory(a.imr_author)} for a in case.agencies]


def _family_members(case: Case) -> list[dict[str, str]]:
    return [{"name": p.name, "relationship": p.relationship or p.role.value, "dob": uk(p.dob), "dod": uk(p.dod),
             "address": p.address or "", "ethnicity": p.ethnicity or ""}
            for p in case.people if p.role in (Role.family, Role.perpetrator, Role.other)]


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


def _narrative(case: Case) -> dict[str, list[str]]:
    n = case.narrative
    fields = ("circumstances", "summary_of_events", "known_to_agencies", "equality_and_diversity",
              "key_issues", "analysis", "good_practice", "lessons", "conclusions")
    return {f: paragraphs(getattr(n, f)) if n else [] for f in fields}


def _key_dates(case: Case, wording: dict[str, Any]) -> list[dict[str, str]]:
    kd = case.review.key_dates
    rows = [{"label": label, "date": uk(getattr(kd, name, None))}
            for name, label in wording.get("key_dates", {}).items() if getattr(kd, name, None)]
    if kd.panel_meetings:
        rows.append({"label": "Review panel meetings", "date": ", ".join(uk(d) for d in kd.panel_meetings)})
    return rows


def _agency_plans(case: Case) -> list[dict[str, Any]]:
    plans = []
    for a in case.agencies:
        if a.imr and a.imr.recommendations:
            lead = a.imr.lead_contact
            plans.append({"agency": a.name,
                          "lead": ", ".join(x for x in (lead.name, lead.position) if x) if lead else "",
                          "recommendations": [recommendation_row(case, r) for r in a.imr.recommendations]})
    return plans


def _briefing(case: Case, wording: dict[str, Any], narrative: dict[str, list[str]], subject: str) -> dict[str, Any]:
    defaults = wording.get("briefing", {})
    n = case.narrative
    opening = (narrative["circumstances"] or narrative["summary_of_events"] or [""])[0]
    learning = list(n.briefing_points) if n and n.briefing_points else narrative["lessons"]
    practice = list(n.practice_points) if n and n.practice_points else [s.format(subject=subject) for s in defaults.get("practice_points", [])]
    questions = list(n.reflection_questions) if n and n.reflection_questions else [s.format(subject=subject) for s in defaults.get("questions", [])]
    return {
        # The briefing must fit one page: long author text is cut to its opening.
        "case_in_brief": _shorten(opening, 700) if opening else "The circumstances of the case have not been provided in the case file.",
        "key_issues": [_shorten(x, 220) for p in narrative["key_issues"][:4]
                       for x in _listed_points(_first_sentence(p))][:5],
        "learning": [_shorten(x, 220) for x in learning[:7]],
        "practice_points": [_shorten(x, 200) for x in practice[:5]],
        "questions": [_shorten(x, 200) for x in questions[:4]],
        "recommendations": [f"{r.number}. {_shorten(_first_sentence(r.recommendation), 160)}" for r in case.recommendations[:8]],
    }


def _imr(case: Case, agency: Agency) -> tuple[dict[str, Any], dict[str, Any]]:
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
        "imr_author": _signatory(agency.imr_author),
        "imr_author_name": agency.imr_author.name if agency.imr_author else "……………………………………",
        "sign_off": _signatory(agency.sign_off),
        "sign_off_name": agency.sign_off.name if agency.sign_off else "",
        "sign_off_title": (agency.sign_off.job_title or "") if agency.sign_off else "",
        "signed_off": uk(agency.signed_off),
        "imr_received": uk(agency.imr_received) or NOT_RECORDED,
        "evaluation_note": ("The agency confirms the evaluation statement above." if confirmed
                            else "The case file does not record that the agency has confirmed the evaluation statement."),
    }
    return info, imr


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
    recommendations = [recommendation_row(case, r) for r in case.recommendations]
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
                             else "No agencies are listed in the case file.",
        "family_members": _family_members(case),
        "narrative": narrative,
        "recommendations": recommendations,
        "key_dates": _key_dates(case, wording),
        "action_plan_agreed": uk(case.review.key_dates.action_plan_agreed),
        "agency_plans": _agency_plans(case),
        "briefing": _briefing(case, wording, narrative, words["subject"]),
        "genogram_image": None,
        "genogram_note": "",
        "timeline_image": None,
        "timeline_note": "",
    }
    if kind.per_agency:
        if agency is None:
            raise TemplateError(f"The {kind.title} is written for one agency; say which.",
                                hint=f"Pass agency=<agency id> (one of: {', '.join(a.id for a in case.agencies)}).")
        try:
            found = case.agency(agency)
        except KeyError:
            raise TemplateError(f"'{agency}' is not the id of an agency in the case file.",
                                hint=f"Use one of: {', '.join(a.id for a in case.agencies) or 'none are listed'}.") from None
        context["agency"], context["imr"] = _imr(case, found)
        context["chronology"] = chronology_rows(case, agency=agency, yes=yes, no=no)
        context["document_title"] = f"{kind.title}: {found.name}"
    else:
        context["chronology"] = chronology_rows(case, yes=yes, no=no)
    rows = context["chronology"]
    context["chronology_parts"] = [rows[i:i + TABLE_PART_ROWS] for i in range(0, len(rows), TABLE_PART_ROWS)]
    context["chronology_agency_count"] = len({row["agency"] for row in rows})
    return context
