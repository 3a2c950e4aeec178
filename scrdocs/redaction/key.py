"""The confidential key: which pseudonym stands for which real name.

It is written only where the user asks (``--key PATH``), never inside an
output folder, never over a file scrdocs reads (an input, the case file)
and never over an earlier key unless asked (``--replace-key``). It is
private whatever the umask: the file 0600, any folder made for it 0700. It
holds the audit's salt so the hashes can be checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from ..errors import OutputError
from ..output import explain_os_error, work_folder

_ELSEWHERE = "for example --key ../confidential/key.json"


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # a hard link, or another path to it
    except OSError:
        return False


def check_key_path(key: Path, out_dir: Path | None = None, *, outputs: Iterable[Path] = (),
                   inputs: Iterable[Path] = (), replace: bool = False) -> None:
    """Refuse a key path inside any output folder, that is one of the ``inputs``, or that exists (unless ``replace``).

    ``check_key_path(key, out_dir)`` (the older form) checks one output folder."""
    key = Path(key)
    resolved = key.resolve()
    for folder in ([out_dir] if out_dir is not None else []) + list(outputs):
        folder_r = Path(folder).resolve()
        if resolved == folder_r or folder_r in resolved.parents:
            raise OutputError(f"The key file {key} is inside the output folder {folder}.",
                              hint="The key holds real names: write it somewhere else, away from what is shared "
                                   f"({_ELSEWHERE}).")
    for source in inputs:
        if _same_file(key, Path(source)):
            raise OutputError(f"The key file {key} is {source}, a file scrdocs reads: writing the key would replace it.",
                              hint=f"Choose a new file for --key ({_ELSEWHERE}).")
    if key.is_dir():
        raise OutputError(f"The key file {key} is a folder.", hint=f"Give --key the name of a file in it ({_ELSEWHERE}).")
    if os.path.lexists(key) and not replace:
        raise _exists(key)
    if os.path.lexists(key):
        _refuse_unless_a_key(key)


def _refuse_unless_a_key(key: Path) -> None:
    """--replace-key replaces an earlier key, never another file that happens to have the name."""
    try:
        if key.is_symlink() or not key.is_file() or key.stat().st_size > 50_000_000:
            raise ValueError
        data = json.loads(key.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and "pseudonyms" in data and "audit_salt" in data):
            raise ValueError
    except (OSError, ValueError, UnicodeDecodeError):
        raise OutputError(f"The file {key} is not a scrdocs key, so --replace-key will not replace it.",
                          hint=f"Choose a new file for --key ({_ELSEWHERE}).") from None


def _exists(key: Path) -> OutputError:
    return OutputError(f"The key file {key} already exists, and scrdocs does not replace a key unless asked.",
                       hint="Add --replace-key to replace it, or choose another --key file.")


def _private_folders(folder: Path) -> None:
    """Make ``folder`` and any missing parents 0700 (those already there are left as they are)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(made, 0o700)  # mkdir's mode is less the umask


def _publish(tmp: Path, key: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, key)
        return
    try:
        os.link(tmp, key)  # fails if anything is there, even a link: never replaces
    except FileExistsError:
        raise _exists(key) from None
    except OSError:
        if os.path.lexists(key):  # a file system without hard links
            raise _exists(key) from None
        os.replace(tmp, key)


def write_key(mapping: dict[str, str], salt: bytes, path: Path, *, review: str, profile: str,
              replace: bool = False) -> None:
    """Write the key to ``path`` (0600), whole or not at all; an existing file is replaced only if ``replace``."""
    path = Path(path)
    data = {
        "warning": "CONFIDENTIAL: this key links pseudonyms to real names. Do not share it with the anonymised copies.",
        "review": review,
        "profile": profile,
        "audit_salt": salt.hex(),
        "pseudonyms": dict(sorted(mapping.items())),
    }
    if os.path.lexists(path) and not replace:
        raise _exists(path)
    if os.path.lexists(path):
        _refuse_unless_a_key(path)
    try:
        _private_folders(path.parent)
        with work_folder(path.parent) as work:
            tmp = work / "key.json"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.fchmod(fd, 0o600)  # the mode above is less the umask
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
            _publish(tmp, path, replace)
    except OSError as e:
        raise explain_os_error(e, path) from None
