"""A Word document's package: parts taken out with everything that points at them, external links cut.

A part cannot simply be deleted from the zip: its relationship, its
content-type entry and the elements that use it (a ``w:object``, a
``w:control``, a picture's ``a:blip``) would point at nothing, and Word
calls the file damaged. So a removal follows every thread:

1. the relationships parts of removed parts go with them;
2. every relationship that is external (``TargetMode="External"``: linked
   pictures, attached templates, OLE links, web links, subdocuments, frames)
   or points at a removed part is dropped;
3. the elements that used a dropped relationship are mended: a hyperlink
   keeps its text and loses its link, a linked picture goes, an embedded
   object becomes the words "[embedded object removed]";
4. parts nothing points at any more (an object's preview picture) go too;
5. the content types lose the removed parts' entries.

External links are cut because anything that opens the file, LibreOffice
making a PDF included, fetches a linked picture from its server: a request
that says who opened which document, and when. Fields that pull content in
(INCLUDEPICTURE, INCLUDETEXT, LINK) lose their codes for the same reason.
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ...errors import InputFormatError
from .docx_parts import rels_of, source_of_rels

log = logging.getLogger("scrdocs")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
O = "urn:schemas-microsoft-com:office:office"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

REMOVED_OBJECT = "[embedded object removed]"
_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
_MAIN_PLAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: Relationships always used by an r:id in their part; one nothing uses any more is dropped.
_EXPLICIT_TYPES = ("/image", "/oleObject", "/package", "/control", "/hyperlink")
#: Field codes that fetch or pull in content from elsewhere when the field is updated or shown.
_LINKING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT|DDE|DDEAUTO)\b", re.I)
#: What a dropped external relationship was, for the report ("2 linked pictures").
_LINK_LABELS = {"hyperlink": ("web link (its text kept)", "web links (their text kept)"),
                "image": ("linked picture", "linked pictures"),
                "attachedTemplate": ("attached template", "attached templates"),
                "oleObject": ("linked object", "linked objects"),
                "subDocument": ("linked subdocument", "linked subdocuments"),
                "frame": ("linked frame", "linked frames")}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def parse_part(data: bytes, where: str):
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as e:
        raise InputFormatError(f"The Word document part {where} is damaged ({e}).",
                               hint="Open the document in Word, save it again and retry.") from None


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass
class PackageChanges:
    """What cleaning the package took out, for the report."""

    removed: list[str] = field(default_factory=list)  # part names, in zip order
    links: Counter = field(default_factory=Counter)  # relationship type -> external links dropped
    fields: int = 0  # field codes that fetch content, blanked

    def phrases(self) -> list[str]:
        out = []
        for kind, number in sorted(self.links.items()):
            one, many = _LINK_LABELS.get(kind, ("external link", "external links"))
            out.append(f"{number} {one if number == 1 else many}")
        if self.fields:
            out.append(f"{self.fields} field{'s that fetch' if self.fields != 1 else ' that fetches'} content "
                       "from elsewhere (the text shown is kept)")
        return out


def clean_package(parts: dict[str, bytes], *, remove: set[str], document: str) -> PackageChanges:
    """Remove ``remove`` (part names) from ``parts`` in place, following every thread; cut external links."""
    changes = PackageChanges()
    gone = {_key(p) for p in remove}
    removed = set(remove) | {p for p in parts if p.endswith(".rels") and _key(source_of_rels(p)) in gone}
    dropped = _drop_relationships(parts, removed, changes, document)
    for source, ids in dropped.items():
        if source in parts and source not in removed and source.endswith((".xml", ".vml")):
            root = parse_part(parts[source], f"{document}:{source}")
            _mend_references(root, ids)
            parts[source] = serialize(root)
    _drop_unused_relationships(parts, removed, document)
    removed |= _unreachable(parts, removed, document)
    changes.fields = _blank_linking_fields(parts, removed, document)
    ct = "[Content_Types].xml"
    if ct in parts:
        parts[ct] = _clean_content_types(parts[ct], removed, document)
    changes.removed = [p for p in parts if p in removed]
    for name in changes.removed:
        del parts[name]
    return changes


def strip_external_links(path: Path) -> PackageChanges:
    """Cut every external link of the Word document at ``path``, rewriting it in place.

    The pack runs this on every copy just before LibreOffice opens it:
    whatever made the copy, LibreOffice must find nothing to fetch.
    """
    with zipfile.ZipFile(path) as z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        parts = {i.filename: z.read(i) for i in infos}
    changes = clean_package(parts, remove=set(), document=path.name)
    if changes.links or changes.fields or changes.removed:
        tmp = path.with_name(path.name + ".links.tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for info in infos:
                if info.filename in parts:
                    z.writestr(info.filename, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
        tmp.replace(path)
        log.info("%s: %s cut before the PDF was made", path.name, ", ".join(changes.phrases()) or "unused parts")
    return changes


# -- relationships -------------------------------------------------------------

def _key(part: str) -> str:
    """Part names compare without case and percent-encoding, as OPC says."""
    return unquote(part).lower()


def _target(rels_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(source_of_rels(rels_part))
    return posixpath.normpath(posixpath.join(base, target))


def _drop_relationships(parts: dict[str, bytes], removed: set[str], changes: PackageChanges,
                        document: str) -> dict[str, dict[str, str]]:
    """Drop external relationships and those to removed parts; returns source part -> {id: type} dropped."""
    dropped: dict[str, dict[str, str]] = {}
    gone = {_key(p) for p in removed}
    for name in list(parts):
        if not name.endswith(".rels") or name in removed:
            continue
        root = parse_part(parts[name], f"{document}:{name}")
        ids: dict[str, str] = {}
        for rel in list(root):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External":
                changes.links[kind] += 1
            elif _key(_target(name, rel.get("Target", ""))) not in gone:
                continue
            ids[rel.get("Id", "")] = kind
            root.remove(rel)
        if ids:
            parts[name] = serialize(root)
            dropped[source_of_rels(name)] = ids
    return dropped


def _drop_unused_relationships(parts: dict[str, bytes], removed: set[str], document: str) -> None:
    """An object's preview picture, once the object is gone, is used by nothing: its relationship goes."""
    for name in list(parts):
        source = source_of_rels(name)
        if not name.endswith(".rels") or name in removed or source not in parts or not source.endswith(".xml"):
            continue
        root = parse_part(parts[name], f"{document}:{name}")
        used = None
        for rel in list(root):
            if not rel.get("Type", "").endswith(_EXPLICIT_TYPES):
                continue
            if used is None:
                used = set(re.findall(rb"=\s*[\"']([^\"']+)[\"']", parts[source]))
            if rel.get("Id", "").encode() not in used:
                root.remove(rel)
        if used is not None:
            parts[name] = serialize(root)


