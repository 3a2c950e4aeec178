"""Assembling a pack from its anonymised documents: Word properties scrubbed, every PDF made in one
LibreOffice run, PDF metadata scrubbed, the files copied into the pack, and one PDF merged with a
bookmark per document and per main heading (watermarked and protected for the family copy)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable, Sequence

from . import pdf_finish
from ..case.model import Case
from .anonymise import Anonymised
from .contents import PackProfile
from .docx_finish import heading_texts, scrub_docx_properties
from .pack_types import PackDocument, PackFolders

#: (document, its finished PDF, its main headings for the bookmarks)
Finished = tuple[PackDocument, Path, list[str]]


def assemble_pack(case: Case, pack: PackProfile, docs: Anonymised, folders: PackFolders,
                  step: Callable[[str], None], *,
                  meanwhile: Callable[[list[Path]], None] | None = None) -> tuple[str, list[pdf_finish.Bookmark]]:
    """Put the pack's files into ``folders.stage``; returns the merged PDF's name and its bookmarks.
    ``meanwhile`` is given the finished Word copies while LibreOffice makes their PDFs."""
    board, title = case.review.board, case.review.title
    step("Removing personal details from the document properties")
    for doc, path in docs.to_pdf:
        scrub_docx_properties(path, author=board, title=f"{title}: {doc.title}")
    step(f"Making {len(docs.to_pdf)} PDF{'s' if len(docs.to_pdf) != 1 else ''} with LibreOffice")
    _cut_external_links(docs)
    converted = _convert_meanwhile(docs.to_pdf, folders.pdf, meanwhile)
    _no_short_pages(docs, converted, folders.pdf)
    step("Finishing the PDFs")
    finished = _finish_pdfs(pack, docs, converted, folders.pdf, board=board, title=title)
    _copy_documents(pack, docs, finished, folders.stage)
    merged_name = f"{_safe_stem(case.review.reference)}-{pack.name}-pack.pdf"
    bookmarks = _merge(pack, docs, finished, folders, merged_name, board=board, title=title)
    if pack.genogram and case.family is not None:
        step("Drawing the anonymised genogram")
        _draw_genogram(case, folders.stage)
    return merged_name, bookmarks


def _safe_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "review"


def _cut_external_links(docs: Anonymised) -> None:
    """No Word copy reaches LibreOffice with an external link: it would fetch a linked picture from its server.

    The redaction engine cuts them already; this is the last word before the
    conversion, whatever made the copy. Anything cut is listed in the report.
    """
    from ..redaction.formats import REMOVED_NOTE
    from ..redaction.formats.docx_package import strip_external_links

    for doc, path in docs.to_pdf:
        phrases = strip_external_links(path).phrases()
        if phrases:
            docs.check_by_hand.setdefault(doc.title, []).append(
                f"{REMOVED_NOTE} {', '.join(phrases)} (before the PDF was made)")


def _no_short_pages(docs: Anonymised, converted: Sequence[Path], pdfs: Path) -> None:
    """The anonymised copies are laid out again by LibreOffice, and a pseudonym is not as long as the name it
    replaces, so a near-empty page before a landscape section can appear in the pack that the built document
    did not have. Only documents scrdocs made are re-laid: a handed-in document keeps its own layout."""
    from ..documents.short_pages import fix_short_pages

    ours = [path for doc, path in docs.to_pdf if doc.included_from is None]
    fix_short_pages(ours, list(converted), pdfs)  # writes each re-made PDF over the first, by name


def _convert(to_pdf: Sequence[tuple[PackDocument, Path]], pdfs: Path) -> list[Path]:
    # Looked up here, not at import, so a test can stand in for LibreOffice.
    from ..libreoffice import convert_to_pdf

    return convert_to_pdf([p for _, p in to_pdf], pdfs) if to_pdf else []


def _convert_meanwhile(to_pdf: Sequence[tuple[PackDocument, Path]], pdfs: Path,
                       meanwhile: Callable[[list[Path]], None] | None) -> list[Path]:
    """:func:`_convert`, with ``meanwhile`` run here while a thread waits for LibreOffice (another process)."""
    if meanwhile is None or not to_pdf:
        return _convert(to_pdf, pdfs)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="scrdocs-libreoffice") as pool:
        converting = pool.submit(_convert, to_pdf, pdfs)
        try:
            meanwhile([path for _, path in to_pdf])
        finally:
            converted = converting.result()  # LibreOffice's own error, if any, is the one reported
    return converted


def _finish_pdfs(pack: PackProfile, docs: Anonymised, converted: Sequence[Path], pdfs: Path, *,
                 board: str, title: str) -> list[Finished]:
    """PDF metadata scrubbed, and the marking stamped on handed-in PDFs; in pack order."""
    def metadata(doc: PackDocument) -> pdf_finish.PdfMetadata:
        return pdf_finish.PdfMetadata(author=board, title=f"{title}: {doc.title}")

    finished: list[Finished] = []
    for (doc, docx_path), pdf_path in zip(docs.to_pdf, converted):
        clean = pdfs / f"{docx_path.stem}.final.pdf"
        pdf_finish.scrub_metadata(pdf_path, clean, metadata(doc))
        finished.append((doc, clean, heading_texts(docx_path)))
    for doc, pdf_path in docs.pdf_inputs:
        marked = pdfs / f"{pdf_path.stem}.marked.pdf"
        pdf_finish.stamp_marking(pdf_path, marked, pack.marking)
        clean = pdfs / f"{pdf_path.stem}.final.pdf"
        pdf_finish.scrub_metadata(marked, clean, metadata(doc))
        finished.append((doc, clean, []))
    order = {id(doc): index for index, doc in enumerate(docs.items)}
    finished.sort(key=lambda entry: order[id(entry[0])])
    return finished


def _copy_documents(pack: PackProfile, docs: Anonymised, finished: Sequence[Finished], stage: Path) -> None:
    """The separate Word and PDF files, in the formats the profile makes (a read-only pack has no separate PDFs)."""
    doc_names = {id(doc): path.stem for doc, path in docs.to_pdf}
    doc_names.update({id(doc): path.stem for doc, path in docs.pdf_inputs})
    if "docx" in pack.formats:
        for doc, path in docs.to_pdf:
            doc.docx = stage / path.name
            shutil.copyfile(path, doc.docx)
    if not pack.read_only:
        for doc, path, _ in finished:
            doc.pdf = stage / f"{doc_names[id(doc)]}.pdf"
            shutil.copyfile(path, doc.pdf)


def _merge(pack: PackProfile, docs: Anonymised, finished: Sequence[Finished], folders: PackFolders,
           merged_name: str, *, board: str, title: str) -> list[pdf_finish.Bookmark]:
    merged = folders.work / merged_name
    bookmarks = pdf_finish.merge_pdfs(
        [pdf_finish.MergePart(doc.title, path, headings) for doc, path, headings in finished], merged,
        pdf_finish.PdfMetadata(author=board, title=f"{title}: {pack.description.rstrip('.')}"))
    if pack.read_only:
        marked = folders.work / "watermarked.pdf"
        pdf_finish.watermark(merged, marked, pack.watermark or pdf_finish.READ_ONLY_WATERMARK)
        pdf_finish.protect(marked, folders.stage / merged_name)
        for doc in docs.items:
            doc.pdf = folders.stage / merged_name
    else:
        shutil.copyfile(merged, folders.stage / merged_name)
    return bookmarks


def _draw_genogram(case: Case, stage: Path) -> None:
    from ..genogram import draw_genogram

    for fmt in ("svg", "png"):
        (stage / f"genogram.{fmt}").write_bytes(draw_genogram(case, profile="anonymised", format=fmt))
