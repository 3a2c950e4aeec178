"""The case model: everything one review's documents are built from.

A case file (YAML) is read into :class:`Case`. Field descriptions here are the
documentation a report author sees in their editor (``scrdocs schema``).
Only ``review``, ``panel`` and ``people`` are required; the redaction tools
need no more, and the documents say plainly when a section is missing.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import Field, model_validator

from .chronology_model import ChronologyEntry
from .family_model import ChildLink, Family, Household, Partnership, PregnancyLoss, Twins
from .types import Id, NoneOr, Sex, Strict, Text, Time24, UKDate

__all__ = ["ChildLink", "ChronologyEntry", "Family", "Household", "Id", "Partnership", "PregnancyLoss",
           "Sex", "Strict", "Text", "Time24", "Twins", "UKDate"]

class ReviewType(str, Enum):
    SCR = "SCR"
    SAR = "SAR"
    CSPR = "CSPR"
    DHR = "DHR"

    @property
    def long_name(self) -> str:
        return {
            "SCR": "Serious Case Review",
            "SAR": "Safeguarding Adults Review",
            "CSPR": "Child Safeguarding Practice Review",
            "DHR": "Domestic Homicide Review",
        }[self.value]


class SubjectGroup(str, Enum):
    adult = "adult"
    child = "child"


class Role(str, Enum):
    subject = "subject"
    family = "family"
    practitioner = "practitioner"
    perpetrator = "perpetrator"
    other = "other"


# --------------------------------------------------------------------------
# Review


class KeyDates(Strict):
    """The review's milestones. Timescale checks (`scrdocs check`) compare these with the board's or partnership's procedure."""

    incident: UKDate | None = Field(None, description="Child Safeguarding Practice Review: date of the serious incident.")
    incident_learned: UKDate | None = Field(None, description="CSPR: date the local authority learned of the serious incident, when later than the incident (the five working days to notify the National Panel count from it).")
    panel_notification: UKDate | None = Field(None, description="CSPR: date the local authority notified the Child Safeguarding Practice Review Panel (the National Panel) of the incident.")
    rapid_review: UKDate | None = Field(None, description="CSPR: date the safeguarding partners completed the rapid review (due within 15 working days of the notification).")
    national_panel_submission: UKDate | None = Field(None, description="CSPR: date the final report was sent to the National Panel and the Secretary of State (at least seven working days before publication).")
    referral: UKDate | None = Field(None, description="Date the case was referred to / came to the attention of the board chair (the notification).")
    chair_request: UKDate | None = Field(None, description="Date the board chair asked the review panel / sub group to consider the case.")
    subgroup_meeting: UKDate | None = Field(None, description="Date the review panel or sub group first met to consider the referral.")
    recommendation: UKDate | None = Field(None, description="Date the panel's written recommendation (and draft terms of reference) went to the board chair.")
    decision: UKDate | None = Field(None, description="Date the board chair decided to hold the review.")
    terms_of_reference_agreed: UKDate | None = Field(None, description="Date the terms of reference were agreed.")
    imrs_requested: UKDate | None = Field(None, description="Date agencies were asked for their Individual Management Reviews.")
    imrs_started: UKDate | None = Field(None, description="Date the IMRs began.")
    panel_meetings: list[UKDate] = Field(default_factory=list, description="Dates of the review panel's meetings.")
    overview_report_submitted: UKDate | None = Field(None, description="Date the overview report went to the board.")
    action_plans_requested: UKDate | None = Field(None, description="Date the board chair asked agencies for their action plans (Cumbria: agencies have four weeks to reply).")
    action_plan_agreed: UKDate | None = Field(None, description="Date the board agreed the action plan (target dates must fall after it).")
    due: UKDate | None = Field(None, description="Date the review is due to be completed.")
    completed: UKDate | None = Field(None, description="Date the review was completed (signed off by the board).")
    published: UKDate | None = Field(None, description="Date the report was published, if it has been.")


class Period(Strict):
    """The period under review."""

    start: UKDate = Field(description="First day of the period under review.")
    end: UKDate = Field(description="Last day of the period under review.")

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise ValueError("the period under review ends before it starts")
        return self


class Interview(Strict):
    who: Text = Field(description="Who was interviewed, by job title and agency (not by name in published copies).")
    date: UKDate | None = Field(None, description="Date of the interview.")
    by: Text | None = Field(None, description="Who conducted the interview.")
    form: Text | None = Field(None, description="How the information came: 'in person', 'by telephone', 'in writing'.")


