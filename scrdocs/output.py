"""Writing outputs safely: into a temporary folder, moved into place only when complete.

Nothing is half-written: if anything fails, the destination is left as it
was (or, for packs that failed their leak check, the attempt is kept aside
as ``DIR.failed`` for the board manager to inspect).

Nothing is lost either. A finished folder replaces the destination as a
whole, so scrdocs only ever replaces a folder it wrote itself, unchanged:
each finished folder carries a small record (``.scrdocs-output.json``) of
the files it holds and their checksums. An existing destination with any
other file (``--out .`` beside the case file, a copy the user edited) is
refused and nothing in it is touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: The record, in every finished folder, of the files scrdocs wrote there.
RECORD_NAME = ".scrdocs-output.json"


def _fingerprints(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != RECORD_NAME:
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _write_record(folder: Path) -> None:
    record = {"written_by": "scrdocs", "files": _fingerprints(folder)}
    (folder / RECORD_NAME).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def check_replaceable(dest: str | Path) -> None:
    """Refuse ``dest`` if replacing it would delete anything scrdocs did not write there, unchanged."""
    dest = Path(dest)
    if not dest.exists():
        return
    if not dest.is_dir():
        raise OutputError(f"{dest} exists and is not a folder.", hint="Choose another --out folder.")
    if not any(dest.iterdir()):
        return
    try:
        recorded = json.loads((dest / RECORD_NAME).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        recorded = {}
    theirs = [name for name, digest in _fingerprints(dest).items() if recorded.get(name) != digest]
    theirs += [p.relative_to(dest).as_posix() + "/" for p in dest.rglob("*")
               if p.is_dir() and not any(p.iterdir())]  # an empty folder of theirs is theirs too
    if theirs:
        shown = ", ".join(theirs[:5]) + (f" and {len(theirs) - 5} more" if len(theirs) > 5 else "")
        raise OutputError(
            f"The output folder {dest.resolve()} already holds files that scrdocs did not make, or that were "
            f"changed since it made them ({shown}). Writing there would replace the whole folder and delete them.",
            hint="Choose a new or empty folder for --out, or move those files somewhere else first.")


def _replace_dir(staged: Path, dest: Path) -> None:
    old = None
    check_replaceable(dest)  # again: the folder may have changed while the work was done
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        dest.rename(old)
    staged.rename(dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_dir(dest: str | Path, *, keep_failed: bool = False) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``dest``; on success it becomes ``dest``.

    On an exception the temporary folder is deleted, or renamed to
    ``dest.failed`` when ``keep_failed`` is true, and the exception propagates.
    """
    dest = Path(dest).resolve()
    check_replaceable(dest)  # before any work, so nobody waits for a refusal
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
        os.chmod(staged, 0o777 & ~_umask())  # mkdtemp's 0700 would hide the finished folder from colleagues
    except OSError as e:
        raise OutputError(f"Cannot write to {dest.parent} ({e.strerror}).", hint="Choose a folder you can write to.") from None
    try:
        yield staged
    except BaseException:
        if keep_failed:
            failed = dest.with_name(dest.name + ".failed")
            shutil.rmtree(failed, ignore_errors=True)
            staged.rename(failed)
        else:
            shutil.rmtree(staged, ignore_errors=True)
        raise
    _write_record(staged)
    _replace_dir(staged, dest)


@contextmanager
def staged_file(dest: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest`` atomically."""
    dest = Path(dest).resolve()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.tmp-", suffix=dest.suffix, dir=dest.parent)
        os.close(fd)
        # mkstemp makes the file private (0600); a finished output should get
        # the same permissions as any other file the user saves there.
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError as e:
        raise OutputError(f"Cannot write {dest} ({e.strerror}).", hint="Choose a folder you can write to.") from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, dest)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
