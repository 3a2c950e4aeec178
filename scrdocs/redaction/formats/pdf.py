"""PDF: text out with pypdf, redacted, and a NEW document built from it.

The original PDF's objects are never reused (boxes drawn over text leave the
text underneath). The redacted text of each page is written into a Word
document (one page each, page breaks between) with python-docx and turned
into PDF by LibreOffice through :func:`scrdocs.libreoffice.convert_to_pdf`; the new
PDF's document information is then replaced (no author, no title, no XMP).
A PDF without a text layer (a scan) cannot be read and needs OCR first.

So nothing but the page text reaches the copy: form fields and what was
typed into them, attachments, comments, JavaScript and XFA forms stay behind,
and the result lists them under ``removed_parts``.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from ...errors import InputFormatError
from ...output import staged_file

log = logging.getLogger("scrdocs")


def _reader(path: Path):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds for unknown ciphers
                ok = 0
            if not ok:
                raise InputFormatError(f"{path} is password-protected, so it cannot be read.",
                                       hint="Ask for a copy without a password (or remove it), then try again.")
        return reader
    except InputFormatError:
        raise
    except (PdfReadError, OSError, ValueError) as e:
        raise InputFormatError(f"{path} is not a PDF scrdocs can read ({e}).",
                               hint="Check the file opens in a PDF reader; save or export it again as PDF.") from None


def page_texts(path: Path) -> list[str]:
    reader = _reader(path)
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:  # noqa: BLE001 - a damaged content stream can raise almost anything
        raise InputFormatError(f"The text of {path} could not be read ({e}).",
                               hint="Export the document again as PDF from the program that made it.") from None
    if not any(t.strip() for t in texts):
        raise InputFormatError(f"{path} has no text layer: it looks like a scanned image, so names cannot be found in it.",
                               hint="Run it through OCR first (for example with your scanner's software or ocrmypdf), then try again.")
    return texts


_ENDS_BLOCK = (".", ":", ";", "!", "?", ",")


def reflow(text: str) -> str:
    """Join the lines a PDF wrapped inside a paragraph, so the rebuilt copy wraps cleanly around replacements
    that are longer or shorter than the names they replace (no "Adult" / "A's" orphans on lines of their own).

    A line runs on into the next when it is nearly as long as the page's longest line and does not end a
    sentence or a heading, or when the next line starts with a lower-case letter. Blank lines, short lines
    (headings, addresses, sign-offs) and list items keep their breaks.
    """
    lines = text.split("\n")
    longest = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1].rstrip()
            nxt = line.lstrip()
            starts_item = nxt[:1] in ("-", "•", "*", "–") or nxt[:2].rstrip(".)").isdigit()
            full = len(prev) >= 0.75 * longest and not prev.endswith(_ENDS_BLOCK[:5])
            if prev and nxt and not starts_item and (full or (nxt[:1].islower() and not prev.endswith(_ENDS_BLOCK[:5]))):
                out[-1] = prev + " " + nxt
                continue
        out.append(line)
    return "\n".join(out)


def _write_docx(pages: list[str], dest: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    for number, text in enumerate(pages):
        if number:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE) if doc.paragraphs else doc.add_page_break()
        for block in text.split("\n"):
            doc.add_paragraph(block)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    doc.save(str(dest))


def _clean_metadata(src: Path, dest: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=str(src))
    if NameObject("/Metadata") in writer._root_object:
        del writer._root_object[NameObject("/Metadata")]
    writer.metadata = None
    writer.add_metadata({"/Producer": "scrdocs", "/Creator": "scrdocs"})
    with open(dest, "wb") as f:
        writer.write(f)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _is_script(action) -> bool:
    action = action.get_object() if hasattr(action, "get_object") else action
    return isinstance(action, dict) and (action.get("/S") == "/JavaScript" or "/JS" in action)


def left_out(path: Path) -> list[str]:
    """What a copy rebuilt from the page text leaves behind, as it reads in a sentence."""
    reader = _reader(path)
    root = reader.trailer["/Root"].get_object()
    out = []
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else {}
    if form.get("/Fields"):
        out.append(_count(len(form["/Fields"]), "form field (what was typed in it is not in the copy)",
                          "form fields (what was typed in them is not in the copy)"))
    if "/XFA" in form:
        out.append("XFA form")
    try:
        attached = sum(len(v) for v in reader.attachments.values())
    except Exception:  # noqa: BLE001 - unreadable attachments are left behind all the same
        attached = 1
    annots = [a.get_object() for page in reader.pages for a in (page.get("/Annots", None) or [])]
    attached += sum(1 for a in annots if a.get("/Subtype") == "/FileAttachment")
    if attached:
        out.append(_count(attached, "attachment", "attachments"))
    notes = sum(1 for a in annots if a.get("/Subtype") not in ("/Link", "/Widget", "/FileAttachment", "/Popup"))
    if notes:
        out.append(_count(notes, "comment or note", "comments and notes"))
    names = root.get("/Names")
    if (names is not None and "/JavaScript" in names.get_object()) or _is_script(root.get("/OpenAction")) \
            or any(_is_script(a.get("/A")) for a in annots):
        out.append("JavaScript")
    return out


def redact_pdf(redactor, src: Path, dest: Path, result) -> None:
    from ...libreoffice import convert_to_pdf

    result.removed_parts += left_out(src)
    texts = [reflow(t) for t in page_texts(src)]
    redacted = redactor.redact_texts(texts, document=src.name, locations=[f"page {i}" for i in range(1, len(texts) + 1)])
    with tempfile.TemporaryDirectory(prefix="scrdocs-redact-pdf-") as tmp:
        work = Path(tmp)
        docx = work / f"{dest.stem}.docx"
        _write_docx(redacted, docx)
        [made] = convert_to_pdf([docx], work / "pdf")
        with staged_file(dest) as out:
            _clean_metadata(made, out)
    result.notes.append("rebuilt from its text: layout, images and tables of the original are not kept")


def extract(path: Path) -> list[tuple[str, str]]:
    reader = _reader(path)
    found = [(f"page {i}", page.extract_text() or "") for i, page in enumerate(reader.pages, 1)]
    for key, value in (reader.metadata or {}).items():
        found.append((f"metadata {key}", str(value)))
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            raw = xmp.stream.get_data().decode("utf-8", "replace")
            found.append(("metadata XMP", raw))
    except Exception:  # noqa: BLE001 - broken XMP: report nothing rather than fail the read
        log.info("%s: XMP metadata could not be read", path)

    def outline(items, depth=0):
        for item in items:
            if isinstance(item, list):
                outline(item, depth + 1)
            else:
                title = getattr(item, "title", None)
                if title:
                    found.append((f"bookmark (level {depth + 1})", str(title)))

    try:
        outline(reader.outline)
    except Exception:  # noqa: BLE001
        log.info("%s: the bookmarks could not be read", path)
    return found
