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
  lists them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
from scrdocs.documents.render import set_update_fields  # noqa: E402

HERE = Path(__file__).resolve().parent

A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
HEADER_FILL = "D9E2F3"
FONT = "Arial"


# --------------------------------------------------------------------------
# Building blocks


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Subtitle", 16), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    styles["Title"].font.bold = True
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
    gap = styles.add_style("Table Gap", WD_STYLE_TYPE.PARAGRAPH)
    gap.base_style = normal
    gap.font.size = Pt(1)
    gap.paragraph_format.space_before = Pt(0)
    gap.paragraph_format.space_after = Pt(0)
    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _page(section, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC); Word and LibreOffice fill it in."""
    def run_with(child):
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _header_footer(section, *, footer_title: str) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run("{{ marking }}")
    run.bold = True
    run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)

    footer = section.footer
    first = footer.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_run(footer_title)
    pages = footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.add_run("Page ")
    _field(pages, "PAGE", "1")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES", "1")
    marking = footer.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mrun = marking.add_run("{{ marking }}")
    mrun.bold = True
    mrun.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)


def new_document(footer_title: str, *, landscape: bool = False):
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    _page(section, landscape)
    _header_footer(section, footer_title=footer_title)
    set_update_fields(doc.settings.element)
    doc.core_properties.title = "{{ review.title }}: {{ document_title }}"
    doc.core_properties.subject = "{{ review.type_long }} {{ review.reference }}"
    doc.core_properties.author = "{{ review.board }}"
    doc.core_properties.comments = "Made with scrdocs from the case file."
    return doc


def section_break(doc, *, landscape: bool) -> None:
    """Start a new page with the other orientation (wide tables go landscape)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)


def p(doc, text: str = "", style: str | None = None, *, bold: bool = False, italic: bool = False,
      align=None, size: float | None = None):
    paragraph = doc.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def tag(doc, text: str) -> None:
    """A paragraph holding only a {%p ... %} tag (it disappears when rendered)."""
    doc.add_paragraph(f"{{%p {text} %}}")


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def heading(doc, text: str, level: int = 1) -> None:
    doc.add_heading(text, level=level)


def paragraphs(doc, var: str, missing: str) -> None:
    """The paragraphs of a narrative field, or a plain note that it is missing."""
    tag(doc, f"if {var}")
    tag(doc, f"for para in {var}")
    p(doc, "{{ para }}")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, missing, italic=True)
    tag(doc, "endif")


def bullets(doc, var: str, item: str, missing: str, *, loop_var: str = "item") -> None:
    tag(doc, f"if {var}")
    tag(doc, f"for {loop_var} in {var}")
    p(doc, item, "List Bullet")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, missing, italic=True)
    tag(doc, "endif")


def numbered_items(doc, var: str, item: str, missing: str, *, loop_var: str = "item",
                   space_after: float | None = None) -> None:
    """Items that carry their own number ("3. ..."), which ties them to the
    action plan: hanging paragraphs, since a bullet would be a second marker."""
    tag(doc, f"if {var}")
    tag(doc, f"for {loop_var} in {var}")
    para = p(doc, item)
    para.paragraph_format.left_indent = Mm(6)
    para.paragraph_format.first_line_indent = -Mm(6)
    if space_after is not None:
        para.paragraph_format.space_after = Pt(space_after)
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, missing, italic=True)
    tag(doc, "endif")


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)


def _cell_text(cell, text: str, *, bold: bool = False, size: float = 9) -> None:
    para = cell.paragraphs[0]
    para.paragraph_format.space_after = Pt(0)
    run = para.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def _grid(table, widths_mm) -> None:
    """Column widths in the table grid (what LibreOffice and Word lay out by)."""
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm):
        col.w = Mm(width)


def _table(doc, headers: list[str], widths_mm: list[float], *, size: float):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, headers, widths_mm):
        _cell_text(cell, text, bold=True, size=size)
        _shade(cell, HEADER_FILL)
        cell.width = Mm(width)
    _repeat_header(table.rows[0])
    _grid(table, widths_mm)
    return table


