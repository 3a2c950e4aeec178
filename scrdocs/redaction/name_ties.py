"""Is a bare first name tied to the case person who has it? (issue 11, "never the wrong person")

A case person's first name alone gets their pseudonym only where nothing in
the sentence says it is somebody else. These readings say it is another
person with the same first name, so the mention is removed with a neutral
"[name]" and listed to confirm, never given the case person's pseudonym:

* an introduction: "a worker named Jesse", "a man called Rick", "known only
  as Amanda": nobody introduces a person the report already knows;
* a team or department after the name: "Jesse in the finance team", "Oliver
  from the payroll department" (the organisations in context_cues.yaml's
  works_for are read by the allow-list);
* a job word in apposition before a family member's name: "the nurse, Jesse";
* "from the" and a noun phrase after the name: "Steven from the approved
  premises": someone belonging to that place, whatever it is called;
* a hedged apposition after the name: "Jessica, believed to be an old friend":
  the text itself is unsure who the person is;
* in a message thread ("[12:03] Savannah: ..."): the sender's own first name
  inside their message ("u left with Savannah": people do not write about
  themselves by name, except "its Savannah"), and a first name in a message
  body whose person is not named by any surer form (full name, title and
  surname, alias) in the same text: a thread written in first names cannot
  say which Brandon is meant. A sender label ("22:15 Savannah:", "21/08/2021
  21:30 from jessica:") is the person's only under that same surer form: a
  handset's contact name is whatever its owner typed.

The cue words are data: redaction_rules/name_ties.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import RulesError
from ..resources import data_dir
from .lexicon import _strings, read_rules_file
from .name_signals import speaks_for_organisation
from .name_variants import normalise
from .spans import Candidate, another_person

FIRST_NAME = "first name only"


class _Rules:
    def __init__(self) -> None:
        path = data_dir("redaction_rules") / "name_ties.yaml"
        data = read_rules_file(path)
        for key in ("introductions", "group_links", "groups", "apposition_jobs", "self_introductions", "not_senders",
                    "place_links", "hedges"):
            if not data.get(key):
                raise RulesError(f"In {path}, '{key}' must list at least one word.", hint="Correct the file.")
        self.introductions = re.compile(
            rf"(?<![\w])(?i:{_alt(_strings(data, 'introductions', path))})[ \t]*,?[ \t]*$")
        groups = _alt(_strings(data, "groups", path))
        links = _alt(_strings(data, "group_links", path))
        self.group_after = re.compile(
            rf"[ \t]+(?i:{links})[ \t]+(?:(?i:the|our|my|their|her|his)[ \t]+)?(?:[\w&'’-]+[ \t]+){{0,3}}?(?i:{groups})(?![\w])")
        self.apposition = re.compile(rf"(?<![\w])(?i:the|a|an|our|their|her|his)[ \t]+(?i:{_alt(_strings(data, 'apposition_jobs', path))})"
                                     r"[ \t]*,[ \t]*$")
        self.self_intro = re.compile(rf"(?<![\w])(?i:{_alt(_strings(data, 'self_introductions', path))})[ \t]+$")
        self.from_place = re.compile(rf"[ \t]+(?i:{_alt(_strings(data, 'place_links', path))})[ \t]+[a-z][a-z'’-]+")
        self.hedged = re.compile(rf"[ \t]*,[ \t]*(?i:{_alt(_strings(data, 'hedges', path))})(?![\w])")
        self.labels = frozenset(normalise(w) for w in _strings(data, "not_senders", path))


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


#: "[03/12/2022, 22:15] Savannah: ...", "03/12/2022, 22:15 - Savannah: ...", "22:15 Savannah: ..."
_STAMPED = re.compile(r"^[ \t]*(?:\[[^\]\n]{4,40}\]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*[-–])?|"
                      r"\d{1,2}[:.]\d{2}(?:[ \t]*[-–])?)[ \t]*(?:(?i:from|to)[ \t]+)?(?P<sender>[^\W\d_][\w'’.-]*(?:[ \t][^\W\d_][\w'’.-]*)?)"
                      r"[ \t]*:[ \t]+", re.M)
#: "Savannah: ..." with no time: a thread only when several lines of the text have that shape
_BARE = re.compile(r"^[ \t]*(?P<sender>[^\W\d_][\w'’.-]*)[ \t]*:[ \t]+(?=\S)", re.M)


def chat_lines(text: str) -> list[tuple[int, int, int, str]]:
    """The message lines of a thread in ``text``: (line start, body start, line end, sender)."""
    found = [m for m in _STAMPED.finditer(text)]
    if len(found) < 2:
        bare = [m for m in _BARE.finditer(text) if normalise(m.group("sender")) not in rules().labels]
        found = bare if len(bare) >= 3 and len({normalise(m.group("sender")) for m in bare}) >= 2 else found
    out = []
    for m in found:
        end = text.find("\n", m.end())
        out.append((m.start(), m.end(), len(text) if end == -1 else end, normalise(m.group("sender"))))
    return out


def tie_first_names(text: str, found: list[Candidate]) -> None:
    """Turns every bare first name in ``found`` that is not tied to its case person into a neutral "[name]"."""
    bare = [c for c in found if FIRST_NAME in c.flags and c.owners and c.entity_type == "PERSON" and c.action == "remove"]
    if not bare:
        return
    r = rules()
    lines = chat_lines(text)
    anchored = {o for c in found if c.owners and FIRST_NAME not in c.flags and "another person" not in c.flags
                for o in c.owners}
    for c in bare:
        before = text[max(0, c.start - 60):c.start]
        if r.introductions.search(before):
            another_person(c, "a first name introduced as someone new (\"a worker named ...\"): not tied to the "
                              "case person who shares it")
        elif r.group_after.match(text, c.end):
            another_person(c, "a first name with a team or department: someone there, not tied to the case person "
                              "who shares it")
        elif r.apposition.search(before):
            another_person(c, "a first name after a job word (\"the nurse, ...\"): not tied to the case person "
                              "who shares it")
        elif r.from_place.match(text, c.end) and not speaks_for_organisation(text, c.end):
            # (an organisation in context_cues.yaml's works_for is left to the allow-list, which names a
            # practitioner seen in full nearby for the person confirming)
            another_person(c, "a first name from a place (\"... from the approved premises\"): someone there, not "
                              "tied to the case person who shares it")
        elif r.hedged.match(text, c.end):
            another_person(c, "a first name the text is unsure of (\"..., believed to be\"): not tied to the case "
                              "person who shares it")
        else:
            line = next((ln for ln in lines if ln[0] <= c.start < ln[2]), None)
            if line is None:
                continue
            if c.start < line[1]:  # the sender label
                if not anchored.intersection(c.owners):
                    another_person(c, "a message sender's first name, not tied to one person in the case file")
                continue
            own = normalise(text[c.start:c.end]) == line[3] and not r.self_intro.search(text[max(0, c.start - 20):c.start])
            if own or not anchored.intersection(c.owners):
                another_person(c, "a first name in a message thread, not tied to one person in the case file")
