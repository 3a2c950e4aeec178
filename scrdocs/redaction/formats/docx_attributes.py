"""The attributes of a Word part that hold text a person can read, cleaned as the rules say.

Most attributes are Word's own settings (``w:bidi="ar-SA"``, colours,
sizes) and are left alone. The few that hold readable text are listed in
redaction_rules/docx_parts.yaml: alt text, the authors of revisions,
bookmark names, content-control titles, form-field names and values. Each
is anonymised as text, replaced by a neutral word, emptied, or, for a
bookmark, renamed ``_scrdocs_bm1``, ``_scrdocs_bm2``... the same everywhere
the name is used (its w:bookmarkStart, form field, the REF and PAGEREF
fields and links that point at it), so cross-references still work.
"""

from __future__ import annotations

import re
from typing import Iterable

from .docx_parts import BY_PARENT, PartRules

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

NEUTRAL_AUTHOR = "Reviewer"
#: Word's and LibreOffice's own bookmarks ("_Toc123", "_GoBack"): numbers, never anyone's name.
_NEUTRAL_BOOKMARK = re.compile(r"_GoBack|_+(?:Toc|Ref|Hlk)\d+|__RefHeading__+_?Toc\d+(?:_\d+)?|_scrdocs_bm\d+", re.I)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


_NONE: tuple = ()


def readable_attributes(el, rules: PartRules) -> list[tuple[str, str]] | tuple:
    """(attribute, action) for each attribute of ``el`` that holds readable text."""
    tag = el.tag
    if not isinstance(tag, str):
        return _NONE
    keys = el.keys()
    if not keys:
        return _NONE
    found = None
    for attribute in keys:
        action = rules.tag_action(tag, attribute)
        if action is None:
            continue  # the common case: "w:val" on a run's settings
        if action == BY_PARENT:
            parent = el.getparent()
            parent_name = _local(parent.tag) if parent is not None and isinstance(parent.tag, str) else None
            action = rules.attribute_action(_local(tag), parent_name, _local(attribute))
            if action is None:
                continue
        if found is None:
            found = []
        found.append((attribute, action))
    return found or _NONE


def readable_elements(root, rules: PartRules) -> Iterable[tuple[object, list[tuple[str, str]]]]:
    """(element, its readable attributes) for each element of ``root`` that has any, in document order."""
    for el in rules.candidate_elements(root):
        attributes = readable_attributes(el, rules)
        if attributes:
            yield el, attributes


def bookmark_renames(roots: Iterable, rules: PartRules) -> dict[str, str]:
    """Each bookmark name that is not already neutral (compared without case, as Word does) -> its new name."""
    renames: dict[str, str] = {}
    for root in roots:
        for el, attributes in readable_elements(root, rules):
            for attribute, action in attributes:
                name = el.get(attribute, "")
                if action == "bookmark" and name and not _NEUTRAL_BOOKMARK.fullmatch(name) \
                        and name.casefold() not in renames:
                    renames[name.casefold()] = f"_scrdocs_bm{len(renames) + 1}"
    return renames


def rename_in_field_codes(root, renames: dict[str, str]) -> None:
    """REF, PAGEREF, NOTEREF, HYPERLINK \\l ... name a bookmark in their codes: the new name goes there too."""
    if not renames:
        return
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in sorted(renames, key=len, reverse=True))
                         + r")(?![\w])", re.I)

    def swap(text: str) -> str:
        return pattern.sub(lambda m: renames[m.group(1).casefold()], text)

    for node in root.iter(_w("instrText")):
        if node.text:
            node.text = swap(node.text)
    for simple in root.iter(_w("fldSimple")):
        if simple.get(_w("instr")):
            simple.set(_w("instr"), swap(simple.get(_w("instr"))))


def clean_attributes(redactor, root, rules: PartRules, renames: dict[str, str], document: str) -> None:
    """Every readable attribute of the part, cleaned by its action."""
    for el, attributes in list(readable_elements(root, rules)):
        for attribute, action in attributes:
            value = el.get(attribute, "")
            if not value.strip():
                continue
            if action == "text":
                el.set(attribute, redactor.redact_text(value, document=document))
            elif action == "neutral":
                el.set(attribute, NEUTRAL_AUTHOR)
            elif action == "clear":
                el.set(attribute, "")
            elif action == "bookmark":
                el.set(attribute, renames.get(value.casefold(), value))


def accept_custom_xml_insertions(root) -> None:
    """Markers of inserted custom XML carry the inserter's name; accepting the change drops them."""
    for tag in ("customXmlInsRangeStart", "customXmlInsRangeEnd", "cellIns", "cellMerge"):
        for el in list(root.iter(_w(tag))):
            el.getparent().remove(el)


__all__ = ["NEUTRAL_AUTHOR", "accept_custom_xml_insertions", "bookmark_renames", "clean_attributes",
           "readable_attributes", "readable_elements", "rename_in_field_codes"]
