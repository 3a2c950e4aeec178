"""Running the Graphviz programs (dot, neato) with a plain message when they are missing."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import OutputError, ToolMissingError

_MISSING = ("Graphviz is not installed: make sure the Graphviz executables (dot) are on your PATH "
            "(Debian: apt-get install graphviz)")


def run_graphviz(program: str, args: list[str], source: str) -> bytes:
    """Run ``program`` (dot or neato) on DOT ``source`` and return its output bytes."""
    exe = shutil.which(program)
    if exe is None:
        raise ToolMissingError(_MISSING, hint="Install Graphviz from https://graphviz.org/download/ and run the command again.")
    try:
        done = subprocess.run([exe, *args], input=source.encode("utf-8"), capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise OutputError(f"Graphviz ({program}) could not draw the genogram: {e}",
                          hint="Check that Graphviz works (dot -V) and run the command again.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OutputError(f"Graphviz ({program}) could not draw the genogram: {detail[-1] if detail else 'no message'}",
                          hint="Check that Graphviz works (dot -V) and run the command again.")
    return done.stdout
