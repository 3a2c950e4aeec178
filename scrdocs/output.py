"""Writing outputs safely: staged out of sight, moved into place only when complete.

Nothing is half-written: if anything fails, the destination is left as it
was (or, for packs that failed their leak check, the attempt is kept aside
as ``DIR.failed`` for the board manager to inspect).

Nothing half-made lingers either. Work is staged in a private folder
(0700, whatever the umask) beside the destination, named
``.scrdocs-staging-<random>`` so it never looks finished, with a record
(``scrdocs-staging.json``) of the process that made it. A run killed
outright (``kill -9``, a power cut) cannot tidy up, so the next run that
writes beside it removes every staging folder whose process is gone.

Nothing is lost. A finished folder replaces the destination as a whole, so
scrdocs only ever replaces a folder it wrote itself, unchanged: each
finished folder carries a small record (``.scrdocs-output.json``) of the
files it holds, their sizes and checksums. An existing destination with any
other file (``--out .`` beside the case file, a copy the user edited) is
refused on the first such file, before any file is read, and nothing in it
is touched.

Faults of the disk (full, read-only, a folder that cannot be moved) become
one plain :class:`~scrdocs.errors.OutputError`, never a traceback.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import socket
import stat
import tempfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

from .errors import OutputError

log = logging.getLogger("scrdocs")

#: The record, in every finished folder, of the files scrdocs wrote there.
RECORD_NAME = ".scrdocs-output.json"
#: How every staging folder's name starts, and the record inside it.
STAGING_PREFIX = ".scrdocs-staging-"
STAGING_RECORD = "scrdocs-staging.json"
_UNFINISHED, _PREVIOUS = "unfinished", "previous"
_SHOWN = 5  # files named in a refusal


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- faults

_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def explain_os_error(e: OSError, where: str | Path | None = None) -> OutputError:
    """One plain :class:`OutputError` for a fault of the disk or the system (the CLI's last word on an OSError)."""
    where = where or e.filename or "the output"
    reason = e.strerror or str(e)
    if e.errno in _DISK_FULL:
        return OutputError(f"The disk is full: {where} could not be written ({reason}). Nothing unfinished was kept.",
                           hint="Free some space on that disk, or choose an --out folder on another disk, and run the command again.")
    if e.errno == errno.EROFS:
        return OutputError(f"{where} is on a disk that can only be read ({reason}).",
                           hint="Choose an --out folder on a disk you can write to.")
    if e.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"You may not change {where} ({reason}).",
                           hint="Choose a folder you can write to, or ask whoever manages the computer for access.")
    if e.errno == errno.EIO:
        return OutputError(f"The disk reported an error while using {where} ({reason}).",
                           hint="Check the disk (or the network drive) and run the command again.")
    return OutputError(f"Could not use {where} ({reason}).", hint="Check the file or folder and run the command again.")


def _move_error(e: OSError, dest: Path) -> OutputError:
    if e.errno in (errno.EBUSY, errno.EXDEV):
        return OutputError(f"The output folder {dest} cannot be replaced: it is in use, or is a separate disk "
                           f"(a mount point) ({e.strerror}). Nothing was changed there.",
                           hint="Choose another --out folder, for example a new folder inside it.")
    if e.errno in (errno.EPERM, errno.EACCES):
        return OutputError(f"The output folder {dest} cannot be replaced: it is locked, or you may not change it "
                           f"({e.strerror}). Nothing was changed there.",
                           hint="Choose another --out folder, or ask whoever manages the computer to unlock it.")
    return explain_os_error(e, dest)


def ensure_free_space(folder: str | Path, needed_bytes: int, *, what: str = "the output") -> None:
    """Refuse before long work if the disk holding ``folder`` has less than ``needed_bytes`` free.

    Where the free space cannot be known (some network drives), nothing is
    refused: the write itself will say if the disk fills."""
    probe = Path(folder).resolve()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return
    if free < needed_bytes:
        raise OutputError(f"There is not enough free space for {what} in {folder}: about {_mb(needed_bytes)} is "
                          f"needed and {_mb(free)} is free.",
                          hint="Free some space on that disk, or choose an --out folder on another disk, and run the command again.")


def _mb(size: int) -> str:
    return f"{max(size, 0) / 1e6:,.0f} MB" if size >= 1e6 else f"{max(size, 0) / 1e3:,.0f} KB"


# ---------------------------------------------------------------- staging folders

