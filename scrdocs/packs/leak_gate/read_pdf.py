"""Reading a PDF: page text, annotations, document information, XMP, bookmarks, form fields, attachments.

Form fields are read for their names, tooltips and values (what was typed
into the form). An attachment is read with the gate's own readers when it is
a kind they read (.txt, .docx, .pdf...); any other attachment, JavaScript and
an XFA form cannot be read, so each is a unit marked unreadable: a finding.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterator

from ...errors import InputFormatError
from .units import Unit, _Joiner, unreadable_unit

_REBUILD = ("or hand it to `scrdocs redact` first, which rebuilds the PDF from its text without them")
_ATTACHMENT_ADVICE = ("open the PDF's attachments (the paper-clip panel) and delete them, or save the attachment "
                      "on its own and check it, " + _REBUILD)
_SCRIPT_ADVICE = "remove the JavaScript in a PDF editor, or print the PDF to a new PDF, " + _REBUILD
_XFA_ADVICE = "print or export the form to a new, flat PDF, " + _REBUILD
#: Attachments inside attachments are read this deep; deeper ones are findings.
_MAX_NESTING = 2


#: Page text by what makes it: the pack's merged PDF holds the same pages as each document's PDF, and
#: reading a page's text is most of the gate's time. The key is the page's content stream and fonts.
_PAGE_TEXT: dict[bytes, str] = {}


def _page_key(page) -> bytes:
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    fonts = page.get("/Resources", {}).get("/Font") if page.get("/Resources") is not None else None
    font_names = repr(sorted((str(k), repr(v.get_object().get("/BaseFont"))) for k, v in (fonts or {}).items()))
    return hashlib.sha256(data + b"\0" + font_names.encode()).digest()


def _page_text(page) -> str:
    key = _page_key(page)
    if key not in _PAGE_TEXT:
        if len(_PAGE_TEXT) > 5000:
            _PAGE_TEXT.clear()
        _PAGE_TEXT[key] = page.extract_text() or ""
    return _PAGE_TEXT[key]


#: Pages a PDF must have left to read before forked workers read them (each opens the file again).
_PARALLEL_FROM_PAGES = 6


def _read_pages_ahead(path: Path, reader) -> None:
    """Page text not yet known, read by forked workers (the same reader, the same text) into the cache.
    A page a worker could not read is left for :func:`_page_text`, which says why the same way."""
    from ...workers import fork_pool, worker_count

    keys: dict[bytes, int] = {}
    for index, page in enumerate(reader.pages):
        try:
            key = _page_key(page)
        except Exception:  # noqa: BLE001 - the page is read (and fails) in this process, as before
            continue
        if key not in _PAGE_TEXT:
            keys.setdefault(key, index)
    processes = worker_count(len(keys) >= _PARALLEL_FROM_PAGES)
    if processes == 1:
        return
    indices = list(keys.values())
    jobs = [(str(path), indices[i::processes * 2]) for i in range(processes * 2)]
    try:
        with fork_pool(processes) as pool:
            results = [r for job in pool.map(_read_pages, jobs) for r in job]
    except OSError:
        return  # no workers: every page is read here
    by_index = {index: key for key, index in keys.items()}
    for index, text in results:
        if text is not None:
            _PAGE_TEXT[by_index[index]] = text


def _read_pages(job: tuple[str, list[int]]) -> list[tuple[int, str | None]]:
    from ..pdf_finish import open_pdf

    path, indices = job
    out: list[tuple[int, str | None]] = []
    try:
        reader = open_pdf(Path(path))
    except Exception:  # noqa: BLE001 - the main process reads the file and reports
        return [(i, None) for i in indices]
    for index in indices:
        try:
            out.append((index, reader.pages[index].extract_text() or ""))
        except Exception:  # noqa: BLE001
            out.append((index, None))
    return out


#: Far larger than any page: pdftotext leaves out text outside its crop area, which is the page unless told.
_WHOLE_PLANE = ["-x", "-1000000", "-y", "-1000000", "-W", "2000000", "-H", "2000000"]


def _poppler_pages(path: Path, pages: int) -> list[str] | None:
    """The text of every page, read by poppler's pdftotext (in C: 1 s of CPU for the example pack's 168
    pages, where pypdf took 15 s), or None where it is not installed, fails, or does not give one text per
    page: then pypdf reads them. SCRDOCS_PDF_TEXT=pypdf always uses pypdf."""
    exe = shutil.which("pdftotext")
    if exe is None or os.environ.get("SCRDOCS_PDF_TEXT", "").strip().lower() == "pypdf":
        return None
    try:
        run = subprocess.run([exe, "-q", "-enc", "UTF-8", *_WHOLE_PLANE, str(path), "-"], capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=60 + pages, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode != 0:
        return None
    texts = run.stdout.decode("utf-8", "replace").split("\f")  # each page ends with a form feed
    if texts and not texts[-1].strip():
        texts.pop()
    # No blank lines between its blocks of text: a line number is a line a person counts on the page.
    texts = ["\n".join(line for line in text.splitlines() if line.strip()) for text in texts]
    return texts if len(texts) == pages else None


def pdf_units(path: Path, name: str, *, pages_for_terms: bool = False) -> Iterator[Unit]:
    """Every unit of a PDF. ``pages_for_terms``: the page text gets the case-term search alone (its NER
    rescan read the Word copy it was made from), so poppler may read it; text NER and the second opinion
    read is pypdf's, as it always was, so their judgement of a page does not change with the reader."""
    from ..pdf_finish import open_pdf

    reader = open_pdf(path)
    poppler = _poppler_pages(path, len(reader.pages)) if pages_for_terms else None
    if poppler is None:
        _read_pages_ahead(path, reader)
    for number, page in enumerate(reader.pages, start=1):
        try:
            # A page poppler finds no text on is read by pypdf too: nothing is passed unread.
            text = poppler[number - 1] if poppler and poppler[number - 1].strip() else _page_text(page)
        except Exception as e:  # noqa: BLE001 - any failure means the page was not checked
            raise InputFormatError(f"{name}: the text of page {number} cannot be read ({e}).") from None
        lines = _Joiner()
        for line_number, line in _pdf_paragraphs(text):
            lines.add(line, f"line {line_number}")
        unit = lines.unit(name, f"page {number}", ner=True)
        if unit:
            yield unit
        annotations = _Joiner()
        for annot in page.get("/Annots", None) or []:
            annot = annot.get_object()
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            for label, value in (("link", action.get("/URI")), ("annotation text", annot.get("/Contents")),
                                 ("annotation author", annot.get("/T"))):
                if value is not None:
                    annotations.add(str(value), label)
        unit = annotations.unit(name, f"page {number}", ner=False)
        if unit:
            yield unit
    info = _Joiner()
    for key, value in (reader.metadata or {}).items():
        info.add(str(value), f"{key}")
    unit = info.unit(name, "document information", ner=False)
    if unit:
        yield unit
    metadata = reader.trailer["/Root"].get_object().get("/Metadata")
    if metadata is not None:
        raw = metadata.get_object().get_data().decode("utf-8", "replace")
        # Tags are not text, but each element's content is.
        yield Unit(name, "XMP metadata", re.sub(r"<[^>]+>", "\n", raw), ner=False)
    outline = _Joiner()
    for number, (level, title) in enumerate(_outline_titles(reader.outline), start=1):
        outline.add(title, f"{number} (level {level})")
    unit = outline.unit(name, "bookmark", ner=True)
    if unit:
        yield unit
    try:
        attachments = list(reader.attachments)
    except Exception:  # noqa: BLE001 - no readable attachment tree means none to name
        attachments = []
    names = _Joiner()
    for attachment in attachments:
        names.add(attachment, "name")
    unit = names.unit(name, "attachment", ner=False)
    if unit:
        yield unit
    yield from _form_units(reader, name)
    yield from _script_units(reader, name)
    yield from _attachment_units(reader, name)


