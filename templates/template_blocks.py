"""Building blocks of the shipped Word templates: pages, fields, paragraphs, the {%p %} tags, tables,
the cover and the contents page. Used by make_templates.py (see its docstring for the conventions)."""

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


def missing(key: str) -> str:
    """The plain words of the marker ``key`` in templates/markers.yaml (the page never names a field)."""
    from scrdocs.documents.drafting import markers

    return markers()[key]["text"]


def paragraphs(doc, var: str, missing: str) -> None:
    """The paragraphs of a narrative field, or a draft marker naming the missing part."""
    tag(doc, f"if {var}")
    tag(doc, f"for para in {var}")
    p(doc, "{{ para }}")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, todo(missing), bold=True)
    tag(doc, "endif")


def stated_none_test(var: str) -> str:
    """The template test for a list the case file states as ``none`` (the context's ``stated_none``)."""
    return f"elif stated_none['{var}']"


def bullets(doc, var: str, item: str, missing: str, *, loop_var: str = "item", none: str | None = None,
            stated_none: str | None = None) -> None:
    """A bulleted list; when empty, a draft marker for ``missing`` or, with ``none``, that plain sentence
    (for a list that may rightly be empty). With ``stated_none``, that sentence is printed when the
    case file says ``none`` for the list, and the marker while it is left out."""
    tag(doc, f"if {var}")
    tag(doc, f"for {loop_var} in {var}")
    p(doc, item, "List Bullet")
    tag(doc, "endfor")
    if stated_none is not None:
        tag(doc, stated_none_test(var))
        p(doc, stated_none)
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
               *, size: float = 9, parts: str | None = None, none: str | None = None,
               stated_none: str | None = None) -> None:
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
    if stated_none is not None:
        tag(doc, stated_none_test(var))
        p(doc, stated_none)
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

