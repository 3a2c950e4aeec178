"""Convert Word documents to PDF in one LibreOffice session, refreshing every index first.

NOT imported by scrdocs: :mod:`scrdocs.libreoffice` runs this file as a script with
the system Python that has LibreOffice's ``uno`` module (Debian:
python3-uno), which a virtual environment usually cannot import.

    python3 _uno_convert.py --soffice soffice --profile DIR --pipe NAME --out DIR a.docx b.docx

A plain ``soffice --convert-to pdf`` leaves the table of contents as it was
in the .docx (empty); here each document's indexes are updated after layout,
so the PDF's contents page lists the headings with their page numbers.
Prints one JSON line {"written": [...], "failed": {path: reason}}.

LibreOffice must not outlive scrdocs. scrdocs starts this script as the
leader of its own process group and passes its pid (--parent); the script
first asks the kernel to kill it when that process ends (PR_SET_PDEATHSIG),
even by kill -9. It starts soffice the same way, but soffice runs its real
work in a grandchild (soffice.bin under oosplash) that no such signal
reaches, so a small watchdog in the group kills the whole group as soon as
this script is gone, however it went.
"""

import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys
import time

import uno  # noqa: I001 - only the system Python has it
from com.sun.star.beans import PropertyValue


_PR_SET_PDEATHSIG = 1

# Run by a second Python in this script's process group: when this script
# ends (the kernel's SIGTERM, asked for once the handler is in place), kill the group.
_WATCHDOG = r"""
import ctypes, os, signal, sys
script = int(sys.argv[1])
def end(*_):
    os.killpg(script, signal.SIGKILL)
signal.signal(signal.SIGTERM, end)
ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)
if os.getppid() != script:
    end()
while True:
    signal.pause()
"""


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _start_watchdog():
    """Only as a group's leader (as scrdocs starts this script): never kill a shell's group."""
    if _prctl() is None or os.getpgrp() != os.getpid():
        return None
    return subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid())], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _die_with(parent):
    """Be killed by the kernel when ``parent`` ends; end now if it already has."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _die_with_this_script():
    """A preexec_fn for soffice (this script has one thread, so a preexec_fn is safe here)."""
    if _prctl() is None:
        return None
    parent = os.getpid()
    return lambda: _die_with(parent)


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe, soffice_proc, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    last = None
    while time.monotonic() < deadline:
        if soffice_proc.poll() is not None:
            raise RuntimeError(f"LibreOffice stopped at start-up (exit code {soffice_proc.returncode})")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception as e:  # NoConnectException until soffice is listening
            last = e
            time.sleep(0.25)
    raise RuntimeError(f"could not connect to LibreOffice: {last}")


def _update_indexes(doc):
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        indexes.getByIndex(i).update()
    return indexes.getCount()


def _pdf_options():
    """Accessible PDF (Public Sector Bodies Accessibility Regulations): tagged, PDF/UA, the
    document title (not the file name) in the title bar, headings as bookmarks."""
    return uno.Any("[]com.sun.star.beans.PropertyValue", tuple(
        _prop(name, value) for name, value in (
            ("UseTaggedPDF", True),
            ("PDFUACompliance", True),
            ("ExportBookmarks", True),
            ("DisplayPDFDocumentTitle", True),
            ("ExportFormFields", False),
        )))


def _convert(desktop, src, out_dir):
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True), _prop("UpdateDocMode", 0)))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        if hasattr(doc, "getDocumentIndexes") and _update_indexes(doc):
            doc.getTextFields().refresh()
            # The refreshed contents may take more pages and move the headings: update once more.
            _update_indexes(doc)
        if hasattr(doc, "getTextFields"):
            doc.getTextFields().refresh()
        stem = os.path.splitext(os.path.basename(src))[0]
        dest = os.path.join(os.path.abspath(out_dir), stem + ".pdf")
        doc.storeToURL(uno.systemPathToFileUrl(dest), (_prop("FilterName", "writer_pdf_Export"),
                                                       _prop("FilterData", _pdf_options())))
        return dest
    finally:
        doc.close(True)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--pipe", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--parent", type=int, help="the pid of scrdocs: this script and soffice end with it")
    ap.add_argument("--startup-timeout", type=float, default=60)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args(argv)
    if args.parent:
        _die_with(args.parent)

    profile_url = uno.systemPathToFileUrl(os.path.abspath(args.profile))
    cmd = [args.soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
           "--nolockcheck", f"-env:UserInstallation={profile_url}",
           f"--accept=pipe,name={args.pipe};urp;StarOffice.ComponentContext"]
    _start_watchdog()
    soffice = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=_die_with_this_script())
    written, failed = [], {}
    desktop = None
    try:
        ctx = _connect(args.pipe, soffice, time.monotonic() + args.startup_timeout)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for src in args.inputs:
            try:
                written.append(_convert(desktop, src, args.out))
            except Exception as e:  # report every failed file, keep converting the others
                failed[src] = str(e) or type(e).__name__
    except Exception as e:
        print(json.dumps({"written": written, "failed": failed, "error": str(e)}))
        return 3
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge drops as soffice exits; that is expected
        try:
            soffice.wait(timeout=20)
        except subprocess.TimeoutExpired:
            soffice.kill()
            soffice.wait()
    print(json.dumps({"written": written, "failed": failed}))
    return 0 if not failed else 2


if __name__ == "__main__":
    sys.exit(main())
