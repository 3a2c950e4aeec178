"""Layer 2: spaCy's named-entity recognizer.

Only the components NER needs are run (for en_core_web_sm: ``ner`` alone, which
carries its own token-to-vector layer; tagger, parser, attribute ruler and
lemmatizer are skipped, about 2.5x faster with identical entities). Texts are
cut at line ends into pieces and fed to ``nlp.pipe`` in batches; the model is
loaded once per process. Entities are read off the spaCy documents the way
Presidio's spaCy recognizer reads them (same labels, same 0.85 score), without
building Presidio's per-token artefacts. Long runs of text go to worker
processes forked from this one (they share the loaded model and send back only
the entities' offsets, see :func:`_processes`), and die with it. Presidio's own
model download is never triggered: a missing model is a :class:`ToolMissingError`.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from ..errors import ToolMissingError
from ..workers import fork_pool, worker_count
from .chunks import PIECE_CHARS, flat, model_pieces
from .spans import Candidate

log = logging.getLogger("scrdocs")
_LOCK = threading.Lock()
_ENGINES: dict[str, "TrimmedSpacyEngine"] = {}
#: Below this many characters in one call the model runs in this process only (forking the workers,
#: which share the loaded model, takes a few hundredths of a second).
PARALLEL_FROM_CHARS = 30_000

_MAPPING = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
            "ORG": "ORGANIZATION"}

_IGNORED = ["DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "NORP", "EVENT", "WORK_OF_ART",
            "LAW", "LANGUAGE", "PRODUCT"]
_IGNORED_SET = frozenset(_IGNORED)
_WANTED = ("PERSON", "LOCATION", "ORGANIZATION")
#: Presidio's default score for a spaCy entity (the model gives none).
NER_SCORE = 0.85
#: The pieces remembered: at most this many, each at most this long (a paragraph, not a whole chunk).
_KNOWN_PIECES, _KNOWN_PIECE_CHARS = 100_000, 2_000
#: Pieces per batch given to ``nlp.pipe``.
_BATCH = 64


def _needed_components(nlp) -> list[str]:
    keep = {"ner"}
    for name, pipe in nlp.pipeline:
        if "ner" in (getattr(pipe, "listening_components", None) or []):
            keep.add(name)
    return [n for n in nlp.pipe_names if n in keep]


class TrimmedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine with only the NER components switched on, and no downloading."""

    def __init__(self, model_name: str):
        super().__init__(models=[{"lang_code": "en", "model_name": model_name}],
                         ner_model_configuration=NerModelConfiguration(
                             model_to_presidio_entity_mapping=_MAPPING, labels_to_ignore=_IGNORED))
        self.model_name = model_name
        #: Entities of each piece of text the model has read in this process: a pack's documents repeat
        #: paragraphs, and the leak gate reads again every paragraph the engine left unchanged.
        self.piece_entities: dict[str, list[tuple[int, int, str]]] = {}

    def load(self) -> None:
        name = self.model_name
        if not (spacy.util.is_package(name) or Path(name).is_dir()):
            raise ToolMissingError(
                f"The spaCy model '{name}' is not installed, so names cannot be looked for.",
                hint=f"Install it (for example: pip install {name}, or python -m spacy download en_core_web_sm "
                     "and set SCRDOCS_SPACY_MODEL=en_core_web_sm), then run the command again.")
        try:
            nlp = spacy.load(name)
        except (OSError, ValueError) as e:
            raise ToolMissingError(f"The spaCy model '{name}' could not be loaded ({e}).",
                                   hint="Reinstall the model, then run the command again.") from None
        if "ner" not in nlp.pipe_names:
            raise ToolMissingError(f"The spaCy model '{name}' has no named-entity recognizer.",
                                   hint="Use a model with NER, such as en_core_web_sm.")
        nlp.select_pipes(enable=_needed_components(nlp))
        self.nlp = {"en": nlp}

    def _doc_to_nlp_artifact(self, doc, language):
        # Presidio's version also lemmatises every token for its context words; our recognizers do not need it.
        entities, scores = self._get_updated_entities(list(doc.ents), [0.85] * len(doc.ents))
        return NlpArtifacts(entities=entities, tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=self,
                            language=language, scores=scores)


def engine(model_name: str) -> TrimmedSpacyEngine:
    with _LOCK:
        found = _ENGINES.get(model_name)
        if found is None:
            found = TrimmedSpacyEngine(model_name)
            found.load()
            _ENGINES[model_name] = found
        return found


def _processes(chars: int) -> int:
    """Worker processes for the model: more than one only for runs of text long enough that starting
    them pays for itself. SCRDOCS_NER_PROCESSES=1 turns this off."""
    return worker_count(chars >= PARALLEL_FROM_CHARS)


def doc_entities(doc) -> list[tuple[int, int, str]]:
    """(start, end, type) of each entity worth looking at, as Presidio's spaCy recognizer maps them."""
    found = []
    for ent in doc.ents:
        label = ent.label_
        if label in _IGNORED_SET:
            continue
        label = _MAPPING.get(label, label)
        if label in _WANTED:
            found.append((ent.start_char, ent.end_char, label))
    return found


