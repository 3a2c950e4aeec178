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
    _language(doc)
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


def _language(doc, lang: str = "en-GB") -> None:
    """British English as the document's language: screen readers pronounce by it, and a tagged
    PDF carries it (/Lang), as the accessibility regulations ask."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    node = rpr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        rpr.append(node)
    node.set(qn("w:val"), lang)
    node.set(qn("w:eastAsia"), lang)
    for style in doc.styles:
        style_rpr = style.element.find(qn("w:rPr"))
        lang_node = style_rpr.find(qn("w:lang")) if style_rpr is not None else None
        if lang_node is not None:
            lang_node.set(qn("w:val"), lang)


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


_NEW_PAGE: set[int] = set()  # documents whose next heading starts a new page


def break_before_next_heading(doc) -> None:
    """Start the next heading on a new page. Unlike a page-break paragraph, this never leaves a
    blank page when the text before it fills its page exactly (a long table of contents)."""
    _NEW_PAGE.add(id(doc))


def heading(doc, text: str, level: int = 1) -> None:
    para = doc.add_heading(text, level=level)
    if id(doc) in _NEW_PAGE:
        _NEW_PAGE.discard(id(doc))
        para.paragraph_format.page_break_before = True


def todo(what: str) -> str:
    """A draft marker (scrdocs/documents/drafting.py): a document holding one is stamped DRAFT."""
    return f"[To be completed: {what}]"


def paragraphs(doc, var: str, missing: str) -> None:
    """The paragraphs of a narrative field, or a draft marker naming the missing part."""
    tag(doc, f"if {var}")
    tag(doc, f"for para in {var}")
    p(doc, "{{ para }}")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, todo(missing), bold=True)
    tag(doc, "endif")


def bullets(doc, var: str, item: str, missing: str, *, loop_var: str = "item", none: str | None = None) -> None:
    """A bulleted list; when empty, a draft marker for ``missing`` or, with ``none``, that plain sentence
    (for a list that may rightly be empty, such as parallel processes)."""
    tag(doc, f"if {var}")
    tag(doc, f"for {loop_var} in {var}")
    p(doc, item, "List Bullet")
    tag(doc, "endfor")
    if none is not None or missing:
        tag(doc, "else")
        if none is not None:
            p(doc, none)
        else:
            p(doc, todo(missing), bold=True)
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
    p(doc, todo(missing), bold=True)
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
    _keep_row_whole(row)


def _keep_row_whole(row) -> None:
    """A row never breaks across pages (a chronology entry read across two pages is misread)."""
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:cantSplit")
    node.set(qn("w:val"), "true")
    tr_pr.insert(0, node)


def _keep_with_next(cell) -> None:
    for para in cell.paragraphs:
        para.paragraph_format.keep_with_next = True


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
    _cell_margins(table, Mm(1.2))
    return table


def _cell_margins(table, side) -> None:
    """Narrow left and right cell margins: more of a narrow column for its words, so fewer break."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:w"), str(int(side.twips)))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    look = tbl_pr.find(qn("w:tblLook"))  # CT_TblPr order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def loop_table(doc, var: str, loop_var: str, columns: list[tuple[str, str, float]], missing: str,
               *, size: float = 9, parts: str | None = None, none: str | None = None) -> None:
    """A table with a header row and one row per item of ``var``.

    ``columns`` is (header, cell expression, width in mm). The whole table is
    replaced by a draft marker for ``missing`` (or the sentence ``none``) when ``var`` is empty. With ``parts`` (a list of
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
    for cell in table.rows[0].cells:
        _keep_with_next(cell)  # the header row stays with the first row
    for text in (f"{{%tr for {loop_var} in {rows_of} %}}", None, "{%tr endfor %}"):
        row = table.add_row()
        if text is None:
            _keep_row_whole(row)
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
    if none is not None:
        p(doc, none)
    else:
        p(doc, todo(missing), bold=True)
    tag(doc, "endif")


def fixed_table(doc, rows: list[tuple[str, str]], widths_mm=(60, 110), *, size: float = 10) -> None:
    """A two-column label/value table (cover pages, family composition)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for label, value in rows:
        row = table.add_row()
        _keep_row_whole(row)
        cells = row.cells
        _cell_text(cells[0], label, bold=True, size=size)
        _shade(cells[0], HEADER_FILL)
        _cell_text(cells[1], value, size=size)
        cells[0].width, cells[1].width = Mm(widths_mm[0]), Mm(widths_mm[1])
    _grid(table, widths_mm)
    p(doc)


