"""Word (.docx): every text-bearing part redacted in place, formatting kept.

Works on the package parts with lxml (never re-creating the document):

* every ``word/*.xml`` part: body, tables, headers, footers, footnotes,
  endnotes, text boxes (``w:txbxContent``, in both mc:Choice and mc:Fallback),
  charts and SmartArt (DrawingML ``a:t``), field codes (``w:instrText``);
* comments removed (the comments parts, their anchors and references,
  relationships and content types); ``people.xml`` (reviewers' names) removed;
* tracked changes accepted: insertions kept, deletions and moved-from text
  dropped, formatting-change records removed;
* document properties scrubbed: author and last-modified-by cleared; title,
  subject, keywords, description cleared when they name anyone; company and
  manager cleared; custom properties removed;
* image alt text (``descr``/``title``), hyperlink tooltips and external link
  targets redacted.

Text is redacted per paragraph on the joined run texts, so a name split over
several runs ("Ed" + bold "ith") is found; the replacement goes into the
first run of the span and the rest of the span is removed from the runs after
it, so each run keeps its own formatting.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ...errors import InputFormatError
from ...output import staged_file

log = logging.getLogger("scrdocs")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

_DROP_PARTS = re.compile(r"^word/(comments[A-Za-z]*\.xml|people\.xml)$|^docProps/custom\.xml$")
_DROP_REL_TYPES = ("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible", "/people", "/custom-properties")
_TRACKED_DROP = {_w(t) for t in ("del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                 "moveToRangeEnd", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                 "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellDel",
                                 "commentRangeStart", "commentRangeEnd", "customXmlDelRangeStart",
                                 "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd")}
_TRACKED_UNWRAP = {_w("ins"), _w("moveTo")}
_ALT_ATTRS = ("descr", "title", f"{{{W}}}tooltip", "tooltip")
_CORE_CLEAR = {"creator", "lastModifiedBy"}
_CORE_CHECK = {"title", "subject", "keywords", "description", "category", "contentStatus", "identifier"}
_APP_CLEAR = {"Company", "Manager", "HyperlinkBase"}


def _read_package(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                raise zipfile.BadZipFile("corrupt member")
            entries = [(info, z.read(info)) for info in z.infolist()]
    except (zipfile.BadZipFile, OSError, RuntimeError) as e:
        raise InputFormatError(f"{path} is not a Word document scrdocs can open ({e}).",
                               hint="Open it in Word, save it as .docx (not password-protected) and try again.") from None
    names = {i.filename for i, _ in entries}
    if "word/document.xml" not in names:
        raise InputFormatError(f"{path} is not a Word document (it has no word/document.xml).",
                               hint="Save it from Word as a .docx file and try again.")
    return entries


def _parse(data: bytes, where: str):
    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False))
    except etree.XMLSyntaxError as e:
        raise InputFormatError(f"The Word document part {where} is damaged ({e}).",
                               hint="Open the document in Word, save it again and retry.") from None


# -- paragraphs as joined text with a map back to the text nodes ---------------

def _owner_paragraph(node, para_tags):
    parent = node.getparent()
    while parent is not None and parent.tag not in para_tags:
        parent = parent.getparent()
    return parent


def _paragraph_segments(p, text_tag: str, para_tags) -> list[tuple[object, str]]:
    """(node or None, text) in order; tabs and breaks are whitespace with no node."""
    segments: list[tuple[object, str]] = []
    for node in p.iter(text_tag, _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen"), f"{{{A}}}br"):
        if _owner_paragraph(node, para_tags) is not p:
            continue  # belongs to a paragraph nested in a text box
        if node.tag == text_tag:
            segments.append((node, node.text or ""))
        elif node.tag == _w("tab"):
            if node.getparent() is not None and node.getparent().tag == _w("r"):
                segments.append((None, "\t"))
        elif node.tag == _w("noBreakHyphen"):
            segments.append((None, "-"))
        else:
            segments.append((None, "\n"))
    return segments


def _apply(segments: list[tuple[object, str]], spans) -> None:
    """Write each removed span back: the replacement into the span's first text node, the rest cut from the others."""
    bounds, pos = [], 0
    for node, text in segments:
        bounds.append((pos, pos + len(text)))
        pos += len(text)
    texts = [text for _, text in segments]
    for span in sorted((s for s in spans if s.action == "remove" and s.replacement is not None),
                       key=lambda s: s.start, reverse=True):
        placed = False
        touched = [i for i, (a, b) in enumerate(bounds) if a < span.end and b > span.start]
        first_node = next((i for i in touched if segments[i][0] is not None), None)
        for i in reversed(touched):
            a, b = bounds[i]
            lo, hi = max(span.start, a) - a, min(span.end, b) - a
            insert = span.replacement if i == first_node else ""
            if i == first_node:
                placed = True
            texts[i] = texts[i][:lo] + insert + texts[i][hi:]
        if not placed and touched:
            log.info("a redacted name fell only on tabs or breaks; nothing to write back")
    for (node, original), new in zip(segments, texts):
        if node is not None and new != original:
            node.text = new
            if node.tag == _w("t") or node.tag == _w("instrText"):
                node.set(XML_SPACE, "preserve")


