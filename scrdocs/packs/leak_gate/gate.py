"""The gate itself: what it looks for in each unit of text (case terms, an NER rescan)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Sequence

from .files import file_units
from .forms import (Search, _digits_pattern, _flexible, _mask, _maskers, _phone_pattern, address_forms,
                    bounded_search, date_forms, fold, same_length_lower)
from .report import LeakHit, LeakReport
from .second_opinion import SecondOpinion, Unexplained
from .units import Unit
from .places import document_title, where_to_find
from .word_names import NAME, TO_CONFIRM, WORD, confirm_hit, judge


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
    places: list[str] = field(default_factory=list)  # the town of their address, as written (address_parts.py)


@dataclass(frozen=True)
class Term:
    search: Search
    entity_type: str
    pseudonym: str
    #: A piece of text (casefolded) every match contains: a cheap substring
    #: test skips the regex for the many terms absent from a text.
    anchor: str = ""
    #: A name that is also a word ("Will", "Hope"): not a hit where it opens a sentence as the word does.
    word_like: bool = False


#: A detector is the redaction engine's ``Redactor.detect``: text -> spans with
#: ``start``, ``end``, ``text``, ``entity_type``, ``action`` and ``person_id``.
Detector = Callable[[str], Sequence[Any]]

_INITIALS = re.compile(r"(?:[A-Z]\.?\s?){1,4}")
_GENERATED_LABEL = re.compile(r"^(person|panel member|individual|family member)(\s+\d+)?$", re.I)
_GENERATED_IN_TEXT = re.compile(r"\b(?:Person|Panel member)\s+\d+\b")
_DOCUMENTS = (".docx", ".docm", ".dotx", ".pdf")
_LEADING_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|doctor|prof|professor|nurse|sister|pc|dc|ds|di)\.?\s+)+", re.I)


def _anchors_in(lowered: str, anchors: Collection[str]) -> list[str]:
    """The anchors that occur in ``lowered``, as ``anchor in lowered`` says, with a cheap first test: the
    anchor's first three characters must be among the text's three-character pieces (thousands of
    anchors searched through every long text was a tenth of a pack's time)."""
    if len(anchors) < 64 or len(lowered) < 3:
        return [a for a in anchors if a in lowered]
    grams = {lowered[i:i + 3] for i in range(len(lowered) - 2)}
    return [a for a in anchors if (len(a) < 3 or (a[:3] in grams and a[-3:] in grams)) and a in lowered]


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
        # Terms by the piece of text each needs: a text is searched once per distinct piece, not per term.
        self._terms_by_anchor: dict[str, list[Term]] = {}
        for term in self._terms:
            self._terms_by_anchor.setdefault(term.anchor, []).append(term)
        self._kept = _maskers(kept)
        self._allowed_maskers: list[tuple[str, Search]] | None = None
        self._ner_cache: dict[str, list[Any]] = {}
        #: Signals the engine does not share (see :mod:`.second_opinion`); its single words are listed in
        #: ``unexplained``, its full names are leaks.
        self.second_opinion: SecondOpinion | None = None
        self.unexplained: list[Unexplained] = []
        #: (word, context fingerprint) the reviewer marked "not a name" (word_names.not_a_name_keys), and where
        #: the gate met them this run.
        self.not_names: set[tuple[str, str]] = set()
        self.not_names_honoured: list[tuple[str, str]] = []
        self.titles: dict[str, str] = {}  # file as reported -> the title it gives itself (places.py)
        self._unexplained_seen: set[tuple[str, int, int]] = set()
        self._second_looks: dict[tuple[str, str, str], list[Unexplained]] = {}

    def allow(self, labels: Iterable[str]) -> None:
        """Also accept these labels (pseudonyms the engine made up, such as "Person 3") as NER hits."""
        self._allowed |= {fold(label).casefold() for label in labels if label}
        self._allowed_maskers = None
        self._second_looks.clear()  # it reads the text with the allowed labels blanked

    # -- terms ----------------------------------------------------------
    def _compile_terms(self, common_words: set[str]) -> list[Term]:
        terms: list[Term] = []
        seen: set[tuple[str, str, int]] = set()

        def add(core: str, entity: str, pseudonym: str, flags: int, written: str = "", word_like: bool = False) -> None:
            key = (core, pseudonym, flags)
            if core and key not in seen:
                seen.add(key)
                chunks = re.findall(r"[^\W_]+", fold(written).casefold()) if written else []
                anchor = max(chunks, key=len) if chunks else ""
                terms.append(Term(bounded_search(core, flags), entity, pseudonym, anchor, word_like))

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
                elif " " not in folded and (folded.casefold() in common_words
                                            or (self.is_word is not None and self.is_word(folded))):
                    # A name that is also a word: only as a name (Grace, GRACE).
                    add(re.escape(folded), "PERSON", person.pseudonym, 0, folded, word_like=True)
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
            for place in person.places:  # as written or in capitals: "Reading" the town, not "reading"
                add(_flexible(place), "LOCATION", person.pseudonym, 0, place)
                add(_flexible(place.upper()), "LOCATION", person.pseudonym, 0, place)
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
        spots: list[tuple[int, int, int]] = []  # (hit, start, end): where a person finds it (places.py)

        def record(offset: int, entity: str, pseudonym: str, detector: str, end: int = -1) -> None:
            location = unit.where(offset)
            key = (location, entity, pseudonym)
            if key not in seen:
                seen.add(key)
                spots.append((len(hits), offset, max(end, offset + 1)))
                hits.append(LeakHit(unit.file, location, entity, pseudonym, detector))

        text = self._mask_kept(fold(unit.text))
        lowered = text.casefold()
        candidates = [term for anchor in _anchors_in(lowered, self._terms_by_anchor) for term in self._terms_by_anchor[anchor]]
        lower = same_length_lower(text)
        # A word-like name ("Dean", "Con") is read as the engine reads it: a name, the word, or to confirm.
        found = [(m.start(), m.end(), term, judge(text, m.start(), m.end()) if term.word_like else NAME)
                 for term in candidates for m in term.search.finditer(text, lower)
                 if not (term.word_like and _opens_as_the_word(text, m.start(), m.end()))]
        # A full name covers its parts: "Desmond Quillfeather" is the son, not also his mother's surname.
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        covered_to, last = -1, (-1, -1)
        for start, end, term, verdict in found:
            if end <= covered_to and (start, end) != last:
                continue
            covered_to, last = max(covered_to, end), (start, end)
            if verdict == WORD:
                continue
            if verdict == TO_CONFIRM:
                hit = confirm_hit(unit, text, start, end, term.entity_type, term.pseudonym, self.not_names,
                                  self.not_names_honoured)
                if hit is not None and hit not in hits:
                    spots.append((len(hits), start, end))
                    hits.append(hit)
                continue
            record(start, term.entity_type, term.pseudonym, "case", end)  # a shared surname: each owner
        masked = [(f[0], f[1]) for f in found]
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
                    masked.append((start, offset + span.end))
                    if self._is_ner_leak(span):
                        pseudonym = self._pseudonym_of(getattr(span, "person_id", None)) or "an unlisted person"
                        record(offset + span.start, span.entity_type, pseudonym, "ner", offset + span.end)
        for found in self.second_look(unit):
            masked.append((found.offset, found.offset + found.end - found.start))
            if found.full_name:
                record(found.offset, "PERSON", "an unlisted person (a full name nothing accounts for)", "second opinion",
                       found.offset + found.end - found.start)
        if unit.location != "file name":
            title = self.titles.get(unit.file, "")
            for index, start, end in spots:
                hits[index] = replace(hits[index], found_at=where_to_find(
                    unit, start, end, masked, title,
                    self.second_opinion.maybe_names if self.second_opinion is not None else None))
        return hits

    def second_look(self, unit: Unit) -> list[Unexplained]:
        """The second opinion on a document's prose (reports and data files hold no prose of their own)."""
        if self.second_opinion is None or not unit.ner or not unit.file.split(" (")[0].lower().endswith(_DOCUMENTS):
            return []
        for item in (found := self._second_find(unit)):
            key = (item.file, item.offset, item.end)
            if key not in self._unexplained_seen:
                self._unexplained_seen.add(key)
                self.unexplained.append(item)
        return found

    def _second_find(self, unit: Unit) -> list[Unexplained]:
        # The pack asks first for the redaction report, then the gate's scan asks again of the same unit.
        asked = (unit.file, unit.location, unit.text)
        found = self._second_looks.get(asked)
        if found is None:
            assert self.second_opinion is not None
            found = self._second_looks[asked] = self.second_opinion.find(
                unit, self._mask_allowed(self._mask_kept(fold(unit.text))))
        return found

    def read_ahead(self, unit: Unit) -> None:
        """Do the slow reading of ``unit`` (its NER rescan, its second opinion) now and remember it, so the
        check proper, which still looks at every unit, finds it done (a pack does this while LibreOffice
        makes the PDFs). Nothing is reported from here."""
        if unit.ner and self.detector is not None:
            self._detect([text for _, text in unit.pieces()])
        if self.second_opinion is not None and unit.ner and unit.file.split(" (")[0].lower().endswith(_DOCUMENTS):
            self._second_find(unit)

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
                   ner_read_elsewhere: Collection[str] = (), label: str = "",
                   terms_only: Collection[str] = (), list_to_confirm: bool = False) -> LeakReport:
        """Scan each file (named relative to ``root`` when given). Unreadable files raise InputFormatError.

        ``ner_read_elsewhere`` names PDFs whose page text the NER rescan has
        read in its Word form already (paragraph by paragraph, as the engine
        redacted it): their pages get every term check but no second NER
        pass, which on a PDF's broken lines mostly finds table cells and
        headings run together. ``label`` is added to each file's name in the
        report (e.g. "(Word source of the family copy)"). ``terms_only`` names files that get the term
        checks alone: the redaction report lists unexplained words, which NER would take for leaks.
        ``list_to_confirm`` (`scrdocs scan`) lists single unexplained words in the report; a pack lists them
        in its redaction report instead.
        """
        report = LeakReport()
        for path in paths:
            name = path.relative_to(root).as_posix() if root is not None else str(path)
            shown = f"{name} {label}".strip()
            report.files.append(shown)
            self.titles[shown] = document_title(path)
            # A file name can name someone too ("IMR Marjorie Smith.docx").
            base = name if root is not None else path.name
            report.hits.extend(self.scan_unit(Unit(shown, "file name", base, ner=False)))
            # A part the gate cannot read is a finding of its own, reported with the rest.
            pages_for_terms = name in ner_read_elsewhere or name in terms_only
            for unit in file_units(path, shown, findings=report.hits, pages_for_terms=pages_for_terms):
                if name in ner_read_elsewhere and unit.location.startswith("page "):
                    unit.ner = False  # its bookmarks and metadata are the PDF's own, and still read
                if name in terms_only:
                    unit.ner = False
                report.hits.extend(self.scan_unit(unit))
                if list_to_confirm:
                    report.to_confirm += self._to_confirm(unit)
        return report

    def _to_confirm(self, unit: Unit) -> list[str]:
        """Where the second opinion found a single unexplained word (a first name alone): listed, not failed."""
        hide = self.second_opinion.maybe_names if self.second_opinion is not None else None
        out, found = [], self.second_look(unit)
        spans = [(u.offset, u.offset + u.end - u.start) for u in found]
        for u in found:
            if not u.full_name:
                where = where_to_find(unit, u.offset, u.offset + u.end - u.start, spans, self.titles.get(unit.file, ""), hide)
                out.append(f"{u.file}, {u.location}" + (f"; {where}" if where else ""))
        return out

    def scan_folder(self, folder: Path, *, ner_read_elsewhere: Collection[str] = (),
                    terms_only: Collection[str] = ()) -> LeakReport:
        """Scan every file under ``folder`` (the pack), recursively."""
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        return self.scan_files(files, root=folder, ner_read_elsewhere=ner_read_elsewhere, terms_only=terms_only)


#: "Will the panel note", "Will she cope?", "Hope it helps", "Mark the chart": a name that is also a word,
#: opening a sentence before one of these, is the word (the engine reads it so too).
_WORD_OPENING_BEFORE = {"the", "a", "an", "this", "these", "those", "it", "its", "that", "you", "we", "they", "she",
                        "he", "i", "there", "all", "any", "each", "every", "some", "your", "our", "everyone",
                        "anyone", "someone", "staff", "be", "not", "need", "have"}
_OPENING = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|\|\s*)$")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _opens_as_the_word(text: str, start: int, end: int) -> bool:
    if not _OPENING.search(text[max(0, start - 3):start]):
        return False
    following = _NEXT_WORD.match(text, end)
    return bool(following) and following.group(1) in _WORD_OPENING_BEFORE
