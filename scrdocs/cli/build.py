"""`scrdocs build`, `scrdocs demo` and `scrdocs schema`."""

from __future__ import annotations

import click

from ..casefile import case_schema_json


@click.command()
def schema() -> None:
    """Print the JSON Schema of a case file, for editor autocompletion.

    \b
    Example:
      scrdocs schema > scrdocs-case.schema.json
    """
    click.echo(case_schema_json())


commands = [schema]
