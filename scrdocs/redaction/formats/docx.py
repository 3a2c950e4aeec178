"""Word (.docx): every text-bearing part redacted in place, formatting kept; what cannot be read, taken out.

Works on the package parts with lxml (never re-creating the document). What
each part is, and whether it is cleaned, kept or removed, comes from
redaction_rules/docx_parts.yaml:

* every ``word/*.xml`` part is cleaned: body, tables, headers, footers,
  footnotes, endnotes, text boxes (``w:txbxContent``, in both mc:Choice and
  mc:Fallback), charts and SmartArt (DrawingML ``a:t``), field codes
  (``w:instrText``), and the attributes that hold readable text (alt text,
  revision authors, bookmark names, content-control titles, form fields);
* tracked changes accepted: insertions kept, deletions and moved-from text
  dropped, formatting-change records removed;
* document properties scrubbed: author and last-modified-by cleared; title,
  subject, keywords, description cleared when they name anyone; company,
  manager and template cleared;
* removed, with everything that points at them (see ``docx_package``): the
  comments and reviewers, custom properties, custom XML data, the thumbnail,
  macros, embedded (OLE) objects, ActiveX controls, embedded fonts, printer
  settings and any part scrdocs does not know; every external link is cut.

What was removed is in the result's ``removed_parts``, for ``redact`` to print
and the pack's redaction report to list. Pictures are kept, and listed to be
checked by hand: text in a picture cannot be read here.

Text is redacted per paragraph on the joined run texts, so a name split over
several runs ("Ed" + bold "ith") is found; the replacement goes into the
first run of the span and the rest of the span is removed from the runs after
it, so each run keeps its own formatting.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

from ...errors import InputFormatError
from ...inputs import open_zip
from ...output import staged_file
from .docx_attributes import (
    accept_custom_xml_insertions,
    bookmark_renames,
    clean_attributes,
    readable_elements,
    rename_in_field_codes,
)
from .docx_package import clean_package, parse_part as _parse, serialize
from .docx_parts import PartRules, part_rules

log = logging.getLogger("scrdocs")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

_TRACKED_DROP = {_w(t) for t in ("del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                 "moveToRangeEnd", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                 "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellDel",
                                 "commentRangeStart", "commentRangeEnd", "customXmlDelRangeStart",
                                 "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
                                 "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")}
_TRACKED_UNWRAP = {_w("ins"), _w("moveTo")}
_CORE_CLEAR = {"creator", "lastModifiedBy"}
_CORE_CHECK = {"title", "subject", "keywords", "description", "category", "contentStatus", "identifier"}
_APP_CLEAR = {"Company", "Manager", "HyperlinkBase", "Template"}


def _read_package(path: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    try:
        # Within the size limits: a zip bomb is refused with a plain reason, never unpacked into memory.
        with open_zip(path) as z:
            entries = [(info, z.read(info)) for info in z.infolist()]
    except (zipfile.BadZipFile, OSError, RuntimeError) as e:
        raise InputFormatError(f"{path} is not a Word document scrdocs can open ({e}).",
                               hint="Open it in Word, save it as .docx (not password-protected) and try again.") from None
    names = {i.filename for i, _ in entries}
    if "word/document.xml" not in names:
        raise InputFormatError(f"{path} is not a Word document (it has no word/document.xml).",
                               hint="Save it from Word as a .docx file and try again.")
    return entries


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


def redact_docx(redactor, src: Path, dest: Path, result) -> None:
    entries = _read_package(src)
    rules = part_rules()
    parts = {info.filename: data for info, data in entries if not info.is_dir()}
    kinds = {name: rules.kind_of(name) for name in parts}
    # The package first: the text is then cleaned in parts already rid of what they pointed at.
    changes = clean_package(parts, remove={n for n, k in kinds.items() if k.redact == "remove"}, document=src.name)
    _redact_text_parts(redactor, parts, kinds, rules, src.name)
    for name in list(parts):
        if name == "docProps/core.xml":
            parts[name] = _clean_core(redactor, parts[name], src.name)
        elif name == "docProps/app.xml":
            parts[name] = _clean_app(redactor, parts[name], src.name)
    result.removed_parts += _removed_phrases(changes.removed, kinds, rules) + changes.phrases()
    _note_pictures(parts, result, src.name, getattr(redactor, "own_pictures", None) or ())
    with staged_file(dest) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for info, _ in entries:
                if info.filename in parts:
                    z.writestr(info.filename, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)


def _redact_text_parts(redactor, parts: dict[str, bytes], kinds, rules: PartRules, document: str) -> None:
    """Every part of text (word/*.xml): changes accepted, bookmarks renamed, text and attributes redacted."""
    roots = {name: _parse(parts[name], f"{document}:{name}") for name in parts
             if kinds[name].gate == "text" and kinds[name].redact == "clean"}
    renames = bookmark_renames(roots.values(), rules)
    for name, root in roots.items():
        _accept_changes_and_drop_comments(root)
        accept_custom_xml_insertions(root)
        if name == "word/settings.xml":
            for el in list(root.iter(_w("trackRevisions"))):
                el.getparent().remove(el)
        rename_in_field_codes(root, renames)
        _redact_part(redactor, root, name, document)
        clean_attributes(redactor, root, rules, renames, document)
        parts[name] = serialize(root)


def _removed_phrases(removed: list[str], kinds, rules: PartRules) -> list[str]:
    """"1 macro project", "2 embedded objects", "thumbnail": what left the copy, by kind, in the rules' order."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for name in removed:
        kind = kinds.get(name)
        if kind is not None and kind.id != "relationships":
            by_kind[kind.id].append(name)
    phrases = []
    for kind in (*rules.kinds, rules.unknown):
        names = by_kind.get(kind.id)
        if not names:
            continue
        if kind.label:
            phrases.append(kind.phrase(names))
        else:  # kept kinds left unused by a removal (an object's preview picture)
            what = "picture" if kind.id == "pictures" else "part"
            phrases.append(f"{len(names)} unused {what}{'s' if len(names) != 1 else ''}")
    return phrases


def _note_pictures(parts: dict[str, bytes], result, document: str, own: frozenset[str] | tuple = ()) -> None:
    # ``own``: fingerprints (sha256) of pictures scrdocs drew itself from anonymised data (a pack's genogram and
    # charts): they need no check by hand; any other picture still does
    pictures = sorted(n for n in parts if n.startswith("word/media/")
                      and not (own and hashlib.sha256(parts[n]).hexdigest() in own))
    if pictures:
        # Text in a picture (a named genogram, a scanned letter) cannot be read or removed here.
        result.notes.append(f"{len(pictures)} picture{'s' if len(pictures) != 1 else ''} left as "
                            f"{'they are' if len(pictures) != 1 else 'it is'} ({', '.join(pictures)}): a picture can "
                            "show a name; check each by hand")
        log.warning("%s contains %d picture(s) that scrdocs cannot read; check them by hand.", document, len(pictures))


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
    return serialize(root)


def _clean_app(redactor, raw: bytes, document: str) -> bytes:
    root = _parse(raw, "docProps/app.xml")
    for el in root:
        if _local(el.tag) in _APP_CLEAR:
            el.text = ""
    for el in root.iter():  # TitlesOfParts repeats the document's title
        if isinstance(el.tag, str) and _local(el.tag) == "lpstr" and el.text and el.text.strip():
            if any(s.action == "remove" for s in redactor.detect(el.text, document=document)):
                el.text = ""
    return serialize(root)


# -- reading every piece of text, for `detect` ----------------------------------------

def extract(path: Path) -> list[tuple[str, str]]:
    """(location, text) for the text a person can read in each part the rules say to read."""
    entries = _read_package(path)
    rules = part_rules()
    found: list[tuple[str, str]] = []
    for info, raw in entries:
        name = info.filename
        mode = rules.kind_of(name).gate
        if mode not in ("text", "data", "everything", "links") or not name.endswith((".xml", ".rels", ".vml")):
            continue
        root = _parse(raw, f"{path.name}:{name}")
        if mode == "links":
            found += [(f"{name} link {rel.get('Id')}", unquote(rel.get("Target", ""))) for rel in root
                      if rel.get("TargetMode") == "External"]
        elif mode in ("data", "everything"):
            found += [(f"{name} {_local(el.tag)}", el.text) for el in root.iter()
                      if isinstance(el.tag, str) and el.text and el.text.strip()]
        else:
            found += _extract_text_part(root, name, rules)
    return found


def _extract_text_part(root, name: str, rules: PartRules) -> list[tuple[str, str]]:
    found = []
    for number, (p, text_tag, para_tags) in enumerate(_paragraphs(root), 1):
        text = "".join(t for _, t in _paragraph_segments(p, text_tag, para_tags))
        if text.strip():
            found.append((f"{name} paragraph {number}", text))
    for tag, label in ((_w("delText"), "deleted text"), (_w("instrText"), "field")):
        for number, node in enumerate(root.iter(tag), 1):
            if node.text and node.text.strip():
                found.append((f"{name} {label} {number}", node.text))
    for el, attributes in readable_elements(root, rules):
        for attribute, _ in attributes:
            value = el.get(attribute)
            if value and value.strip():
                found.append((f"{name} {_local(el.tag)}@{_local(attribute)}", value))
    return found
