"""The reviewer's decisions file: what a person decided on the review page, kept beside the case file.

``CASE.review-decisions.yaml`` (next to ``CASE.yaml``) holds "always remove" and
"always keep" decisions (``scope: everywhere``) and decisions on one occurrence
(``scope: here``: a confirmed removal, a kept word, a removal added by selecting
text), each with who made it and when. ``redact``, ``pack`` and ``scan`` read it
on every run (:mod:`.reviewer_apply`), so a rebuild never undoes a reviewer's work.

Unlike ``decisions.json`` this file holds the words themselves: like the case
file it is confidential (written 0600), and never goes into a pack.

The file carries a ``version`` that goes up by one with each change; a change
made against an older version (a second tab, a second run) is refused with
:class:`DecisionConflict`, never merged over. A file that cannot be read gets
one :class:`DecisionsFileError` naming the line. Format:
``redaction_rules/reviewer_decisions.schema.json``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from ..errors import ScrdocsError

SCHEMA_VERSION = 1
SUFFIX = ".review-decisions.yaml"
ACTIONS = ("remove", "keep", "confirm")
SCOPES = ("everywhere", "here")
_CATEGORY = re.compile(r"^[A-Z][A-Z_]*$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
#: What stands in for a removal the reviewer added, when they give no replacement of their own.
DEFAULT_REPLACEMENTS = {"PERSON": "[name]", "LOCATION": "[place]", "STREET_ADDRESS": "[address]",
                        "PHONE_NUMBER": "[phone number]", "EMAIL_ADDRESS": "[email address]",
                        "DATE_OF_BIRTH": "[date of birth]", "ORGANIZATION": "[organisation]"}


class DecisionsFileError(ScrdocsError):
    """The reviewer's decisions file cannot be read: one plain message naming the line."""


class DecisionConflict(ScrdocsError):
    """A change was made against an older version of the decisions file than the one on disk."""


def piece_hash(text: str) -> str:
    """The fingerprint of the piece of text (a paragraph, a page) an occurrence decision was made in:
    when the document changes there, the decision is stale."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_replacement(category: str) -> str:
    return DEFAULT_REPLACEMENTS.get(category, "[removed]")


@dataclass(frozen=True)
class ReviewerDecision:
    """One decision a person made. ``text`` is the word or phrase as written in the original."""

    id: str
    action: str  # remove | keep | confirm
    scope: str  # everywhere | here
    text: str
    by: str
    at: str
    category: str = "PERSON"
    replacement: str | None = None  # remove only; None: the engine's, or the category's tag
    reason: str = ""
    document: str | None = None  # where it was made (required for scope "here")
    location: str | None = None
    start: int | None = None
    end: int | None = None
    piece: str | None = None  # piece_hash of the text it was made in
    line: int = field(default=0, compare=False)  # where it stands in the file (for messages)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("line")
        return {k: v for k, v in data.items() if v is not None and v != ""}

    @property
    def everywhere(self) -> bool:
        return self.scope == "everywhere"

    def stands_for(self) -> str:
        return self.replacement or default_replacement(self.category)


@dataclass(frozen=True)
class DecisionsFile:
    """The whole file: its version, the review it belongs to, the decisions in the order made."""

    path: Path | None
    review: str
    version: int = 0
    decisions: tuple[ReviewerDecision, ...] = ()

    def everywhere(self, action: str) -> list[ReviewerDecision]:
        return [d for d in self.decisions if d.everywhere and d.action == action]

    def here(self, document: str) -> list[ReviewerDecision]:
        return [d for d in self.decisions if not d.everywhere and d.document == document]

    def next_id(self) -> str:
        numbers = [int(d.id[1:]) for d in self.decisions if re.fullmatch(r"d\d+", d.id)]
        return f"d{max(numbers, default=0) + 1}"

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "review": self.review, "version": self.version,
                "decisions": [d.to_dict() for d in self.decisions]}


def decisions_path(case_path: str | Path) -> Path:
    """Where a case file's reviewer decisions live: beside it, ``my-review.review-decisions.yaml``."""
    case_path = Path(case_path)
    return case_path.with_name(case_path.stem + SUFFIX)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------
# Reading


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that remembers the line each mapping starts on."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
# Timestamps stay the text they were written as (the file is compared and rewritten as text).
_LineLoader.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                       for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