def _process_start(pid: int) -> str | None:
    """When ``pid`` started (Linux), so that a new process given an old pid is not taken for it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _is_live(record: dict) -> bool:
    """Whether the process that made a staging folder may still be using it."""
    if record.get("host") != socket.gethostname():
        return True  # a process on another computer sharing the folder: cannot tell, so leave it
    pid = record.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process of that pid: compare start times below
    started = _process_start(pid)
    return started is None or record.get("started") in (None, started)


def remove_stale_staging(parent: str | Path) -> list[Path]:
    """Remove the staging folders in ``parent`` left by scrdocs runs that were killed; return them.

    Only folders named like scrdocs's, holding its record, whose process is
    gone: anything else is left alone. Never raises."""
    removed = []
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(STAGING_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            with open(os.path.join(entry.path, STAGING_RECORD), encoding="utf-8") as f:
                record = json.load(f)
            if not isinstance(record, dict) or record.get("written_by") != "scrdocs" or _is_live(record):
                continue
            shutil.rmtree(entry.path)
            removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    if removed:
        log.info("Removed %d unfinished folder(s) left in %s by an interrupted run", len(removed), parent)
    return removed


def _new_staging(parent: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
    try:
        os.chmod(folder, 0o700)  # mkdtemp's 0700 is less the umask: set it outright
        record = {"written_by": "scrdocs", "what": "an unfinished output, removed when done or by the next run",
                  "pid": os.getpid(), "started": _process_start(os.getpid()), "host": socket.gethostname()}
        fd = os.open(folder / STAGING_RECORD, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _open_staging(parent: Path) -> Path:
    """A new private staging folder in ``parent`` (made if need be), after clearing stale ones there."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(parent)
        return _new_staging(parent)
    except OSError as e:
        if e.errno in _DISK_FULL:
            raise explain_os_error(e, parent) from None
        raise OutputError(f"Cannot write to {parent} ({e.strerror}).", hint="Choose a folder you can write to.") from None


@contextmanager
def work_folder(parent: str | Path) -> Iterator[Path]:
    """A private (0700) scratch folder in ``parent``, removed when done.

    For work that must not outlive the run (documents before anonymisation,
    LibreOffice's profile): one left by a killed run is removed by the next."""
    wrapper = _open_staging(Path(parent).resolve())
    try:
        work = wrapper / "work"
        work.mkdir()
        yield work
    finally:
        shutil.rmtree(wrapper, ignore_errors=True)


# ---------------------------------------------------------------- records of finished folders

def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file, read in chunks (a file of any size, in little memory)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _raise(e: OSError) -> None:
    raise e


