"""The leak gate: does any file still identify a person who must be anonymised?

Two checks run over every piece of text a file holds, wherever it hides:

1. **Case terms.** Every name variant and alias, date of birth (in the
   common written forms), address (and its street line and postcode), NHS
   number (spaced or not) and other identifier of every person the profile
   removes. The names come from the redaction engine
   (``Redactor.sensitive_people()`` / ``name_variants()``), so the gate and
   the engine agree on what a name looks like.
2. **NER rescan.** The engine's detector (a fresh engine, so nothing it
   remembers from the run colours the check) run again over the text, piece
   by piece as the engine read it (a Word paragraph, a CSV cell, a PDF
   paragraph rebuilt from lines wrapped at the margin). A PERSON it would
   remove is a leak unless it is a pseudonym or label ("Adult K's",
   "Person 3"), lies inside a name that may stay (an agency name broken over
   two lines), or is nothing but ordinary dictionary words ("Complete",
   "Nurse No Recommendation": table cells run together), as the engine
   itself judges. Names that are also words ("Grace", "Will Brown") are
   never excused that way. In a pack, a PDF made from one of the pack's Word
   documents is term-checked in full, but its page text is NER-read in its
   Word form only.

Where text hides: DOCX (every XML part: body, headers, footers, comments,
footnotes, endnotes, tracked deletions, field codes, properties, image alt
text, every attribute, relationship targets such as hyperlinks), PDF (page
text, document information, XMP, bookmark titles, annotations, attachment
names), SVG (text, titles, ids, comments), PNG text chunks, and
.txt/.md/.csv/.json files.

A hit is reported by file, location and entity type and the person's
pseudonym, never with the text found: the report itself must not leak.
Anything the gate cannot read is an error, not a pass (fail closed).
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence

from lxml import etree

from ..errors import InputFormatError, LeakError, RulesError
from ..case.model import Case, PanelPerson

# --------------------------------------------------------------------------
# Text normalisation: the gate compares folded text with folded terms.

# "_" reads as a space: ids and file names join words with it ("Jane_Smith").
_APOSTROPHES = str.maketrans({"_": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u2009": " ",
                              "\u202f": " ", "\u2010": "-", "\u2011": "-", "\u00ad": " "})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Exactly one character out for one in: offsets into folded text must
    # stay offsets into the original ("…" stays "…", "é" becomes "e").
    return stripped if len(stripped) == 1 else ch


def fold(text: str) -> str:
    """Accents off, curly apostrophes straight, odd spaces plain; the same length as ``text``."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    return "".join(_fold_char(c) if ord(c) > 127 else c for c in text)


# --------------------------------------------------------------------------
# What to look for


@dataclass
class SensitivePerson:
    """Everything that identifies one person the profile removes."""

    pseudonym: str
    names: list[str] = field(default_factory=list)  # every variant and alias
    dobs: list[date] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    nhs_numbers: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    person_id: str | None = None


@dataclass(frozen=True)
class Term:
    pattern: re.Pattern
    entity_type: str
    pseudonym: str
    #: A piece of text (casefolded) every match contains: a cheap substring
    #: test skips the regex for the many terms absent from a text.
    anchor: str = ""


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def date_forms(d: date) -> set[str]:
    """The ways a date of birth is written in agency records."""
    month, short = _MONTHS[d.month - 1], _MONTHS[d.month - 1][:3]
    forms = {d.isoformat(), f"{d.year}/{d.month:02d}/{d.day:02d}"}
    for day in {f"{d.day:02d}", str(d.day)}:
        for mon in {f"{d.month:02d}", str(d.month)}:
            for sep in "/.-":
                forms.add(f"{day}{sep}{mon}{sep}{d.year}")
                forms.add(f"{day}{sep}{mon}{sep}{d.year % 100:02d}")
        for name in (month, short, short + "."):
            forms.add(f"{day} {name} {d.year}")
            forms.add(f"{day}-{name}-{d.year}")
            forms.add(f"{day}-{name}-{d.year % 100:02d}")
    for name in (month, short):
        forms.add(f"{_ordinal(d.day)} {name} {d.year}")
        forms.add(f"{_ordinal(d.day)} of {name} {d.year}")
        forms.add(f"{name} {d.day}, {d.year}")
        forms.add(f"{name} {d.day} {d.year}")
        forms.add(f"{name} {_ordinal(d.day)}, {d.year}")
    return forms


