"""One agency chronology entry, in the columns of the seeds' layouts (Herefordshire, Cumbria, Stockport)."""

from __future__ import annotations

from pydantic import Field, model_validator

from .types import Strict, Text, Time24, UKDate

# --------------------------------------------------------------------------
# Chronology


class ChronologyEntry(Strict):
    date: UKDate = Field(description="Date of the event (dd/mm/yyyy). Give your best estimate and set date_uncertain if unsure.")
    time: Time24 | None = Field(None, description="Time in 24-hour form (14:30).")
    agency: Text = Field(description="Id of the agency that recorded the event.")
    source: Text | None = Field(None, description="Source of information: case notes, interview with staff, supervision notes...")
    subject_of_recording: Text | None = Field(None, description="Who the entry relates to (subject, partner, child...).")
    event: Text = Field(description="Event description, action and outcome. Refer to workers by pseudonym (SW1) where possible.")
    # Three states: true, false, or not recorded (left out). Documents print an unrecorded one as a
    # dash explained under the table, never "No": the agency did not say the person was not seen.
    seen: bool | None = Field(None, description="The adult or child was seen (true or false; leave it out when the agency's chronology does not say, and the documents print a dash, not 'No').")
    seen_alone: bool | None = Field(None, description="The adult or child was seen alone (true or false; leave it out when not recorded).")
    wishes_sought: bool | None = Field(None, description="The adult's or child's wishes and feelings were sought or expressed (true or false; leave it out when not recorded).")
    communication_within_agency: Text | None = Field(None, description="Phone, written, meeting (Herefordshire format).")
    communication_external: Text | None = Field(None, description="Phone, written, meeting (Herefordshire format).")
    expected_practice: Text | None = Field(None, description="Expected practice or standards, and whether they were followed.")
    relevance: Text | None = Field(None, description="Relevance to the terms of reference.")
    comments: Text | None = Field(None, description="Any other comment (for example that two agencies recorded the same event).")
    response_outcome: Text | None = Field(None, description="Response or outcome of the contact (Herefordshire format).")
    contact_with_individual: Text | None = Field(None, description="The kind of contact with the adult or child (home visit, clinic, phone...).")
    seen_person: Text | None = Field(None, description="Person id of who was seen, seen alone or asked their wishes and feelings (in a children's review, the named child; the subject when empty).")
    date_text: Text | None = Field(None, description="The date as the agency wrote it, when it was vague ('Mid Nov 2024', 'Spring 2023'); date then holds the best estimate and date_uncertain is set.")
    date_uncertain: bool = Field(False, description="The date is an estimate.")
    date_end: UKDate | None = Field(None, description="For a range of dates, the last date.")
    imported_from: Text | None = Field(None, description="Where `scrdocs import-chronology` read the entry (file, table, row). A later import of the same agency replaces the entries that have it; remove it to keep an entry through re-imports.")

    @model_validator(mode="after")
    def _seen(self) -> "ChronologyEntry":
        if self.seen_alone and not self.seen:
            self.seen = True  # seen alone implies seen
        if self.seen is False and self.seen_alone is None:
            self.seen_alone = False  # not seen is not seen alone either
        return self