class Methodology(Strict):
    approach: Text | None = Field(None, description="The review method (for example IMRs and an independent overview report, a learning event, a systems review).")
    documents_seen: list[Text] = Field(default_factory=list, description="Documents and records reviewed.")
    interviews: NoneOr[list[Interview]] = Field(default_factory=list, description="Interviews held, and whether information came by interview or in writing. Write `none` when there were none (the documents then say so); leave it out while not known.")
    information_not_available: NoneOr[list[Text]] = Field(default_factory=list, description="Information not available or not considered, with the reasons. Write `none` when there were none (the documents then say so); leave it out while not known.")
    staff_involved: list[Text] = Field(default_factory=list, description="Staff involved with the case, by job title (never by name), for example 'Social Worker (SW1)'.")


class ParallelProcess(Strict):
    kind: Literal["coroner", "criminal", "review", "disciplinary", "civil", "other"] = Field(description="coroner (inquest), criminal (proceedings or investigation), review (another statutory review), disciplinary, civil (family or civil court) or other.")
    description: Text = Field(description="What the process is and how the review has related to it.")
    status: Text | None = Field(None, description="Where it stands (for example 'inquest opened and adjourned').")
    concluded: UKDate | None = Field(None, description="Date it concluded, if it has.")


class FamilyInvolvement(Strict):
    summary: Text | None = Field(None, description="How the family (and the adult or child, if living) were involved in the review.")
    contacts: list[Text] = Field(default_factory=list, description="Each contact with the family (date and form), written without names.")
    read_only_copy_offered: UKDate | None = Field(None, description="Date the family was offered a read-only copy of the report before publication.")


class Complaint(Strict):
    """A complaint about the board's handling of the review (Stockport: answered within 28 days)."""

    received: UKDate = Field(description="Date the complaint was received.")
    answered: UKDate | None = Field(None, description="Date the written response was sent.")
    escalated: UKDate | None = Field(None, description="Date the complainant, unsatisfied, asked for the independent chair to consider it.")
    escalation_answered: UKDate | None = Field(None, description="Date the independent chair's written response was sent.")
    summary: Text | None = Field(None, description="What the complaint is about, without names.")


class Review(Strict):
    type: ReviewType = Field(description="SCR, SAR, CSPR or DHR.")
    subject_group: SubjectGroup | None = Field(None, description="adult or child. Defaults from the type: SAR and DHR are adult reviews, SCR and CSPR children's reviews. Set 'adult' for an adult Serious Case Review.")
    board: Text = Field(description="The safeguarding board or partnership running the review.")
    title: Text = Field(description="Title of the review as it will appear on the cover (already anonymised, e.g. 'Adult A').")
    reference: Text = Field(description="The board's reference for the review.")
    legal_mandate: Text | None = Field(None, description="The statutory basis (e.g. 'Section 44 of the Care Act 2014').")
    procedure: Text = Field("national", description="The timescale procedure to check against: national, stockport, cumbria or a board's own.")
    key_dates: KeyDates = Field(default_factory=KeyDates, description="The review's milestones.")
    terms_of_reference: list[Text] = Field(default_factory=list, description="The terms of reference, one per item.")
    period_under_review: Period | None = Field(None, description="The period under review.")
    methodology: Methodology = Field(default_factory=Methodology, description="How the review was done.")
    parallel_processes: NoneOr[list[ParallelProcess]] = Field(default_factory=list, description="Coroner, criminal proceedings and other reviews running alongside. Write `none` when there were none (the documents then say so); leave it out while not known.")
    family_involvement: FamilyInvolvement = Field(default_factory=FamilyInvolvement, description="How the family took part.")
    complaints: list[Complaint] = Field(default_factory=list, description="Complaints about the review process, with the dates received and answered.")
    version: Text | None = Field(None, description="Version of the documents (for example '1.0'); printed on a finished document's cover.")
    approved: UKDate | None = Field(None, description="Date the board approved the documents (defaults to key_dates.completed); printed on a finished document's cover.")
    delay_reason: Text | None = Field(None, description="Why the review finished after its due date (Working Together 8.20); the executive summary gives it.")

    @property
    def group(self) -> SubjectGroup:
        if self.subject_group is not None:
            return self.subject_group
        return SubjectGroup.child if self.type in (ReviewType.SCR, ReviewType.CSPR) else SubjectGroup.adult

    @property
    def is_childrens_review(self) -> bool:
        return self.group is SubjectGroup.child