_FIX = "Correct that line (or undo the hand edit), or move the file aside to start the review's decisions afresh."


def load_decisions(path: str | Path, *, review: str | None = None) -> DecisionsFile:
    """The decisions in ``path``; an empty file for ``review`` when there is none yet."""
    path = Path(path)
    if not path.exists():
        return DecisionsFile(path, review or "")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DecisionsFileError(f"Cannot read the reviewer's decisions file {path} ({e}).", hint=_FIX) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        # An unclosed bracket or quote is found only at the end: its context is where it was opened.
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(e, "problem", None) or "it is not valid YAML"
        raise DecisionsFileError(f"The reviewer's decisions file {path} cannot be read{line}: {problem}.",
                                 hint=_FIX) from None
    if not isinstance(data, dict):
        raise DecisionsFileError(f"The reviewer's decisions file {path} at line 1: expected the settings "
                                 "schema_version, review, version and decisions.", hint=_FIX)
    decisions = _read_top(path, data, review)
    return DecisionsFile(path, str(data["review"]), data["version"], decisions)


def _fail(path: Path, line: int, message: str) -> DecisionsFileError:
    return DecisionsFileError(f"The reviewer's decisions file {path} at line {line}: {message}.", hint=_FIX)


def _read_top(path: Path, data: dict[str, Any], review: str | None) -> tuple[ReviewerDecision, ...]:
    line = data.pop("__line__", 1)
    unknown = sorted(set(data) - {"schema_version", "review", "version", "decisions"})
    if unknown:
        raise _fail(path, line, f"'{unknown[0]}' is not a setting of this file")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise _fail(path, line, f"schema_version must be {SCHEMA_VERSION}")
    if not isinstance(data.get("review"), str) or not data["review"]:
        raise _fail(path, line, "review (the review's reference) is missing")
    if review and data["review"] != review:
        raise _fail(path, line, f"these decisions are for review {data['review']}, not {review}")
    if not isinstance(data.get("version"), int) or isinstance(data["version"], bool) or data["version"] < 0:
        raise _fail(path, line, "version must be a whole number (0 or more)")
    items = data.get("decisions") or []
    if not isinstance(items, list):
        raise _fail(path, line, "decisions must be a list")
    out, seen = [], set()
    for item in items:
        decision = _read_decision(path, item, line)
        if decision.id in seen:
            raise _fail(path, decision.line, f"the id {decision.id} is used twice")
        seen.add(decision.id)
        out.append(decision)
    return tuple(out)


_FIELDS = {"id": str, "action": str, "scope": str, "text": str, "by": str, "at": str, "category": str,
           "replacement": str, "reason": str, "document": str, "location": str, "start": int, "end": int,
           "piece": str}


def _read_decision(path: Path, item: Any, parent_line: int) -> ReviewerDecision:
    if not isinstance(item, dict):
        raise _fail(path, parent_line, "each decision must be a set of fields (id, action, scope, text, by, at)")
    line = item.pop("__line__", parent_line)
    for key, value in item.items():
        kind = _FIELDS.get(key)
        if kind is None:
            raise _fail(path, line, f"'{key}' is not a field of a decision")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise _fail(path, line, f"{key} must be {'a whole number' if kind is int else 'text'}")
    for key in ("id", "action", "scope", "text", "by", "at"):
        if not str(item.get(key) or "").strip():
            raise _fail(path, line, f"the decision has no {key}")
    if item["action"] not in ACTIONS:
        raise _fail(path, line, f"action must be one of {', '.join(ACTIONS)}, not '{item['action']}'")
    if item["scope"] not in SCOPES:
        raise _fail(path, line, f"scope must be everywhere or here, not '{item['scope']}'")
    if "category" in item and not _CATEGORY.match(item["category"]):
        raise _fail(path, line, f"category must be written in capitals, like PERSON, not '{item['category']}'")
    if item["scope"] == "here":
        missing = [k for k in ("document", "start", "end", "piece") if k not in item]
        if missing:
            raise _fail(path, line, f"a decision on one occurrence (scope: here) needs {', '.join(missing)}")
        if not 0 <= item["start"] < item["end"]:
            raise _fail(path, line, "start must be 0 or more and less than end")
        if not _HEX64.match(item["piece"]):
            raise _fail(path, line, "piece must be the 64-letter fingerprint the review page wrote")
    return ReviewerDecision(**item, line=line)