_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
_STREET_NUMBER = re.compile(r"^(?:flat\s+\w+,?\s*)?\d+[a-z]?\s+", re.I)


def address_forms(address: str) -> list[tuple[str, str]]:
    """(text, entity type) for a full address, each of its lines, the street without number, the postcode."""
    forms: list[tuple[str, str]] = [(address, "STREET_ADDRESS")]
    lines = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    if lines:
        first = lines[0]
        forms.append((first, "STREET_ADDRESS"))
        street = _STREET_NUMBER.sub("", first)
        if street != first and len(street) > 3:
            forms.append((street, "STREET_ADDRESS"))
    for m in _POSTCODE.finditer(address):
        forms.append((f"{m[1]} {m[2]}", "UK_POSTCODE"))
    return forms


def _maskers(names: Iterable[str]) -> list[tuple[str, re.Pattern]]:
    """(anchor, pattern) per name, longest name first, for :func:`_mask`."""
    result = []
    for name in sorted({fold(n).strip() for n in names if n and n.strip()}, key=len, reverse=True):
        chunks = re.findall(r"[^\W_]+", name.casefold())
        result.append((max(chunks, key=len) if chunks else "", re.compile(_bounded(_flexible(name)), re.I)))
    return result


def _mask(text: str, maskers: list[tuple[str, re.Pattern]]) -> str:
    lowered = text.casefold()
    for anchor, pattern in maskers:
        if anchor in lowered:
            text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _flexible(text: str) -> str:
    """A regex for ``text`` with any run of whitespace matching any whitespace (line breaks too)."""
    return r"\s+".join(re.escape(tok) for tok in fold(text).split())


def _digits_pattern(digits: str) -> str:
    # 943 476 5919, 943-476-5919, 9434765919: any spaces or hyphens between digits.
    return r"[\s\-]?".join(digits)


def _phone_pattern(digits: str, written: str) -> str:
    """A number as written with any spacing; a UK number also in its +44 form (07700... = +44 7700...)."""
    if written.strip().startswith("+44"):
        digits = "0" + digits[2:]
    if digits.startswith("0") and len(digits) >= 10:
        return r"(?:0|\+\s?44\s?(?:\(0\)\s?)?)" + r"[\s\-]?" + _digits_pattern(digits[1:])
    return _digits_pattern(digits)


def _bounded(core: str) -> str:
    return rf"(?<![\w]){core}(?![\w])"


# --------------------------------------------------------------------------
# Where text hides: every file is read into units of (location, text).


@dataclass
class Unit:
    """Some text from one place in a file; ``labels`` narrow a match down to a sub-location."""

    file: str
    location: str
    text: str
    ner: bool = True  # prose worth an NER pass (not attribute soup or JSON keys)
    labels: list[tuple[int, str]] = field(default_factory=list)

    def pieces(self) -> list[tuple[int, str]]:
        """(offset, text) of each labelled piece (a paragraph, a line): what NER reads, one at a time,
        as the redaction engine did, so the rescan sees the same context."""
        if not self.labels:
            return [(0, self.text)]
        starts = [o for o, _ in self.labels] + [len(self.text)]  # each piece is followed by "\n\n"
        return [(start, self.text[start:end - 2]) for start, end in zip(starts, starts[1:])]

    def where(self, offset: int) -> str:
        if not self.labels:
            return self.location
        index = bisect.bisect_right([o for o, _ in self.labels], offset) - 1
        label = self.labels[max(index, 0)][1]
        return f"{self.location} {label}".strip()