def _entities(nlp, pieces: Iterable[str]) -> Iterator[list[tuple[int, int, str]]]:
    """The entities of each piece. The model's working memory grows with the characters of a batch
    (about 4 MB per thousand), so a batch holds at most one full piece's worth: 64 short paragraphs or
    one long piece, never 64 long pieces (over 6 GB)."""
    for batch in _batches(pieces):
        yield from (doc_entities(doc) for doc in nlp.pipe(batch, batch_size=len(batch)))


def _batches(pieces: Iterable[str], chars: int = PIECE_CHARS, count: int = _BATCH) -> Iterator[list[str]]:
    batch, size = [], 0
    for p in pieces:
        if batch and (size + len(p) > chars or len(batch) >= count):
            yield batch
            batch, size = [], 0
        batch.append(p)
        size += len(p)
    if batch:
        yield batch


# -- worker processes ------------------------------------------------------------
_FORKED_NLP = None  # the model a forked worker inherited from the process that loaded it


def _worker_run(pieces: list[str]) -> list[list[tuple[int, int, str]]]:
    return list(_entities(_FORKED_NLP, pieces))


def _parallel(nlp, jobs: Iterable[list[str]], processes: int) -> Iterator[list[list[tuple[int, int, str]]]]:
    """The entities of each job's pieces, computed in forked workers, in the jobs' order."""
    global _FORKED_NLP
    _FORKED_NLP = nlp
    with fork_pool(processes) as pool:
        yield from pool.imap(_worker_run, jobs)


class NerDetector:
    def __init__(self, model_name: str):
        self.engine = engine(model_name)

    @property
    def nlp(self):
        return self.engine.nlp["en"]

    @property
    def model_version(self) -> str:
        nlp = self.nlp
        return f"{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}".strip()

    def dictionary_words(self) -> frozenset[str]:
        """Ordinary English words, from the model's lemmatizer tables (WordNet-based) when it has them."""
        nlp = self.nlp
        words: set[str] = set()
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
            for table in ("lemma_index", "lemma_exc"):
                if lookups.has_table(table):
                    data = lookups.get_table(table)
                    for pos in ("noun", "verb", "adj", "adv"):
                        if pos in data:
                            words.update(w for w in data[pos] if isinstance(w, str) and w.isalpha())
        except (KeyError, AttributeError):
            log.info("the model has no lemmatizer tables; common-word checks use the word lists only")
        return frozenset(words)

    def find_many(self, texts: list[str]) -> list[list[Candidate]]:
        """NER's hits in each text (offsets into that text)."""
        return list(self.find_iter(texts, sum(len(t) for t in texts)))

    def find_iter(self, texts: Iterable[str], chars: int) -> Iterator[list[Candidate]]:
        """:meth:`find_many` one text at a time, for ``texts`` of ``chars`` characters in all: with worker
        processes for long runs, the model works ahead on the next texts while the caller uses a result."""
        processes = _processes(chars)
        # Each text's pieces, whether each goes to the model (not read before in this process) and how many do.
        pending: deque[tuple[list[tuple[int, str]], list[bool], int]] = deque()
        known = self.engine.piece_entities

        def pieces() -> Iterator[str]:
            for text in texts:
                found = _text_pieces(text)
                ask = [p not in known for _, p in found]
                pending.append((found, ask, sum(ask)))
                yield from (p for (_, p), a in zip(found, ask) if a)

        if processes == 1:
            results: Iterator[list[tuple[int, int, str]]] = _entities(self.nlp, pieces())
        else:
            results = (ents for job in _parallel(self.nlp, _jobs(pieces()), processes) for ents in job)
        done: list[list[tuple[int, int, str]]] = []

        def first_text() -> list[Candidate]:
            found, ask, count = pending.popleft()
            read = iter(done[:count])
            del done[:count]
            ents = [next(read) if a else known[p] for (_, p), a in zip(found, ask)]
            for (_, p), a, e in zip(found, ask, ents):
                if a and len(p) <= _KNOWN_PIECE_CHARS and len(known) < _KNOWN_PIECES:
                    known[p] = e  # never forgotten in this process: a later text may count on it
            return _candidates(found, ents)

        for ents in results:
            done.append(ents)
            while pending and len(done) >= pending[0][2]:
                yield first_text()
        while pending:  # texts with nothing left to read at the end
            yield first_text()


def _jobs(pieces: Iterator[str], chars: int = 2 * PIECE_CHARS) -> Iterator[list[str]]:
    """Pieces grouped into one worker's job of about ``chars`` characters."""
    job, size = [], 0
    for p in pieces:
        job.append(p)
        size += len(p)
        if size >= chars:
            yield job
            job, size = [], 0
    if job:
        yield job


def _text_pieces(text: str) -> list[tuple[int, str]]:
    return [(offset, piece) for offset, piece in model_pieces(flat(text)) if piece.strip()]


def _candidates(pieces: list[tuple[int, str]], found: list[list[tuple[int, int, str]]]) -> list[Candidate]:
    return [Candidate(start + offset, end + offset, label, "ner", NER_SCORE, "remove")
            for (offset, _), ents in zip(pieces, found) for start, end, label in ents]