def loop_table(doc, var: str, loop_var: str, columns: list[tuple[str, str, float]], missing: str,
               *, size: float = 9, parts: str | None = None) -> None:
    """A table with a header row and one row per item of ``var``.

    ``columns`` is (header, cell expression, width in mm). The whole table is
    replaced by ``missing`` when ``var`` is empty. With ``parts`` (a list of
    slices of ``var``) the table is repeated once per part, each with its own
    header row: LibreOffice opens one table of thousands of rows very slowly
    (the time grows with the square of the rows), many tables of a few
    hundred quickly.
    """
    tag(doc, f"if {var}")
    if parts:
        tag(doc, f"for part in {parts}")
    table = _table(doc, [c[0] for c in columns], [c[2] for c in columns], size=size)
    rows_of = "part" if parts else var
    for text in (f"{{%tr for {loop_var} in {rows_of} %}}", None, "{%tr endfor %}"):
        row = table.add_row()
        for i, (cell, (_, expr, width)) in enumerate(zip(row.cells, columns)):
            cell.width = Mm(width)
            if text is None:
                _cell_text(cell, expr, size=size)
            elif i == 0:
                _cell_text(cell, text, size=size)
    if parts:
        p(doc, "", "Table Gap")  # keeps the parts separate tables
        tag(doc, "endfor")
    tag(doc, "else")
    p(doc, missing, italic=True)
    tag(doc, "endif")