def draft_stamp(doc) -> None:
    """DRAFT on the cover of a document that still holds a [To be completed] marker."""
    tag(doc, "if draft")
    p(doc, "DRAFT", "Title", align=WD_ALIGN_PARAGRAPH.CENTER).runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    p(doc, "{{ status_line }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "endif")


def cover(doc, document_name: str, *, extra: list[tuple[str, str]] = ()) -> None:
    p(doc, "{{ review.board }}", "Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    draft_stamp(doc)
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
            ("Status", "{{ status_line }}")]
    fixed_table(doc, rows)


def contents(doc, *, new_page: bool = True, levels: str = "1-3") -> None:
    p(doc, "Contents", "TOC Heading").paragraph_format.page_break_before = new_page
    _field(p(doc), f'TOC \\o "{levels}" \\h \\z \\u', "The table of contents is filled in when the document is opened in Word or made into a PDF.")
    break_before_next_heading(doc)


def image_or_note(doc, image_var: str, note_var: str, caption: str) -> None:
    """A figure with its caption (the picture carries its alt text), or the note why it is missing."""
    tag(doc, f"if {image_var}")
    p(doc, f"{{{{ {image_var} }}}}", align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.keep_with_next = True
    p(doc, caption, "Caption", align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, f"elif {note_var}")
    p(doc, f"{{{{ {note_var} }}}}", italic=True)
    tag(doc, "endif")


# --------------------------------------------------------------------------
# Shared tables


def _seen_cols(widths):
    seen, alone, wishes = widths
    return [("Seen", "{{ e.seen }}", seen), ("Seen alone", "{{ e.seen_alone }}", alone),
            ("Wishes and feelings", "{{ e.wishes }}", wishes)]


# The integrated chronology (landscape, 257 mm usable; 7 pt). Columns narrow enough to
# break a word ("safeguarding" needs about 19 mm at 7 pt) are avoided: date and time
# share a cell, and so do the subject of recording and the kind of contact.
CHRONOLOGY_COLUMNS = [
    ("Date", "{{ e.date_cell }}", 20),
    ("Agency", "{{ e.agency }}", 17),
    ("Source", "{{ e.source }}", 20),
    ("Subject / contact", "{{ e.subject_contact }}", 20),
    ("Event, action and outcome", "{{ e.event_cell }}", 56),
    *_seen_cols((11, 12, 15)),
    ("Expected practice", "{{ e.expected }}", 29),
    ("Relevance to ToR", "{{ e.relevance }}", 28),
    ("Comments", "{{ e.comments }}", 29),
]

# With the Herefordshire columns, when the data has them.
CHRONOLOGY_COLUMNS_COMMUNICATION = [
    ("Date", "{{ e.date_cell }}", 18),
    ("Agency", "{{ e.agency }}", 17),
    ("Source", "{{ e.source }}", 18),
    ("Subject / contact", "{{ e.subject_contact }}", 18),
    ("Event, action and outcome", "{{ e.event }}", 33),
    *_seen_cols((10, 11, 15)),
    ("Communication within agency", "{{ e.within_agency }}", 22),
    ("Communication external to agency", "{{ e.external }}", 22),
    ("Response or outcome", "{{ e.response }}", 19),
    ("Expected practice", "{{ e.expected }}", 18),
    ("Relevance to ToR", "{{ e.relevance }}", 18),
    ("Comments", "{{ e.comments }}", 18),
]

IMR_CHRONOLOGY_COLUMNS = [  # Cumbria Appendix C, section 3, with seen / seen alone / wishes (000, 003 7.4)
    ("Date", "{{ e.date_cell }}", 22),
    ("Source of information", "{{ e.source }}", 28),
    ("Subject of recording / contact", "{{ e.subject_contact }}", 24),
    ("Event description, action and outcome", "{{ e.event_cell }}", 75),
    *_seen_cols((12, 13, 17)),
    ("Expected practice/standards", "{{ e.expected }}", 35),
    ("Relevance to terms of reference", "{{ e.relevance }}", 31),
]

IMR_CHRONOLOGY_COLUMNS_COMMUNICATION = [
    ("Date", "{{ e.date_cell }}", 20),
    ("Source of information", "{{ e.source }}", 22),
    ("Subject / contact", "{{ e.subject_contact }}", 20),
    ("Event description, action and outcome", "{{ e.event }}", 46),
    *_seen_cols((11, 12, 17)),
    ("Communication within agency", "{{ e.within_agency }}", 24),
    ("Communication external to agency", "{{ e.external }}", 24),
    ("Response or outcome", "{{ e.response }}", 22),
    ("Expected practice", "{{ e.expected }}", 21),
    ("Relevance to ToR", "{{ e.relevance }}", 18),
]

_RECOMMENDATION_CELL = "{{ r.recommendation }}{% if r.vague %} {{ r.vague }}{% endif %}"

ACTION_PLAN_COLUMNS = [  # Cumbria action plan template plus lead agency, monitoring and RAG status
    # Status / progress carries the longest text as a plan matures: a narrow
    # column breaks its words mid-way ("assessment s").
    ("No", "{{ r.number }}", 9),
    ("Recommendation", _RECOMMENDATION_CELL, 35),
    ("Key actions", "{{ r.key_actions_text }}", 40),
    ("Evidence", "{{ r.evidence }}", 23),
    ("Key outcome", "{{ r.key_outcome }}", 25),
    ("Date", "{{ r.target_date }}", 18),
    ("Lead agency", "{{ r.lead_agency }}", 17),
    ("Lead person", "{{ r.lead_person }}", 20),
    ("Monitoring", "{{ r.monitoring }}", 20),
    ("Status / progress", "{{ r.status_progress }}", 30),
    ("RAG status", "{{ r.rag_text }}", 20),
]

AGENCY_ACTION_PLAN_COLUMNS = [  # Cumbria "Case- SCR - Agency Action Plan", keeping status, progress, lead and monitoring
    ("No", "{{ r.number }}", 9),
    ("Recommendation", _RECOMMENDATION_CELL, 40),
    ("Key Actions", "{{ r.key_actions_text }}", 44),
    ("Evidence", "{{ r.evidence }}", 28),
    ("Key Outcome", "{{ r.key_outcome }}", 29),
    ("Date", "{{ r.target_date }}", 18),
    ("Lead person", "{{ r.lead_person }}", 22),
    ("Monitoring", "{{ r.monitoring }}", 23),
    ("Status / progress", "{{ r.status_progress }}", 24),
    ("RAG status", "{{ r.rag_text }}", 20),
]

NO_RECOMMENDATIONS = "the recommendations"
NO_CHRONOLOGY = "the chronology entries"


def action_plan_table(doc) -> None:
    loop_table(doc, "recommendations", "r", ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)


def chronology_table(doc, rows: str, parts: str, columns, with_communication, missing: str, size: float) -> None:
    """The chronology table, with the Herefordshire communication columns when the data has them."""
    tag(doc, "if chronology_has_communication")
    loop_table(doc, rows, "e", with_communication, missing, size=size, parts=parts)
    tag(doc, "else")
    loop_table(doc, rows, "e", columns, missing, size=size, parts=parts)
    tag(doc, "endif")


def keep_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


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
        ("{{ words.chair_label }}", "{{ panel.board_chair.line }}"),
        ("Review panel chair", "{{ panel.panel_chair.line }}"),
        ("Author of the overview report", "{{ panel.author.line }}"),
    ])
    keep_next(p(doc, "Review panel members", bold=True))
    loop_table(doc, "panel.members", "m", [
        ("Name", "{{ m.name }}", 50),
        ("Job title", "{{ m.job_title }}", 60),
        ("Organisation", "{{ m.organisation }}", 60),
    ], "", none="The review panel had no members other than those named above.")