# --------------------------------------------------------------------------
# Panel


class PanelPerson(Strict):
    name: Text = Field(description="Full name, as it should appear in the report.")
    job_title: Text | None = Field(None, description="Job title.")
    organisation: Text | None = Field(None, description="Employing organisation.")
    aliases: list[Text] = Field(default_factory=list, description="Other forms of the name used in documents (e.g. 'Prof. Hollis').")
    role_label: Text | None = Field(None, description="How the role is named in the documents. For a partnership review's board_chair: 'Independent Scrutineer' or 'Lead Safeguarding Partner' (or the partnership's own title).")


#: The board chair's title when role_label is not given: a Child Safeguarding Practice Review
#: is run by the safeguarding partners, not a board.
_BOARD_CHAIR_TITLES = {"CSPR": "Lead for the safeguarding partners"}
_BOARD_CHAIR_DEFAULT = "Chair of the Safeguarding Board"


class Panel(Strict):
    board_chair: PanelPerson = Field(description="Chair of the safeguarding board or, in a partnership review (CSPR), the partnership's independent scrutineer or lead; say which with role_label (named in every copy).")
    panel_chair: PanelPerson = Field(description="Chair of the review panel / sub group (named in every copy).")
    author: PanelPerson = Field(description="Independent author of the overview report (named in every copy).")
    members: NoneOr[list[PanelPerson]] = Field(default_factory=list, description="Panel members. Job titles and organisations always stay; names stay in children's reviews only. Write `none` when there were none (the documents then say so); leave it out while not known.")

    def board_chair_label(self, review_type: "ReviewType | str") -> str:
        """The board chair's title as the documents print it: role_label when given, else by review type."""
        if self.board_chair.role_label:
            return self.board_chair.role_label
        kind = review_type.value if isinstance(review_type, ReviewType) else str(review_type)
        return _BOARD_CHAIR_TITLES.get(kind, _BOARD_CHAIR_DEFAULT)


# --------------------------------------------------------------------------
# Agencies


class Signatory(Strict):
    name: Text = Field(description="Full name.")
    job_title: Text | None = Field(None, description="Job title (sign-off should be at Chief Executive or Director level).")
    date: UKDate | None = Field(None, description="Date signed.")


class Contact(Strict):
    """The lead person block of the Cumbria action plan template."""

    name: Text = Field(description="Full name.")
    position: Text | None = Field(None, description="Position (job title).")
    phone: Text | None = Field(None, description="Telephone number.")
    email: Text | None = Field(None, description="Email address.")
    address: Text | None = Field(None, description="Postal address.")


class AgencyFamilyMember(Strict):
    """One member of the family as the agency understands it (Cumbria IMR section 2)."""

    person: Text | None = Field(None, description="Person id, when the person is in the case file's people.")
    name: Text | None = Field(None, description="The name as the agency's records give it, when not a person id.")
    relationship: Text | None = Field(None, description="Relationship to the subject, as the agency understands it.")
    address: Text | None = Field(None, description="Address on the agency's file.")


class ContactGap(Strict):
    """Why the agency had no contact for a while (Cumbria Appendix C: gaps must be explained)."""

    start: UKDate = Field(description="First day without contact.")
    end: UKDate | None = Field(None, description="Last day without contact.")
    explanation: Text = Field(description="Why there was no contact.")


class IMREvaluation(Strict):
    """Who confirmed which evaluation statement (ids in scrdocs/review/procedures/checks/imr_evaluation.yaml)."""

    author: list[Text] = Field(default_factory=list, description="Statement ids the IMR author confirms.")
    senior_officer: list[Text] = Field(default_factory=list, description="Statement ids the senior officer signing off confirms.")


