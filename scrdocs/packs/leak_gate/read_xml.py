"""Reading XML: every part of a Word document (and the pictures inside it), and SVG drawings.

A Word part is read for the text a person would see in it: the runs
(``w:t``, deleted text, field codes), DrawingML and VML text, element text,
and only those attributes that hold readable text (redaction_rules/
docx_parts.yaml: alt text, revision authors, bookmark names...). Word's own
settings are never read as text: ``w:bidi="ar-SA"`` in the styles is not a
practitioner whose initials are SA. What each part is comes from the same
rules ``scrdocs redact`` uses; a part that cannot be read (macros, an
embedded object, the thumbnail) is a unit marked unreadable, a finding.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from ...errors import InputFormatError
from ...inputs import open_zip
from ...redaction.formats.docx_attributes import readable_attributes
from ...redaction.formats.docx_parts import PartKind, PartRules, part_rules
from .read_text import png_units
from .units import Unit, _Joiner, unreadable_unit

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W_P, _A_P = f"{{{_W}}}p", f"{{{_A}}}p"
_PARAGRAPH_TEXT = {_W_P: {f"{{{_W}}}t", f"{{{_W}}}delText", f"{{{_W}}}instrText", f"{{{_W}}}delInstrText"},
                   _A_P: {f"{{{_A}}}t"}}
_TEXT_TAGS = set().union(*_PARAGRAPH_TEXT.values())
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)
#: What a readable attribute is, in plain words, for the report.
_PLAIN = {"descr": "alt text", "title": "alt text title", "alt": "alt text", "author": "author's name",
          "initials": "author's initials", "tooltip": "link tooltip", "instr": "field code",
          "anchor": "link to a bookmark", "string": "WordArt text", "displayText": "drop-down choice",
          "userId": "reviewer's account"}
_PLAIN_BY_ELEMENT = {"bookmarkStart": "bookmark name", "alias": "content control title",
                     "tag": "content control tag", "docVar": "document variable", "tblCaption": "table title",
                     "tblDescription": "table alt text", ("docPr", "name"): "picture name",
                     ("cNvPr", "name"): "picture name"}


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else "comment"


def _parse_xml(data: bytes, file: str, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as e:
        raise InputFormatError(f"{file}: the part {part} is not well-formed XML ({e}), so it cannot be checked.",
                               hint="Open and save the document again in Word, then check it again.") from None


def _nodes(root: etree._Element) -> list:
    # Comments and processing instructions outside the root element are part of the file too.
    return [*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()]


def _add_element_text(el, other: _Joiner) -> None:
    if el.tag is etree.Comment or el.tag is etree.PI:
        other.add(el.text, "(XML comment)")
        return
    if el.tag not in _TEXT_TAGS and el.text and el.text.strip() and len(el) == 0:
        other.add(el.text, f"<{_local(el.tag)}>")
    parent = el.getparent()
    if el.tail and el.tail.strip() and parent is not None and parent.tag not in _PARAGRAPH_TEXT:
        other.add(el.tail, f"<{_local(parent.tag)}>")


def _attribute_label(el, attribute: str) -> str:
    local = _local(attribute)
    element = _local(el.tag)
    plain = _PLAIN_BY_ELEMENT.get((element, local)) or _PLAIN_BY_ELEMENT.get(element) or _PLAIN.get(local)
    if element in ("name", "default", "helpText", "statusText", "listEntry", "format", "result"):
        plain = "form field"
    return f"attribute {local} ({plain})" if plain else f"attribute {local}"


def _text_units(root: etree._Element, file: str, part: str, rules: PartRules) -> Iterator[Unit]:
    """A Word part as a person reads it: paragraphs (runs joined), other text, and the readable attributes."""
    paragraphs, other, attributes = _Joiner(), _Joiner(), _Joiner()
    numbers: dict[Any, int] = {}
    names = rules.attribute_names()
    for el in _nodes(root):
        _add_element_text(el, other)
        if el.tag in _PARAGRAPH_TEXT:
            numbers[el] = len(numbers) + 1
            texts = [t.text or "" for t in el.iter(*_PARAGRAPH_TEXT[el.tag])
                     if next(t.iterancestors(el.tag), None) is el]
            paragraphs.add("".join(texts), f"paragraph {numbers[el]}")
        if not isinstance(el.tag, str) or not any(a.rsplit("}", 1)[-1] in names for a in el.attrib):
            continue  # Word's own settings only (most elements): nothing readable, so no rule to look up
        for attribute, _ in readable_attributes(el, rules):
            owner = next(el.iterancestors(_W_P, _A_P), el if el.tag in _PARAGRAPH_TEXT else None)
            where = f"paragraph {numbers[owner]} " if owner in numbers else ""
            attributes.add(el.get(attribute), where + _attribute_label(el, attribute))
    for joiner, ner in ((paragraphs, True), (other, True), (attributes, False)):
        unit = joiner.unit(file, part, ner=ner)
        if unit:
            yield unit


def _data_units(root: etree._Element, file: str, part: str, *, attributes: bool) -> Iterator[Unit]:
    """Every element's text (properties, data parts); every attribute too for a part of unknown meaning."""
    other, values = _Joiner(), _Joiner()
    for el in _nodes(root):
        _add_element_text(el, other)
        if attributes and isinstance(el.tag, str):
            for name, value in el.attrib.items():
                values.add(value, f"attribute {_local(name)}")
    for joiner, ner in ((other, True), (values, False)):
        unit = joiner.unit(file, part, ner=ner)
        if unit:
            yield unit


