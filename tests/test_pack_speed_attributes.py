"""The readable attributes of a Word part are found by an index of the elements the rules name (not by
asking the rules about every element): exactly the same attributes, actions and order as asking about
every element, on real Word parts and on a part written to hold every rule's element."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scrdocs.redaction.formats.docx_attributes import readable_attributes, readable_elements
from scrdocs.redaction.formats.docx_parts import part_rules

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _asked_of_every_element(root, rules):
    """The rules asked about each attribute of each element, as the engine did before the index."""
    out = []
    names = rules.attribute_names()
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.attrib:
            continue
        parent = el.getparent()
        parent_name = parent.tag.rsplit("}", 1)[-1] if parent is not None and isinstance(parent.tag, str) else None
        found = []
        for attribute in el.attrib:
            local = attribute.rsplit("}", 1)[-1]
            if local in names:
                action = rules.attribute_action(el.tag.rsplit("}", 1)[-1], parent_name, local)
                if action is not None:
                    found.append((attribute, action))
        if found:
            out.append((el, found))
    return out


def _every_rule_part() -> bytes:
    """A part with each element a rule names, under the parent it names and under another, in Word's
    namespace, another namespace and none; "*@author" and "*@initials" on ordinary elements; comments."""
    rules = part_rules()
    body = []
    for n, rule in enumerate(rules.attributes):
        element = rule.element if rule.element != "*" else "ins"
        for parent in filter(None, {rule.parent, "p", "ffData"}):
            for prefix in ("w:", "x:", ""):
                extra = ' w:val="v"' if f"{prefix}{rule.attribute}" != "w:val" else ""
                body.append(f'<w:{parent}><{prefix}{element} {prefix}{rule.attribute}="value {n}"{extra} '
                            f'other="o"/></w:{parent}>')
    body.append('<w:r w:author="Jane Roe" w:date="2020"><w:t>text</w:t><!-- a comment --><?pi x?></w:r>')
    body.append('<w:comment w:initials="JR" w:id="1"/>')
    return (f'<w:document xmlns:w="{W}" xmlns:x="urn:other" w:author="Top"><w:body>'
            + "".join(body) + "</w:body></w:document>").encode()


def _word_parts() -> list[tuple[str, bytes]]:
    parts = [("every rule", _every_rule_part())]
    for docx in sorted((ROOT / "tests" / "fixtures").rglob("*.docx")):
        with zipfile.ZipFile(docx) as z:
            parts += [(f"{docx.name}:{n}", z.read(n)) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
    return parts


@pytest.mark.parametrize("name, raw", _word_parts(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_index_finds_exactly_what_asking_about_every_element_finds(name, raw):
    root = etree.fromstring(raw)
    rules = part_rules()
    expected = _asked_of_every_element(root, rules)
    assert list(readable_elements(root, rules)) == expected
    assert [(el, list(readable_attributes(el, rules))) for el, _ in expected] == expected


def test_the_part_written_for_every_rule_holds_each_action():
    root = etree.fromstring(_every_rule_part())
    actions = {a for _, found in readable_elements(root, part_rules()) for _, a in found}
    assert actions == {"text", "neutral", "clear", "bookmark"}
    # the parent decides: a form field's name is a bookmark, a "name" elsewhere is not read at all
    found = {(el.getparent().tag.rsplit("}", 1)[-1], a) for el, f in readable_elements(root, part_rules())
             for attr, a in f if el.tag == f"{{{W}}}name" and attr == f"{{{W}}}val"}
    assert ("ffData", "bookmark") in found and not any(parent == "p" for parent, _ in found)
