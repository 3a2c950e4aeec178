"""Words of rank, title and job (redaction_rules/job_words.yaml): in a name field they are a title, never a name."""

from __future__ import annotations

from functools import lru_cache

from ..errors import RulesError
from ..resources import data_dir
from .lexicon import read_rules_file


@lru_cache(maxsize=1)
def job_words() -> frozenset[str]:
    path = data_dir("redaction_rules") / "job_words.yaml"
    ranks = read_rules_file(path).get("ranks", [])
    if not isinstance(ranks, list) or not all(isinstance(w, str) and w.strip() for w in ranks):
        raise RulesError(f"In {path}, 'ranks' must be a list of words.", hint="Correct the file.")
    return frozenset(w.strip().casefold() for w in ranks)


def split_rank(parts: list[str]) -> tuple[list[str], list[str]]:
    """A name field's leading rank ("Assistant Chief Constable") and the name after it; the last word always
    stays a name, so a surname that is also a job word ("Ann Ward", "Lead") is never lost."""
    words = job_words()
    n = 0
    while n < len(parts) - 1 and parts[n].casefold().rstrip(".") in words:
        n += 1
    return parts[:n], parts[n:]


def rank_words_in(name: str) -> list[str]:
    """The rank, title or job words written at the start of a name field (for `scrdocs check`)."""
    rank, _ = split_rank([p.strip(",") for p in name.replace(",", " ").split()])
    return rank