def _field_value(value: Any) -> list[str]:
    """The text of a field's value: a string, a choice, several choices, or a signature's name and reason."""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, dict):  # a signature: who signed, where and why
        return [str(value[k]) for k in ("/Name", "/Reason", "/Location", "/ContactInfo") if k in value]
    if isinstance(value, list):
        return [t for item in value for t in _field_value(item)]
    text = str(value)
    return [text.lstrip("/") if text.startswith("/") else text]


def _fields(fields: Any, depth: int = 0) -> Iterator[Any]:
    for field in fields or []:
        field = field.get_object()
        yield field
        if depth < 20:
            yield from _fields(field.get("/Kids"), depth + 1)


def _form_units(reader: Any, name: str) -> Iterator[Unit]:
    """Each form field's name, tooltip and value: what was typed into a filled-in form."""
    form = reader.trailer["/Root"].get_object().get("/AcroForm")
    if form is None:
        return
    form = form.get_object()
    values = _Joiner()
    for number, field in enumerate(_fields(form.get("/Fields")), start=1):
        for key, label in (("/T", "name"), ("/TU", "tooltip"), ("/TM", "export name"), ("/V", "value"),
                           ("/DV", "default value"), ("/RV", "value"), ("/Opt", "choice")):
            if key in field:
                for text in _field_value(field[key]):
                    values.add(text, f"field {number} {label}")
    unit = values.unit(name, "form", ner=True)
    if unit:
        yield unit
    if "/XFA" in form:
        yield unreadable_unit(name, "XFA form", "an XFA form", _XFA_ADVICE)