# --------------------------------------------------------------------------
# Writing: one change at a time, against the version it was made on


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time (two tabs, two runs): a lock file beside the decisions file."""
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


_HEADER = ("# The review page's decisions for this review: who decided what, and when.\n"
           "# scrdocs redact, pack and scan apply them on every run. Keep this file with the case file:\n"
           "# it holds the words decided on, so it is as confidential as the case file.\n"
           "# Edit it with `scrdocs review`; a hand edit must keep `version` as it is.\n")


def write_decisions_file(path: Path, decisions: DecisionsFile) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_HEADER)
        yaml.safe_dump(decisions.to_dict(), fh, sort_keys=False, allow_unicode=True, width=100)
    os.replace(tmp, path)


def change_decisions(path: str | Path, expected_version: int, change: Callable[[DecisionsFile], DecisionsFile], *,
                     review: str) -> DecisionsFile:
    """Apply ``change`` to the file if it is still at ``expected_version``; the new file (one version on).

    Raises :class:`DecisionConflict` when someone else changed it first: the
    caller reloads, shows the other change, and the person decides again.
    """
    path = Path(path)
    with _locked(path):
        current = load_decisions(path, review=review)
        if current.version != expected_version:
            raise DecisionConflict(
                f"The reviewer's decisions were changed elsewhere (another tab or another run) since this page "
                f"was loaded: they are at version {current.version}, this change was made on version "
                f"{expected_version}. Nothing was saved.",
                hint="Reload the page to see the other change, then make yours again.")
        changed = change(current)
        changed = replace(changed, path=path, review=review, version=current.version + 1)
        write_decisions_file(path, changed)
        return changed


def add_decision(path: str | Path, expected_version: int, *, review: str, **fields: Any) -> DecisionsFile:
    """Record one decision (``at`` now, the next free id). A new "everywhere" decision on a word replaces
    an earlier one on the same word, so the file says one thing about each word."""
    def change(current: DecisionsFile) -> DecisionsFile:
        decision = ReviewerDecision(id=current.next_id(), at=fields.pop("at", None) or now(), **fields)
        _check_new(decision)
        kept = [d for d in current.decisions if not _same_target(d, decision)]
        return replace(current, decisions=tuple(kept) + (decision,))
    return change_decisions(path, expected_version, change, review=review)


def withdraw_decision(path: str | Path, expected_version: int, decision_id: str, *, review: str) -> DecisionsFile:
    def change(current: DecisionsFile) -> DecisionsFile:
        if not any(d.id == decision_id for d in current.decisions):
            raise DecisionConflict(f"There is no decision {decision_id} to withdraw.", hint="Reload the page.")
        return replace(current, decisions=tuple(d for d in current.decisions if d.id != decision_id))
    return change_decisions(path, expected_version, change, review=review)


def _check_new(decision: ReviewerDecision) -> None:
    problems = []
    if decision.action not in ACTIONS:
        problems.append(f"action must be one of {', '.join(ACTIONS)}")
    if decision.scope not in SCOPES:
        problems.append("scope must be everywhere or here")
    if not decision.text.strip() or not decision.by.strip():
        problems.append("a decision needs the words decided on and the name of who decided")
    if not _CATEGORY.match(decision.category):
        problems.append("category must be written in capitals, like PERSON")
    if decision.scope == "here" and (decision.document is None or decision.start is None or decision.end is None
                                     or not decision.piece):
        problems.append("a decision on one occurrence needs its document, place and fingerprint")
    if problems:
        raise DecisionsFileError("The decision was not recorded: " + "; ".join(problems) + ".",
                                 hint="Reload the page and try again.")


def _same_target(old: ReviewerDecision, new: ReviewerDecision) -> bool:
    if old.everywhere and new.everywhere:
        return old.text.casefold() == new.text.casefold()
    if not old.everywhere and not new.everywhere:
        return (old.document, old.piece, old.start, old.end) == (new.document, new.piece, new.start, new.end)
    return False


# The names the package exports (scrdocs.load_reviewer_decisions, scrdocs.reviewer_decisions_path).
load_reviewer_decisions = load_decisions
reviewer_decisions_path = decisions_path