def _files(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative name, lstat) of everything in ``folder`` but its record, folders included (with a '/')."""
    for root, dirs, files in os.walk(folder, onerror=_raise):
        dirs.sort()
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            relative = Path(path).relative_to(folder).as_posix()
            if relative != RECORD_NAME:
                yield relative, os.lstat(path)
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path) and not os.listdir(path):
                yield Path(path).relative_to(folder).as_posix() + "/", os.lstat(path)


def _write_record(folder: Path) -> None:
    files, sizes = {}, {}
    for name, info in _files(folder):
        if stat.S_ISREG(info.st_mode):
            files[name], sizes[name] = file_digest(folder / name), info.st_size
    record = {"written_by": "scrdocs", "files": files, "sizes": sizes}
    (folder / RECORD_NAME).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _recorded(dest: Path) -> tuple[dict, dict]:
    try:
        record = json.loads((dest / RECORD_NAME).read_text(encoding="utf-8"))
        files, sizes = record.get("files", {}), record.get("sizes", {})
        if isinstance(files, dict) and isinstance(sizes, dict):
            return files, sizes
    except (OSError, ValueError, AttributeError):
        pass
    return {}, {}


def _not_ours(dest: Path) -> list[str]:
    """Files in ``dest`` that scrdocs did not write or that changed, stopping early.

    A first pass reads no file: a name the record does not hold, a link, a
    special file, an empty folder or a changed size is enough to refuse. Only
    if there is none is each file hashed (streamed), stopping at the first that differs."""
    files, sizes = _recorded(dest)
    theirs, recorded = [], []
    for name, info in _files(dest):
        if not stat.S_ISREG(info.st_mode) or name not in files or sizes.get(name, info.st_size) != info.st_size:
            theirs.append(name)
            if len(theirs) >= _SHOWN:
                break
        else:
            recorded.append(name)
    if theirs:
        return theirs
    for name in recorded:
        if file_digest(dest / name) != files[name]:
            return [name]
    return []


def check_replaceable(dest: str | Path) -> None:
    """Refuse ``dest`` if replacing it would delete anything scrdocs did not write there, unchanged."""
    dest = Path(dest)
    if not dest.exists():
        return
    if not dest.is_dir():
        raise OutputError(f"{dest} exists and is not a folder.", hint="Choose another --out folder.")
    try:
        theirs = _not_ours(dest)
    except OSError as e:
        raise OutputError(f"The output folder {dest.resolve()} cannot be checked ({e.strerror}: {e.filename}), so "
                          "scrdocs cannot tell whether replacing it would delete files it did not make.",
                          hint="Choose a new or empty folder for --out.") from None
    if theirs:
        shown = ", ".join(theirs) + (" and perhaps more" if len(theirs) >= _SHOWN else "")
        raise OutputError(
            f"The output folder {dest.resolve()} already holds files that scrdocs did not make, or that were "
            f"changed since it made them ({shown}). Writing there would replace the whole folder and delete them.",
            hint="Choose a new or empty folder for --out, or move those files somewhere else first.")


# ---------------------------------------------------------------- staged outputs

def _move_into_place(wrapper: Path, staged: Path, dest: Path) -> None:
    check_replaceable(dest)  # again: the folder may have changed while the work was done
    previous = kept = None
    if dest.exists():
        gone = _not_made_again(dest, staged)
        kept = _dated_name(dest) if gone else None
        previous = kept or wrapper / _PREVIOUS
        try:
            dest.rename(previous)
        except OSError as e:
            raise _move_error(e, dest) from None
    try:
        staged.rename(dest)
    except OSError as e:
        if previous is not None:
            try:
                previous.rename(dest)
            except OSError:
                log.warning("The earlier %s could not be put back after a failed move (it is in %s)", dest, previous)
        raise _move_error(e, dest) from None
    if kept is not None:
        shown = ", ".join(gone[:_SHOWN]) + (f" and {len(gone) - _SHOWN} more" if len(gone) > _SHOWN else "")
        log.warning("The earlier %s held %d file%s this run did not make (%s), so that earlier output is kept, "
                    "whole, in %s beside it. Delete that folder when you no longer need it.",
                    dest.name, len(gone), "" if len(gone) == 1 else "s", shown, kept.name)


def earlier_outputs(dest: str | Path) -> set[Path]:
    """The earlier outputs kept beside ``dest`` (``DIR.earlier-<date>``), for a command to say where they are."""
    dest = Path(dest).resolve()
    if not dest.parent.is_dir():
        return set()
    return {p for p in dest.parent.iterdir() if p.name.startswith(f"{dest.name}.earlier-") and p.is_dir()}


def _not_made_again(earlier: Path, staged: Path) -> list[str]:
    """Files of an earlier output the new one does not hold (PDFs a ``--no-pdf`` build leaves out, documents
    an ``--only`` build does not make). The same files made again replace their earlier versions."""
    now = {name for name, _ in _files(staged)}
    return sorted(name for name, _ in _files(earlier) if name not in now and name != RECORD_NAME)


def _dated_name(dest: Path) -> Path:
    """``DIR.earlier-<date and time it was made>``, beside ``dest``, not yet taken."""
    try:
        made = (dest / RECORD_NAME).stat().st_mtime
    except OSError:
        made = dest.stat().st_mtime
    stamp = datetime.fromtimestamp(made).strftime("%Y-%m-%d-%H%M%S")
    kept, number = dest.with_name(f"{dest.name}.earlier-{stamp}"), 1
    while kept.exists() or kept.is_symlink():
        number += 1
        kept = dest.with_name(f"{dest.name}.earlier-{stamp}-{number}")
    return kept


def _set_aside(staged: Path, dest: Path) -> None:
    failed = dest.with_name(dest.name + ".failed")
    try:
        shutil.rmtree(failed, ignore_errors=True)
        staged.rename(failed)
    except OSError as e:
        log.warning("The failed attempt could not be kept as %s (%s)", failed, e.strerror)


def _plain(e: BaseException, where: Path) -> BaseException:
    """A fault of the disk as a plain OutputError; anything else as it was."""
    return explain_os_error(e, where) if isinstance(e, OSError) and e.errno in _DISK_FULL else e


@contextmanager
def staged_dir(dest: str | Path, *, keep_failed: bool = False) -> Iterator[Path]:
    """Yield an empty folder, staged privately beside ``dest``; on success it becomes ``dest``.

    On an exception the staged folder is deleted, or renamed to
    ``dest.failed`` when ``keep_failed`` is true, and the exception
    propagates (a full disk as a plain :class:`OutputError`)."""
    dest = Path(dest).resolve()
    check_replaceable(dest)  # before any work, so nobody waits for a refusal
    wrapper = _open_staging(dest.parent)
    staged = wrapper / _UNFINISHED
    try:
        try:
            staged.mkdir()  # with a finished folder's permissions: the 0700 wrapper hides it until then
        except OSError as e:
            raise explain_os_error(e, dest) from None
        try:
            yield staged
        except BaseException as e:
            if keep_failed and staged.is_dir():
                _set_aside(staged, dest)
            plain = _plain(e, dest)
            if plain is e:
                raise
            raise plain from None
        try:
            _write_record(staged)
        except OSError as e:
            raise explain_os_error(e, dest) from None
        _move_into_place(wrapper, staged, dest)
    finally:
        shutil.rmtree(wrapper, ignore_errors=True)


@contextmanager
def staged_file(dest: str | Path) -> Iterator[Path]:
    """Yield a path (named like ``dest``) in a private staging folder beside it; on success it replaces ``dest`` atomically."""
    dest = Path(dest).resolve()
    wrapper = _open_staging(dest.parent)
    tmp = wrapper / dest.name
    try:
        try:
            tmp.touch(mode=0o666)  # a finished output gets the permissions of any file the user saves there
        except OSError as e:
            raise explain_os_error(e, dest) from None
        try:
            yield tmp
        except BaseException as e:
            plain = _plain(e, dest)
            if plain is e:
                raise
            raise plain from None
        try:
            os.replace(tmp, dest)
        except OSError as e:
            if e.errno in _DISK_FULL:
                raise explain_os_error(e, dest) from None
            raise OutputError(f"Cannot write {dest} ({e.strerror}).", hint="Choose a folder you can write to.") from None
    finally:
        shutil.rmtree(wrapper, ignore_errors=True)