class _Joiner:
    """Builds one unit's text from pieces, remembering where each piece starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[tuple[int, str]] = []
        self.length = 0

    def add(self, text: str | None, label: str) -> None:
        if not text or not text.strip():
            return
        self.labels.append((self.length, label))
        self.parts.append(text)
        self.length += len(text) + 2
        self.parts.append("\n\n")

    def unit(self, file: str, location: str, *, ner: bool) -> Unit | None:
        if not self.parts:
            return None
        return Unit(file, location, "".join(self.parts), ner, self.labels)


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


def pdf_units(path: Path, name: str) -> Iterator[Unit]:
    from .pdf_finish import open_pdf

    reader = open_pdf(path)
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
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


def svg_units(path: Path, name: str) -> Iterator[Unit]:
    yield from _xml_units(_parse_xml(path.read_bytes(), name, "SVG"), name, "SVG")


def png_units(data: bytes, name: str, part: str = "PNG") -> Iterator[Unit]:
    """Text chunks (tEXt, zTXt, iTXt) of a PNG: the pixels cannot be read, its metadata can."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise InputFormatError(f"{name}: {part} is not a PNG image.")
    chunks, pos = _Joiner(), 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"tEXt":
            chunks.add(body.decode("latin-1"), "text chunk")
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            chunks.add(key.decode("latin-1") + "\n" + zlib.decompress(rest[1:]).decode("latin-1", "replace"), "text chunk")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _, _, rest = rest.partition(b"\0")  # language tag
            _, _, text = rest.partition(b"\0")  # translated keyword
            value = zlib.decompress(text) if compressed else text
            chunks.add(key.decode("latin-1") + "\n" + value.decode("utf-8", "replace"), "text chunk")
        elif kind == b"IEND":
            break
    unit = chunks.unit(name, part, ner=False)
    if unit:
        yield unit


def text_units(path: Path, name: str) -> Iterator[Unit]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    if path.suffix.lower() == ".csv":
        yield from _csv_units(text, name)
        return
    lines = _Joiner()
    for number, line in enumerate(text.splitlines(), start=1):
        lines.add(line, f"line {number}")
    unit = lines.unit(name, "", ner=path.suffix.lower() != ".json")
    if unit:
        yield unit


def _csv_units(text: str, name: str) -> Iterator[Unit]:
    """A CSV cell by cell: each cell is read (and NER-scanned) on its own, as the engine redacted it."""
    cells = _Joiner()
    for row_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        for column, value in enumerate(row, start=1):
            cells.add(value, f"row {row_number} column {column}")
    unit = cells.unit(name, "", ner=True)
    if unit:
        yield unit


_READERS: dict[str, Callable[[Path, str], Iterator[Unit]]] = {
    ".docx": docx_units, ".docm": docx_units, ".dotx": docx_units,
    ".pdf": pdf_units,
    ".svg": svg_units,
    ".png": lambda path, name: png_units(path.read_bytes(), name),
    ".txt": text_units, ".md": text_units, ".csv": text_units, ".json": text_units, ".jsonl": text_units,
}

SCANNABLE_SUFFIXES = tuple(sorted(_READERS))


def file_units(path: Path, name: str | None = None) -> list[Unit]:
    """Every piece of text in ``path``. Unknown file types are refused: an unchecked file is not a clean one."""
    name = name or path.name
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputFormatError(
            f"{name}: the leak check cannot read {path.suffix or 'files without an extension'} files.",
            hint=f"Only {', '.join(SCANNABLE_SUFFIXES)} files can be checked; take this file out of the pack.")
    if not path.is_file():
        raise InputFormatError(f"{name} does not exist or is not a file.")
    return list(reader(path, name))


# --------------------------------------------------------------------------
# The verdict


@dataclass(frozen=True)
class LeakHit:
    """One place a removed person can still be identified. Never holds the text found."""

    file: str
    location: str
    entity_type: str
    pseudonym: str
    detector: str  # "case" (a term from the case file) or "ner"

    def __str__(self) -> str:
        where = f"{self.file}, {self.location}" if self.location else self.file
        return f"{where}: {self.entity_type} of {self.pseudonym} (found by {self.detector})"


