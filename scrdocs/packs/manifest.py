"""manifest.json: what a pack holds, how it was made, and a hash to prove each file unchanged.

The manifest names no person: file names, hashes, versions and counts only.
It does not list itself (a file cannot carry its own hash).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from ..case.model import Case
from ..output import RECORD_NAME

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def tool_versions(spacy_model: str | None, model_version: str | None = None) -> dict[str, Any]:
    """The versions that decide what a pack looks like, read without loading any model."""
    from .._version import __version__

    return {
        "scrdocs": _version("scrdocs") or __version__,
        "spacy": _version("spacy"),
        "spacy_model": {"name": spacy_model,
                        "version": model_version or (_version(spacy_model) if spacy_model else None)},
        "presidio_analyzer": _version("presidio-analyzer"),
        "presidio_anonymizer": _version("presidio-anonymizer"),
        "pypdf": _version("pypdf"),
        "python_docx": _version("python-docx"),
    }


def file_entries(folder: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative in (MANIFEST_NAME, RECORD_NAME):  # the record is written after the manifest, by the output layer
            continue
        entries.append({"path": relative, "bytes": path.stat().st_size, "sha256": sha256(path)})
    return entries


def build_manifest(
    folder: Path,
    *,
    case: Case,
    profile: str,
    redactions: Mapping[str, int],
    spacy_model: str | None,
    model_version: str | None = None,
    extra: Mapping[str, Any] | None = None,
    created: datetime | None = None,
) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "manifest_version": MANIFEST_VERSION,
        "profile": profile,
        "review": {
            "reference": case.review.reference,
            "type": case.review.type.value,
            "subject_group": case.review.group.value,
            "title": case.review.title,
            "board": case.review.board,
        },
        "created": (created or datetime.now(timezone.utc)).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "tools": tool_versions(spacy_model, model_version),
        "redactions_by_type": dict(sorted(redactions.items())),
        "redactions_total": sum(redactions.values()),
        "files": file_entries(folder),
    }
    if extra:
        manifest.update(extra)
    return manifest


def write_manifest(folder: Path, manifest: Mapping[str, Any]) -> Path:
    path = folder / MANIFEST_NAME
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def verify_manifest(folder: Path) -> list[str]:
    """Problems found comparing ``folder`` with its manifest: empty when every file matches."""
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    problems = []
    listed = {entry["path"]: entry for entry in manifest["files"]}
    actual = {entry["path"]: entry for entry in file_entries(folder)}
    for path in sorted(listed.keys() - actual.keys()):
        problems.append(f"{path} is listed but missing")
    for path in sorted(actual.keys() - listed.keys()):
        problems.append(f"{path} is in the folder but not listed")
    for path in sorted(listed.keys() & actual.keys()):
        if listed[path]["sha256"] != actual[path]["sha256"]:
            problems.append(f"{path} has changed since the pack was made")
    return problems