class IMRContent(Strict):
    """The agency's Individual Management Review, in the Cumbria format."""

    author_statement: Text | None = Field(None, description="The IMR author's role, how it equips them, and confirmation they had no operational involvement.")
    sources_of_information: list[Text] = Field(default_factory=list, description="Records and interviews used to compile the IMR (interviewees by job title).")
    contextual_information: Text | None = Field(None, description="Context that affected practice: workload, staffing, organisational change.")
    summary_of_involvement: Text | None = Field(None, description="A narrative summary of the agency's involvement (not a repeat of the chronology).")
    analysis: Text | None = Field(None, description="Analysis of involvement against the terms of reference.")
    lessons: Text | None = Field(None, description="What do we learn from this case?")
    good_practice: Text | None = Field(None, description="Good practice identified.")
    recommendations: NoneOr[list["Recommendation"]] = Field(default_factory=list, description="The agency's own recommendations and action plan. Write `none` when there were none (the documents then say so); leave it out while not known.")
    lead_contact: Contact | None = Field(None, description="Lead person for the agency action plan.")
    interviews: NoneOr[list[Interview]] = Field(default_factory=list, description="Staff interviews held for the IMR, with dates. Write `none` when there were none (the documents then say so); leave it out while not known.")
    information_not_available: NoneOr[list[Text]] = Field(default_factory=list, description="Information the agency could not find or consider, with the reasons. Write `none` when there were none (the documents then say so); leave it out while not known.")
    staff_involved: list[Text] = Field(default_factory=list, description="Staff involved with the case, by job title and pseudonym (never by name).")
    family_composition: list[AgencyFamilyMember] = Field(default_factory=list, description="The family as far as the agency understands it (the case's family list is used when empty).")
    other_addresses: NoneOr[list[Text]] = Field(default_factory=list, description="Other addresses on the agency's file. Write `none` when there were none (the documents then say so); leave it out while not known.")
    contact_gaps: list[ContactGap] = Field(default_factory=list, description="Explanations of periods without contact.")
    evaluation: IMREvaluation = Field(default_factory=IMREvaluation, description="Each evaluation statement confirmed by the author and the senior officer.")
    evaluation_confirmed: bool = Field(False, description="Replaced by `evaluation` (each statement confirmed on its own); a single flag confirms nothing.")


class Agency(Strict):
    id: Id
    name: Text = Field(description="Full name of the agency (it stays in anonymised copies).")
    short_name: Text | None = Field(None, description="Abbreviation used in tables (e.g. 'ASC', 'GMP').")
    imr_author: Signatory | None = Field(None, description="Who wrote the agency's IMR.")
    sign_off: Signatory | None = Field(None, description="The senior officer who signed off the IMR.")
    imr_requested: UKDate | None = Field(None, description="Date the IMR was requested.")
    imr_due: UKDate | None = Field(None, description="Date the IMR was due.")
    imr_received: UKDate | None = Field(None, description="Date the IMR was received.")
    signed_off: UKDate | None = Field(None, description="Date the IMR was signed off by the agency.")
    imr: IMRContent | None = Field(None, description="The IMR's content, when the agency's report is written in the case file.")
    action_plan_signed_up: Signatory | None = Field(None, description="The senior manager who signed the agency up to the review's action plan, with the date.")

    @property
    def label(self) -> str:
        return self.short_name or self.name


# --------------------------------------------------------------------------
# People


class Person(Strict):
    id: Id
    name: Text = Field(description="Full real name. Never appears in anonymised copies.")
    aliases: list[Text] = Field(default_factory=list, description="Other names the person is known by (nicknames, maiden names, spellings).")
    role: Role = Field(description="subject, family, practitioner, perpetrator or other.")
    relationship: Text | None = Field(None, description="Relationship to the subject (e.g. 'son', 'maternal grandmother').")
    job_title: Text | None = Field(None, description="For practitioners: job title.")
    agency: Text | None = Field(None, description="For practitioners: the id of their agency.")
    sex: Sex = Field(Sex.U, description="M, F or U (unknown); sets the genogram symbol.")
    dob: UKDate | None = Field(None, description="Date of birth.")
    dod: UKDate | None = Field(None, description="Date of death.")
    ethnicity: Text | None = Field(None, description="Ethnicity as recorded.")
    address: Text | None = Field(None, description="Address (removed from anonymised copies).")
    nhs_number: Text | None = Field(None, description="NHS number (removed from anonymised copies).")
    identifiers: list[Text] = Field(default_factory=list, description="Other identifying strings: phone numbers, NI number, case numbers, email addresses.")
    pseudonym: Text | None = Field(None, description="The name used in anonymised copies ('Adult A', 'Son', 'SW1', 'GP2').")

    @model_validator(mode="after")
    def _dates(self) -> "Person":
        if self.dob and self.dod and self.dod < self.dob:
            raise ValueError("date of death is before date of birth")
        return self