def _paragraphs(root):
    """Every Word and DrawingML paragraph, with the tag of its text nodes."""
    w_para = {_w("p")}
    a_para = {f"{{{A}}}p"}
    for p in root.iter(_w("p"), f"{{{A}}}p"):
        if p.tag == _w("p"):
            yield p, _w("t"), w_para
        else:
            yield p, f"{{{A}}}t", a_para


# -- cleaning ----------------------------------------------------------------------

def _accept_changes_and_drop_comments(root) -> int:
    changed = 0
    for el in list(root.iter(*_TRACKED_DROP)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            changed += 1
    for el in list(root.iter(_w("commentReference"))):
        run = el.getparent()
        if run is not None and run.tag == _w("r") and run.getparent() is not None:
            run.getparent().remove(run)
        elif el.getparent() is not None:
            el.getparent().remove(el)
        changed += 1
    # a deleted paragraph mark (w:pPr/w:rPr/w:del) or an inserted one: the markers go with _TRACKED_DROP/_UNWRAP
    for el in list(root.iter(*_TRACKED_UNWRAP)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == _w("rPr"):
            parent.remove(el)  # an inserted paragraph mark: just a marker
            continue
        index = parent.index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)
        changed += 1
    return changed


def _xml_parts(entries) -> list[str]:
    return [i.filename for i, _ in entries
            if i.filename.startswith("word/") and i.filename.endswith(".xml") and not _DROP_PARTS.match(i.filename)]


def redact_docx(redactor, src: Path, dest: Path, result) -> None:
    entries = _read_package(src)
    dropped = {i.filename for i, _ in entries if _DROP_PARTS.match(i.filename)}
    out: dict[str, bytes] = {}
    data = {i.filename: d for i, d in entries}
    for name in _xml_parts(entries):
        root = _parse(data[name], f"{src.name}:{name}")
        _accept_changes_and_drop_comments(root)
        if name == "word/settings.xml":
            for el in list(root.iter(_w("trackRevisions"))):
                el.getparent().remove(el)
        _redact_part(redactor, root, name, src.name)
        out[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for info, raw in entries:
        name = info.filename
        if name.endswith(".rels"):
            out[name] = _clean_rels(redactor, raw, name, src.name)
        elif name == "[Content_Types].xml":
            out[name] = _clean_content_types(raw, dropped)
        elif name == "docProps/core.xml":
            out[name] = _clean_core(redactor, raw, src.name)
        elif name == "docProps/app.xml":
            out[name] = _clean_app(redactor, raw, src.name)
        elif re.match(r"^customXml/item\d*\.xml$", name):
            out[name] = _clean_xml_text(redactor, raw, name, src.name)
        elif name.startswith("word/embeddings/"):
            result.notes.append(f"{name}: an embedded file was left as it is; check it by hand")
            log.warning("%s contains an embedded file (%s) that scrdocs cannot anonymise; check it by hand.", src.name, name)
    pictures = sorted(i.filename for i, _ in entries if i.filename.startswith("word/media/"))
    if pictures:
        # Text in a picture (a named genogram, a scanned letter) cannot be read or removed here.
        result.notes.append(f"{len(pictures)} picture{'s' if len(pictures) != 1 else ''} left as "
                            f"{'they are' if len(pictures) != 1 else 'it is'} ({', '.join(pictures)}): a picture can "
                            "show a name; check each by hand")
        log.warning("%s contains %d picture(s) that scrdocs cannot read; check them by hand.", src.name, len(pictures))
    if dropped:
        result.notes.append("removed: " + ", ".join(sorted(dropped)))
    with staged_file(dest) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for info, raw in entries:
                if info.filename in dropped:
                    continue
                z.writestr(info.filename, out.get(info.filename, raw), compress_type=zipfile.ZIP_DEFLATED)


def _redact_part(redactor, root, part: str, document: str) -> None:
    units = []  # (segments, location)
    for number, (p, text_tag, para_tags) in enumerate(_paragraphs(root), 1):
        segments = _paragraph_segments(p, text_tag, para_tags)
        if any(t.strip() for _, t in segments):
            units.append((segments, f"{part} paragraph {number}"))
    for number, node in enumerate(root.iter(_w("instrText")), 1):
        if node.text and node.text.strip():
            units.append(([(node, node.text)], f"{part} field {number}"))
    texts = ["".join(t for _, t in segs) for segs, _ in units]
    if texts:
        spans_per = redactor.detect_many(texts, document=document)
        for (segments, location), spans in zip(units, spans_per):
            redactor.record(spans, document, lambda s, loc=location: loc)
            _apply(segments, spans)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _ALT_ATTRS:
            value = el.get(attr)
            if value and value.strip():
                el.set(attr, redactor.redact_text(value, document=document))
        if el.tag == _w("docVar") and el.get(_w("val")):
            el.set(_w("val"), redactor.redact_text(el.get(_w("val")), document=document))
        if el.tag == _w("fldSimple") and el.get(_w("instr")):
            el.set(_w("instr"), redactor.redact_text(el.get(_w("instr")), document=document))


def _clean_rels(redactor, raw: bytes, name: str, document: str) -> bytes:
    root = _parse(raw, f"{document}:{name}")
    for rel in list(root):
        rtype = rel.get("Type", "")
        if rtype.endswith(_DROP_REL_TYPES):
            root.remove(rel)
            continue
        if rel.get("TargetMode") == "External":
            target = rel.get("Target", "")
            readable = unquote(target)
            redacted = redactor.redact_text(readable, document=document)
            if redacted != readable:
                rel.set("Target", redacted.replace(" ", "%20"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_content_types(raw: bytes, dropped: set[str]) -> bytes:
    root = _parse(raw, "[Content_Types].xml")
    for el in list(root):
        if el.get("PartName", "").lstrip("/") in dropped:
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean_core(redactor, raw: bytes, document: str) -> bytes:
    root = _parse(raw, "docProps/core.xml")
    for el in root:
        name = _local(el.tag)
        if name in _CORE_CLEAR:
            el.text = ""
        elif name in _CORE_CHECK and el.text and el.text.strip():
            if any(s.action == "remove" for s in redactor.detect(el.text, document=document)):
                el.text = ""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_app(redactor, raw: bytes, document: str) -> bytes:
    root = _parse(raw, "docProps/app.xml")
    for el in root:
        if _local(el.tag) in _APP_CLEAR:
            el.text = ""
    for el in root.iter():  # TitlesOfParts repeats the document's title
        if isinstance(el.tag, str) and _local(el.tag) == "lpstr" and el.text and el.text.strip():
            if any(s.action == "remove" for s in redactor.detect(el.text, document=document)):
                el.text = ""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_xml_text(redactor, raw: bytes, name: str, document: str) -> bytes:
    """Data parts (customXml: SharePoint and content-control data) hold free text: every text node is redacted."""
    root = _parse(raw, f"{document}:{name}")
    for el in root.iter():
        if isinstance(el.tag, str) and el.text and el.text.strip():
            el.text = redactor.redact_text(el.text, document=document)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- reading every piece of text, for the leak gate ----------------------------------

def extract(path: Path) -> list[tuple[str, str]]:
    entries = _read_package(path)
    found: list[tuple[str, str]] = []
    for info, raw in entries:
        name = info.filename
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        root = _parse(raw, f"{path.name}:{name}")
        if name.endswith(".rels"):
            for rel in root:
                if rel.get("TargetMode") == "External":
                    found.append((f"{name} link {rel.get('Id')}", unquote(rel.get("Target", ""))))
            continue
        if name.startswith("docProps/") or name.startswith("customXml/"):
            for el in root.iter():
                if isinstance(el.tag, str) and el.text and el.text.strip():
                    found.append((f"{name} {_local(el.tag)}", el.text))
            continue
        for number, (p, text_tag, para_tags) in enumerate(_paragraphs(root), 1):
            text = "".join(t for _, t in _paragraph_segments(p, text_tag, para_tags))
            if text.strip():
                found.append((f"{name} paragraph {number}", text))
        for tag, label in ((_w("delText"), "deleted text"), (_w("instrText"), "field")):
            for number, node in enumerate(root.iter(tag), 1):
                if node.text and node.text.strip():
                    found.append((f"{name} {label} {number}", node.text))
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in _ALT_ATTRS + (_w("instr"), _w("author"), _w("initials"), _w("val") if el.tag == _w("docVar") else "-"):
                value = el.get(attr)
                if value and value.strip():
                    found.append((f"{name} {_local(el.tag)}@{_local(attr)}", value))
    return found
