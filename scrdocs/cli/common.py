"""Pieces shared by the CLI commands."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import click

if TYPE_CHECKING:  # the case model is loaded only by commands that read a case file
    from ..case.model import Case
    from ..progress import Progress

CASE_ARGUMENT = click.argument("case", type=click.Path(dir_okay=False, path_type=Path))


def read_case(path: Path) -> Case:
    from ..case.casefile import load_case

    return load_case(path)


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A rich progress bar on stderr (only on a terminal), as a progress(done, total, message) callback."""
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    with Bar(TextColumn("{task.description:<45}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
             TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("Starting", total=1)

        def update(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message)

        yield update
