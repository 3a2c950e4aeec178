"""Worker processes forked from this one, for work that is the same in every worker (the language
model's pass over long texts, a PDF's page text): they share what this process has loaded, die with
it (never orphans left running) and leave Ctrl-C to it."""

from __future__ import annotations

import multiprocessing
import os
import signal
from contextlib import contextmanager
from typing import Iterator

from .settings import ner_processes


def worker_count(enough_work: bool) -> int:
    """How many workers: one (this process alone) unless there is enough work, SCRDOCS_NER_PROCESSES
    allows more (1 turns workers off) and there is more than one CPU."""
    limit = ner_processes()
    if not enough_work or limit <= 1:
        return 1
    return max(1, min(limit, os.cpu_count() or 1))


def _start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the pool is still closed by its owner in every case
    if os.getppid() == 1:
        os._exit(1)  # the parent died while this worker started


@contextmanager
def fork_pool(processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``processes`` forked workers, ended (and waited for) however the block ends."""
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=_start)
    try:
        yield pool
        pool.close()
    finally:
        pool.terminate()
        pool.join()