@dataclass
class LeakReport:
    files: list[str] = field(default_factory=list)
    hits: list[LeakHit] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.hits

    def summary(self) -> str:
        if self.clean:
            return f"No leaks found in {len(self.files)} file{'s' if len(self.files) != 1 else ''}."
        lines = [f"{len(self.hits)} possible leak{'s' if len(self.hits) != 1 else ''} found in "
                 f"{len({h.file for h in self.hits})} of {len(self.files)} files "
                 "(the text found is not shown):"]
        lines += [f"  - {hit}" for hit in self.hits]
        return "\n".join(lines)

    def raise_if_leaks(self) -> None:
        if self.hits:
            raise LeakError(self.summary(), hint=(
                "Each place listed still identifies someone who must be anonymised. "
                "Correct the source (case file or agency document) and build again, "
                "or edit the document by hand and run `scrdocs scan` on it."))


#: A detector is the redaction engine's ``Redactor.detect``: text -> spans with
#: ``start``, ``end``, ``text``, ``entity_type``, ``action`` and ``person_id``.
Detector = Callable[[str], Sequence[Any]]

_INITIALS = re.compile(r"(?:[A-Z]\.?\s?){1,4}")
_GENERATED_LABEL = re.compile(r"^(person|panel member|individual|family member)(\s+\d+)?$", re.I)
_GENERATED_IN_TEXT = re.compile(r"\b(?:Person|Panel member)\s+\d+\b")
_LEADING_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|doctor|prof|professor|nurse|sister|pc|dc|ds|di)\.?\s+)+", re.I)


