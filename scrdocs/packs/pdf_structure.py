"""Keeping the tags when PDFs are merged: one structure tree for the all-in-one pack PDF.

Each document's PDF is tagged by LibreOffice (headings, tables with header
cells, figures with alt text). A plain page merge drops all of it, and the
merged PDF is then unreadable to a screen reader. Here each part's structure
tree is copied into the merged file, under one ``Document`` element with a
``Part`` per document (titled with the document's title), and the
``ParentTree`` that ties marked content on the pages back to the tree is
renumbered, since every part counts its ``StructParents`` from 0.

Call :func:`start` before appending pages, :func:`add_part` after each
part's pages are appended (the pages must be the ones just appended), and
:func:`finish` once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


@dataclass
class MergedTags:
    parts: list[tuple[DictionaryObject, object]] = field(default_factory=list)  # (Part element, its reference)
    nums: list = field(default_factory=list)  # the merged ParentTree, key, value, key, value...
    next_key: int = 0
    role_map: dict = field(default_factory=dict)
    lang: str | None = None
    tagged: bool = True  # False once a part has no structure tree: the merged PDF cannot claim tags


def _flat_nums(tree) -> list[tuple[int, object]]:
    """A number tree's (key, value) pairs, from /Nums and from any /Kids below it."""
    tree = tree.get_object()
    pairs = []
    nums = tree.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        pairs += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
    for kid in tree.get("/Kids", []):
        pairs += _flat_nums(kid)
    return pairs


def _top_elements(root: DictionaryObject) -> list:
    """The elements under a part's root; a single Document element is opened up (its children become the Part's)."""
    kids = root.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    items = list(kids) if isinstance(kids, ArrayObject) else [kids]
    if len(items) == 1:
        only = items[0].get_object()
        if isinstance(only, DictionaryObject) and only.get("/S") == "/Document" and only.get("/K") is not None:
            inner = only["/K"].get_object()
            return list(inner) if isinstance(inner, ArrayObject) else [only["/K"]]
    return items


def add_part(tags: MergedTags, writer: PdfWriter, reader: PdfReader, title: str, first_page: int) -> None:
    """Copy ``reader``'s structure tree into ``writer`` as one Part, its pages being ``writer.pages[first_page:]``."""
    catalog = reader.trailer["/Root"]
    if "/StructTreeRoot" not in catalog:
        tags.tagged = False
        return
    tags.lang = tags.lang or (str(catalog["/Lang"]) if "/Lang" in catalog else None)
    # Cloning after the pages were appended reuses the copied pages for every /Pg in the tree.
    root = catalog["/StructTreeRoot"].get_object().clone(writer)
    offset = tags.next_key
    pairs = _flat_nums(root["/ParentTree"]) if "/ParentTree" in root else []
    for key, value in pairs:
        tags.nums += [NumberObject(key + offset), value]
    tags.next_key = offset + (max((k for k, _ in pairs), default=-1) + 1)
    # pypdf leaves /StructParents out of the pages it copies: set them again from the part's own pages.
    for page, source in zip(writer.pages[first_page:], reader.pages):
        if "/StructParents" in source:
            page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]) + offset)
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if "/StructParent" in annot:
                annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + offset)
    if "/RoleMap" in root:
        tags.role_map.update(root["/RoleMap"].get_object())
    part = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Part"),
                             NameObject("/T"): TextStringObject(title)})
    part_ref = writer._add_object(part)
    kids = _top_elements(root)
    for kid in kids:
        element = kid.get_object()
        if isinstance(element, DictionaryObject):
            element[NameObject("/P")] = part_ref
    part[NameObject("/K")] = ArrayObject(kids)
    tags.parts.append((part, part_ref))


def finish(tags: MergedTags, writer: PdfWriter) -> None:
    """Write the merged structure tree, the language and the tagged-PDF flags into ``writer``."""
    if not tags.tagged or not tags.parts:
        return
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")})
    document_ref = writer._add_object(document)
    root = DictionaryObject({
        NameObject("/Type"): NameObject("/StructTreeRoot"),
        NameObject("/K"): document_ref,
        NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): ArrayObject(tags.nums)})),
        NameObject("/ParentTreeNextKey"): NumberObject(tags.next_key),
    })
    if tags.role_map:
        root[NameObject("/RoleMap")] = DictionaryObject(tags.role_map)
    root_ref = writer._add_object(root)
    document[NameObject("/P")] = root_ref
    document[NameObject("/K")] = ArrayObject(ref for _, ref in tags.parts)
    for part, _ in tags.parts:
        part[NameObject("/P")] = document_ref
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    if tags.lang:
        catalog[NameObject("/Lang")] = TextStringObject(tags.lang)
    # The title bar shows the pack's title, not the file name (PDF/UA).
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
