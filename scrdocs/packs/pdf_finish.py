"""PDF finishing for packs, with pypdf: merge, bookmarks, metadata, stamps, permissions.

Every function reads one PDF and writes another (never in place): the pack
builder chains them inside its staging folder. Text is stamped with the
standard Helvetica font, so nothing needs to be embedded and the stamp is
real text (a reader can search it, the tests can extract it).
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from pypdf.errors import PdfReadError
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

from ..errors import InputFormatError

log = logging.getLogger("scrdocs")

#: Wording of the family copy's watermark (seed 001 section 14).
READ_ONLY_WATERMARK = "Read-only copy: not for retention"

# Everything a reader may do; the family copy grants none of it. The reserved
# bits (7-8, 13-32) must stay set for readers to honour the rest.
_FORBIDDEN = (
    UserAccessPermissions.PRINT
    | UserAccessPermissions.MODIFY
    | UserAccessPermissions.EXTRACT
    | UserAccessPermissions.ADD_OR_MODIFY
    | UserAccessPermissions.FILL_FORM_FIELDS
    | UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS
    | UserAccessPermissions.ASSEMBLE_DOC
    | UserAccessPermissions.PRINT_TO_REPRESENTATION
)
READ_ONLY_PERMISSIONS = UserAccessPermissions.all() & ~_FORBIDDEN


# --------------------------------------------------------------------------
# Reading


def open_pdf(path: Path) -> PdfReader:
    """Open a PDF, decrypting it when it only has an owner password (as family copies do)."""
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputFormatError(
                f"{path.name} is protected by a password, so it cannot be read.",
                hint="Ask the sender for a copy without a password.",
            )
        _ = len(reader.pages)  # forces the page tree to load: a broken file fails here
        return reader
    except InputFormatError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as e:
        raise InputFormatError(f"{path.name} is not a readable PDF ({e}).",
                               hint="Check the file opens in a PDF reader, or save it again as PDF.") from None


# --------------------------------------------------------------------------
# Metadata


@dataclass(frozen=True)
class PdfMetadata:
    """The only document information a pack PDF carries: the board, never a person."""

    author: str
    title: str = ""
    subject: str = ""
    keywords: str = ""

    def info(self) -> dict[str, str]:
        values = {"/Author": self.author, "/Creator": "scrdocs", "/Producer": "scrdocs"}
        values.update({k: v for k, v in (("/Title", self.title), ("/Subject", self.subject),
                                          ("/Keywords", self.keywords)) if v})
        return values


def _scrub(writer: PdfWriter, metadata: PdfMetadata) -> None:
    root = writer.root_object
    # XMP (/Metadata) repeats author and title in XML; /PieceInfo holds
    # application private data. Both can carry names, so both go.
    for key in ("/Metadata", "/PieceInfo"):
        if key in root:
            del root[key]
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if key in page:
                del page[key]
    # Setting metadata clears the Info dictionary first, so no unknown key survives.
    writer.metadata = metadata.info()


def scrub_metadata(src: Path, dest: Path, metadata: PdfMetadata) -> Path:
    """Copy ``src`` to ``dest`` with no XMP, no private data and Info set to ``metadata`` only.

    With qpdf (pikepdf), which writes only the objects still referred to, so the old Info and XMP are not
    in ``dest`` at all: pypdf's copy of a tagged 30-page PDF (9,000 objects) took 2 s, qpdf's 0.1 s."""
    import pikepdf

    open_pdf(src)  # a protected or broken file is refused as everywhere else, in the same words
    try:
        with pikepdf.open(src) as pdf:
            for obj in (pdf.Root, *(page.obj for page in pdf.pages)):
                for key in ("/Metadata", "/PieceInfo"):
                    if key in obj:
                        del obj[key]
            pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(metadata.info()))
            dest.parent.mkdir(parents=True, exist_ok=True)
            pdf.save(dest, fix_metadata_version=False, encryption=False)
    except pikepdf.PdfError as e:
        raise InputFormatError(f"{src.name} is not a readable PDF ({e}).",
                               hint="Check the file opens in a PDF reader, or save it again as PDF.") from None
    return dest


def _write(writer: PdfWriter, dest: Path, *, tidy: bool = True) -> None:
    if tidy:
        # Objects nothing refers to any more (a removed XMP stream, old bookmarks)
        # would still be written, and could still be read: drop them.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as fh:
        writer.write(fh)


# --------------------------------------------------------------------------
# Merging with bookmarks


@dataclass
class MergePart:
    """One document of a merged pack: its bookmark title, PDF, and main headings if known."""

    title: str
    pdf: Path
    #: Main (Heading 1) texts in document order, searched for in the page text
    #: when the PDF has no bookmarks of its own. LibreOffice exports one
    #: bookmark per heading, top level for Heading 1: those are used first,
    #: since they point at the exact page.
    headings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based page in the merged PDF
    children: tuple["Bookmark", ...] = ()


def _outline_headings(reader: PdfReader) -> list[tuple[str, int]]:
    found = []
    for item in reader.outline:
        if isinstance(item, list):  # the children of the previous item
            continue
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # a bookmark to nowhere is no use as a heading
            continue
        if page is not None and page >= 0:
            found.append((str(item.title).strip(), page))
    return found


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def locate_headings(reader: PdfReader, headings: Sequence[str]) -> list[tuple[str, int]]:
    """Find the page each heading starts on, searching forward in document order.

    A heading counts only as a line of its own: a table of contents line
    carries a page number too, so it does not match, and the search moves
    on past it. Headings not found are logged and left out.
    """
    pages = [[_normalise(line) for line in (page.extract_text() or "").splitlines()] for page in reader.pages]
    found, start = [], 0
    for heading in headings:
        wanted = _normalise(heading)
        for index in range(start, len(pages)):
            if wanted in pages[index]:
                found.append((heading, index))
                start = index
                break
        else:
            log.info("Heading %r was not found in the PDF text; it has no bookmark.", heading)
    return found


def merge_pdfs(parts: Sequence[MergePart], dest: Path, metadata: PdfMetadata) -> list[Bookmark]:
    """Merge ``parts`` into ``dest`` with one bookmark per document and one per main heading under it,
    keeping the parts' tags (structure tree, language) when every part is tagged.

    Returns the outline written, for the manifest and the tests.
    """
    from . import pdf_structure

    writer = PdfWriter()
    outline: list[Bookmark] = []
    tags = pdf_structure.MergedTags()
    offset = 0
    for part in parts:
        reader = open_pdf(part.pdf)
        headings = _outline_headings(reader) or locate_headings(reader, part.headings)
        writer.append(reader, import_outline=False)
        pdf_structure.add_part(tags, writer, reader, part.title, offset)  # the parts' tags, one tree
        parent = writer.add_outline_item(title=part.title, page_number=offset, is_open=False)
        children = []
        for title, page in headings:
            writer.add_outline_item(title=title, page_number=offset + page, parent=parent)
            children.append(Bookmark(title, offset + page))
        outline.append(Bookmark(part.title, offset, tuple(children)))
        offset += len(reader.pages)
    writer.page_mode = "/UseOutlines"
    pdf_structure.finish(tags, writer)
    _scrub(writer, metadata)
    _write(writer, dest)
    return outline


def read_outline(path: Path) -> list[Bookmark]:
    """The bookmark tree of a PDF (two levels deep is all a pack uses, but any depth is read)."""
    reader = open_pdf(path)

    def walk(items: list) -> list[Bookmark]:
        result: list[Bookmark] = []
        for item in items:
            if isinstance(item, list):
                if result:
                    last = result[-1]
                    result[-1] = Bookmark(last.title, last.page, tuple(walk(item)))
                continue
            try:
                page = reader.get_destination_page_number(item)
            except Exception:
                page = -1
            result.append(Bookmark(str(item.title), page if page is not None else -1))
        return result

    return walk(reader.outline)


# --------------------------------------------------------------------------
# Stamping text on every page


def _pdf_string(text: str) -> str:
    # Helvetica here uses WinAnsi: keep to Latin-1, escape the PDF specials.
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return "(" + safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.5  # Helvetica averages about half an em per character


def _stamp_page(width: float, height: float, operations: str, opacity: float) -> PageObject:
    stamp = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    state = DictionaryObject({
        NameObject("/Type"): NameObject("/ExtGState"),
        NameObject("/ca"): FloatObject(opacity),
        NameObject("/CA"): FloatObject(opacity),
    })
    stamp[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/FScr"): font}),
        NameObject("/ExtGState"): DictionaryObject({NameObject("/GScr"): state}),
    })
    content = DecodedStreamObject()
    content.set_data(operations.encode("latin-1"))
    stamp[NameObject("/Contents")] = content
    return stamp


def _page_box(page: PageObject) -> tuple[float, float, float, float]:
    box = page.cropbox
    return float(box.left), float(box.bottom), float(box.width), float(box.height)


def _stamp_all(src: Path, dest: Path, build_ops, opacity: float = 1.0) -> Path:
    reader = open_pdf(src)
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        left, bottom, width, height = _page_box(page)
        ops = build_ops(left, bottom, width, height)
        page.merge_page(_stamp_page(float(page.mediabox.right), float(page.mediabox.top), ops, opacity), over=True)
    _write(writer, dest)
    return dest


def watermark(src: Path, dest: Path, text: str = READ_ONLY_WATERMARK) -> Path:
    """Stamp ``text`` on every page: large and diagonal across the page, and as a line at the top.

    The top line is plain horizontal text, so the warning is in the page's
    text layer (searchable, extractable) as well as visible.
    """
    def ops(left: float, bottom: float, width: float, height: float) -> str:
        size = max(18.0, min(54.0, (width ** 2 + height ** 2) ** 0.5 * 0.65 / max(len(text), 1) / 0.5))
        cx, cy = left + width / 2, bottom + height / 2
        half = _text_width(text, size) / 2
        # Rotate 45 degrees about the page centre: cos = sin = 0.7071.
        c = 0.7071
        tx = cx - c * half + c * size / 3
        ty = cy - c * half - c * size / 3
        top_size = 9.0
        top_x = left + (width - _text_width(text, top_size)) / 2
        return (
            f"q /GScr gs 0.55 0.1 0.1 rg BT /FScr {size:.1f} Tf {c} {c} {-c} {c} {tx:.1f} {ty:.1f} Tm "
            f"{_pdf_string(text)} Tj ET Q\n"
            f"q 0.55 0.1 0.1 rg BT /FScr {top_size} Tf {top_x:.1f} {bottom + height - 14:.1f} Td "
            f"{_pdf_string(text)} Tj ET Q\n"
        )

    return _stamp_all(src, dest, ops, opacity=0.25)


def stamp_marking(src: Path, dest: Path, marking: str) -> Path:
    """Put the protective marking at the top and bottom of every page (for documents handed in)."""
    def ops(left: float, bottom: float, width: float, height: float) -> str:
        size = 9.0
        x = left + (width - _text_width(marking, size)) / 2
        return (
            f"q 0 0 0 rg BT /FScr {size} Tf {x:.1f} {bottom + height - 16:.1f} Td {_pdf_string(marking)} Tj ET Q\n"
            f"q 0 0 0 rg BT /FScr {size} Tf {x:.1f} {bottom + 10:.1f} Td {_pdf_string(marking)} Tj ET Q\n"
        )

    return _stamp_all(src, dest, ops)


# --------------------------------------------------------------------------
# Permissions


def protect(src: Path, dest: Path, *, owner_password: str | None = None) -> Path:
    """Encrypt ``dest`` so it opens without a password but cannot be printed, copied or edited.

    The user password is empty (anyone can open and read it); the owner
    password, which would lift the restrictions, is random and thrown
    away unless the caller passes one. AES-256 is used.
    """
    writer = PdfWriter(clone_from=open_pdf(src))
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    writer.encrypt(
        user_password="",
        owner_password=owner_password or secrets.token_urlsafe(32),
        permissions_flag=READ_ONLY_PERMISSIONS,
        algorithm="AES-256",
    )
    _write(writer, dest, tidy=False)  # tidied before encrypting: afterwards it would break /Encrypt
    return dest


def permissions(path: Path) -> UserAccessPermissions:
    """What a reader opening ``path`` without the owner password may do."""
    reader = PdfReader(str(path))
    if not reader.is_encrypted:
        return UserAccessPermissions.all()
    reader.decrypt("")
    return reader.user_access_permissions or UserAccessPermissions(0)


def page_texts(path: Path) -> list[str]:
    """The text of every page, in order."""
    return [page.extract_text() or "" for page in open_pdf(path).pages]