class LeakGate:
    """Scans files for any trace of the people in ``people``.

    ``kept`` are names that may appear (the named chairs and author, the
    agencies): they are masked out before the search, so "Professor Jane
    Hollis" does not count as a hit on a family member called Hollis, while
    a bare "Hollis" still does (fail closed, as the redaction engine does).
    ``allowed`` are pseudonyms and other labels an NER hit may equal.
    ``case_sensitive_words`` are names that are also ordinary words
    ("Grace", "Hope"): they only count when written as a name (capitalised
    or in capitals), not as the word "grace" in "a period of grace".
    """

    def __init__(
        self,
        people: Iterable[SensitivePerson],
        *,
        kept: Iterable[str] = (),
        allowed: Iterable[str] = (),
        detector: Detector | None = None,
        detect_many: Callable[[list[str]], Sequence[Sequence[Any]]] | None = None,
        is_word: Callable[[str], bool] | None = None,
        case_sensitive_words: Iterable[str] = (),
        not_initials: Iterable[str] = (),
        ner_entity_types: Iterable[str] = ("PERSON",),
    ):
        self.people = list(people)
        self.detector = detector
        self.detect_many = detect_many
        self.is_word = is_word  # ordinary English word? (the engine's dictionary)
        self.ner_entity_types = set(ner_entity_types)
        self._allowed = {fold(a).casefold() for a in allowed if a}
        self._allowed |= {fold(k).casefold() for k in kept if k}
        words = {fold(w).casefold() for w in case_sensitive_words}
        self._name_words = words
        self._not_initials = {re.sub(r"[\s.]", "", i).upper() for i in not_initials if i}
        self._terms = self._compile_terms(words)
        self._kept = _maskers(kept)
        self._allowed_maskers: list[tuple[str, re.Pattern]] | None = None
        self._ner_cache: dict[str, list[Any]] = {}

    def allow(self, labels: Iterable[str]) -> None:
        """Also accept these labels (pseudonyms the engine made up, such as "Person 3") as NER hits."""
        self._allowed |= {fold(label).casefold() for label in labels if label}
        self._allowed_maskers = None

    # -- terms ----------------------------------------------------------
    def _compile_terms(self, common_words: set[str]) -> list[Term]:
        terms: list[Term] = []
        seen: set[tuple[str, str, int]] = set()

        def add(core: str, entity: str, pseudonym: str, flags: int, written: str = "") -> None:
            key = (core, pseudonym, flags)
            if core and key not in seen:
                seen.add(key)
                chunks = re.findall(r"[^\W_]+", fold(written).casefold()) if written else []
                anchor = max(chunks, key=len) if chunks else ""
                terms.append(Term(re.compile(_bounded(core), flags), entity, pseudonym, anchor))

        for person in self.people:
            for name in person.names:
                folded = fold(name).strip()
                if not folded:
                    continue
                if _INITIALS.fullmatch(folded):
                    # Initials ("J.S.", "JS") only as written: "js" is not someone's initials,
                    # and "GP" or "HM" are abbreviations before they are anyone's initials.
                    if re.sub(r"[\s.]", "", folded).upper() in self._not_initials:
                        continue
                    add(_flexible(folded), "PERSON", person.pseudonym, 0, folded)
                elif " " not in folded and folded.casefold() in common_words:
                    # A name that is also a word: only as a name (Grace, GRACE).
                    add(re.escape(folded), "PERSON", person.pseudonym, 0, folded)
                    add(re.escape(folded.upper()), "PERSON", person.pseudonym, 0, folded)
                else:
                    add(_flexible(folded), "PERSON", person.pseudonym, re.I, folded)
            for dob in person.dobs:
                for form in date_forms(dob):
                    add(_flexible(form), "DATE_OF_BIRTH", person.pseudonym, re.I, str(dob.year))
            for address in person.addresses:
                for form, entity in address_forms(address):
                    core = _flexible(form).replace(r"\s+", r"\s*") if entity == "UK_POSTCODE" else _flexible(form)
                    add(core, entity, person.pseudonym, re.I, form if entity != "UK_POSTCODE" else "")
            for number in person.nhs_numbers:
                digits = re.sub(r"\D", "", number)
                if digits:
                    add(_digits_pattern(digits), "NHS_NUMBER", person.pseudonym, 0)
            for identifier in person.identifiers:
                digits = re.sub(r"\D", "", identifier)
                if len(digits) >= 6 and not re.search(r"[A-Za-z@]", identifier):
                    add(_phone_pattern(digits, identifier), "IDENTIFIER", person.pseudonym, 0)
                else:
                    add(_flexible(identifier), "IDENTIFIER", person.pseudonym, re.I, identifier)
        return terms

    # -- scanning -------------------------------------------------------
    def _mask_kept(self, text: str) -> str:
        """Blank out the names that may stay (longest first), keeping every offset where it was."""
        return _mask(text, self._kept)

    def _mask_allowed(self, text: str) -> str:
        # Pseudonyms are blanked only for the NER pass ("Adult K's" is not a person called K);
        # the case terms still see them, in case a pseudonym is itself someone's real name.
        if self._allowed_maskers is None:
            self._allowed_maskers = _maskers(self._allowed)
        return _GENERATED_IN_TEXT.sub(lambda m: " " * len(m.group()), _mask(text, self._allowed_maskers))

    def scan_unit(self, unit: Unit) -> list[LeakHit]:
        hits: list[LeakHit] = []
        seen: set[tuple[str, str, str]] = set()

        def record(offset: int, entity: str, pseudonym: str, detector: str) -> None:
            location = unit.where(offset)
            key = (location, entity, pseudonym)
            if key not in seen:
                seen.add(key)
                hits.append(LeakHit(unit.file, location, entity, pseudonym, detector))

        text = self._mask_kept(fold(unit.text))
        lowered = text.casefold()
        found = [(m.start(), m.end(), term) for term in self._terms if term.anchor in lowered
                 for m in term.pattern.finditer(text)]
        # A full name covers its parts: "Desmond Quillfeather" is the son, not also his mother's surname.
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        covered_to, last = -1, (-1, -1)
        for start, end, term in found:
            if end <= covered_to and (start, end) != last:
                continue
            covered_to, last = max(covered_to, end), (start, end)
            record(start, term.entity_type, term.pseudonym, "case")  # a shared surname: each owner
        if self.detector is not None and unit.ner:
            text = self._mask_allowed(text)
            pieces = unit.pieces()
            for (offset, _), spans in zip(pieces, self._detect([text for _, text in pieces])):
                for span in spans:
                    start = offset + span.start
                    seen_text = text[start:start + (span.end - span.start)]
                    if not re.sub(r"'s\b|[\W_]", "", seen_text):
                        continue  # inside a name or label that may stay ("Adult K's", an agency name over two lines)
                    if self._only_words(seen_text):
                        # Ordinary words only: a heading or table cells run together ("Complete",
                        # "Nurse No Recommendation"), or a pseudonym run into the next word ("Adult K
                        # Referral", the pseudonym blanked). The engine does not remove these either.
                        continue
                    if self._is_ner_leak(span):
                        pseudonym = self._pseudonym_of(getattr(span, "person_id", None)) or "an unlisted person"
                        record(offset + span.start, span.entity_type, pseudonym, "ner")
        return hits

    def _only_words(self, text: str) -> bool:
        """Is ``text`` nothing but ordinary dictionary words (names that are also words excepted)?"""
        words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)
        if not words or self.is_word is None:
            return False
        if any(w.casefold() in self._name_words for w in words):
            return False  # "Grace", "Will Brown": words, but names first
        return all(self.is_word(re.sub(r"'s$", "", w.casefold())) for w in words)

    def _detect(self, texts: list[str]) -> list[list[Any]]:
        """NER over many texts, batched, each text read once however many files repeat it."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._ner_cache))
        if todo:
            if self.detect_many is not None:
                results = self.detect_many(todo)
            else:
                results = [self.detector(t) for t in todo]  # type: ignore[misc]
            for text, spans in zip(todo, results):
                self._ner_cache[text] = list(spans)
        return [self._ner_cache[t] for t in texts]

    def _is_ner_leak(self, span: Any) -> bool:
        if getattr(span, "entity_type", None) not in self.ner_entity_types:
            return False
        if getattr(span, "action", "remove") != "remove":
            return False
        if "earlier mention" in str(getattr(span, "_reason", "")):
            # The engine's memory of names NER found in OTHER texts; a rescan judges each text by itself.
            return False
        surface = re.sub(r"\s+", " ", fold(str(getattr(span, "text", "")))).strip()
        surface = re.sub(r"'s$|'$", "", surface).strip()
        surface = _LEADING_TITLE.sub("", surface)
        if not surface or surface.startswith("[") or _GENERATED_LABEL.match(surface):
            return False
        return surface.casefold() not in self._allowed

    def _pseudonym_of(self, person_id: str | None) -> str | None:
        if person_id is None:
            return None
        return next((p.pseudonym for p in self.people if p.person_id == person_id), None)

    def scan_files(self, paths: Iterable[Path], *, root: Path | None = None,
                   ner_read_elsewhere: Collection[str] = (), label: str = "") -> LeakReport:
        """Scan each file (named relative to ``root`` when given). Unreadable files raise InputFormatError.

        ``ner_read_elsewhere`` names PDFs whose page text the NER rescan has
        read in its Word form already (paragraph by paragraph, as the engine
        redacted it): their pages get every term check but no second NER
        pass, which on a PDF's broken lines mostly finds table cells and
        headings run together. ``label`` is added to each file's name in the
        report (e.g. "(Word source of the family copy)").
        """
        report = LeakReport()
        for path in paths:
            name = path.relative_to(root).as_posix() if root is not None else str(path)
            shown = f"{name} {label}".strip()
            report.files.append(shown)
            # A file name can name someone too ("IMR Marjorie Smith.docx").
            base = name if root is not None else path.name
            report.hits.extend(self.scan_unit(Unit(shown, "file name", base, ner=False)))
            for unit in file_units(path, shown):
                if name in ner_read_elsewhere and unit.location.startswith("page "):
                    unit.ner = False  # its bookmarks and metadata are the PDF's own, and still read
                report.hits.extend(self.scan_unit(unit))
        return report

    def scan_folder(self, folder: Path, *, ner_read_elsewhere: Collection[str] = ()) -> LeakReport:
        """Scan every file under ``folder`` (the pack), recursively."""
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        return self.scan_files(files, root=folder, ner_read_elsewhere=ner_read_elsewhere)


# --------------------------------------------------------------------------
# Building a gate for a case


_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame", "Rev", "Revd")


def kept_name_forms(person: PanelPerson) -> set[str]:
    """How a named chair or author is written: full name, aliases, title + surname, title + full name."""
    forms = {person.name, *person.aliases}
    tokens = [t for t in person.name.split() if t.rstrip(".") not in {x.rstrip(".") for x in _TITLES}]
    if tokens:
        surname, bare = tokens[-1], " ".join(tokens)
        forms.add(bare)
        for title in _TITLES:
            forms.add(f"{title} {surname}")
            forms.add(f"{title} {bare}")
    return forms


def panel_people(case: Case) -> list[tuple[str, PanelPerson]]:
    panel = case.panel
    result = [("board_chair", panel.board_chair), ("panel_chair", panel.panel_chair), ("author", panel.author)]
    result += [("members", m) for m in panel.members]
    return result


def _case_person_details(case: Case, person_id: str | None) -> dict[str, Any]:
    if person_id is None:
        return {}
    try:
        p = case.person(person_id)
    except KeyError:
        return {}
    return {"dob": p.dob, "address": p.address, "nhs_number": p.nhs_number, "identifiers": p.identifiers}


def sensitive_from_redactor(redactor: Any, case: Case) -> list[SensitivePerson]:
    """The people the engine removes, with the engine's own name variants."""
    from ..case.pseudonyms import case_pseudonyms

    pseudonyms = case_pseudonyms(case)
    people = []
    for number, person in enumerate(redactor.sensitive_people(), start=1):
        person_id = getattr(person, "id", None) or getattr(person, "person_id", None)
        try:
            names = list(redactor.name_variants(person_id)) if person_id else []
        except (KeyError, ValueError):
            names = []
        names += [n for n in (getattr(person, "name", None), *(getattr(person, "aliases", None) or [])) if n]
        names += list(getattr(person, "variants", []) or [])
        details = _case_person_details(case, person_id)
        dob = getattr(person, "dob", None) or details.get("dob")
        address = getattr(person, "address", None) or details.get("address")
        nhs = getattr(person, "nhs_number", None) or details.get("nhs_number")
        identifiers = list(getattr(person, "identifiers", None) or details.get("identifiers") or [])
        pseudonym = (getattr(person, "pseudonym", None) or pseudonyms.get(person_id or "")
                     or f"removed person {number}")
        people.append(SensitivePerson(pseudonym, sorted(set(names)), [dob] if dob else [],
                                      [address] if address else [], [nhs] if nhs else [], identifiers, person_id))
    return people


