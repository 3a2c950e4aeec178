"""PDF output through LibreOffice, with the table of contents brought up to date.

All documents are converted in ONE LibreOffice session (starting soffice
costs seconds). The session runs in a throw-away profile folder and its own
process group, so it never touches a user's LibreOffice and is always ended,
on success, failure or timeout, and even if scrdocs itself is killed
outright: the conversion script has the kernel kill it when scrdocs dies
(Linux), and takes its LibreOffice with it (see ``_uno_convert.py``).

LibreOffice fetches nothing: the profile blocks every link out of a
document (a picture on a web server would otherwise be fetched, telling its
host the document was opened) and sends anything that slips past to a proxy
that does not exist.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from functools import lru_cache
from pathlib import Path

from .errors import OutputError, ToolMissingError
from .output import work_folder
from .resources import package_file
from .settings import soffice_binary, uno_python

log = logging.getLogger("scrdocs")

INSTALL_HINT = ("On Debian or Ubuntu: sudo apt-get install libreoffice-writer-nogui python3-uno "
                "(or run `make demo`, which installs them). Use --no-pdf to make only the Word documents.")


def _clean_env() -> dict[str, str]:
    """The environment for the system Python: without the virtual environment's settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env.setdefault("HOME", tempfile.gettempdir())
    return env


@lru_cache(maxsize=4)
def _check_uno(python: str) -> str | None:
    try:
        done = subprocess.run([python, "-c", "import uno"], env=_clean_env(), capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if done.returncode == 0:
        return None
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else f"'import uno' failed (exit code {done.returncode})"


def check_pdf_tools() -> tuple[str, str]:
    """Return (soffice, python) or raise :class:`ToolMissingError` saying what to install."""
    soffice = shutil.which(soffice_binary())
    if soffice is None:
        raise ToolMissingError(f"LibreOffice ('{soffice_binary()}') is needed to make PDFs but was not found on the PATH.",
                               hint=INSTALL_HINT)
    python = uno_python()
    problem = _check_uno(python)
    if problem is not None:
        raise ToolMissingError(f"{python} cannot use LibreOffice's Python bridge (uno): {problem}.",
                               hint=INSTALL_HINT + " Set SCRDOCS_UNO_PYTHON if the bridge is in another Python.")
    return soffice, python


def convert_to_pdf(docx_paths: list[Path], out_dir: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert every document in ``docx_paths`` to ``out_dir/<stem>.pdf`` in one LibreOffice run.

    Every table of contents is updated before export. Returns the PDF paths
    in the same order. Raises :class:`ToolMissingError` if LibreOffice or its
    Python bridge is missing and :class:`OutputError` if a conversion fails
    or takes longer than ``timeout`` seconds (default: 3 minutes plus 1 per document).
    """
    docx_paths = [Path(p).resolve() for p in docx_paths]
    if not docx_paths:
        return []
    missing = [str(p) for p in docx_paths if not p.is_file()]
    if missing:
        raise OutputError(f"Cannot make PDFs: {', '.join(missing)} do{'es' if len(missing) == 1 else ''} not exist.")
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    stems = [p.stem for p in docx_paths]
    if len(set(stems)) != len(stems):
        raise OutputError("Cannot make PDFs: two documents have the same name, and their PDFs would overwrite each other.")
    soffice, python = check_pdf_tools()
    timeout = timeout if timeout is not None else 180 + 60 * len(docx_paths)

    with work_folder(tempfile.gettempdir()) as profile:  # private; one left by a killed run goes at the next
        _write_profile(profile)
        # --parent: the script asks the kernel (PR_SET_PDEATHSIG) to kill it when this process ends, even by
        # kill -9, and stops at once if that has already happened. It does so itself, because a preexec_fn
        # here could deadlock: scrdocs has threads (the progress bar's, the language model's).
        cmd = [python, str(package_file("_uno_convert.py")), "--soffice", soffice, "--profile", str(profile),
               "--pipe", f"scrdocs-{uuid.uuid4().hex}", "--parent", str(os.getpid()), "--out", str(out_dir),
               *map(str, docx_paths)]
        log.info("Converting %d document(s) to PDF with LibreOffice", len(docx_paths))
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_clean_env(), start_new_session=True)  # its own process group: soffice goes with it
        try:
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                raise OutputError(f"LibreOffice did not finish making the PDFs within {timeout:.0f} seconds.",
                                  hint="Try again; if it keeps happening, build with --no-pdf and convert the Word documents by hand.") from None
        finally:
            _kill_group(proc)  # on every way out (an error, Ctrl-C): anything the script left behind

    report = _report(stdout)
    failed = report.get("failed", {})
    if proc.returncode != 0 or failed or report.get("error"):
        detail = report.get("error") or "; ".join(f"{Path(k).name}: {v}" for k, v in failed.items()) \
            or stderr.decode(errors="replace").strip()[-500:] or f"exit code {proc.returncode}"
        raise OutputError(f"LibreOffice could not make the PDFs ({detail}).",
                          hint="Check that the Word documents open in LibreOffice; build with --no-pdf to get the Word documents alone.")
    pdfs = [out_dir / f"{stem}.pdf" for stem in stems]
    absent = [p.name for p in pdfs if not p.is_file()]
    if absent:
        raise OutputError(f"LibreOffice reported success but did not write {', '.join(absent)}.")
    return pdfs


# The profile's settings (registrymodifications.xcu): no link out of a document
# is followed (BlockUntrustedRefererLinks, with no trusted location), links
# are never updated, macros never run, and any request that slips past goes to
# a proxy on a closed local port instead of the network. Checked with strace:
# no connect() outside the machine, with a picture linked over HTTP.
_BLOCKED = 'oor:op="fuse"><value>{}</value></prop></item>'
_SETTINGS = [
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "0"),
    ("/org.openoffice.Office.Common/Misc", "CrashReport", "false"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
] + [("/org.openoffice.Inet/Settings", f"ooInet{kind}Proxy{field}", value)
     for kind in ("HTTP", "HTTPS", "FTP") for field, value in (("Name", "127.0.0.1"), ("Port", "9"))]


def _write_profile(profile: Path) -> None:
    items = "\n".join(f'<item oor:path="{path}"><prop oor:name="{name}" {_BLOCKED.format(value)}'
                      for path, name, value in _SETTINGS)
    user = profile / "user"
    user.mkdir()
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n", encoding="utf-8")


def _report(stdout: bytes) -> dict:
    for line in reversed(stdout.decode(errors="replace").splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                break
    return {}


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
