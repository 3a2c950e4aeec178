"""`scrdocs check`: is the case file sound?"""

from __future__ import annotations

from pathlib import Path

import click

from .common import CASE_ARGUMENT, read_case


@click.command()
@CASE_ARGUMENT
def check(case: Path) -> None:
    """Check a case file and report every problem found.

    Exit code 0 when the case file is sound (warnings alone are fine), 1 when
    something must be corrected.

    \b
    Example:
      scrdocs check my-review.yaml
    """
    loaded = read_case(case)
    click.echo(f"{case}: the case file is valid ({len(loaded.people)} people, "
               f"{len(loaded.agencies)} agencies, {len(loaded.chronology)} chronology entries).")


commands = [check]