def sensitive_from_case(case: Case, *, keep_roles: Iterable[str]) -> list[SensitivePerson]:
    """Without the engine: every person in the case, and the panel people whose role is not kept.

    Name variants here are the plain ones (full name, each part, aliases,
    title + surname); the engine's list, when available, is fuller.
    """
    from ..case.pseudonyms import case_pseudonyms

    pseudonyms = case_pseudonyms(case)
    people = []
    for p in case.people:
        people.append(SensitivePerson(pseudonyms[p.id], sorted(_plain_variants(p.name, p.aliases)),
                                      [p.dob] if p.dob else [], [p.address] if p.address else [],
                                      [p.nhs_number] if p.nhs_number else [], list(p.identifiers), p.id))
    keep = set(keep_roles)
    number = 0
    for role, member in panel_people(case):
        if role in keep:
            continue
        number += 1
        people.append(SensitivePerson(f"Panel member {number}", sorted(_plain_variants(member.name, member.aliases))))
    return people


def _name_tokens(full: str) -> list[str]:
    """The words of a name without its titles, ranks written out included, as the engine parses it.

    "Detective Sergeant Louise Arkwright" is Louise Arkwright: "Detective" on
    its own is a rank ("Detective Chief Inspector"), not a trace of her.
    """
    from ..redaction.name_variants import parse_name

    parsed = parse_name(full)
    tokens = [*parsed.given, *parsed.surname] or full.split()
    return [t for t in tokens if t.rstrip(".") not in {x.rstrip(".") for x in _TITLES}]


