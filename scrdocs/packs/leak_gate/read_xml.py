"""Reading XML: every part of a Word document (and the PNGs inside it), and SVG drawings."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from ...errors import InputFormatError
from .read_text import png_units
from .units import Unit, _Joiner

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_P = f"{{{_W}}}p"
_W_TEXT = {f"{{{_W}}}t", f"{{{_W}}}delText", f"{{{_W}}}instrText", f"{{{_W}}}delInstrText"}
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else "comment"


def _parse_xml(data: bytes, file: str, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as e:
        raise InputFormatError(f"{file}: the part {part} is not well-formed XML ({e}), so it cannot be checked.",
                               hint="Open and save the document again in Word, then check it again.") from None


def _xml_units(root: etree._Element, file: str, part: str) -> Iterator[Unit]:
    """Paragraph text (runs joined, so a name split over runs is whole), other text, attributes, comments."""
    paragraphs, other, attributes = _Joiner(), _Joiner(), _Joiner()
    numbered = 0
    # Comments and processing instructions outside the root element are part of the file too.
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for el in [*outside, *root.iter()]:
        if el.tag is etree.Comment or el.tag is etree.PI:
            other.add(el.text, "(XML comment)")
            continue
        if el.tag == _W_P:
            numbered += 1
            texts = [t.text or "" for t in el.iter(*_W_TEXT) if next(t.iterancestors(_W_P), None) is el]
            paragraphs.add("".join(texts), f"paragraph {numbered}")
        elif el.tag not in _W_TEXT and el.text and el.text.strip() and len(el) == 0:
            other.add(el.text, f"<{_local(el.tag)}>")
        if el.tail and el.tail.strip() and el.getparent() is not None and el.getparent().tag != _W_P:
            other.add(el.tail, f"<{_local(el.getparent().tag)}>")
        for name, value in el.attrib.items():
            attributes.add(value, f"attribute {_local(name)}")
    for joiner, suffix, ner in ((paragraphs, "", True), (other, "", True), (attributes, "", False)):
        unit = joiner.unit(file, part + suffix, ner=ner)
        if unit:
            yield unit


def docx_units(path: Path, name: str) -> Iterator[Unit]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputFormatError(f"{name} is not a readable Word document ({e}).",
                               hint="Check it opens in Word, or save it again as .docx.") from None
    with archive:
        for info in archive.infolist():
            part = info.filename
            if part.endswith((".xml", ".rels", ".vml")):
                yield from _xml_units(_parse_xml(archive.read(info), name, part), name, part)
            elif part.lower().endswith(".png"):
                yield from png_units(archive.read(info), name, part)


def svg_units(path: Path, name: str) -> Iterator[Unit]:
    yield from _xml_units(_parse_xml(path.read_bytes(), name, "SVG"), name, "SVG")