# --------------------------------------------------------------------------
# Narrative and recommendations


class Narrative(Strict):
    """The overview author's writing. Paragraphs are separated by a blank line."""

    circumstances: Text | None = Field(None, description="The circumstances that led to the review.")
    summary_of_events: Text | None = Field(None, description="A précis of the key facts and sequence of events.")
    known_to_agencies: Text | None = Field(None, description="What was known to agencies about the family, carers, any perpetrator and the home.")
    equality_and_diversity: Text | None = Field(None, description="Ethnic, cultural, linguistic, religious and other equality considerations.")
    key_issues: Text | None = Field(None, description="Key issues and themes arising from the case.")
    analysis: Text | None = Field(None, description="How and why events occurred, decisions were made and actions taken or not taken.")
    good_practice: Text | None = Field(None, description="Examples of good practice.")
    lessons: Text | None = Field(None, description="Lessons learned, for single agencies and for working together.")
    conclusions: Text | None = Field(None, description="Conclusions of the review.")
    previous_reviews_and_research: Text | None = Field(None, description="The findings considered alongside learning from previous reviews and relevant research (Working Together 8.41).")
    national_lessons: Text | None = Field(None, description="Lessons for national as well as local policy and practice (Working Together 8.42).")
    briefing_points: list[Text] = Field(default_factory=list, description="Up to seven short points for the seven-minute briefing.")
    practice_points: list[Text] = Field(default_factory=list, description="'What practitioners should do', for the seven-minute briefing (the board's standard points are used when empty).")
    reflection_questions: list[Text] = Field(default_factory=list, description="Questions for reflection, for the seven-minute briefing (the board's standard questions are used when empty).")


class Recommendation(Strict):
    number: Text = Field(description="Number as it appears in the report (1, 2, 3... or 1.1).")
    recommendation: Text = Field(description="The recommendation.")
    agencies: list[Text] = Field(default_factory=list, description="Ids of the agencies it applies to.")
    lead_agency: Text | None = Field(None, description="Id of the lead agency.")
    key_actions: list[Text] = Field(default_factory=list, description="The key actions, numbered 1.1, 1.2... in the plan.")
    evidence: Text | None = Field(None, description="Evidence the board will see that the actions are being done.")
    key_outcome: Text | None = Field(None, description="The intended, measurable outcome.")
    target_date: UKDate | None = Field(None, description="Date by which the actions will be complete.")
    lead_person: Text | None = Field(None, description="Lead person, by job title.")
    monitoring: Text | None = Field(None, description="How progress is monitored, and by whom.")
    status: Literal["not started", "in progress", "complete"] = Field("not started", description="not started, in progress or complete (with the target date, this sets the action plan's Red/Amber/Green rating).")
    progress: Text | None = Field(None, description="Progress so far.")

    @model_validator(mode="before")
    @classmethod
    def _number_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("number"), (int, float)):
            data = {**data, "number": str(data["number"])}
        return data


IMRContent.model_rebuild()


# --------------------------------------------------------------------------
# The case


class Case(Strict):
    """One review: the single source every document is built from."""

    review: Review
    panel: Panel
    agencies: list[Agency] = Field(default_factory=list, description="Agencies that took part (each writes an IMR).")
    people: list[Person] = Field(description="Everyone who appears in the case other than the panel.")
    family: Family | None = Field(None, description="Partnerships, twins, pregnancy losses and households, for the genogram.")
    chronology: list[ChronologyEntry] = Field(default_factory=list, description="The agencies' chronology entries (merged into the integrated chronology).")
    narrative: Narrative | None = Field(None, description="The overview report's narrative sections.")
    recommendations: list[Recommendation] = Field(default_factory=list, description="The review's recommendations and multi-agency action plan.")

    # -- look-ups used throughout the pipeline --------------------------
    def person(self, person_id: str) -> Person:
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def agency(self, agency_id: str) -> Agency:
        for a in self.agencies:
            if a.id == agency_id:
                return a
        raise KeyError(agency_id)

    @property
    def subject(self) -> Person | None:
        return next((p for p in self.people if p.role is Role.subject), None)

    def sorted_chronology(self) -> list[ChronologyEntry]:
        """The integrated chronology: every agency's entries in date and time order."""
        return sorted(self.chronology, key=lambda e: (e.date, e.time or "", e.agency))