def _plain_variants(name: str, aliases: Iterable[str]) -> set[str]:
    forms = {name, *aliases}
    for full in list(forms):
        tokens = _name_tokens(full)
        forms.update(t for t in tokens if len(t) > 1)
        if len(tokens) > 1:
            forms.add(" ".join(tokens))
            forms.update(f"{title} {tokens[-1]}" for title in _TITLES)
    return forms


def signatories_from_case(case: Case) -> list[SensitivePerson]:
    """Agencies' IMR authors, senior officers and action-plan contacts: professionals whose names go too.

    The guidance anonymises "professionals involved in the case" except the
    named chairs and author, so the people who wrote and signed the IMRs
    count as well, though they are not in the case file's ``people``.
    """
    people = []
    for agency in case.agencies:
        roles = [("IMR author", agency.imr_author), ("Senior officer", agency.sign_off)]
        contact = agency.imr.lead_contact if agency.imr else None
        if contact is not None:
            people.append(SensitivePerson(
                f"Lead contact ({agency.label})", sorted(_plain_variants(contact.name, [])),
                addresses=[contact.address] if contact.address else [],
                identifiers=[x for x in (contact.phone, contact.email) if x]))
        for label, signatory in roles:
            if signatory is not None:
                people.append(SensitivePerson(f"{label} ({agency.label})", sorted(_plain_variants(signatory.name, []))))
    return people


