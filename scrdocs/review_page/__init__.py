"""The review page: a person sees and confirms every redaction decision before a pack is released.

``scrdocs review CASE --pack DIR`` (or ``--redacted DIR INPUT...``) reads the
documents again (:mod:`.replay`), serves them on 127.0.0.1 (:mod:`.server`,
:mod:`.guard`) and records each decision in the reviewer's decisions file
beside the case file (:mod:`scrdocs.redaction.reviewer_decisions`), which
``redact``, ``pack`` and ``scan`` apply on every later run. Sign-off rebuilds
the pack with the decisions (:mod:`.signing`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import InputFormatError


def open_review(case_path: str | Path, *, pack_dir: str | Path | None = None, redacted_dir: str | Path | None = None,
                inputs: Sequence[str | Path] = (), includes: Sequence[str | Path] = (), profile: str = "publication",
                redactor: Any | None = None, progress: Callable[[str], None] = lambda m: None) -> Any:
    """A :class:`~.session.ReviewSession` for a pack folder (``pack_dir``) or the output of `scrdocs redact`
    (``redacted_dir`` with the ``inputs`` it was made from)."""
    from ..case.casefile import load_case
    from ..packs.manifest import MANIFEST_NAME
    from ..redaction.reviewer_decisions import decisions_path, load_decisions
    from .replay import replay_pack, replay_redact
    from .session import ReviewSession
    from .signing import leak_findings

    case_path = Path(case_path)
    case = load_case(case_path)
    decisions = decisions_path(case_path)
    load_decisions(decisions, review=case.review.reference)  # a broken file is reported before any work
    if pack_dir is not None:
        folder = Path(pack_dir).resolve()
        failed = folder.with_name(folder.name + ".failed")
        if not (folder / MANIFEST_NAME).is_file() and (failed / MANIFEST_NAME).is_file():
            folder_read = failed
        elif folder.name.endswith(".failed") and (folder / MANIFEST_NAME).is_file():
            folder_read, folder = folder, folder.with_name(folder.name.removesuffix(".failed"))
        else:
            folder_read = folder
        if not (folder_read / MANIFEST_NAME).is_file():
            raise InputFormatError(f"{folder} is not a pack folder (it has no {MANIFEST_NAME}).",
                                   hint="Give the folder `scrdocs pack --out` wrote.")
        pack_profile, documents = replay_pack(case, folder_read, includes=[Path(p) for p in includes],
                                              redactor=redactor, progress=progress)
        session = ReviewSession(case, case_path, documents, decisions, profile=pack_profile, source="pack",
                                folder=folder, includes=tuple(Path(p) for p in includes))
        session.read_folder = folder_read
        session.leak_findings = leak_findings(folder)  # an attempt refused by the leak check, if any
        return session
    if redacted_dir is None or not inputs:
        raise InputFormatError("Say what to review: --pack DIR, or --redacted DIR with the input files.",
                               hint="Example: scrdocs review my-review.yaml --pack publication-pack")
    folder = Path(redacted_dir).resolve()
    documents = replay_redact(case, profile, [Path(p) for p in inputs], folder, redactor=redactor, progress=progress)
    session = ReviewSession(case, case_path, documents, decisions, profile=profile, source="redact", folder=folder)
    session.read_folder = folder
    return session


def serve(session: Any, *, reviewer: str = "", role: str = "", idle_minutes: float = 30, port: int = 0) -> Any:
    """A :class:`~.server.ReviewServer` for ``session`` (not yet started)."""
    from .app import make_app
    from .server import ReviewServer

    return ReviewServer(lambda keys: make_app(session, keys, reviewer=reviewer, role=role),
                        idle_minutes=idle_minutes, port=port)


__all__ = ["open_review", "serve"]