def fixed_table(doc, rows: list[tuple[str, str]], widths_mm=(60, 110), *, size: float = 10) -> None:
    """A two-column label/value table (cover pages, family composition)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for label, value in rows:
        cells = table.add_row().cells
        _cell_text(cells[0], label, bold=True, size=size)
        _shade(cells[0], HEADER_FILL)
        _cell_text(cells[1], value, size=size)
        cells[0].width, cells[1].width = Mm(widths_mm[0]), Mm(widths_mm[1])
    _grid(table, widths_mm)
    p(doc)


def cover(doc, document_name: str, *, extra: list[tuple[str, str]] = ()) -> None:
    p(doc, "{{ review.board }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        p(doc)
    p(doc, "{{ review.type_long }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "{{ review.title }}", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, document_name, "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc)
    rows = [("Reference", "{{ review.reference }}"),
            ("Period under review", "{{ review.period or 'Not stated in the case file' }}"),
            ("Review panel chair", "{{ panel.panel_chair.name }}"),
            ("Overview report author", "{{ panel.author.name }}"),
            *extra,
            ("Document produced", "{{ produced }}")]
    fixed_table(doc, rows)
    page_break(doc)


def contents(doc) -> None:
    p(doc, "Contents", "TOC Heading")
    _field(p(doc), 'TOC \\o "1-3" \\h \\z \\u', "The table of contents is filled in when the document is opened in Word or made into a PDF.")
    page_break(doc)


def image_or_note(doc, image_var: str, note_var: str, caption: str) -> None:
    tag(doc, f"if {image_var}")
    p(doc, f"{{{{ {image_var} }}}}", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, caption, "Caption", align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, f"elif {note_var}")
    p(doc, f"{{{{ {note_var} }}}}", italic=True)
    tag(doc, "endif")


# --------------------------------------------------------------------------
# Shared tables


CHRONOLOGY_COLUMNS = [  # the integrated chronology (landscape, 257 mm usable)
    ("Date", "{{ e.date }}", 20),
    ("Time", "{{ e.time }}", 11),
    ("Agency", "{{ e.agency }}", 18),
    ("Source", "{{ e.source }}", 20),
    ("Subject of recording", "{{ e.subject }}", 20),
    ("Event, action and outcome", "{{ e.event }}", 58),
    ("Seen", "{{ e.seen }}", 10),
    ("Seen alone", "{{ e.seen_alone }}", 11),
    ("Wishes and feelings", "{{ e.wishes }}", 14),
    ("Expected practice", "{{ e.expected }}", 27),
    ("Relevance to ToR", "{{ e.relevance }}", 24),
    ("Comments", "{{ e.comments }}", 24),
]

IMR_CHRONOLOGY_COLUMNS = [  # Cumbria Appendix C, section 3
    ("Date", "{{ e.date }}", 22),
    ("Time", "{{ e.time }}", 12),
    ("Source of information", "{{ e.source }}", 30),
    ("Subject of recording", "{{ e.subject }}", 28),
    ("Event description, action and outcome", "{{ e.event }}", 85),
    ("Expected practice/standards", "{{ e.expected }}", 45),
    ("Relevance to terms of reference", "{{ e.relevance }}", 35),
]

ACTION_PLAN_COLUMNS = [  # Cumbria action plan template plus lead agency and monitoring
    # Status / progress carries the longest text as a plan matures: a narrow
    # column breaks its words mid-way ("assessment s").
    ("No", "{{ r.number }}", 9),
    ("Recommendation", "{{ r.recommendation }}", 40),
    ("Key actions", "{{ r.key_actions_text }}", 44),
    ("Evidence", "{{ r.evidence }}", 25),
    ("Key outcome", "{{ r.key_outcome }}", 27),
    ("Date", "{{ r.target_date }}", 18),
    ("Lead agency", "{{ r.lead_agency }}", 17),
    ("Lead person", "{{ r.lead_person }}", 22),
    ("Monitoring", "{{ r.monitoring }}", 24),
    ("Status / progress", "{{ r.status_progress }}", 31),
]

AGENCY_ACTION_PLAN_COLUMNS = [  # Cumbria "Case- SCR - Agency Action Plan"
    ("No", "{{ r.number }}", 12),
    ("Recommendation", "{{ r.recommendation }}", 60),
    ("Key Actions", "{{ r.key_actions_text }}", 70),
    ("Evidence", "{{ r.evidence }}", 45),
    ("Key Outcome", "{{ r.key_outcome }}", 45),
    ("Date", "{{ r.target_date }}", 25),
]

NO_RECOMMENDATIONS = "No recommendations have been provided in the case file."
NO_CHRONOLOGY = "No chronology entries have been provided in the case file."


def action_plan_table(doc) -> None:
    loop_table(doc, "recommendations", "r", ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)


def panel_section(doc) -> None:
    tag(doc, "if words.childrens_review")
    p(doc, "The names, roles and job titles of the review panel chair, the panel members and the "
           "author of the overview report are listed below.")
    tag(doc, "else")
    p(doc, "The {{ words.board_term }} chair, the review panel chair and the author of the overview "
           "report are named below, with the job titles and employing organisations of all the "
           "review panel members.")
    tag(doc, "endif")
    fixed_table(doc, [
        ("Chair of {{ review.board }}", "{{ panel.board_chair.line }}"),
        ("Review panel chair", "{{ panel.panel_chair.line }}"),
        ("Author of the overview report", "{{ panel.author.line }}"),
    ])
    p(doc, "Review panel members", bold=True)
    loop_table(doc, "panel.members", "m", [
        ("Name", "{{ m.name }}", 50),
        ("Job title", "{{ m.job_title }}", 60),
        ("Organisation", "{{ m.organisation }}", 60),
    ], "No review panel members are listed in the case file.")


# --------------------------------------------------------------------------
# The documents


def overview_report():
    doc = new_document("{{ review.title }}: Overview report")
    cover(doc, "Overview report")
    contents(doc)

    heading(doc, "1 Introduction")
    heading(doc, "1.1 Circumstances that led to the review", 2)
    p(doc, "This {{ review.type_long }} was commissioned by {{ review.board }}. Legal basis: {{ review.mandate }}.")
    paragraphs(doc, "narrative.circumstances", "The circumstances that led to the review have not been provided in the case file.")
    image_or_note(doc, "timeline_image", "timeline_note", "Timeline of agency contact")
    heading(doc, "1.2 Terms of reference", 2)
    tag(doc, "if review.period")
    p(doc, "The review considered the period from {{ review.period }}.")
    tag(doc, "endif")
    bullets(doc, "review.terms_of_reference", "{{ item }}", "No terms of reference have been provided in the case file.")
    heading(doc, "1.3 Methodology", 2)
    paragraphs(doc, "review.methodology.approach", "The review method has not been described in the case file.")
    heading(doc, "Documents seen", 3)
    bullets(doc, "review.methodology.documents_seen", "{{ item }}", "No documents are listed in the case file.")
    heading(doc, "Interviews", 3)
    bullets(doc, "review.methodology.interviews", "{{ item.who }}{% if item.date %} ({{ item.date }}){% endif %}{% if item.by %}, by {{ item.by }}{% endif %}",
            "No interviews are recorded in the case file; information was provided in writing.")
    heading(doc, "Information not available", 3)
    bullets(doc, "review.methodology.information_not_available", "{{ item }}", "The case file records no information that was unavailable to the review.")
    heading(doc, "1.4 Contributors to the review", 2)
    p(doc, "The following agencies contributed to the review. The nature of each contribution is shown.")
    loop_table(doc, "agencies", "a", [
        ("Agency", "{{ a.name }}", 60),
        ("Contribution", "{{ a.contribution }}", 60),
        ("IMR author", "{{ a.imr_author }}", 50),
    ], "No agencies are listed in the case file.")
    heading(doc, "1.5 The review panel", 2)
    panel_section(doc)
    heading(doc, "1.6 Parallel processes", 2)
    bullets(doc, "review.parallel_processes", "{{ item.kind_label }}: {{ item.description }}{% if item.status %} ({{ item.status }}){% endif %}{% if item.concluded %}, concluded {{ item.concluded }}{% endif %}",
            "The case file records no parallel processes.")
    heading(doc, "1.7 Family involvement", 2)
    paragraphs(doc, "review.family_involvement.summary", "How the family was involved in the review has not been recorded in the case file.")
    tag(doc, "if review.family_involvement.contacts")
    bullets(doc, "review.family_involvement.contacts", "{{ item }}", "")
    tag(doc, "endif")
    tag(doc, "if review.family_involvement.read_only_copy_offered")
    p(doc, "The family was offered a read-only copy of the report on {{ review.family_involvement.read_only_copy_offered }}.")
    tag(doc, "endif")

    heading(doc, "2 The facts")
    heading(doc, "2.1 Summary of events", 2)
    paragraphs(doc, "narrative.summary_of_events", "A summary of events has not been provided in the case file.")
    heading(doc, "2.2 Genogram", 2)
    p(doc, "The genogram shows the membership of the family, extended family and household.").paragraph_format.keep_with_next = True
    image_or_note(doc, "genogram_image", "genogram_note", "Genogram")
    section_break(doc, landscape=True)
    heading(doc, "2.3 Integrated chronology", 2)
    p(doc, "The chronology brings together the involvement of all agencies in date and time order. It "
           "notes each occasion on which the {{ words.subject }} was seen, whether the {{ words.subject }} "
           "was seen alone and whether their wishes and feelings were sought or expressed. Dates marked "
           "'c.' are estimates.")
    loop_table(doc, "chronology", "e", CHRONOLOGY_COLUMNS, NO_CHRONOLOGY, size=7, parts="chronology_parts")
    section_break(doc, landscape=False)
    heading(doc, "2.4 Equality and diversity", 2)
    paragraphs(doc, "narrative.equality_and_diversity", "Equality and diversity considerations have not been provided in the case file.")
    heading(doc, "2.5 What was known to agencies", 2)
    paragraphs(doc, "narrative.known_to_agencies", "What was known to agencies has not been provided in the case file.")

    heading(doc, "3 Analysis")
    heading(doc, "3.1 Key issues and themes", 2)
    paragraphs(doc, "narrative.key_issues", "The key issues and themes have not been provided in the case file.")
    heading(doc, "3.2 Analysis of involvement", 2)
    paragraphs(doc, "narrative.analysis", "The analysis has not been provided in the case file.")
    heading(doc, "3.3 Good practice", 2)
    paragraphs(doc, "narrative.good_practice", "No examples of good practice have been provided in the case file.")

    heading(doc, "4 Conclusions and recommendations")
    heading(doc, "4.1 Lessons learned", 2)
    paragraphs(doc, "narrative.lessons", "The lessons learned have not been provided in the case file.")
    heading(doc, "4.2 Conclusions", 2)
    paragraphs(doc, "narrative.conclusions", "The conclusions have not been provided in the case file.")
    heading(doc, "4.3 Recommendations", 2)
    tag(doc, "if recommendations")
    tag(doc, "for r in recommendations")
    p(doc, "Recommendation {{ r.number }}", bold=True)
    p(doc, "{{ r.recommendation }}")
    tag(doc, "if r.agencies")
    p(doc, "Applies to: {{ r.agencies }}", italic=True)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, NO_RECOMMENDATIONS, italic=True)
    tag(doc, "endif")

    section_break(doc, landscape=True)
    heading(doc, "5 Action plan")
    p(doc, "The action plan sets out who will do what, by when, with what intended outcome, how "
           "progress will be monitored and the progress made so far.")
    action_plan_table(doc)
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
    heading(doc, "1.1 Circumstances", 2)
    paragraphs(doc, "narrative.circumstances", "The circumstances that led to the review have not been provided in the case file.")
    heading(doc, "1.2 Terms of reference", 2)
    bullets(doc, "review.terms_of_reference", "{{ item }}", "No terms of reference have been provided in the case file.")
    heading(doc, "1.3 How the review was carried out", 2)
    paragraphs(doc, "review.methodology.approach", "The review method has not been described in the case file.")
    p(doc, "{{ agencies_sentence }}")
    heading(doc, "1.4 Key dates", 2)
    loop_table(doc, "key_dates", "d", [("Milestone", "{{ d.label }}", 90), ("Date", "{{ d.date }}", 40)],
               "No key dates are recorded in the case file.")
    heading(doc, "1.5 The review panel", 2)
    panel_section(doc)
    heading(doc, "2 Key issues arising from the case")
    paragraphs(doc, "narrative.key_issues", "The key issues have not been provided in the case file.")
    heading(doc, "2.1 Summary of events", 2)
    paragraphs(doc, "narrative.summary_of_events", "A summary of events has not been provided in the case file.")
    heading(doc, "2.2 Lessons learned", 2)
    paragraphs(doc, "narrative.lessons", "The lessons learned have not been provided in the case file.")
    heading(doc, "3 Recommendations")
    numbered_items(doc, "recommendations", "{{ r.number }}. {{ r.recommendation }}", NO_RECOMMENDATIONS, loop_var="r")
    section_break(doc, landscape=True)
    heading(doc, "4 Action plan")
    p(doc, "The full action plan, including actions already completed.")
    action_plan_table(doc)
    return doc


def imr():
    doc = new_document("{{ review.title }}: Individual Management Review, {{ agency.name }}")
    # Herefordshire cover page: completed by the IMR author and the chief officer.
    p(doc, "{{ review.board }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Individual Management Review", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "Review on {{ review.title }} ({{ review.reference }})", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "This page must be completed by the IMR author and the Chief Officer, Chief Executive or "
           "Director of the agency before submission to the review panel.", italic=True)
    fixed_table(doc, [
        ("Name of {{ words.subject }} subject of the review", "{{ subject.name }}"),
        ("Date of birth", "{{ subject.dob }}"),
        ("Date of death", "{{ subject.dod }}"),
        ("Agency providing the report", "{{ agency.name }}"),
        ("IMR author", "{{ agency.imr_author }}"),
    ])
    p(doc, "Evaluation statement on behalf of the agency", bold=True)
    for line in ("The IMR conforms to the board's IMR report template",
                 "The IMR takes into account the specific terms of reference for the review",
                 "The IMR has been checked against the board's descriptors",
                 "The IMR is comprehensive and well structured",
                 "The IMR includes good analysis of the information",
                 "The IMR provides explanations for any practice which may be of concern",
                 "The IMR places emphasis on key findings and lessons",
                 "The IMR has sound and SMART recommendations"):
        p(doc, line, "List Bullet")
    p(doc, "{{ agency.evaluation_note }}", italic=True)
    p(doc, "Signed ……………………………………          Date ……………………")
    p(doc, "{{ agency.imr_author_name }}, IMR author responsible for writing the IMR report")
    p(doc, "I have read this report and confirm that I have approved it as my agency's IMR report to the review panel.")
    p(doc, "Signed ……………………………………          Date {{ agency.signed_off or '……………………' }}")
    p(doc, "Name: {{ agency.sign_off_name or '……………………………………' }}")
    p(doc, "Job title: {{ agency.sign_off_title or '……………………………………' }}")
    p(doc, "Chief Officer / Chief Executive / Director responsible for signing off the IMR report", italic=True)
    page_break(doc)

    # Cumbria cover (Appendix C)
    p(doc, "STRICTLY CONFIDENTIAL", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    p(doc, "INDIVIDUAL MANAGEMENT REVIEW REPORT", "Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    p(doc, "{{ agency.name }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    fixed_table(doc, [
        ("Subject", "{{ subject.name }}"),
        ("DOB", "{{ subject.dob }}"),
        ("Author", "{{ agency.imr_author }}"),
        ("Countersigned", "{{ agency.sign_off }}"),
        ("Date", "{{ agency.imr_received }}"),
    ])
    contents(doc)

    heading(doc, "SECTION 1 INTRODUCTION")
    p(doc, "This individual management review report of {{ agency.name }} is produced in accordance "
           "with the procedure of {{ review.board }} for conducting a {{ review.type_long }}. It will form "
           "part of a multi-agency overview report.")
    p(doc, "This report has been prepared following a review of the care and services provided to the "
           "{{ words.subject }}. Its purpose is to look openly and critically at individual and "
           "organisational practice to see whether the case indicates that changes could and should be "
           "made and, if so, to identify how those changes will be brought about.")
    heading(doc, "The author", 2)
    paragraphs(doc, "imr.author_statement", "The IMR author's statement (role, and confirmation of no operational involvement) has not been provided in the case file.")
    heading(doc, "Sources of information", 2)
    bullets(doc, "imr.sources_of_information", "{{ item }}", "The sources of information have not been listed in the case file.")
    heading(doc, "Terms of reference", 2)
    bullets(doc, "review.terms_of_reference", "{{ item }}", "No terms of reference have been provided in the case file.")
    heading(doc, "Contextual information", 2)
    paragraphs(doc, "imr.contextual_information", "No contextual information has been provided in the case file.")
    heading(doc, "Summary of involvement", 2)
    paragraphs(doc, "imr.summary_of_involvement", "A summary of the agency's involvement has not been provided in the case file.")

    heading(doc, "SECTION 2 FAMILY COMPOSITION")
    heading(doc, "Subject", 2)
    fixed_table(doc, [
        ("Name", "{{ subject.name }}"),
        ("D.O.B", "{{ subject.dob }}"),
        ("D.O.D (if applicable)", "{{ subject.dod }}"),
        ("Address", "{{ subject.address }}"),
        ("Ethnicity", "{{ subject.ethnicity }}"),
    ])
    heading(doc, "Family members and significant others", 2)
    loop_table(doc, "family_members", "f", [
        ("Name", "{{ f.name }}", 35),
        ("Relationship to subject", "{{ f.relationship }}", 30),
        ("Date of birth", "{{ f.dob }}", 22),
        ("Date of death", "{{ f.dod }}", 22),
        ("Address", "{{ f.address }}", 40),
        ("Ethnicity", "{{ f.ethnicity }}", 21),
    ], "No family members are listed in the case file.", size=8)
    heading(doc, "Genogram", 2)
    image_or_note(doc, "genogram_image", "genogram_note", "Genogram")

    section_break(doc, landscape=True)
    heading(doc, "SECTION 3 COMPREHENSIVE CHRONOLOGY")
    p(doc, "The involvement of {{ agency.name }} with the {{ words.subject }} and family over the period "
           "set out in the terms of reference. Dates marked 'c.' are estimates.")
    loop_table(doc, "chronology", "e", IMR_CHRONOLOGY_COLUMNS,
               "No chronology entries for this agency have been provided in the case file.", size=8,
               parts="chronology_parts")
    section_break(doc, landscape=False)

    heading(doc, "SECTION 4 ANALYSIS")
    paragraphs(doc, "imr.analysis", "The analysis has not been provided in the case file.")
    heading(doc, "Good practice", 2)
    paragraphs(doc, "imr.good_practice", "No examples of good practice have been provided in the case file.")
    heading(doc, "SECTION 5 WHAT DO WE LEARN FROM THIS CASE?")
    paragraphs(doc, "imr.lessons", "The lessons for the agency have not been provided in the case file.")

    section_break(doc, landscape=True)
    heading(doc, "SECTION 6 RECOMMENDATIONS FOR ACTION")
    p(doc, "{{ review.title }}: {{ review.type }} – Agency action plan", bold=True)
    fixed_table(doc, [
        ("Lead Person", "{{ imr.lead.name }}"),
        ("Position", "{{ imr.lead.position }}"),
        ("Phone", "{{ imr.lead.phone }}"),
        ("Email", "{{ imr.lead.email }}"),
        ("Address", "{{ imr.lead.address }}"),
    ])
    loop_table(doc, "imr.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS,
               "No recommendations for this agency have been provided in the case file.", size=8)
    return doc


def integrated_chronology():
    doc = new_document("{{ review.title }}: Integrated multi-agency chronology", landscape=True)
    p(doc, "{{ review.board }}", "Subtitle")
    p(doc, "{{ review.title }}: integrated multi-agency chronology", "Title")
    p(doc, "{{ review.type_long }} {{ review.reference }}. {% if review.period %}Period under review: {{ review.period }}. {% endif %}"
           "{{ chronology|length }} entries from {{ chronology_agency_count }} agencies, in date and time order. "
           "Dates marked 'c.' are estimates. Produced {{ produced }}.")
    heading(doc, "Chronology")
    loop_table(doc, "chronology", "e", CHRONOLOGY_COLUMNS, NO_CHRONOLOGY, size=7, parts="chronology_parts")
    heading(doc, "Agencies")
    loop_table(doc, "agencies", "a", [("Short name", "{{ a.label }}", 40), ("Agency", "{{ a.name }}", 120)],
               "No agencies are listed in the case file.")
    return doc


def action_plan():
    doc = new_document("{{ review.title }}: Action plan", landscape=True)
    p(doc, "{{ review.board }}", "Subtitle")
    p(doc, "{{ review.title }}: action plan", "Title")
    p(doc, "{{ review.type_long }} {{ review.reference }}. {% if action_plan_agreed %}Agreed by the board on {{ action_plan_agreed }}. {% endif %}Produced {{ produced }}.")
    heading(doc, "Multi-agency action plan")
    action_plan_table(doc)
    heading(doc, "Single-agency action plans")
    tag(doc, "if agency_plans")
    tag(doc, "for plan in agency_plans")
    heading(doc, "{{ plan.agency }}", 2)
    tag(doc, "if plan.lead")
    p(doc, "Lead person: {{ plan.lead }}")
    tag(doc, "endif")
    loop_table(doc, "plan.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, "No single-agency recommendations have been provided in the case file.", italic=True)
    tag(doc, "endif")
    return doc


def seven_minute_briefing():
    doc = new_document("{{ review.title }}: Seven-minute briefing")
    doc.styles["Normal"].font.size = Pt(9.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(2)
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(1)
    for name in ("Heading 1", "Heading 2"):
        doc.styles[name].paragraph_format.space_before = Pt(6)
        doc.styles[name].paragraph_format.space_after = Pt(2)
    doc.styles["Heading 2"].font.size = Pt(11)
    p(doc, "Seven-minute briefing: {{ review.title }}", "Heading 1")
    p(doc, "{{ review.board }}. {{ review.type_long }} {{ review.reference }}. Learning for practitioners.", italic=True)
    heading(doc, "The case in brief", 2)
    p(doc, "{{ briefing.case_in_brief }}")
    heading(doc, "Key issues", 2)
    bullets(doc, "briefing.key_issues", "{{ item }}", "The key issues have not been provided in the case file.")
    heading(doc, "What we learned", 2)
    bullets(doc, "briefing.learning", "{{ item }}", "The lessons have not been provided in the case file.")
    heading(doc, "What practitioners should do", 2)
    bullets(doc, "briefing.practice_points", "{{ item }}", "")
    heading(doc, "Questions for reflection", 2)
    bullets(doc, "briefing.questions", "{{ item }}", "")
    heading(doc, "Recommendations", 2)
    numbered_items(doc, "briefing.recommendations", "{{ item }}", NO_RECOMMENDATIONS, space_after=1)
    return doc


TEMPLATES = {
    "overview-report.docx": overview_report,
    "executive-summary.docx": executive_summary,
    "imr.docx": imr,
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
