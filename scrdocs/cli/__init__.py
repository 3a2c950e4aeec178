"""The `scrdocs` command: a thin layer over the library.

Each module here holds the commands for one part of the pipeline and lists
them in ``commands``. Exit codes: 0 success, 1 a problem with the user's
input (any :class:`~scrdocs.errors.ScrdocsError`) or a fault of the disk or
memory (one plain message, never a traceback), 2 bad usage (click).
"""

from __future__ import annotations

import logging
import sys
import warnings

import click

from ..errors import ScrdocsError
from ..output import explain_os_error
from . import build
from . import genogram
from . import pack
from . import redact
from . import review
from . import review_page

_MODULES = (build, review, genogram, redact, pack, review_page)


class _Group(click.Group):
    """Turns scrdocs errors into a plain message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ScrdocsError as e:
            click.secho(f"Error: {e}", err=True, fg="red")
            sys.exit(1)
        except OSError as e:
            # A fault of the disk or the system (full, read-only, gone): the work was staged, so nothing half-made is left.
            click.secho(f"Error: {explain_os_error(e)}", err=True, fg="red")
            sys.exit(1)
        except MemoryError:
            click.secho("Error: scrdocs ran out of memory, and stopped without writing anything.\n"
                        "Close other programs and try again, or hand in the documents in smaller parts.", err=True, fg="red")
            sys.exit(1)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in pipeline order, not alphabetical


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="scrdocs")
@click.option("-v", "--verbose", is_flag=True, help="Also show what the tool worked around by itself.")
def cli(verbose: bool) -> None:
    """scrdocs: safeguarding case review documents, anonymised safely.

    \b
    Example:
      scrdocs demo --out demo-out
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    warnings.simplefilter("default")


for _module in _MODULES:
    for _command in _module.commands:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="scrdocs")
