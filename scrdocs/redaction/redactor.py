"""The redaction engine: one :class:`Redactor` per run, shared by every document.

Three layers find what identifies people (case file, NER, patterns), the
allow-list of *people* decides what is kept, overlapping hits are merged
(failing closed), and each span gets its replacement: the person's
pseudonym, "Person N" for people only NER found, or a readable tag.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from pathlib import Path

from ..case.model import Case
from ..case.pseudonyms import case_pseudonyms
from ..settings import spacy_model
from . import audit as audit_mod
from . import key as key_mod
from .allow_list import AllowList, Owner
from .case_matcher import CaseMatcher, date_patterns, digits_pattern, flexible_literal
from .lexicon import lexicon
from .name_variants import TOKEN_RE, display_variants, initials, normalise, tokens, written_variants
from .operators import replacement_for
from .profiles import Profile, load_profile
from .pseudonymise import NerPeople, fit_case
from .readable import fit_to_context
from .recognizers import build_recognizers
from .resolve import attach_ner, merge
from .spans import Candidate, Decision, Span

_PANEL_ROLES = (("board_chair", "board chair"), ("panel_chair", "panel chair"), ("author", "overview author"))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s()\-]{9,}$")
_NINO = re.compile(r"^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$", re.I)
_TRAILING_POSTCODE = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\s*$", re.I)
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)


class Redactor:
    """Finds and replaces what identifies people, consistently across a run.

    ``case`` needs only review, panel and people. ``profile`` is "publication",
    "regulator", "internal" or the path of a board's profile YAML.
    """

    def __init__(self, case: Case, profile: str | Path | Profile = "publication", *,
                 model: str | None = None, salt: bytes | str | None = None):
        self.case = case
        self.profile = load_profile(profile)
        self.model_name = model or spacy_model()
        if isinstance(salt, str):
            salt = salt.encode("utf-8")
        self.salt: bytes = salt or os.urandom(32)
        self._lex = lexicon()
        self._recognizers = build_recognizers()
        self._ner = None
        if self.profile.ner:
            from .ner import NerDetector  # loads the model now: a missing model fails before any work

            self._ner = NerDetector(self.model_name)
        self._owners: list[Owner] = []
        self._matcher = CaseMatcher()
        self._build_people()
        self._allow = AllowList(self._owners)
        titles = {normalise(t) for t in self._lex.titles} | {normalise(f) for forms in self._lex.honorifics.values() for f in forms}
        self._ner_people = NerPeople(titles)
        self._titles = titles
        self._pseudonym_words = {tokens(o.pseudonym) for o in self._owners if o.pseudonym}
        self._pseudonym_words.add(tokens(case.review.title))
        # text that is already anonymous ("Adult K", "SW1", "Person 3"): NER hits on it are cut away, never reported
        self._safe = CaseMatcher()
        for words in self._pseudonym_words:
            if words:
                self._safe.add_name("safe", " ".join(words), "ORGANIZATION")

        self._kept_places = {tokens(p) for p in self._lex.keep_places}
        self._ner_ignore = {tokens(w) for w in self._lex.ner_ignore}
        self._setting_cues = self._cue_phrases()
        self._common = self._ner.dictionary_words() if self._ner else frozenset()
        self._matcher.common_words = self._common
        self._pseudonym_tokens = {t for p in self._pseudonym_words for t in p}
        # distinctive words of kept organisations' names ("Westmarsh" in "Westmarsh Safeguarding Adults Board")
        self._org_tokens = {t for o in self._owners if o.kind == "organisation" for t in tokens(o.name)
                            if len(t) > 3 and t not in _ORG_WORDS and t not in self._lex.ner_ignore
                            and not self._is_word(t)}
        # towns and villages in the case's own addresses ("Eastbrook"): places, whatever NER takes them for
        # ("Glasgow G3 8QT" gives "Glasgow": the postcode goes, the town is still a town)
        self._case_places = {tokens(part) for o in self._owners for part in
                             (_TRAILING_POSTCODE.sub("", p) for p in re.split(r"[,\n]", o.address or ""))
                             if part.strip() and not any(ch.isdigit() for ch in part)}
        self.audit: list[Decision] = []
        self._key: dict[str, str] = {}

    # -- the people and organisations the case file names ----------------------
    def _build_people(self) -> None:
        case, profile = self.case, self.profile
        children = case.review.is_childrens_review
        pseudonyms = case_pseudonyms(case)
        order = 0
        for person in case.people:
            order += 1
            owner = Owner(person.id, person.name, not profile.remove_case_people, pseudonyms.get(person.id),
                          "person", role=person.role.value, aliases=list(person.aliases), order=order,
                          sex=person.sex.value,
                          extra_titles=("Dr", "Doctor") if person.role.value == "practitioner" else (),
                          dob=person.dob, address=person.address, nhs_number=person.nhs_number,
                          identifiers=list(person.identifiers))
            self._add_person(owner)
            self._add_identifiers(owner)
        for attr, label in _PANEL_ROLES:
            member = getattr(case.panel, attr)
            order += 1
            kept = profile.keeps_panel_role(attr, children)
            self._add_person(Owner(f"panel:{attr}", member.name, kept, label.capitalize() if not kept else None,
                                   "panel", role=label, aliases=list(member.aliases), order=order))
        for i, member in enumerate(case.panel.members, 1):
            order += 1
            kept = profile.keeps_panel_role("members", children)
            self._add_person(Owner(f"panel:member:{i}", member.name, kept, None if kept else f"Panel member {i}",
                                   "panel", role="panel member", aliases=list(member.aliases), order=order))
        self._add_signatories(order)
        organisations = [case.review.board] + list(self._lex.keep_organisations)
        for agency in case.agencies:
            organisations += [agency.name] + ([agency.short_name] if agency.short_name else [])
        for member in [case.panel.board_chair, case.panel.panel_chair, case.panel.author, *case.panel.members]:
            if member.organisation:
                organisations.append(member.organisation)
        for i, name in enumerate(dict.fromkeys(organisations)):
            owner = Owner(f"org:{i}", name, True, None, "organisation", order=10_000 + i)
            self._owners.append(owner)
            self._matcher.add_name(owner.id, name, "ORGANIZATION")
        forbidden = set(self._lex.not_initials) | {a.short_name for a in case.agencies if a.short_name}
        forbidden |= {o.pseudonym.upper() for o in self._owners if o.pseudonym}
        self._matcher.drop_initials(forbidden)

    def _add_signatories(self, order: int) -> None:
        """IMR authors, signing officers and lead contacts are professionals: removed like the case's people."""
        known = {normalise(" ".join(tokens(o.name))) for o in self._owners}
        for agency in self.case.agencies:
            label = agency.short_name or agency.name
            found = [("imr_author", agency.imr_author, f"IMR author ({label})"),
                     ("sign_off", agency.sign_off, f"Senior officer ({label})")]
            if agency.imr and agency.imr.lead_contact:
                found.append(("lead_contact", agency.imr.lead_contact, f"Lead contact ({label})"))
            for role, who, pseudonym in found:
                if who is None or normalise(" ".join(tokens(who.name))) in known:
                    continue  # already a case person: one person, one pseudonym
                known.add(normalise(" ".join(tokens(who.name))))
                order += 1
                owner = Owner(f"agency:{agency.id}:{role}", who.name, not self.profile.remove_case_people, pseudonym,
                              "person", role=pseudonym, order=order,
                              identifiers=[v for v in (getattr(who, "phone", None), getattr(who, "email", None)) if v],
                              address=getattr(who, "address", None))
                self._add_person(owner)
                if self.profile.remove_case_people:
                    self._add_identifiers(owner)

    def _add_person(self, owner: Owner) -> None:
        self._owners.append(owner)
        for i, name in enumerate([owner.name, *owner.aliases]):
            self._matcher.add_name(owner.id, name, explicit=True)
            for written in written_variants(name, alias=i > 0, sex=owner.sex, extra_titles=owner.extra_titles):
                self._matcher.add_name(owner.id, written)
            for letters in initials(name) if i == 0 else ():
                self._matcher.add_initials(owner.id, letters)

    def _add_identifiers(self, person: Owner) -> None:
        if person.address:
            self._matcher.add_identifier(person.id, flexible_literal(person.address), "STREET_ADDRESS")
            for part in re.split(r"[,\n]", person.address):
                part = part.strip()
                if not part:
                    continue
                if _POSTCODE.match(part):
                    self._matcher.add_identifier(person.id, flexible_literal(part), "UK_POSTCODE")
                elif any(c.isdigit() for c in part) or len(part.split()) > 1:
                    self._matcher.add_identifier(person.id, flexible_literal(part), "STREET_ADDRESS")
        if person.nhs_number:
            self._matcher.add_identifier(person.id, digits_pattern(person.nhs_number), "NHS_NUMBER")
        for ident in person.identifiers:
            ident = ident.strip()
            if not ident:
                continue
            if _EMAIL.match(ident):
                kind, rx = "EMAIL_ADDRESS", re.escape(ident)
            elif _NINO.match(ident):
                kind, rx = "UK_NINO", flexible_literal(ident)
            elif _POSTCODE.match(ident):
                kind, rx = "UK_POSTCODE", flexible_literal(ident)
            elif _PHONE.match(ident):
                digits = "".join(c for c in ident if c.isdigit())
                kind, rx = "PHONE_NUMBER", digits_pattern(digits)
                if digits.startswith("0"):
                    rx = rf"(?:{rx}|\+44\s?(?:\(0\)\s?)?{digits_pattern(digits[1:])})"
            else:
                kind, rx = "CASE_REFERENCE", flexible_literal(ident)
            self._matcher.add_identifier(person.id, rx, kind)
        if person.dob:
            self._matcher.add_identifier(person.id, date_patterns(person.dob), "DATE_OF_BIRTH")

    def _cue_phrases(self) -> set[tuple[str, ...]]:
        cues = set()
        for section in ("after_name", "lowercase_after_name"):
            for group in self._lex.settings.get(section, {}).values():
                cues |= {tokens(c) for c in group["cues"]}
        return cues

    def _is_word(self, norm: str) -> bool:
        if norm in self._common or norm in self._lex.also_words:
            return True
        for suffix in ("s", "es", "ed", "d", "ing", "ly"):
            if norm.endswith(suffix) and norm[:-len(suffix)] in self._common:
                return True
        return False

    # -- public API --------------------------------------------------------------
    def detect(self, text: str, *, document: str = "<text>") -> list[Span]:
        """Every span found in ``text``: removed ones with their replacement, kept people and agencies too."""
        return self.detect_many([text], document=document)[0]

    def detect_many(self, texts: list[str], *, document: str = "<text>") -> list[list[Span]]:
        """:meth:`detect` for many texts, with the NER model run over them in batches."""
        ner_hits = self._ner.find_many(texts) if self._ner else [[] for _ in texts]
        # who was named last carries over from one paragraph or table cell to the next, so a bare "Mr Marlow"
        # shared by two people goes to the one the document has just been talking about
        recent: dict[str, int] = {}
        out, offset = [], 0
        for t, hits in zip(texts, ner_hits):
            out.append(self._spans(t, hits, recent, offset))
            offset += len(t) + 1
        return out

    def redact_text(self, text: str, *, document: str = "<text>") -> str:
        spans = self.detect(text, document=document)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.record(spans, document, lambda s: f"line {bisect_left(line_starts, s.start + 1)}")
        return apply_spans(text, spans)

    def redact_texts(self, texts: list[str], *, document: str, locations: list[str]) -> list[str]:
        """Redact many pieces of one document (paragraphs, pages), auditing each at its location."""
        out = []
        for text, spans, location in zip(texts, self.detect_many(texts, document=document), locations):
            self.record(spans, document, lambda s, loc=location: loc)
            out.append(apply_spans(text, spans))
        return out

    def redact_file(self, src: Path, dest: Path):
        from .formats import redact_file

        return redact_file(self, Path(src), Path(dest))

    def sensitive_people(self) -> list[Owner]:
        """People who must not appear in this profile's copies, each with ``variants`` (every written form)."""
        people = []
        for owner in self._owners:
            if owner.kind == "organisation" or owner.kept:
                continue
            owner.variants = self.name_variants(owner.id)  # type: ignore[attr-defined]
            people.append(owner)
        return people

    def name_variants(self, person_id: str) -> list[str]:
        owner = self._allow.owners.get(person_id)
        if owner is None or owner.kind == "organisation":
            raise KeyError(person_id)
        return display_variants(owner.name, owner.aliases, owner.sex, owner.extra_titles)

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is an ordinary English word (the model's WordNet tables and names.yaml's also_words)."""
        return self._is_word(normalise(word))

    def pseudonyms(self) -> set[str]:
        return {o.pseudonym for o in self._owners if o.pseudonym} | {f"{self._ner_people.prefix} {n}" for n in self._ner_people.surface}

    def key(self) -> dict[str, str]:
        """Pseudonym -> real name for everyone replaced so far in this run (and every case person)."""
        mapping = {o.pseudonym: o.name for o in self._owners if o.pseudonym and not o.kept}
        mapping.update(self._key)
        return mapping

    def write_key(self, path: Path, *, out_dir: Path | None = None) -> None:
        key_mod.check_key_path(Path(path), out_dir)
        key_mod.write_key(self.key(), self.salt, Path(path), review=self.case.review.reference, profile=self.profile.name)

    def write_audit(self, path: Path) -> None:
        audit_mod.write_audit(self.audit, Path(path))

    @property
    def model_version(self) -> str | None:
        return self._ner.model_version if self._ner else None

    # -- the work ----------------------------------------------------------------
    def record(self, spans: list[Span], document: str, where) -> None:
        for s in spans:
            reason = getattr(s, "_reason", "")
            self.audit.append(Decision(document, where(s), s.entity_type, s.detector, s.score, s.action,
                                       s.replacement if s.action == "remove" else None,
                                       audit_mod.text_hash(self.salt, s.text), reason))

    def _spans(self, text: str, ner_hits: list[Candidate], recent: dict[str, int] | None = None,
               offset: int = 0) -> list[Span]:
        case_hits = self._matcher.find(text)
        self._decide_case(case_hits, {} if recent is None else recent, offset)
        keeps = [c for c in case_hits if c.action == "keep"]
        org_keeps = [c for c in keeps if c.entity_type == "ORGANIZATION"]
        case_hits = [c for c in case_hits if not ("initials" in c.reason and
                                                  any(k.start < c.end and k.end > c.start for k in org_keeps))]
        for c in case_hits:
            if c.action == "remove" and c.entity_type == "PERSON":
                m = _TITLE_BEFORE.search(text, max(0, c.start - 12), c.start)
                if m and m.end() == c.start and normalise(m.group(1)) in self._titles | _RANKS \
                        and (m.group(1)[:1].isupper() or normalise(m.group(1)) not in _KIN_TITLES):
                    c.start = m.start(1)  # "Dr Qureshi", "dr qureshi", "Sister Tan"; never "his sister Grace"
        pattern_hits = self._patterns(text, keeps)
        titled = [c for c in pattern_hits if c.detector == "pattern:titled_person"]
        pattern_hits = [c for c in pattern_hits if c.detector != "pattern:titled_person"]
        fixed = case_hits + pattern_hits
        already_anonymous = [Candidate(c.start, c.end, "ORGANIZATION", "safe", 1.0, "keep") for c in self._safe.find(text)] + [
            Candidate(m.start(), m.end(), "ORGANIZATION", "safe", 1.0, "keep") for m in _NUMBERED_PSEUDONYM.finditer(text)]
        ner_hits = [c for c in ner_hits if c.entity_type != "PERSON" or self._trim_ner_person(text, c)]
        ner_hits = self._filter_ner(text, attach_ner(text, ner_hits + titled, fixed + already_anonymous, self._name_like))
        ner_hits += self._later_mentions(text, fixed + ner_hits)
        spans = _join_same_person(text, [self._finish(text, c) for c in merge(fixed + ner_hits)])
        return fit_to_context(text, spans, self._case_pseudonym, self._lex.relationship_words)

    def _case_pseudonym(self, span: Span) -> str | None:
        """The pseudonym a case or panel person's span was replaced by (None for tags, "family", NER people)."""
        owner = self._allow.owners.get(span.person_id) if span.person_id else None
        if owner is None or not owner.pseudonym or span.replacement is None:
            return None
        return owner.pseudonym if span.replacement.casefold() == owner.pseudonym.casefold() else None

    def _decide_case(self, hits: list[Candidate], recent: dict[str, int], offset: int = 0) -> None:
        for c in hits:
            if c.entity_type != "PERSON" and c.person_id:
                continue  # an identifier from the case file: already owned
            explicit = tuple(c.key[9:].split("|")) if c.key and c.key.startswith("explicit:") else ()
            verdict = self._allow.decide(c.owners, recent, explicit)
            if verdict.action == "keep" and "name continues" in c.flags:
                # "Jane Smith" when only the chair Jane Hollis is known: somebody else, so not kept
                c.action, c.person_id, c.detector, c.score = "remove", None, "ner", 0.9
                c.reason = "a kept person's first name with another surname"
                continue
            c.action = verdict.action
            c.person_id = verdict.owner.id if verdict.owner and verdict.owner.kind != "organisation" else None
            c.reason = verdict.reason if not c.reason else f"{c.reason}; {verdict.reason}"
            if verdict.ambiguous:
                c.flags.add("ambiguous")
            elif c.person_id:
                recent[c.person_id] = offset + c.start

    def _patterns(self, text: str, keeps: list[Candidate]) -> list[Candidate]:
        keep_index = _index((k.start, k.end) for k in keeps)
        out = []
        for recognizer in self._recognizers:
            for r in recognizer.find(text):
                if r.score < self.profile.min_score:
                    continue
                meta = r.recognition_metadata or {}
                cand = Candidate(r.start, r.end, r.entity_type, f"pattern:{recognizer.name}", round(float(r.score), 2),
                                 "remove", tag=meta.get("tag"))
                if recognizer.name == "setting":
                    if _overlaps(keep_index, cand.start, cand.end):
                        continue  # part of an agency's or kept person's name
                    found = tokens(text[cand.start:cand.end])
                    if found in self._kept_places or (found and all(t in self._org_tokens for t in found)):
                        continue  # "lived in Northshire": the board's own area, named in a kept agency's name
                out.append(cand)
        return out

    def _filter_ner(self, text: str, hits: list[Candidate]) -> list[Candidate]:
        out = []
        for c in hits:
            if c.score < self.profile.min_score:
                continue
            surface = text[c.start:c.end]
            key = tokens(surface)
            if not key or key in self._pseudonym_words or key in self._ner_ignore:
                continue
            if c.entity_type == "PERSON" and key[0] in _DETERMINERS and surface[:1].isupper():
                if len(key) == 1 or all(self._is_word(t) for t in key[1:]):
                    continue  # "The Memory Assessment": a name does not start with "The"
                first = TOKEN_RE.search(text, c.start)
                c.start = TOKEN_RE.search(text, first.end()).start()  # "The Kowalskis" -> "Kowalskis"
                surface, key = text[c.start:c.end], key[1:]
            if c.entity_type == "PERSON" and key in self._case_places:
                c.entity_type = "LOCATION"  # "bungalow in Eastbrook": a town from a case address, not "Person 1"
            case_place = c.entity_type == "LOCATION" and key in self._case_places
            if c.entity_type == "PERSON" and not c.detector.startswith("pattern:") and set(key) & self._org_tokens \
                    and all(t in self._org_tokens or (t in self._common and t not in self._lex.also_words) for t in key):
                continue  # "Westmarsh North": the board's or an agency's place name, not a person
            if any(key[:len(p)] == p and len(key) - len(p) <= 1 for p in self._pseudonym_words if p):
                continue  # "Adult A's", "SW1 visited" taken for a name
            titled = c.detector == "pattern:titled_person"
            if c.entity_type in ("PERSON", "ORGANIZATION") and not titled and self._is_vehicle(text, c.start, key):
                continue  # "grey Vauxhall Astra", "Ford Fiesta": a car, not a person
            if "beside an anonymous name" in c.flags and len(key) == 1:
                continue  # NER ran "Genogram" + "Adult K" together: the word beside a pseudonym is not a name
            if not titled and not any(ch.isupper() for ch in surface):
                continue  # NER on lower-case words is mostly noise
            if all(t in self._titles or t in _RANKS for t in key):
                continue  # "DCI" left over from a kept officer's name
            if titled:
                names = [t for t in key if t not in self._titles and t not in _RANKS and not t.isdigit()]
                if names and all(t in _ROLE_WORDS or t in self._lex.ner_ignore for t in names):
                    continue  # "Nurse Practitioner", "Sister Ward"
            if not titled and (any(ch.isdigit() for ch in surface) or (surface.isupper() and len(surface) <= 3)):
                continue  # "Grade 2", "FY2", "DN": not names
            words = [t for t in key if t not in self._titles]
            labels = self._lex.ner_ignore | _ROLE_WORDS | self._lex.also_words
            if not titled and words and c.entity_type in ("PERSON", "LOCATION"):
                if c.entity_type == "LOCATION" and not case_place and all(self._is_word(t) for t in words):
                    continue  # "North Locality", "Elderly"
                if len(words) > 1 and (all(t in labels for t in words) or (
                        c.entity_type == "PERSON" and all(self._is_word(t) for t in words)
                        and not any(t in self._lex.also_words for t in words))):
                    continue  # "Ford Focus", "Training Suite": ordinary words in capitals
                if len(words) == 1:
                    word, at_start = words[0], _starts_sentence(text, c.start)
                    if word in self._lex.also_words and c.entity_type == "PERSON":
                        if at_start and not _NAME_FOLLOWS.match(text, c.end):
                            continue  # "Hope ur ok", but "Pat is driving" is a person
                    elif word in labels or (self._is_word(word) and at_start):
                        continue  # "Tenant said", "Bed call": a capital from where the word stands
            if c.entity_type == "LOCATION" and key in self._kept_places:
                continue
            if c.entity_type == "ORGANIZATION":
                trial = Candidate(c.start, c.end, "PERSON", c.detector, c.score, c.action)
                if self._trim_ner_person(text, trial) and self._looks_like_person(text[trial.start:trial.end],
                                                                               tokens(text[trial.start:trial.end])):
                    # small models often call an unfamiliar name an organisation ("EMT Lauren Fitzgerald")
                    c.entity_type, c.start, c.end = "PERSON", trial.start, trial.end
                    c.flags.add("name taken for an organisation")
                    surface, key = text[c.start:c.end], tokens(text[c.start:c.end])
            if c.entity_type == "ORGANIZATION" and len(key) == 1 and surface[:1].isupper() and not surface.isupper() \
                    and not self._is_word(key[0]) and key[0] not in self._org_tokens and key[0] not in _ORG_WORDS \
                    and _PERSON_FOLLOWS.match(text, c.end):
                c.entity_type = "PERSON"  # "(Kirsty on the front desk)", "Kirsty said"
                c.flags.add("name taken for an organisation")
            if c.entity_type == "LOCATION" and key and all(t in self._org_tokens for t in key):
                continue  # "Dunmoor": the board's own area, named in a kept agency's name
            if titled and surface[:1].islower():
                name_part = key[-1] if key else ""
                if name_part in _FUNCTION_WORDS or name_part in self._pseudonym_tokens:
                    continue  # "ms teams", "dr said"
            if c.entity_type == "ORGANIZATION":
                # a setting is a name and then its cue ("Linnet Ward"); a cue that comes first is a role
                # or a kind of place ("Ward Sister", "School of Nursing"), not somewhere one can point to
                if len(key) < 2 or not any(key[i:i + len(cue)] == cue for cue in self._setting_cues for i in range(1, len(key))):
                    continue  # "the Trust", "NICE": organisations stay unless they look like a small setting
                c.tag = "[setting]"
            if c.entity_type == "PERSON":
                c.key = " ".join(key)
            out.append(c)
        return out

    def _is_vehicle(self, text: str, start: int, key: tuple[str, ...]) -> bool:
        """Only makes and models, with a make in it or just before it ("Vauxhall Astra", "Ford" + "Fiesta")."""
        makes, models = self._lex.vehicle_makes, self._lex.vehicle_models
        if not key or not all(t in makes or t in models for t in key):
            return False
        before = re.search(r"([^\W_]+)[ \t]+$", text[max(0, start - 20):start])
        return any(t in makes for t in key) and len(key) > 1 or bool(before and normalise(before.group(1)) in makes)

    def _name_like(self, piece: str) -> bool:
        words = piece.split()
        return bool(words) and all(w[:1].isupper() and not any(ch.isdigit() for ch in w) for w in words) \
            and not any(normalise(w.strip(".,;:'’")) in _ROLE_WORDS | self._lex.ner_ignore for w in words)

    def _trim_ner_person(self, text: str, c: Candidate) -> bool:
        """Cut role words and labels off an NER name ("Neighbour Brenda", "Joanna K. Bed", "Eze\nNext"); False if nothing is left."""
        toks = [(m.start() + c.start, m.end() + c.start, normalise(m.group())) for m in TOKEN_RE.finditer(text[c.start:c.end])]
        label = self._lex.ner_ignore | _ROLE_WORDS
        while len(toks) > 1 and (toks[0][2] in label or toks[0][2] in _RANKS or
                                 (text[toks[0][0]:toks[0][1]].isupper() and len(toks[0][2]) <= 4)):
            toks.pop(0)  # "Neighbour Brenda", "EMT Lauren Fitzgerald"
        while len(toks) > 1 and (toks[-1][2] in label or
                                 ("\n" in text[toks[-2][1]:toks[-1][0]] and self._is_word(toks[-1][2]))):
            toks.pop()
        if not toks:
            return False
        c.start = toks[0][0]
        end = toks[-1][1]
        if text[end:end + 1] == "." and len(toks[-1][2]) == 1:
            end += 1  # "Joanna K."
        c.end = end
        return True

    def _looks_like_person(self, surface: str, key: tuple[str, ...]) -> bool:
        words = surface.split()
        if not 2 <= len(words) <= 3 or any(ch.isdigit() for ch in surface):
            return False
        if not all(w[:1].isupper() and not w.isupper() for w in words):
            return False
        if any(t in _ORG_WORDS or t in self._lex.ner_ignore or t in self._org_tokens for t in key):
            return False
        if key and key[0] in _DETERMINERS:
            return False  # "The Memory Assessment (Service)": a name does not start with "The"
        return not all(self._is_word(normalise(w.strip(",.;:"))) for w in words)

    def _later_mentions(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Name parts of people NER found (in this or an earlier text) wherever NER missed them."""
        for c in found:
            if c.detector in ("ner", "pattern:titled_person") and c.entity_type == "PERSON":
                self._ner_people.number(text[c.start:c.end])
        known = self._ner_people.known_tokens()
        if not known:
            return []
        out = []
        covered = _index((c.start, c.end) for c in found)
        for m in TOKEN_RE.finditer(text):
            raw = m.group()
            if not raw[0].isupper():
                continue
            norm = normalise(raw)
            if norm.endswith("s") and norm not in known and norm[:-1] in known and re.search(r"['’]s$", raw):
                norm, end = norm[:-1], m.end() - 2
            else:
                end = m.end()
            if norm not in known or norm in self._lex.also_words or len(known[norm]) != 1 or norm in self._org_tokens:
                continue
            if norm in _FUNCTION_WORDS or norm in _DETERMINERS or self._is_word(norm):
                continue  # a bare word ("The", "Memory") is not taken for a person NER found once
            if _overlaps(covered, m.start(), end):
                continue
            out.append(Candidate(m.start(), end, "PERSON", "ner", 0.6, "remove", reason="earlier mention",
                                 key=norm))
        initials = self._ner_people.initials()
        for m in _DOTTED_INITIALS.finditer(text):
            letters = m.group().replace(".", "").replace(" ", "")
            number = initials.get(letters)
            if number is None or letters in self._lex.not_initials:
                continue
            if _overlaps(covered, m.start(), m.end()):
                continue
            c = Candidate(m.start(), m.end(), "PERSON", "ner", 0.6, "remove", reason="initials of a person NER found")
            c.key = f"#{number}"
            out.append(c)
        return out

    def _finish(self, text: str, c: Candidate) -> Span:
        surface = text[c.start:c.end]
        replacement = None
        if c.action == "remove" and "plural" in c.flags:
            # "the Marlows" / "the Marlows' house": the family, not one person's pseudonym
            if text[c.end:c.end + 1] in ("'", "’"):
                c.end += 1
                surface = text[c.start:c.end]
            word = "family's" if surface[-1:] in ("'", "’") else "family"
            replacement = fit_case(word, surface, text, c.start)
            span = Span(c.start, c.end, surface, c.entity_type, c.detector, c.score, c.action, replacement, c.person_id)
            object.__setattr__(span, "_reason", c.reason + "; family name")
            return span
        if c.action == "remove":
            pseudonym = None
            if c.entity_type == "PERSON":
                owner = self._allow.owners.get(c.person_id) if c.person_id else None
                if owner is not None:
                    pseudonym = owner.pseudonym
                elif c.detector == "ner" and c.key and c.key.startswith("#"):
                    pseudonym = f"{self._ner_people.prefix} {c.key[1:]}"
                elif c.detector in ("ner", "pattern:titled_person"):
                    pseudonym = self._ner_people.label(surface)
                    self._key.setdefault(pseudonym, self._ner_people.surface[self._ner_people.number(surface)])
            replacement = replacement_for(self.profile, c.entity_type, pseudonym=pseudonym, tag=c.tag)
            if replacement is None:
                c.action = "keep"
            else:
                replacement = fit_case(replacement, surface, text, c.start)
        span = Span(c.start, c.end, surface, c.entity_type, c.detector, c.score, c.action, replacement,
                    c.person_id)
        reason = c.reason + ("; " if c.reason and c.flags else "") + ", ".join(sorted(c.flags))
        object.__setattr__(span, "_reason", reason)
        return span


_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\w])")
_NAME_FOLLOWS = re.compile(r"['’]s\b|\s+(?:is|was|said|says|has|had|told|rang|called|asked|and|came|went|will|would)\b")
_NUMBERED_PSEUDONYM = re.compile(r"(?<![\w])(?:Person|Panel member|PERSON|PANEL MEMBER)\s+\d+(?![\w])")
_TITLE_BEFORE = re.compile(r"(?<![\w])([A-Za-z]{2,10})\.?[ \t]+(?:\d{3,5}[ \t]+)?$")
_PERSON_FOLLOWS = re.compile(r"\s+(?:is|was|said|says|told|rang|called|asked|came|went|on\s+(?:the\s+)?(?:front\s+)?(?:desk|reception|duty|shift|call|leave|nights))\b")
_RANKS = {"pc", "pcso", "dc", "ds", "di", "dci", "dsi", "sgt", "sergeant", "insp", "inspector", "cllr", "councillor",
          "rev", "revd", "reverend", "father", "fr", "sister", "nurse", "prof", "professor", "dr", "doctor", "sir", "dame",
          "detective", "constable", "chief", "superintendent", "officer"}
_ROLE_WORDS = {"neighbour", "lodger", "tenant", "carer", "friend", "next", "bed", "tea", "lunch", "call", "note", "taker",
               "consultant", "attends", "visited", "named", "mum", "dad", "nan", "nana", "grandad", "uncle", "aunt",
               "auntie", "cousin", "son", "daughter", "brother", "sister", "partner", "husband", "wife", "manager",
               "worker", "officer", "reception", "from", "to", "cc", "re", "dear", "hi", "thanks", "regards",
               "practitioner", "specialist", "lead", "assistant", "associate", "advisor", "adviser", "ward",
               "tenant", "package", "joint", "seen", "enquiry", "contact", "victim", "grade", "sent", "subject",
               "commissioned", "present", "apologies", "action", "actions", "agreed", "outcome", "summary",
               "patient", "paramedic", "emt", "crew", "driver", "client", "service", "user", "resident", "pupil"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its"}
_FUNCTION_WORDS = {"and", "or", "the", "said", "says", "was", "is", "to", "of", "in", "on", "at", "for", "has", "had",
                   "will", "would", "who", "which", "that", "this", "also", "not", "teams", "word", "excel"}
_ORG_WORDS = {"union", "bank", "society", "club", "association", "ltd", "limited", "homecare", "care", "trust", "council", "services", "service", "group", "partnership",
              "associates", "solicitors", "housing", "health", "healthcare", "centre", "center", "team", "unit",
              "police", "hospital", "nhs", "cic", "llp", "plc", "inc", "foundation", "society", "church", "school",
              "academy", "college", "university", "surgery", "practice", "board", "agency", "department", "office"}


_KIN_TITLES = {"sister", "father", "mother", "brother", "nurse"}  # titles only when written with a capital


def _join_same_person(text: str, spans: list[Span]) -> list[Span]:
    """Two removed spans of the same case person with only a space between ("Bridie" + "Doyle"): one span,
    one pseudonym ("Friend", not "Friend Friend")."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and s.action == prev.action == "remove" and s.person_id and s.person_id == prev.person_id \
                and s.entity_type == prev.entity_type == "PERSON" and s.replacement == prev.replacement \
                and text[prev.end:s.start] in (" ", "  ") and not re.match(r"['’]s?$", prev.text[-2:]):
            joined = Span(prev.start, s.end, text[prev.start:s.end], prev.entity_type, prev.detector, prev.score,
                          prev.action, prev.replacement, prev.person_id)
            object.__setattr__(joined, "_reason", getattr(prev, "_reason", "") + "; joined with the next part of the name")
            out[-1] = joined
            continue
        out.append(s)
    return out


def _index(spans) -> tuple[list[int], list[int]]:
    """Sorted starts and the furthest end so far, for :func:`_overlaps`."""
    ordered = sorted(spans)
    furthest, top = [], -1
    for _, end in ordered:
        top = max(top, end)
        furthest.append(top)
    return [s for s, _ in ordered], furthest


def _overlaps(covered: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span: the spans starting before ``end`` (a prefix of the sorted
    starts) overlap it exactly when the furthest of their ends is past ``start``."""
    starts, furthest = covered
    i = bisect_left(starts, end)
    return i > 0 and furthest[i - 1] > start


_LIST_MARKER = re.compile(r"(?:\(?\d+(?:\.\d+)*[.)]?|[•·▪◦*])[ \t]+$")


def _starts_sentence(text: str, start: int) -> bool:
    """Capitalised because of where it stands: line start, after a full stop, a table bar or a colon,
    or after a list number or bullet that itself starts one ("1.1 Dip sample 20 reports")."""
    marker = _LIST_MARKER.search(text, max(0, start - 12), start)
    if marker and marker.start() < start:
        start = marker.start()
    before = text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"(?:^|[.!?|:;(\n\-–]\s*|\n\s*|\t\s*|\s{2,})$", before))


def apply_spans(text: str, spans: list[Span]) -> str:
    out, last = [], 0
    for s in spans:
        if s.action != "remove" or s.replacement is None:
            continue
        out.append(text[last:s.start])
        out.append(s.replacement)
        last = s.end
    out.append(text[last:])
    return "".join(out)
