"""Build the redaction quality corpus from its marked-up sources.

Each source in ``src/`` is a plain document with every span a careful human
redactor would act on written inline as::

    [[surface text|TYPE]]                  an identifier to remove
    [[surface text|TYPE|person_id]]        ... that belongs to a case/panel person
    [[surface text|TYPE|person_id|keep]]   a mention that must survive

TYPE is a short code (P, L, O, NHS, NINO, PC, TEL, EMAIL, DOB, REF, VRM, ADDR)
or the full entity type. The surface may run over a line end. This script
strips the markup and writes ``docs/<name>.txt`` and ``gold.jsonl`` (one JSON
object per span: doc, start, end, text, entity_type, action, person_id), so
offsets are computed, never typed by hand. ``--check`` compares instead of
writing (the test suite runs it) and exits 1 when the outputs are stale.

Run:  python tests/redaction_corpus/build_corpus.py [--check]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The main corpus (a SAR: panel members removed) and a small children's review
#: (a CSPR: panel members' names stay, seed 002 8.43-8.49). Each folder holds
#: case.yaml, src/, docs/ and gold.jsonl.
CORPORA = (HERE, HERE / "cspr")

TYPES = {
    "P": "PERSON", "L": "LOCATION", "O": "ORGANIZATION", "NHS": "NHS_NUMBER",
    "NINO": "UK_NINO", "PC": "UK_POSTCODE", "TEL": "PHONE_NUMBER", "EMAIL": "EMAIL_ADDRESS",
    "DOB": "DATE_OF_BIRTH", "REF": "CASE_REFERENCE", "VRM": "VEHICLE_REGISTRATION",
    "ADDR": "STREET_ADDRESS",
}
ACTIONS = ("remove", "keep")
MARK = re.compile(r"\[\[(?P<body>.+?)\]\]", re.S)


class MarkupError(ValueError):
    pass


def _known_people(folder: Path) -> dict[str, str]:
    """person_id -> the action every mention of that person must carry.

    Panel ids are 'board_chair', 'panel_chair', 'author' and 'member<N>'
    (1-based, in case-file order). Kept panel roles follow the review type:
    members stay only in children's reviews.
    """
    sys.path.insert(0, str(HERE.parents[1]))
    from scrdocs.case.casefile import load_case

    case = load_case(folder / "case.yaml")
    known = {p.id: "remove" for p in case.people}
    known.update(board_chair="keep", panel_chair="keep", author="keep")
    member_action = "keep" if case.review.is_childrens_review else "remove"
    for n, _ in enumerate(case.panel.members, start=1):
        known[f"member{n}"] = member_action
    return known


def parse_source(name: str, marked: str, known: dict[str, str]) -> tuple[str, list[dict]]:
    """Strip the markup from one source; return the plain text and its gold spans."""
    out: list[str] = []
    spans: list[dict] = []
    pos = 0  # position in the plain text
    last = 0  # position in the marked text
    for m in MARK.finditer(marked):
        plain_before = marked[last:m.start()]
        out.append(plain_before)
        pos += len(plain_before)
        parts = m.group("body").split("|")
        where = f"{name}: [[{m.group('body')}]]"
        if not 2 <= len(parts) <= 4:
            raise MarkupError(f"{where}: expected surface|TYPE[|person_id[|keep]]")
        surface, code = parts[0], parts[1]
        person_id = parts[2] if len(parts) > 2 and parts[2] not in ("", "-") else None
        action = parts[3] if len(parts) > 3 else "remove"
        entity_type = TYPES.get(code, code)
        if entity_type not in TYPES.values():
            raise MarkupError(f"{where}: unknown type {code!r}")
        if action not in ACTIONS:
            raise MarkupError(f"{where}: action must be remove or keep")
        if not surface.strip() or surface != surface.strip():
            raise MarkupError(f"{where}: the surface must not be empty or start/end with a space")
        if person_id is not None:
            if person_id not in known:
                raise MarkupError(f"{where}: unknown person id {person_id!r}")
            if entity_type == "PERSON" and known[person_id] != action:
                raise MarkupError(f"{where}: {person_id} must be '{known[person_id]}' in this review")
        spans.append({"doc": name, "start": pos, "end": pos + len(surface), "text": surface,
                      "entity_type": entity_type, "action": action, "person_id": person_id})
        out.append(surface)
        pos += len(surface)
        last = m.end()
    out.append(marked[last:])
    text = "".join(out)
    for bad in ("[[", "]]"):
        if bad in text:
            raise MarkupError(f"{name}: unbalanced markup {bad!r} left in the text")
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    return text, spans


def build(folder: Path = HERE) -> tuple[dict[str, str], list[dict]]:
    known = _known_people(folder)
    docs: dict[str, str] = {}
    gold: list[dict] = []
    for src in sorted((folder / "src").glob("*.txt")):
        text, spans = parse_source(src.name, src.read_text(encoding="utf-8"), known)
        docs[src.name] = text
        gold.extend(spans)
    return docs, gold


def gold_jsonl(gold: list[dict]) -> str:
    return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in gold)


def load_docs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def out_of_date() -> list[str]:
    """What differs between the sources and the committed outputs (empty if in sync)."""
    problems = []
    for folder in CORPORA:
        docs, gold = build(folder)
        where = folder.relative_to(HERE).as_posix()
        prefix = "" if where == "." else where + "/"
        on_disk = load_docs(folder / "docs") if (folder / "docs").is_dir() else {}
        for name in sorted(set(docs) | set(on_disk)):
            if docs.get(name) != on_disk.get(name):
                problems.append(f"{prefix}docs/{name}")
        gold_file = folder / "gold.jsonl"
        if not gold_file.exists() or gold_file.read_text(encoding="utf-8") != gold_jsonl(gold):
            problems.append(f"{prefix}gold.jsonl")
    return problems


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = out_of_date()
        if stale:
            print("out of date (run build_corpus.py): " + ", ".join(stale))
            return 1
        print("corpus in sync")
        return 0
    for folder in CORPORA:
        docs, gold = build(folder)
        out = folder / "docs"
        out.mkdir(exist_ok=True)
        for old in out.glob("*.txt"):
            if old.name not in docs:
                old.unlink()
        for name, text in docs.items():
            (out / name).write_text(text, encoding="utf-8")
        (folder / "gold.jsonl").write_text(gold_jsonl(gold), encoding="utf-8")
        words = sum(len(t.split()) for t in docs.values())
        print(f"{folder.relative_to(HERE.parent).as_posix()}: {len(docs)} documents, {words} words, {len(gold)} gold spans")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