def kept_names(case: Case, keep_roles: Iterable[str], extra: Iterable[str] = ()) -> set[str]:
    """Names that may stay: the kept panel people (in all their written forms) and the agencies."""
    keep = set(keep_roles)
    names: set[str] = set(extra)
    for role, person in panel_people(case):
        if role in keep:
            names |= kept_name_forms(person)
        if person.organisation:
            names.add(person.organisation)
        if person.job_title:
            names.add(person.job_title)
    for agency in case.agencies:
        names.add(agency.name)
        if agency.short_name:
            names.add(agency.short_name)
    names.add(case.review.board)
    return names


def allowed_labels(case: Case) -> set[str]:
    from ..case.pseudonyms import case_pseudonyms

    labels = set(case_pseudonyms(case).values())
    labels.add(case.review.title)
    return labels


def _engine_is_word(redactor: Any) -> Callable[[str], bool] | None:
    """The engine's test for an ordinary dictionary word, if it offers one (public or not yet)."""
    for name in ("is_word", "_is_word"):
        test = getattr(redactor, name, None)
        if callable(test):
            return test
    return None


def gate_for_case(
    case: Case,
    *,
    keep_roles: Iterable[str],
    redactor: Any | None = None,
    ner: bool = True,
    case_sensitive_words: Iterable[str] = (),
    extra_kept: Iterable[str] = (),
    not_initials: Iterable[str] = (),
) -> LeakGate:
    """A gate for ``case``: terms from the engine when given (else from the case file), NER from the engine.

    ``ner=True`` without a ``redactor`` is refused: a gate that silently
    skipped its NER pass would pass files it never really checked.
    """
    keep_roles = list(keep_roles)
    if redactor is not None:
        people = sensitive_from_redactor(redactor, case)
    else:
        if ner:
            raise RulesError("The leak check's NER rescan needs the redaction engine.",
                             hint="Pass a Redactor, or ner=False to check the case file's terms only.")
        people = sensitive_from_case(case, keep_roles=keep_roles)
    people += signatories_from_case(case)
    return LeakGate(
        people,
        kept=kept_names(case, keep_roles, extra_kept),
        allowed=allowed_labels(case),
        detector=(redactor.detect if (redactor is not None and ner) else None),
        detect_many=(redactor.detect_many if (redactor is not None and ner) else None),
        is_word=_engine_is_word(redactor),
        case_sensitive_words=case_sensitive_words,
        not_initials=not_initials,
    )