def _link_units(root: etree._Element, file: str, part: str) -> Iterator[Unit]:
    """External link targets (a web address, a linked file's path) are text a person reads; the rest are part names."""
    links = _Joiner()
    for rel in root:
        if isinstance(rel.tag, str) and rel.get("TargetMode") == "External":
            links.add(rel.get("Target"), "attribute Target")
    unit = links.unit(file, part, ner=False)
    if unit:
        yield unit


def _finding(kind: PartKind, file: str, part: str) -> Unit:
    label = kind.label or "part"
    what = (f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}" if kind.numbered else f"the {label}")
    return unreadable_unit(file, part, what, kind.advice or part_rules().unknown.advice)


def _part_units(data: bytes, kind: PartKind, file: str, part: str, rules: PartRules) -> Iterator[Unit]:
    mode = kind.gate
    if mode == "skip":
        return
    if mode == "finding":
        yield _finding(kind, file, part)
    elif mode == "picture":
        if part.lower().endswith(".png"):
            yield from png_units(data, file, part)
        elif part.lower().endswith(".svg"):
            yield from _data_units(_parse_xml(data, file, part), file, part, attributes=True)
    elif mode == "everything" and not data.lstrip()[:1] == b"<":
        yield _finding(kind, file, part)
    elif mode == "text":
        yield from _text_units(_parse_xml(data, file, part), file, part, rules)
    elif mode == "links":
        yield from _link_units(_parse_xml(data, file, part), file, part)
    else:
        yield from _data_units(_parse_xml(data, file, part), file, part, attributes=mode == "everything")


def docx_units(path: Path, name: str) -> Iterator[Unit]:
    try:
        # Within the size limits (a zip bomb is refused, and so not passed as clean).
        archive = open_zip(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputFormatError(f"{name} is not a readable Word document ({e}).",
                               hint="Check it opens in Word, or save it again as .docx.") from None
    rules = part_rules()
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            yield from _part_units(archive.read(info), rules.kind_of(info.filename), name, info.filename, rules)


def svg_units(path: Path, name: str) -> Iterator[Unit]:
    # A drawing's ids and titles are scrdocs' own (the genogram): every attribute is read.
    yield from _data_units(_parse_xml(path.read_bytes(), name, "SVG"), name, "SVG", attributes=True)