def parallel_processes(doc) -> None:
    bullets(doc, "review.parallel_processes", "{{ item.kind_label }}: {{ item.description }}{% if item.status %} ({{ item.status }}){% endif %}{% if item.concluded %}, concluded {{ item.concluded }}{% endif %}",
            "", none="No other process ran alongside this review.")
    tag(doc, "if review.open_processes")
    p(doc, "Publication of this report waits for the conclusion of related proceedings (Working Together 8.49): "
           "{{ review.open_processes|join('; ') }}.", bold=True)
    tag(doc, "endif")


def family_involvement(doc) -> None:
    paragraphs(doc, "review.family_involvement.summary", "how the family was involved in the review")
    bullets(doc, "review.family_involvement.contacts", "{{ item }}", "")
    tag(doc, "if review.family_involvement.read_only_copy_offered")
    p(doc, "The family was offered a read-only copy of the report on {{ review.family_involvement.read_only_copy_offered }}.")
    tag(doc, "endif")


def glossary_section(doc, title: str = "Glossary") -> None:
    """The abbreviations, pseudonyms and roles the document uses (Herefordshire 8.6), from templates/glossary.yaml."""
    heading(doc, title)
    keep_next(p(doc, "The abbreviations, pseudonyms and roles used in this report."))
    loop_table(doc, "glossary", "g", [("Term", "{{ g.term }}", 35), ("Meaning", "{{ g.meaning }}", 135)], "",
               none="This report uses no abbreviations or pseudonyms that need explaining.")


