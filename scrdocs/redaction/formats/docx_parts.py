"""The kinds of part a Word document holds and what is done with each, from redaction_rules/docx_parts.yaml.

Both sides read the same rules: ``scrdocs redact`` keeps, cleans or removes
each part, and the leak gate reads it, lists it for checking by hand, or
counts it as a finding. Keeping the list as data means a new kind of part
(Word grows them) is one entry in the file, for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ...errors import RulesError
from ...resources import data_dir

RULES_FILE = "docx_parts.yaml"

_REDACT = {"clean", "remove", "keep"}
_GATE = {"text", "data", "everything", "links", "picture", "finding", "skip"}
_ATTRIBUTE_ACTIONS = {"text", "neutral", "clear", "bookmark"}
#: :meth:`PartRules.tag_action`'s answer when a rule names the element's parent ("ffData/name@val").
BY_PARENT = "by parent"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class PartKind:
    id: str
    patterns: tuple[re.Pattern, ...]
    redact: str
    gate: str
    label: str = ""
    plural: str = ""
    numbered: bool = True
    counts: re.Pattern | None = None
    advice: str = ""

    def matches(self, part: str) -> bool:
        return any(p.fullmatch(part) for p in self.patterns)

    def phrase(self, parts: Iterable[str]) -> str:
        """How the parts removed read in a sentence: "2 embedded objects", "thumbnail"."""
        parts = list(parts)
        if not self.numbered:
            return self.label
        counted = [p for p in parts if self.counts.fullmatch(p)] if self.counts is not None else parts
        number = max(len(counted), 1)
        return f"{number} {self.label if number == 1 else (self.plural or self.label + 's')}"


@dataclass(frozen=True)
class AttributeRule:
    parent: str | None  # local name of the element's parent, when the rule names one
    element: str  # local name, or "*"
    attribute: str  # local name
    action: str

    def applies(self, element: str, parent: str | None, attribute: str) -> bool:
        return (attribute == self.attribute and self.element in ("*", element)
                and (self.parent is None or self.parent == parent))


@dataclass
class PartRules:
    kinds: tuple[PartKind, ...]
    unknown: PartKind
    attributes: tuple[AttributeRule, ...]
    _by_attribute: dict[str, tuple[AttributeRule, ...]] = field(default_factory=dict, repr=False)
    _names: frozenset[str] = field(default=frozenset(), repr=False)
    # (element, parent, attribute) -> action: "w:val" alone stands on most elements of every part
    _actions: dict[tuple[str, str | None, str], str | None] = field(default_factory=dict, repr=False)

    # (element's tag, attribute's name), both as lxml writes them -> the action whatever the parent, or
    # _BY_PARENT when a rule names a parent: a Word part has a million elements, few kinds of them
    _by_tag: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)
    _named_tags: tuple[str, ...] = field(default=(), repr=False)
    _anywhere: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[AttributeRule]] = {}
        # The more specific rule first: "ffData/name@val" before "*@val".
        for rule in sorted(self.attributes, key=lambda r: (r.element == "*", r.parent is None)):
            grouped.setdefault(rule.attribute, []).append(rule)
        self._by_attribute = {k: tuple(v) for k, v in grouped.items()}
        self._names = frozenset(grouped)
        # The only elements that can hold a readable attribute: those a rule names (found by lxml in C, in any
        # namespace, "{*}docPr"), and any with an attribute an "*@..." rule names (XPath, also in C).
        self._named_tags = tuple(sorted({f"{{*}}{r.element}" for r in self.attributes if r.element != "*"}))
        anywhere = sorted({r.attribute for r in self.attributes if r.element == "*"})
        if anywhere:
            from lxml import etree

            self._anywhere = etree.XPath("descendant-or-self::*[@*[" + " or ".join(
                f"local-name()='{a}'" for a in anywhere) + "]]")

    def kind_of(self, part: str) -> PartKind:
        return next((k for k in self.kinds if k.matches(part)), self.unknown)

    def attribute_action(self, element: str, parent: str | None, attribute: str) -> str | None:
        """What the rules say about this attribute (``None``: not text a person reads)."""
        key = (element, parent, attribute)
        if key not in self._actions:
            self._actions[key] = next((rule.action for rule in self._by_attribute.get(attribute, ())
                                       if rule.applies(element, parent, attribute)), None)
        return self._actions[key]

    def attribute_names(self) -> frozenset[str]:
        return self._names

    def tag_action(self, tag: str, attribute: str) -> str | None:
        """:meth:`attribute_action` for an element's tag and an attribute as lxml writes them
        ("{namespace}docPr", "descr"), or :data:`BY_PARENT` when the answer depends on the parent."""
        key = (tag, attribute)
        try:
            return self._by_tag[key]
        except KeyError:
            pass
        element, local = _local(tag), _local(attribute)
        rules = [r for r in self._by_attribute.get(local, ()) if r.element in ("*", element)]
        if any(r.parent is not None for r in rules):
            found = BY_PARENT
        else:
            found = rules[0].action if rules else None
        self._by_tag[key] = found
        return found

    def candidate_elements(self, root) -> list:
        """The elements of ``root`` (itself included) that may hold a readable attribute, in document order:
        every other element holds none, so this is ``root.iter()`` with those left out."""
        named = list(root.iter(*self._named_tags)) if self._named_tags else []
        anywhere = self._anywhere(root) if self._anywhere is not None else []
        if not anywhere:
            return named  # most parts: no revision authors or initials
        wanted = set(named).union(anywhere)
        return [el for el in root.iter() if el in wanted]  # both, in document order


def _problem(path: Path, message: str) -> RulesError:
    return RulesError(f"In {path}, {message}", hint="Correct the file (see the notes at its top) and try again.")


def _kind(entry: object, path: Path, where: str, *, with_parts: bool = True) -> PartKind:
    if not isinstance(entry, dict):
        raise _problem(path, f"{where} must be a mapping with parts, redact and gate.")
    kind_id = str(entry.get("id", where))
    patterns = entry.get("parts", [])
    if with_parts and (not isinstance(patterns, list) or not patterns):
        raise _problem(path, f"{kind_id}: 'parts' must be a list of patterns.")
    redact, gate = entry.get("redact"), entry.get("gate")
    if redact not in _REDACT:
        raise _problem(path, f"{kind_id}: 'redact' must be one of {', '.join(sorted(_REDACT))}.")
    if gate not in _GATE:
        raise _problem(path, f"{kind_id}: 'gate' must be one of {', '.join(sorted(_GATE))}.")
    if redact == "remove" and not entry.get("label"):
        raise _problem(path, f"{kind_id}: a kind that is removed needs a 'label' for the report.")
    try:
        compiled = tuple(re.compile(p, re.I) for p in patterns)
        counts = re.compile(entry["counts"], re.I) if entry.get("counts") else None
    except (re.error, TypeError) as e:
        raise _problem(path, f"{kind_id}: a pattern is not a valid regular expression ({e}).") from None
    return PartKind(kind_id, compiled, redact, gate, label=str(entry.get("label", "")),
                    plural=str(entry.get("plural", "")), numbered=entry.get("numbered", True) is not False,
                    counts=counts, advice=" ".join(str(entry.get("advice", "")).split()))


def _attribute(where: object, action: object, path: Path) -> AttributeRule:
    match = re.fullmatch(r"(?:([\w-]+)/)?([\w*-]+)@([\w-]+)", str(where))
    if match is None:
        raise _problem(path, f"readable_attributes: '{where}' must be written element@attribute "
                             "or parent/element@attribute.")
    if action not in _ATTRIBUTE_ACTIONS:
        raise _problem(path, f"readable_attributes: '{where}' must be one of {', '.join(sorted(_ATTRIBUTE_ACTIONS))}.")
    return AttributeRule(match.group(1), match.group(2), match.group(3), str(action))


def read_part_rules(path: Path) -> PartRules:
    from ..lexicon import read_rules_file

    data = read_rules_file(path)
    kinds = data.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        raise _problem(path, "'kinds' must be a list of kinds of part.")
    attributes = data.get("readable_attributes") or {}
    if not isinstance(attributes, dict):
        raise _problem(path, "'readable_attributes' must map element@attribute to what is done with it.")
    unknown = _kind({"id": "unknown", **(data.get("unknown") or {})}, path, "unknown", with_parts=False)
    return PartRules(tuple(_kind(k, path, f"kind {n}") for n, k in enumerate(kinds, 1)), unknown,
                     tuple(_attribute(w, a, path) for w, a in attributes.items()))


@lru_cache(maxsize=1)
def part_rules() -> PartRules:
    """The shipped rules, read once."""
    return read_part_rules(data_dir("redaction_rules") / RULES_FILE)


def source_of_rels(rels_part: str) -> str:
    """The part a relationships part belongs to: "word/_rels/document.xml.rels" -> "word/document.xml"."""
    folder, _, name = rels_part.rpartition("_rels/")
    return folder + name[: -len(".rels")]


def rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
