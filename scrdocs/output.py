"""Writing outputs safely: into a temporary folder, moved into place only when complete.

Nothing is half-written: if anything fails, the destination is left as it
was (or, for packs that failed their leak check, the attempt is kept aside
as ``DIR.failed`` for the board manager to inspect).
"""

from __future__ import annotations

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


def _replace_dir(staged: Path, dest: Path) -> None:
    old = None
    if dest.exists():
        if not dest.is_dir():
            raise OutputError(f"{dest} exists and is not a folder.", hint="Choose another --out folder.")
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
