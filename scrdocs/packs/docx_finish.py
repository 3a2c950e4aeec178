"""The Word documents of a pack: protective marking, properties scrubbed to the board only, main
headings (for the PDF bookmarks), and the glossary of pseudonyms."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from lxml import etree

from ..case.model import Case, Role
from ..case.pseudonyms import case_pseudonyms

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Parts that only ever hold people's names or private data; a pack copy drops them.
_DROP_PARTS = ("docProps/custom.xml", "word/people.xml")
#: A saved picture of the first page (Word's "Save preview picture"). The engine
#: redacts text, not pixels, so a handed-in document's thumbnail would still show
#: the original, names and all; the leak gate cannot read it either.
_THUMBNAIL = re.compile(r"docProps/thumbnail\.\w+", re.I)


def _dropped(name: str) -> bool:
    return name in _DROP_PARTS or bool(_THUMBNAIL.fullmatch(name))


def _rewrite_zip(path: Path, edit: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite a .docx part by part; ``edit`` returns new bytes, the same bytes, or None to drop the part."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info, data)
    tmp.replace(path)


def scrub_docx_properties(path: Path, *, author: str, title: str) -> None:
    """Set the Word properties to the board only: author and company = board, no one else's name anywhere.

    Drops custom properties and the list of people who tracked changes or
    commented, clears subject, keywords, description, category, manager,
    template and hyperlink base, and removes any document variables.
    """
    def core(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            local = etree.QName(el).localname
            if local in ("created", "modified"):
                continue
            root.remove(el)
        for ns, local, value in ((_DC, "creator", author), (_DC, "title", title)):
            el = etree.SubElement(root, f"{{{ns}}}{local}")
            el.text = value
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def app(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            local = etree.QName(el).localname
            if local in ("Manager", "Template", "HyperlinkBase", "Company", "TitlesOfParts", "HeadingPairs"):
                root.remove(el)
        company = etree.SubElement(root, f"{{{_EP}}}Company")
        company.text = author
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def settings(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for tag in ("docVars", "attachedTemplate"):
            for el in root.findall(f"{{{_W}}}{tag}"):
                root.remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def without_dropped(data: bytes, attribute: str, dropped: set[str]) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            target = (el.get(attribute) or "").lstrip("/")
            if target in dropped or _THUMBNAIL.fullmatch(target):
                root.remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def edit(name: str, data: bytes) -> bytes | None:
        if _dropped(name):
            return None
        if name == "docProps/core.xml":
            return core(data)
        if name == "docProps/app.xml":
            return app(data)
        if name == "word/settings.xml":
            return settings(data)
        if name == "[Content_Types].xml":
            return without_dropped(data, "PartName", set(_DROP_PARTS))
        if name == "_rels/.rels":
            return without_dropped(data, "Target", {"docProps/custom.xml"})
        if name == "word/_rels/document.xml.rels":
            return without_dropped(data, "Target", {"people.xml", "word/people.xml"})
        return data

    _rewrite_zip(path, edit)


def add_marking(path: Path, marking: str) -> None:
    """Put the protective marking at the top of every header and footer of a handed-in document."""
    from docx import Document

    doc = Document(str(path))
    for index, section in enumerate(doc.sections):
        parts = [section.header, section.footer]
        if section.different_first_page_header_footer:
            parts += [section.first_page_header, section.first_page_footer]
        if doc.settings.odd_and_even_pages_header_footer:
            parts += [section.even_page_header, section.even_page_footer]
        for part in parts:
            if part.is_linked_to_previous and index > 0:
                continue  # shows the previous section's, already marked
            part.is_linked_to_previous = False
            first = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            marked = first.insert_paragraph_before(marking)
            marked.alignment = 1  # centred
            for run in marked.runs:
                run.bold = True
    doc.save(str(path))


def heading_texts(path: Path, level: int = 1) -> list[str]:
    """The texts of the document's main headings (style Heading ``level``), in order."""
    from docx import Document

    wanted = f"heading {level}"
    return [p.text.strip() for p in Document(str(path)).paragraphs
            if p.text.strip() and p.style is not None and (p.style.name or "").lower() == wanted]


def glossary_rows(case: Case, redactor_key: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(pseudonym, role) for everyone the pack refers to by a pseudonym: "SW1", "social worker, Adult Social Care"."""
    pseudonyms = case_pseudonyms(case)
    subject_label = pseudonyms.get(case.subject.id) if case.subject else None
    rows: list[tuple[str, str]] = []
    for person in case.people:
        if person.role is Role.subject:
            role = f"the {'child' if case.review.is_childrens_review else 'adult'} at the centre of this review"
        elif person.role is Role.practitioner:
            agency = None
            if person.agency:
                try:
                    agency = case.agency(person.agency).name
                except KeyError:
                    agency = person.agency
            role = ", ".join(x for x in (person.job_title or "practitioner", agency) if x)
        elif person.relationship:
            role = f"{person.relationship} of {subject_label}" if subject_label else person.relationship
        else:
            role = {"family": "family member", "perpetrator": "the person who caused harm", "other": "other person"}[person.role.value]
        rows.append((pseudonyms[person.id], role))
    given = {label for label, _ in rows}
    panel_roles = {m.name: ", ".join(x for x in (m.job_title, m.organisation) if x) for m in case.panel.members}
    for label, real in sorted((redactor_key or {}).items(), key=lambda item: _natural(item[0])):
        if label in given:
            continue
        if real in panel_roles:
            rows.append((label, f"review panel member: {panel_roles[real] or 'job title not given'}"))
        elif re.fullmatch(r"Person \d+", label):
            rows.append((label, "a person named in the documents who is not in the case file"))
    return rows


def _natural(label: str) -> list[Any]:
    """Sort key that puts "Panel member 2" before "Panel member 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", label)]


def _header_row(row) -> None:
    """Mark a table's first row as its header (repeated on each page, a header row in the tagged PDF)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(node)


def write_glossary_docx(case: Case, path: Path, rows: Sequence[tuple[str, str]], *, marking: str, title: str) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from docx.shared import Mm

    doc = Document()
    for section in doc.sections:
        # python-docx's blank document is US Letter: every pack page is A4.
        section.page_width, section.page_height = Mm(210), Mm(297)
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(f"{case.review.type.long_name}: {case.review.title}", 0)
    doc.add_heading(title, 1)
    doc.add_paragraph("The documents in this pack refer to people by these pseudonyms and roles. "
                      "Their real names are not in this pack.")
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Pseudonym", "Role"
    _header_row(table.rows[0])
    for label, role in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, role
    doc.save(str(path))
    return path


def add_cover_notice(path: Path, notice: str) -> None:
    """Put ``notice`` in bold as the first paragraph of the document, so it is the first thing on its cover."""
    from docx import Document

    doc = Document(str(path))
    body = [p for p in doc.paragraphs]
    paragraph = body[0].insert_paragraph_before(notice) if body else doc.add_paragraph(notice)
    paragraph.alignment = 1  # centred
    for run in paragraph.runs:
        run.bold = True
    doc.save(str(path))