def recommendation_list(doc, var: str) -> None:
    tag(doc, f"if {var}")
    tag(doc, f"for r in {var}")
    keep_next(p(doc, "Recommendation {{ r.number }}", bold=True))
    p(doc, _RECOMMENDATION_CELL)
    tag(doc, "if r.agencies")
    p(doc, "Applies to: {{ r.agencies }}", italic=True)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, todo(NO_RECOMMENDATIONS), bold=True)
    tag(doc, "endif")


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
            "", none="No interviews were held; information was provided in writing.")
    heading(doc, "Information not available", 3)
    bullets(doc, "review.methodology.information_not_available", "{{ item }}", "",
            none="All the information the review sought was available to it.")
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
    tag(doc, "else")
    p(doc, "No agency made recommendations of its own.")
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
            "", none="No staff interviews were held for this IMR; information came from records and written accounts.")
    heading(doc, "Staff involved", 3)
    bullets(doc, "imr.staff_involved", "{{ item }}", "the staff involved, by job title")
    heading(doc, "Information not available", 3)
    bullets(doc, "imr.information_not_available", "{{ item }}", "",
            none="All the information the agency sought for this IMR was available.")
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
    bullets(doc, "imr.other_addresses", "{{ item }}", "", none="The agency holds no other addresses.")
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
    loop_table(doc, "imr.recommendations", "r", AGENCY_ACTION_PLAN_COLUMNS, "the agency's recommendations", size=8)
    return doc


def imr_standards():
    """The Herefordshire "Standards for Individual Management Reviews" form, one per IMR."""
    doc = new_document("{{ review.title }}: Standards for Individual Management Reviews, {{ agency.name }}")
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
    tag(doc, "else")
    p(doc, "No agency made recommendations of its own.")
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
    p(doc, "DRAFT: {{ status_line }}", bold=True).runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
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
