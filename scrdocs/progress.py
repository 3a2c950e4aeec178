"""Progress of long work (building documents, making a pack), reported to whoever is watching.

The library only counts steps; the CLI draws a progress bar from them and a
future web page can show the same callbacks.
"""

from __future__ import annotations

from typing import Callable

#: progress(done, total, what is happening now)
Progress = Callable[[int, int, str], None]


class Steps:
    """Counts a job's steps and tells ``progress`` (if any) as each one starts."""

    def __init__(self, total: int, progress: Progress | None = None):
        self.total = total
        self.done = 0
        self._progress = progress

    def __call__(self, message: str) -> None:
        if self._progress:
            self._progress(self.done, self.total, message)
        self.done += 1
