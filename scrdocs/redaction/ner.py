"""Layer 2: spaCy's named-entity recognizer, run through Presidio.

Only the components NER needs are run (for en_core_web_sm: ``ner`` alone, which
carries its own token-to-vector layer; tagger, parser, attribute ruler and
lemmatizer are skipped, about 2.5x faster with identical entities). Texts are
cut at line ends into pieces and fed to ``nlp.pipe`` in batches (with two
worker processes for long runs of text, see :func:`_processes`); the model is
loaded once per process. Presidio's own model download is never triggered:
a missing model is a :class:`ToolMissingError`.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from ..errors import ToolMissingError
from ..settings import ner_processes
from .spans import Candidate

log = logging.getLogger("scrdocs")
_LOCK = threading.Lock()
_ENGINES: dict[str, "TrimmedSpacyEngine"] = {}
_CHUNK = 20_000
#: Below this many characters in one call the model runs in this process only.
PARALLEL_FROM_CHARS = 150_000
_SINGLE_NEWLINE = re.compile(r"(?<=[^\n\s])\n(?=[^\n\s])")

_MAPPING = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
            "ORG": "ORGANIZATION"}

_IGNORED = ["DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "NORP", "EVENT", "WORK_OF_ART",
            "LAW", "LANGUAGE", "PRODUCT"]


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
    """Worker processes for the model: more than one only for long runs of text, where starting
    them (about a second) pays for itself. SCRDOCS_NER_PROCESSES=1 turns this off."""
    limit = ner_processes()
    if chars < PARALLEL_FROM_CHARS or limit <= 1:
        return 1
    return max(1, min(limit, os.cpu_count() or 1))


def _pieces(text: str) -> list[tuple[int, str]]:
    """Cut a long text at line ends into pieces the model handles well."""
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, text[start:end]))
        start = end
    return out or [(0, "")]


class NerDetector:
    def __init__(self, model_name: str):
        self.engine = engine(model_name)
        self.recognizer = SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "ORGANIZATION"])

    @property
    def model_version(self) -> str:
        nlp = self.engine.nlp["en"]
        return f"{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}".strip()

    def dictionary_words(self) -> frozenset[str]:
        """Ordinary English words, from the model's lemmatizer tables (WordNet-based) when it has them."""
        nlp = self.engine.nlp["en"]
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
        jobs = []
        for index, text in enumerate(texts):
            # a name broken across a line end inside a paragraph is one name to the model: single line breaks
            # become spaces (same length, so offsets stay true); blank lines still part paragraphs
            text = _SINGLE_NEWLINE.sub(" ", text)
            for offset, piece in _pieces(text):
                if piece.strip():
                    jobs.append((piece, (index, offset)))
        results: list[list[Candidate]] = [[] for _ in texts]
        entities = ["PERSON", "LOCATION", "ORGANIZATION"]
        processes = _processes(sum(len(piece) for piece, _ in jobs))
        batch = 64 if processes == 1 else max(1, len(jobs) // (processes * 4))
        for piece, artifacts, (index, offset) in self.engine.process_batch(jobs, "en", batch_size=batch, as_tuples=True,
                                                                           n_process=processes):
            for r in self.recognizer.analyze(piece, entities, artifacts):
                results[index].append(Candidate(r.start + offset, r.end + offset, r.entity_type, "ner",
                                                round(float(r.score), 2), "remove"))
        return results
