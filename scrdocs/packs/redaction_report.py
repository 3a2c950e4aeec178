"""The redaction report: a short, plain account for the board manager who signs a pack off.

It is made from the redaction engine's audit (``Redactor.audit``), which
never holds original text, so neither does the report: it says where each
decision was made, what kind of information it was and what replaced it.
It lists first the decisions a person should look at: ambiguous names
(and how each was replaced), low scores, and people found only by NER; then what
was taken out of the copies because scrdocs cannot read or clean it (macros,
embedded objects, attachments, form fields), and what to check by hand.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from ..redaction.formats import REMOVED_NOTE
from ..redaction.spans import Decision

#: Rows shown per section before the rest are summarised in one line.
MAX_ROWS = 150

_NER_ONLY = re.compile(r"^Person \d+$")


#: Plain words for the engine's entity types, for a reader who is not a programmer.
KINDS = {
    "PERSON": "name", "LOCATION": "place", "ORGANIZATION": "organisation or setting", "NHS_NUMBER": "NHS number",
    "UK_NINO": "National Insurance number", "UK_POSTCODE": "postcode", "PHONE_NUMBER": "phone number",
    "EMAIL_ADDRESS": "email address", "DATE_OF_BIRTH": "date of birth", "CASE_REFERENCE": "case or crime reference",
    "VEHICLE_REGISTRATION": "vehicle registration", "STREET_ADDRESS": "address", "IDENTIFIER": "other identifier",
}


def kind(entity_type: str) -> str:
    return KINDS.get(entity_type, entity_type.replace("_", " ").lower())


def _replacement(decision: Decision) -> str:
    return decision.pseudonym or ""


def is_ambiguous(decision: Decision) -> bool:
    return "ambiguous" in (decision.reason or "").lower()


def redaction_counts(decisions: Iterable[Decision]) -> dict[str, int]:
    """Removals by entity type (the manifest's figures)."""
    return dict(Counter(d.entity_type for d in decisions if d.action == "remove"))


def decisions_to_review(decisions: Iterable[Decision], *, below_score: float) -> dict[str, list[Decision]]:
    """The decisions a person should look at: ambiguous names, low scores, people found only by NER.

    A person found only by NER is listed under "ner_only" alone, not again
    as a low score: the board manager sees each decision once.
    """
    decisions = list(decisions)
    ner_only = [d for d in decisions if d.action == "remove" and _NER_ONLY.match(_replacement(d))]
    listed = {id(d) for d in ner_only}
    return {
        "ambiguous": [d for d in decisions if is_ambiguous(d)],
        "low_score": [d for d in decisions if (d.score or 0.0) < below_score and not is_ambiguous(d)
                      and id(d) not in listed],
        "ner_only": ner_only,
    }


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _table(items: list[Decision], columns: list[tuple[str, Any]]) -> list[str]:
    lines = ["| " + " | ".join(title for title, _ in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    for item in items[:MAX_ROWS]:
        lines.append("| " + " | ".join(_cell(str(get(item))) for _, get in columns) + " |")
    if len(items) > MAX_ROWS:
        lines.append(f"\n... and {len(items) - MAX_ROWS} more of the same kind.")
    return lines


def split_notes(notes: Mapping[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """A document's notes as (what was removed from its copy, what to check by hand)."""
    removed: dict[str, list[str]] = {}
    by_hand: dict[str, list[str]] = {}
    for document, items in notes.items():
        for note in items:
            if note.startswith(REMOVED_NOTE):
                removed.setdefault(document, []).append(note[len(REMOVED_NOTE):].strip())
            else:
                by_hand.setdefault(document, []).append(note)
    return removed, by_hand


def render_report(
    decisions: Iterable[Decision],
    *,
    title: str,
    reference: str,
    profile: str,
    documents: Iterable[str],
    created: str,
    below_score: float,
    kept_roles: Mapping[str, str] | None = None,
    check_by_hand: Mapping[str, list[str]] | None = None,
) -> str:
    """The report as Markdown (readable as plain text too)."""
    items = list(decisions)
    documents = list(documents)
    removed = Counter(i.entity_type for i in items if i.action == "remove")
    kept = Counter(i.entity_type for i in items if i.action == "keep")
    review = decisions_to_review(items, below_score=below_score)
    to_look_at = sum(len(v) for v in review.values())

    out = [f"# Redaction report: {title} ({reference}), {profile} pack", "",
           f"Made {created}. This report is for the board manager who signs the pack off. It shows no "
           "original text: only where each decision was made, what kind of information it was and "
           "what replaced it.", "",
           "## Summary", "",
           f"- Documents anonymised: {len(documents)}"]
    out += [f"  - {name}" for name in documents]
    out += [f"- Items removed: {sum(removed.values())}",
            f"- Items kept (named chairs and author, agencies and the like): {sum(kept.values())}",
            f"- Decisions to look at: {to_look_at}", ""]
    if removed:
        out += ["| Kind of information | Removed |", "|---|---|"]
        out += [f"| {kind(entity)} | {count} |" for entity, count in sorted(removed.items(), key=lambda e: kind(e[0]))]
        out.append("")
    if kept_roles:
        out += ["People named in this pack, as the guidance allows:", ""]
        out += [f"- {role}: {rule}" for role, rule in kept_roles.items()]
        out.append("")

    out += ["## Decisions to look at", ""]
    if not to_look_at:
        out += ["None: every decision was certain.", ""]
    if review["ambiguous"]:
        out += ["### Ambiguous names", "",
                "The text could name more than one person, one of whom must be anonymised. Each was removed: with a "
                "neutral word where nobody had just been named, otherwise with the pseudonym of the person named "
                "last before it (the \"Replaced by\" column says which). Check each place: if the pseudonym is the "
                "wrong person, or it names someone who may be named (for example the panel chair), change it on the "
                "review page (`scrdocs review`), or write the full name or title there in the source and build the "
                "pack again.", ""]
        out += _table(review["ambiguous"], [("Document", lambda i: i.document), ("Location", lambda i: i.location),
                                            ("Kind", lambda i: kind(i.entity_type)), ("Replaced by", _replacement)])
        out.append("")
    if review["low_score"]:
        out += [f"### Less certain decisions (score below {below_score:g})", "",
                "The engine was not sure. Check each place reads correctly and that nothing identifying is left.", ""]
        out += _table(review["low_score"], [("Document", lambda i: i.document), ("Location", lambda i: i.location),
                                            ("Kind", lambda i: kind(i.entity_type)), ("Found by", lambda i: i.detector),
                                            ("Score", lambda i: f"{(i.score or 0.0):.2f}"), ("Decision", lambda i: i.action),
                                            ("Replaced by", lambda i: _replacement(i) or "(kept)")])
        out.append("")
    if review["ner_only"]:
        by_label: dict[str, list[Decision]] = defaultdict(list)
        for item in review["ner_only"]:
            by_label[_replacement(item)].append(item)
        out += ["### People found only by the language model", "",
                "These people are not in the case file, so they were numbered. If one of them is in the "
                "case (a relative, a practitioner), add them to the case file's people so they get the "
                "right pseudonym everywhere, and build the pack again.", ""]
        for label in sorted(by_label, key=lambda s: int(s.split()[-1])):
            places = by_label[label]
            where = "; ".join(f"{i.document} {i.location}" for i in places[:5])
            more = f" and {len(places) - 5} more" if len(places) > 5 else ""
            out.append(f"- {label}: {len(places)} mention{'s' if len(places) != 1 else ''} ({where}{more})")
        out.append("")
    removed_parts, by_hand = split_notes(check_by_hand or {})
    if removed_parts:
        out += ["### Removed from the copies", "",
                "scrdocs cannot read or clean these parts of the documents, so it took them out of the copies "
                "rather than pass them on unread. If the pack needs one (the answers in a form, an embedded "
                "spreadsheet), put its content into the document as text and build the pack again.", ""]
        out += [f"- {document}: {', '.join(items)}" for document, items in removed_parts.items()]
        out.append("")
    if by_hand:
        out += ["### Check by hand", "",
                "scrdocs cannot read these parts of the documents handed in (pictures: a picture can show a name). "
                "Open each one and make sure it names nobody.", ""]
        out += [f"- {document}: {note}" for document, notes in by_hand.items() for note in notes]
        out.append("")
    out += ["## Before you sign off", "",
            "- Read each place listed above in the pack's documents.",
            "- The leak check ran over every file of the pack when it was made; run "
            "`scrdocs scan --case CASE FILE...` again on any file edited by hand afterwards.",
            "- The key linking pseudonyms to real names is never in the pack. Keep it, if one was made, "
            "where only the review team can read it.", ""]
    return "\n".join(out)


def with_unexplained_names(report: str, unexplained: Iterable[Any]) -> str:
    """``report`` with the leak gate's "Unexplained names to confirm" before its closing advice.

    Each is a capitalised word inside a sentence that nothing accounts for (not
    a kept person, agency, pseudonym, known term or dictionary word), left in
    the copy. Case people's names are never among them: those are leaks, which
    the gate reports by pseudonym and place only.
    """
    items = list(unexplained)
    if not items:
        return report
    lines = ["### Unexplained names to confirm", "",
             "The leak check's second opinion found these capitalised words in the copies, and nothing "
             "accounts for them. Each may be a person's name the engine did not recognise. If it is, add the "
             "person to the case file's people (or write their role in the source) and build the pack again; "
             "if it is a term, not a name, add it to redaction_rules/gate_known_terms.yaml.", ""]
    lines += _table(items, [("Document", lambda i: i.file), ("Part and paragraph", lambda i: i.location),
                            ("Word", lambda i: i.word)])
    lines.append("")
    marker = "## Before you sign off"
    head, found, tail = report.partition(marker)
    return head + "\n".join(lines) + "\n" + found + tail if found else report + "\n" + "\n".join(lines)