def _unreachable(parts: dict[str, bytes], removed: set[str], document: str) -> set[str]:
    """Parts no relationship leads to from the package root (and their relationships)."""
    names = {_key(p): p for p in parts if p not in removed}
    reached, todo = set(), [""]
    while todo:
        source = todo.pop()
        rels = names.get(_key(rels_of(source) if source else "_rels/.rels"))
        if rels is None:
            continue
        reached.add(rels)
        for rel in parse_part(parts[rels], f"{document}:{rels}"):
            if rel.get("TargetMode") == "External":
                continue
            target = names.get(_key(_target(rels, rel.get("Target", ""))))
            if target is not None and target not in reached:
                reached.add(target)
                todo.append(target)
    return {p for p in parts if p not in reached and p != "[Content_Types].xml" and p not in removed}


def _clean_content_types(raw: bytes, removed: set[str], document: str) -> bytes:
    root = parse_part(raw, f"{document}:[Content_Types].xml")
    gone = {_key(p) for p in removed}
    for el in list(root):
        if _key(el.get("PartName", "").lstrip("/")) in gone:
            root.remove(el)
        elif el.get("ContentType") == _MAIN_MACRO:
            el.set("ContentType", _MAIN_PLAIN)  # no macros left: a plain .docx, or Word refuses to open it
    return serialize(root)


# -- the elements that used a dropped relationship ----------------------------

def _reference_attributes(el) -> list[str]:
    return [a for a in el.attrib if a.startswith(f"{{{R}}}") or a == f"{{{O}}}relid"]


def _attached(el, root) -> bool:
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _local(el) -> str:
    return etree.QName(el).localname


