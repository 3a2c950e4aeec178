"""Generate the shipped Word templates (the .docx files beside this script).

Run it after changing the layout of a document:

    .venv/bin/python templates/make_templates.py

The .docx files it writes are committed, and a board may then edit them in
Word (keep the ``{{ ... }}`` and ``{%p ... %}`` tags; ``scrdocs build
--templates DIR`` uses a board's own folder). The variables each template can
use are listed in ``scrdocs/documents/context.py``.

Conventions, so a board's edits keep working:

* ``{{ name }}`` prints a value; ``{%p if ... %}`` / ``{%p for ... %}`` on a
  line of their own repeat or hide whole paragraphs (and any table between
  them); ``{%tr for ... %}`` in a table row repeats the row below it.
* Headings use the real Word styles Heading 1-3, so the table of contents
  (a TOC field, refreshed when the PDF is made and when Word opens the file)
  lists them, and the tagged PDF has them as its structure.
* A missing part prints a draft marker, ``[To be completed: ...]``; any marker
  in the filled-in document makes it a draft, stamped DRAFT on its cover.

The building blocks are in ``template_blocks.py``, the tables and sections
several documents share in ``template_parts.py``, the IMR and its standards
form in ``imr_templates.py``; this file has the other documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the building blocks beside this script

from imr_templates import imr, imr_standards  # noqa: E402
from template_blocks import (  # noqa: E402
    bullets,
    contents,
    cover,
    draft_stamp,
    heading,
    image_or_note,
    loop_table,
    missing,
    new_document,
    numbered_items,
    p,
    paragraphs,
    section_break,
    stated_none_test,
    tag,
    todo,
)
from template_parts import (  # noqa: E402
    AGENCY_ACTION_PLAN_COLUMNS,
    CHRONOLOGY_COLUMNS,
    CHRONOLOGY_COLUMNS_COMMUNICATION,
    NO_CHRONOLOGY,
    NO_IMR_RECOMMENDATIONS,
    NO_RECOMMENDATIONS,
    _RECOMMENDATION_CELL,
    action_plan_table,
    chronology_table,
    family_involvement,
    glossary_section,
    keep_next,
    panel_section,
    parallel_processes,
    recommendation_list,
)


# --------------------------------------------------------------------------
# The documents


def overview_report():
    doc = new_document("{{ review.title }}: Overview report")
    cover(doc, "Overview report")
    contents(doc)

    heading(doc, "1 Introduction")
    heading(doc, "1.1 Circumstances that led to the review", 2)
    p(doc, "This {{ review.type_long }} was commissioned by {{ review.board }}. Legal basis: {{ review.mandate }}.")
    paragraphs(doc, "narrative.circumstances", "the circumstances that led to the review")
    heading(doc, "1.2 Terms of reference", 2)
    tag(doc, "if review.period")
    p(doc, "The review considered the period from {{ review.period }}.")
    tag(doc, "endif")
    bullets(doc, "review.terms_of_reference", "{{ item }}", "the terms of reference")
    heading(doc, "1.3 Methodology", 2)
    paragraphs(doc, "review.methodology.approach", "the review method")
    heading(doc, "Documents seen", 3)
    bullets(doc, "review.methodology.documents_seen", "{{ item }}", "the documents and records reviewed")
    heading(doc, "Interviews", 3)
    bullets(doc, "review.methodology.interviews", "{{ item.who }}{% if item.date %} ({{ item.date }}){% endif %}{% if item.form %}, {{ item.form }}{% endif %}{% if item.by %}, by {{ item.by }}{% endif %}",
            missing("review.methodology.interviews"),
            stated_none="No interviews were held.")
    heading(doc, "Information not available", 3)
    bullets(doc, "review.methodology.information_not_available", "{{ item }}",
            missing("review.methodology.information_not_available"),
            stated_none="All the information the review sought was available to it.")
    heading(doc, "Review timescales", 3)
    keep_next(p(doc, "The review's milestones against the timescales of its procedure."))
    image_or_note(doc, "timeline_image", "timeline_note", "{{ figures.timeline.caption }}")
    heading(doc, "1.4 Contributors to the review", 2)
    keep_next(p(doc, "The following agencies contributed to the review. The nature of each contribution is shown."))
    loop_table(doc, "agencies", "a", [
        ("Agency", "{{ a.name }}", 60),
        ("Contribution", "{{ a.contribution }}", 60),
        ("IMR author", "{{ a.imr_author }}", 50),
    ], "the agencies that contributed to the review")
    heading(doc, "1.5 The review panel", 2)
    panel_section(doc)
    heading(doc, "1.6 Parallel processes", 2)
    parallel_processes(doc)
    heading(doc, "1.7 Family involvement", 2)
    family_involvement(doc)

    heading(doc, "2 The facts")
    heading(doc, "2.1 Summary of events", 2)
    paragraphs(doc, "narrative.summary_of_events", "a summary of events")
    heading(doc, "2.2 Genogram", 2)
    keep_next(p(doc, "The genogram shows the membership of the family, extended family and household."))
    image_or_note(doc, "genogram_image", "genogram_note", "{{ figures.genogram.caption }}")
    heading(doc, "2.3 Equality and diversity", 2)
    paragraphs(doc, "narrative.equality_and_diversity", "equality and diversity considerations")
    heading(doc, "2.4 What was known to agencies", 2)
    paragraphs(doc, "narrative.known_to_agencies", "what was known to agencies")
    # The chronology is the one wide table of this part: only it goes landscape.
    section_break(doc, landscape=True)
    heading(doc, "2.5 Integrated chronology", 2)
    keep_next(p(doc, "Each agency's contacts over the period under review, and the occasions on which the "
                     "{{ words.subject }} was seen and seen alone."))
    image_or_note(doc, "contact_image", "contact_note", "{{ figures.contact.caption }}")
    keep_next(p(doc, "The chronology brings together the involvement of all agencies in date and time order. It "
                     "notes each occasion on which the {{ words.subject }} was seen, whether the {{ words.subject }} "
                     "was seen alone and whether their wishes and feelings were sought or expressed. Dates marked "
                     "'c.' are estimates."))
    chronology_table(doc, "chronology", "chronology_parts", CHRONOLOGY_COLUMNS, CHRONOLOGY_COLUMNS_COMMUNICATION,
                     NO_CHRONOLOGY, 7)
    section_break(doc, landscape=False)

    heading(doc, "3 Analysis")
    heading(doc, "3.1 Key issues and themes", 2)
    paragraphs(doc, "narrative.key_issues", "the key issues and themes")
    heading(doc, "3.2 Analysis of involvement", 2)
    paragraphs(doc, "narrative.analysis", "the analysis")
    heading(doc, "3.3 Good practice", 2)
    paragraphs(doc, "narrative.good_practice", "examples of good practice")
    heading(doc, "3.4 Previous reviews and research", 2)
    paragraphs(doc, "narrative.previous_reviews_and_research",
               "the findings considered alongside previous reviews and research (Working Together 8.41)")

    heading(doc, "4 Conclusions and recommendations")
    heading(doc, "4.1 Lessons learned", 2)
    paragraphs(doc, "narrative.lessons", "the lessons learned")
    heading(doc, "4.2 Lessons for national policy and practice", 2)
    paragraphs(doc, "narrative.national_lessons",
               "lessons for national policy and practice, or that there are none (Working Together 8.42)")
    heading(doc, "4.3 Conclusions", 2)
    paragraphs(doc, "narrative.conclusions", "the conclusions")
    heading(doc, "4.4 Recommendations", 2)
    recommendation_list(doc, "recommendations")

    section_break(doc, landscape=True)
    heading(doc, "5 Action plan")
    keep_next(p(doc, "The action plan sets out who will do what, by when, with what intended outcome, how "
                     "progress will be monitored and the progress made so far."))
    action_plan_table(doc)
    heading(doc, "Appendix A The IMRs' recommendations")
    keep_next(p(doc, "The recommendations each agency made in its own Individual Management Review, as an addendum "
                     "to the review's own (Working Together 8.42)."))
    tag(doc, "if imr_recommendations")
    tag(doc, "for plan in imr_recommendations")
    heading(doc, "{{ plan.agency }}", 2)
    loop_table(doc, "plan.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)
    tag(doc, "endfor")
    tag(doc, stated_none_test("imr_recommendations"))
    p(doc, "No agency made recommendations of its own.")
    tag(doc, "else")
    p(doc, todo(NO_IMR_RECOMMENDATIONS), bold=True)
    tag(doc, "endif")
    glossary_section(doc, "Appendix B Glossary")
    return doc


def executive_summary():
    doc = new_document("{{ review.title }}: Executive summary")
    cover(doc, "Executive summary")
    contents(doc)
    heading(doc, "1 The review process")
    p(doc, "This {{ review.type_long }} was commissioned by {{ review.board }}. Legal basis: {{ review.mandate }}.")
    tag(doc, "if review.period")
    p(doc, "The review considered the period from {{ review.period }}.")
    tag(doc, "endif")
    tag(doc, "if review.delay.late")
    p(doc, "{{ review.delay.text }}")
    tag(doc, "endif")
    heading(doc, "1.1 Circumstances", 2)
    paragraphs(doc, "narrative.circumstances", "the circumstances that led to the review")
    heading(doc, "1.2 Terms of reference", 2)
    bullets(doc, "review.terms_of_reference", "{{ item }}", "the terms of reference")
    heading(doc, "1.3 How the review was carried out", 2)
    paragraphs(doc, "review.methodology.approach", "the review method")
    p(doc, "{{ agencies_sentence }}")
    heading(doc, "1.4 Key dates", 2)
    loop_table(doc, "key_dates", "d", [("Milestone", "{{ d.label }}", 90), ("Date", "{{ d.date }}", 40)],
               "the review's key dates")
    heading(doc, "1.5 The review panel", 2)
    panel_section(doc)
    heading(doc, "1.6 Parallel processes", 2)
    parallel_processes(doc)
    heading(doc, "1.7 Family involvement", 2)
    family_involvement(doc)
    heading(doc, "2 Key issues arising from the case")
    paragraphs(doc, "narrative.key_issues", "the key issues")
    heading(doc, "2.1 Summary of events", 2)
    paragraphs(doc, "narrative.summary_of_events", "a summary of events")
    heading(doc, "2.2 Lessons learned", 2)
    paragraphs(doc, "narrative.lessons", "the lessons learned")
    heading(doc, "3 Recommendations")
    numbered_items(doc, "recommendations", _RECOMMENDATION_CELL.replace("{{ r.recommendation }}", "{{ r.number }}. {{ r.recommendation }}"),
                   NO_RECOMMENDATIONS, loop_var="r")
    section_break(doc, landscape=True)
    heading(doc, "4 Action plan")
    keep_next(p(doc, "The full action plan, including actions already completed."))
    action_plan_table(doc)
    return doc


def integrated_chronology():
    doc = new_document("{{ review.title }}: Integrated multi-agency chronology", landscape=True)
    p(doc, "{{ review.board }}", "Subtitle")
    draft_stamp(doc)
    p(doc, "{{ review.title }}: integrated multi-agency chronology", "Title")
    p(doc, "{{ review.type_long }} {{ review.reference }}. {% if review.period %}Period under review: {{ review.period }}. {% endif %}"
           "{{ chronology|length }} entries from {{ chronology_agency_count }} agencies, in date and time order. "
           "Dates marked 'c.' are estimates. {% if not draft %}{{ status_line }}.{% endif %}")
    heading(doc, "Chronology")
    chronology_table(doc, "chronology", "chronology_parts", CHRONOLOGY_COLUMNS, CHRONOLOGY_COLUMNS_COMMUNICATION,
                     NO_CHRONOLOGY, 7)
    heading(doc, "Agencies")
    loop_table(doc, "agencies", "a", [("Short name", "{{ a.label }}", 40), ("Agency", "{{ a.name }}", 120)],
               "the agencies that contributed to the review")
    return doc


def action_plan():
    doc = new_document("{{ review.title }}: Action plan", landscape=True)
    p(doc, "{{ review.board }}", "Subtitle")
    draft_stamp(doc)
    p(doc, "{{ review.title }}: action plan", "Title")
    p(doc, "{{ review.type_long }} {{ review.reference }}. {% if action_plan_agreed %}Agreed by {{ words.body_long }} on {{ action_plan_agreed }}. {% endif %}"
           "Red/Amber/Green status as on {{ produced }}. {% if not draft %}{{ status_line }}.{% endif %}")
    heading(doc, "Multi-agency action plan")
    action_plan_table(doc)
    heading(doc, "Signed up to by each organisation")
    keep_next(p(doc, "The plan is signed up to by the senior manager in each organisation that will be involved in "
                     "implementing it."))
    loop_table(doc, "sign_up", "s", [("Organisation", "{{ s.agency }}", 80), ("Senior manager", "{{ s.name }}", 55),
                                     ("Job title", "{{ s.job_title }}", 60), ("Date", "{{ s.date }}", 30),
                                     ("Signed", "", 32)],
               "the organisations signing up to the plan")
    heading(doc, "Single-agency action plans")
    tag(doc, "if agency_plans")
    tag(doc, "for plan in agency_plans")
    heading(doc, "{{ plan.agency }}", 2)
    tag(doc, "if plan.lead_block")
    loop_table(doc, "plan.lead_block", "l", [("Lead person", "{{ l.label }}", 40), ("", "{{ l.value }}", 130)], "")
    tag(doc, "endif")
    loop_table(doc, "plan.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)
    tag(doc, "endfor")
    tag(doc, stated_none_test("imr_recommendations"))
    p(doc, "No agency made recommendations of its own.")
    tag(doc, "else")
    p(doc, todo(NO_IMR_RECOMMENDATIONS), bold=True)
    tag(doc, "endif")
    return doc


def seven_minute_briefing():
    doc = new_document("{{ review.title }}: Seven-minute briefing")
    doc.styles["Normal"].font.size = Pt(9)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(1)
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].paragraph_format.space_before = Pt(6)
        doc.styles[name].paragraph_format.space_after = Pt(2)
    doc.styles["Heading 2"].font.size = Pt(11)
    p(doc, "Seven-minute briefing: {{ review.title }}", "Heading 1")
    tag(doc, "if draft")
    p(doc, "{{ status_line }}", bold=True).runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    tag(doc, "endif")
    p(doc, "{{ review.board }}. {{ review.type_long }} {{ review.reference }}. Learning for practitioners.", italic=True)
    heading(doc, "The case in brief", 2)
    p(doc, "{{ briefing.case_in_brief }}")
    heading(doc, "Key issues", 2)
    bullets(doc, "briefing.key_issues", "{{ item }}", "the key issues")
    heading(doc, "What we learned", 2)
    bullets(doc, "briefing.learning", "{{ item }}", "the lessons")
    heading(doc, "Good practice", 2)
    bullets(doc, "briefing.good_practice", "{{ item }}", "examples of good practice")
    heading(doc, "What practitioners should do", 2)
    bullets(doc, "briefing.practice_points", "{{ item }}", "")
    heading(doc, "Questions for reflection", 2)
    bullets(doc, "briefing.questions", "{{ item }}", "")
    heading(doc, "Recommendations", 2)
    numbered_items(doc, "briefing.recommendations", "{{ item }}", NO_RECOMMENDATIONS, space_after=1)
    tag(doc, "if briefing.more_recommendations")
    p(doc, "{{ briefing.more_recommendations }}", italic=True)
    tag(doc, "endif")
    return doc


TEMPLATES = {
    "overview-report.docx": overview_report,
    "executive-summary.docx": executive_summary,
    "imr.docx": imr,
    "imr-standards.docx": imr_standards,
    "integrated-chronology.docx": integrated_chronology,
    "action-plan.docx": action_plan,
    "seven-minute-briefing.docx": seven_minute_briefing,
}


def main(out_dir: Path = HERE) -> None:
    for name, make in TEMPLATES.items():
        make().save(out_dir / name)
        print(f"wrote {out_dir / name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