def _is_script(action: Any, depth: int = 0) -> bool:
    action = action.get_object() if hasattr(action, "get_object") else action
    if not isinstance(action, dict) or depth > 20:
        return False
    if action.get("/S") == "/JavaScript" or "/JS" in action:
        return True
    follow = action.get("/Next")
    follow = follow.get_object() if hasattr(follow, "get_object") else follow
    return any(_is_script(a, depth + 1) for a in (follow if isinstance(follow, list) else [follow]))


def _additional_actions(obj: Any) -> list[Any]:
    actions = obj.get("/AA")
    actions = actions.get_object() if actions is not None else {}
    return [obj.get("/A"), *actions.values()] if isinstance(actions, dict) else [obj.get("/A")]


def _script_units(reader: Any, name: str) -> Iterator[Unit]:
    """JavaScript anywhere it can run (opening the document, a page, a link, a field): a finding, once."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    found = names is not None and "/JavaScript" in names.get_object()
    found = found or _is_script(root.get("/OpenAction")) or any(_is_script(a) for a in _additional_actions(root))
    for page in reader.pages:
        if found:
            break
        found = any(_is_script(a) for a in _additional_actions(page))
        for annot in page.get("/Annots", None) or []:
            found = found or any(_is_script(a) for a in _additional_actions(annot.get_object()))
    form = root.get("/AcroForm")
    if not found and form is not None:
        found = any(_is_script(a) for f in _fields(form.get_object().get("/Fields")) for a in _additional_actions(f))
    if found:
        yield unreadable_unit(name, "JavaScript", "JavaScript", _SCRIPT_ADVICE)


def _attachments(reader: Any) -> Iterator[tuple[str, bytes]]:
    """(file name, content) of every attached file: the document's own and those on file-attachment notes."""
    try:
        for file_name, contents in reader.attachments.items():
            for data in contents:
                yield file_name, data
    except Exception as e:  # noqa: BLE001 - an attachment that cannot be taken out cannot be checked
        raise InputFormatError(f"The attachments of this PDF cannot be read ({e}).",
                               hint="Delete the attachments in a PDF editor, then check it again.") from None
    for page in reader.pages:
        for annot in page.get("/Annots", None) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/FileAttachment" or "/FS" not in annot:
                continue
            spec = annot["/FS"].get_object()
            stream = (spec.get("/EF") or {}).get("/F")
            file_name = str(spec.get("/UF") or spec.get("/F") or "attachment")
            yield file_name, stream.get_object().get_data() if stream is not None else b""


def _attachment_units(reader: Any, name: str) -> Iterator[Unit]:
    from .files import can_read, read_units

    for number, (file_name, data) in enumerate(_attachments(reader), start=1):
        suffix = re.sub(r"[^A-Za-z0-9.]", "", Path(file_name).suffix.lower())
        # Never the attachment's own name in a location: the report must not show what it might say.
        where = f"attachment {number} ({suffix or 'no extension'})"
        if not can_read(f"x{suffix}") or name.count("(attachment ") >= _MAX_NESTING:
            yield unreadable_unit(name, where, "an attachment", _ATTACHMENT_ADVICE)
            continue
        with tempfile.TemporaryDirectory(prefix="scrdocs-attachment-") as folder:  # made private (0700)
            copy = Path(folder) / f"attachment{suffix}"
            copy.write_bytes(data)
            units = list(read_units(copy, f"{name} ({where})"))
        yield from units


_CONTINUES = re.compile(r"[a-z,;\-\u2013(]$")


def _pdf_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each run of wrapped lines on a PDF page.

    A PDF has lines, not paragraphs. A long line (wrapped at the margin) that
    ends mid-sentence (a small letter, a comma, a hyphen) runs on into the
    next, so NER reads "Principal Social Worker" whole, as the engine read the
    paragraph it came from; a short line (a heading, a table cell) stands alone.
    """
    lines = text.splitlines()
    wrap_at = 0.6 * max((len(line.strip()) for line in lines), default=0)
    start, parts = 0, []
    for number, line in enumerate(lines, start=1):
        if not parts:
            start = number
        parts.append(line.strip())
        if not (_CONTINUES.search(line.rstrip()) and len(line.strip()) >= wrap_at):
            yield start, " ".join(parts)
            parts = []
    if parts:
        yield start, " ".join(parts)


def _outline_titles(items: list, level: int = 1) -> Iterator[tuple[int, str]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, level + 1)
        else:
            yield level, str(item.title)