def _container(el, tags: tuple[str, ...]):
    """The nearest ancestor with one of ``tags``, lifted to its mc:AlternateContent (both branches show the same)."""
    found = next((a for a in el.iterancestors() if _local(a) in tags), None)
    if found is None:
        return None
    alternate = next(found.iterancestors(f"{{{MC}}}AlternateContent"), None)
    return alternate if alternate is not None else found


def _marker_run():
    run = etree.Element(_w("r"))
    text = etree.SubElement(run, _w("t"))
    text.text = REMOVED_OBJECT
    return run


def _replace_with_marker(el) -> None:
    parent = el.getparent()
    if _local(parent) == "r" and etree.QName(parent).namespace == W:
        marker = etree.Element(_w("t"))
        marker.text = REMOVED_OBJECT
        parent.replace(el, marker)
    elif _local(parent) in ("p", "hyperlink", "sdtContent", "ins") and etree.QName(parent).namespace == W:
        parent.replace(el, _marker_run())
    else:
        parent.remove(el)


def _mend_references(root, ids: dict[str, str]) -> None:
    found = [(el, attr) for el in root.iter() if isinstance(el.tag, str)
             for attr in _reference_attributes(el) if el.get(attr) in ids]
    for el, attr in found:
        if not _attached(el, root):
            continue  # went with an element mended before it
        name = _local(el)
        if name == "hyperlink":
            del el.attrib[attr]  # the words stay, the link goes
        elif name in ("hlinkClick", "hlinkHover", "hlinkMouseOver"):
            el.getparent().remove(el)
        elif name == "blip" and attr == f"{{{R}}}link" and el.get(f"{{{R}}}embed") not in (None, *ids):
            del el.attrib[attr]  # a picture stored in the file as well as linked: keep the stored one
        elif name in ("blip", "imagedata", "fill", "stroke"):
            box = _container(el, ("drawing", "pict", "object"))
            if box is not None and _local(box) == "object":
                _replace_with_marker(box)
            elif box is not None:
                box.getparent().remove(box)
            else:
                el.getparent().remove(el)
        elif name in ("OLEObject", "control", "objectEmbed", "objectLink", "movie"):
            box = _container(el, ("object",))
            _replace_with_marker(box if box is not None else el)
        elif name == "altChunk":
            paragraph = etree.Element(_w("p"))
            paragraph.append(_marker_run())
            el.getparent().replace(el, paragraph)
        else:
            # A template, subdocument, frame, chart workbook, embedded font, mail-merge source: the element goes.
            owner = next(el.iterancestors(_w("mailMerge")), None)
            target = owner if owner is not None else el
            target.getparent().remove(target)
            log.info("removed a %s element whose relationship was dropped", _local(target))


# -- fields that fetch content ------------------------------------------------------

def _blank_linking_fields(parts: dict[str, bytes], removed: set[str], document: str) -> int:
    count = 0
    for name in list(parts):
        if name in removed or not name.startswith("word/") or not name.endswith(".xml"):
            continue
        if b"instrText" not in parts[name] and b"fldSimple" not in parts[name]:
            continue
        root = parse_part(parts[name], f"{document}:{name}")
        blanked = _blank_fields_in(root)
        if blanked:
            parts[name] = serialize(root)
            count += blanked
    return count


def _blank_fields_in(root) -> int:
    count = 0
    for simple in list(root.iter(_w("fldSimple"))):
        if _LINKING_FIELD.match(simple.get(_w("instr"), "")):
            parent, index = simple.getparent(), simple.getparent().index(simple)
            for child in list(simple):  # the field's last shown result stays as plain text
                parent.insert(index, child)
                index += 1
            parent.remove(simple)
            count += 1
    codes: list[list] = []  # a stack of the instrText nodes of each open complex field
    for el in root.iter(_w("fldChar"), _w("instrText")):
        if el.tag == _w("instrText"):
            if codes:
                codes[-1].append(el)
            continue
        kind = el.get(_w("fldCharType"))
        if kind == "begin":
            codes.append([])
        elif kind in ("separate", "end") and codes:
            nodes = codes[-1]
            if nodes and _LINKING_FIELD.match("".join(n.text or "" for n in nodes)):
                for node in nodes:
                    node.text = ""
                count += 1
            codes[-1] = []  # separate: the code is over; end closes the field
            if kind == "end":
                codes.pop()
    return count
