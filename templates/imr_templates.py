"""The IMR's templates: the Individual Management Review (Herefordshire and Cumbria covers, Cumbria
Appendix C sections) and the Herefordshire "Standards for Individual Management Reviews" form."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from template_blocks import (
    HEADER_FILL,
    _cell_text,
    _grid,
    _keep_row_whole,
    _keep_with_next,
    _shade,
    bullets,
    contents,
    cover,
    draft_stamp,
    fixed_table,
    heading,
    image_or_note,
    loop_table,
    missing,
    new_document,
    p,
    paragraphs,
    section_break,
    tag,
)
from template_parts import (
    AGENCY_ACTION_PLAN_COLUMNS,
    IMR_CHRONOLOGY_COLUMNS,
    IMR_CHRONOLOGY_COLUMNS_COMMUNICATION,
    chronology_table,
    glossary_section,
    keep_next,
)


def imr_evaluation(doc) -> None:
    """The Herefordshire evaluation statement, statement by statement, and the two signature blocks."""
    keep_next(p(doc, "Evaluation statement on behalf of the agency", bold=True))
    keep_next(p(doc, "Each statement is shown as met or not met from what this IMR holds and what the review's "
                     "checks rate; a statement that needs judgement is for the author and the senior officer. Each "
                     "confirmation is recorded statement by statement.", size=9))
    loop_table(doc, "imr.evaluation", "s", [
        ("Statement", "{{ s.text }}", 58),
        ("From the IMR", "{{ s.shown }}{% if s.reason %}: {{ s.reason }}{% endif %}", 70),
        ("IMR author", "{{ s.author }}", 21),
        ("Senior officer", "{{ s.senior_officer }}", 21),
    ], "the evaluation statement", size=7.5)
    tag(doc, "if agency.below_director")
    p(doc, "{{ agency.below_director }}", bold=True)
    tag(doc, "endif")
    keep_next(p(doc, "I have read this report and confirm that I have approved it as my agency's IMR report to the "
                     "review panel (the Chief Officer, Chief Executive or Director responsible for signing off the "
                     "IMR report).", size=9))
    table = doc.add_table(rows=0, cols=3)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for label, author, senior in (
            ("", "IMR author responsible for writing the IMR report", "Senior officer signing off the IMR report"),
            ("Signed", "", ""),
            ("Name", "{{ agency.author_block.name }}", "{{ agency.sign_off_block.name }}"),
            ("Job title", "{{ agency.author_block.job_title }}", "{{ agency.sign_off_block.job_title }}"),
            ("Date", "{{ agency.author_block.date }}", "{{ agency.sign_off_block.date }}")):
        row = table.add_row()
        _keep_row_whole(row)
        for cell, text, width in zip(row.cells, (label, author, senior), (30, 70, 70)):
            _cell_text(cell, text, bold=cell is row.cells[0] or not label, size=9)
            cell.width = Mm(width)
            _keep_with_next(cell)
        _shade(row.cells[0], HEADER_FILL)
    _grid(table, (30, 70, 70))


def imr():
    doc = new_document("{{ review.title }}: Individual Management Review, {{ agency.name }}")
    # Herefordshire cover page: completed by the IMR author and the chief officer.
    p(doc, "{{ review.board }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    draft_stamp(doc)
    p(doc, "Individual Management Review", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Review on {{ review.title }} ({{ review.reference }})", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "if agency.below_director")
    p(doc, "{{ agency.below_director }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "endif")
    p(doc, "This page must be completed by the IMR author and the Chief Officer, Chief Executive or "
           "Director of the agency before submission to the review panel.", italic=True)
    fixed_table(doc, [
        ("Name of {{ words.subject }} subject of the review", "{{ subject.name }}"),
        ("Date of birth", "{{ subject.dob }}"),
        ("Date of death", "{{ subject.dod }}"),
        ("Agency providing the report", "{{ agency.name }}"),
        ("IMR author", "{{ agency.imr_author }}"),
        ("Status", "{{ status_line }}"),
    ])
    imr_evaluation(doc)

    # Cumbria cover (Appendix C)
    p(doc, "STRICTLY CONFIDENTIAL", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
      size=14).paragraph_format.page_break_before = True
    p(doc, "INDIVIDUAL MANAGEMENT REVIEW REPORT", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "{{ agency.name }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    fixed_table(doc, [
        ("Subject", "{{ subject.name }}"),
        ("DOB", "{{ subject.dob }}"),
        ("Author", "{{ agency.imr_author }}"),
        ("Countersigned", "{{ agency.sign_off }}"),
        ("Date", "{{ agency.imr_received }}"),
    ])
    contents(doc, new_page=False, levels="1-2")

    heading(doc, "SECTION 1 INTRODUCTION")
    p(doc, "This individual management review report of {{ agency.name }} is produced in accordance "
           "with the procedure of {{ review.board }} for conducting a {{ review.type_long }}. It will form "
           "part of a multi-agency overview report.")
    p(doc, "This report has been prepared following a review of the care and services provided to the "
           "{{ words.subject }}. Its purpose is to look openly and critically at individual and "
           "organisational practice to see whether the case indicates that changes could and should be "
           "made and, if so, to identify how those changes will be brought about.")
    heading(doc, "The author", 2)
    paragraphs(doc, "imr.author_statement", "the IMR author's statement: role, and confirmation of no operational involvement")
    heading(doc, "Methodology", 2)
    heading(doc, "Sources of information", 3)
    bullets(doc, "imr.sources_of_information", "{{ item }}", "the sources of information")
    heading(doc, "Interviews", 3)
    bullets(doc, "imr.interviews", "{{ item.who }}, {{ item.date }}{% if item.form %}, {{ item.form }}{% endif %}{% if item.by %}, by {{ item.by }}{% endif %}",
            missing("imr.interviews"),
            stated_none="No staff interviews were held for this IMR.")
    heading(doc, "Staff involved", 3)
    bullets(doc, "imr.staff_involved", "{{ item }}", missing("imr.staff_involved"))
    heading(doc, "Information not available", 3)
    bullets(doc, "imr.information_not_available", "{{ item }}",
            missing("imr.information_not_available"),
            stated_none="All the information the agency sought for this IMR was available.")
    heading(doc, "Terms of reference", 2)
    bullets(doc, "review.terms_of_reference", "{{ item }}", "the terms of reference")
    heading(doc, "Contextual information", 2)
    paragraphs(doc, "imr.contextual_information", "contextual information")
    heading(doc, "Summary of involvement", 2)
    paragraphs(doc, "imr.summary_of_involvement", "a summary of the agency's involvement")

    heading(doc, "SECTION 2 FAMILY COMPOSITION")
    p(doc, "The family as far as {{ agency.name }} understands it.")
    heading(doc, "Subject", 2)
    fixed_table(doc, [
        ("Name", "{{ subject.name }}"),
        ("D.O.B", "{{ subject.dob }}"),
        ("D.O.D (if applicable)", "{{ subject.dod }}"),
        ("Address", "{{ subject.address }}"),
        ("Ethnicity", "{{ subject.ethnicity }}"),
    ])
    heading(doc, "Family members and significant others", 2)
    loop_table(doc, "imr.family", "f", [
        ("Name", "{{ f.name }}", 35),
        ("Relationship to subject", "{{ f.relationship }}", 30),
        ("Date of birth", "{{ f.dob }}", 22),
        ("Date of death", "{{ f.dod }}", 22),
        ("Address", "{{ f.address }}", 40),
        ("Ethnicity", "{{ f.ethnicity }}", 21),
    ], "the family members and significant others", size=8)
    heading(doc, "Other addresses on file", 2)
    bullets(doc, "imr.other_addresses", "{{ item }}", missing("imr.other_addresses"), stated_none="The agency holds no other addresses.")
    heading(doc, "Genogram", 2)
    keep_next(p(doc, "The genogram shows the family with names and dates of birth, as the agency's records give "
                     "them, and the households the {{ words.subject }} lived in."))
    image_or_note(doc, "genogram_image", "genogram_note", "{{ figures.genogram.caption }}")

    section_break(doc, landscape=True)
    heading(doc, "SECTION 3 COMPREHENSIVE CHRONOLOGY")
    keep_next(p(doc, "The involvement of {{ agency.name }} with the {{ words.subject }} and family over the period "
                     "set out in the terms of reference, noting when the {{ words.subject }} was seen, seen alone and "
                     "their wishes and feelings sought. Dates marked 'c.' are estimates."))
    chronology_table(doc, "chronology", "chronology_parts", IMR_CHRONOLOGY_COLUMNS, IMR_CHRONOLOGY_COLUMNS_COMMUNICATION,
                     "the agency's chronology entries", 8)
    tag(doc, "if imr.gaps")
    heading(doc, "Periods without contact", 2)
    keep_next(p(doc, "Where the agency had no contact for a significant time during the period of the review, "
                     "the reason is given."))
    loop_table(doc, "imr.gaps", "g", [("From", "{{ g.start }}", 25), ("To", "{{ g.end }}", 25),
                                      ("Days", "{{ g.days }}", 15), ("Explanation", "{{ g.explanation }}", 192)], "")
    tag(doc, "endif")
    section_break(doc, landscape=False)

    heading(doc, "SECTION 4 ANALYSIS")
    paragraphs(doc, "imr.analysis", "the analysis")
    heading(doc, "Good practice", 2)
    paragraphs(doc, "imr.good_practice", "good practice identified")
    heading(doc, "SECTION 5 WHAT DO WE LEARN FROM THIS CASE?")
    paragraphs(doc, "imr.lessons", "lessons for the agency")
    glossary_section(doc, "GLOSSARY")

    section_break(doc, landscape=True)
    heading(doc, "SECTION 6 RECOMMENDATIONS FOR ACTION")
    keep_next(p(doc, "{{ review.title }}: {{ review.type }} – Agency action plan", bold=True))
    fixed_table(doc, [
        ("Lead Person", "{{ imr.lead.name }}"),
        ("Position", "{{ imr.lead.position }}"),
        ("Phone", "{{ imr.lead.phone }}"),
        ("Email", "{{ imr.lead.email }}"),
        ("Address", "{{ imr.lead.address }}"),
    ], (50, 207))
    loop_table(doc, "imr.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS,
               missing("imr.recommendations"), size=8,
               stated_none="The agency made no recommendations of its own.")
    return doc


def imr_standards():
    """The Herefordshire "Standards for Individual Management Reviews" form, one per IMR."""
    doc = new_document("{{ review.title }}: IMR standards form, {{ agency.name }}")
    p(doc, "{{ review.board }}", "Subtitle")
    draft_stamp(doc)
    p(doc, "Standards for Individual Management Reviews", "Heading 1")
    p(doc, "{{ agency.name }}. {{ review.type_long }} {{ review.title }} ({{ review.reference }}).", bold=True)
    p(doc, "Each criterion is rated Full and clear, Partial or Limited or none. The ratings shown were measured from "
           "the case file by the review's checks ({{ imr.standards.measured }} criteria); the "
           "{{ imr.standards.judged }} criteria marked for the panel need a person's judgement: tick one box.")
    fixed_table(doc, [("Agency", "{{ agency.name }}"), ("IMR author", "{{ agency.imr_author }}"),
                      ("Received within timescale", "{{ imr.standards.within_timescale }}"),
                      ("Status", "{{ status_line }}")])
    loop_table(doc, "imr.standards.rows", "c", [
        ("Section", "{{ c.section }}", 26),
        ("Criterion", "{{ c.label }}", 62),
        ("Rating", "{{ c.rating }}", 34),
        ("Why", "{{ c.reason }}", 48),
    ], "the criteria", size=8)
    keep_next(p(doc, "Completed by the review panel", bold=True))
    fixed_table(doc, [("Name", ""), ("Role", ""), ("Date", "")], (40, 130))
    return doc
