"""The three stages in order: documents in, records out."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from nltk.tokenize.punkt import PunktSentenceTokenizer
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from .config import BATCH_SIZE, STANCES
from .pronouns import resolve as resolve_pronouns
from .quotes import find_quotations, split_quotation
from .speakers import decode, find_mentions, follow_headline_echoes, score_candidates
from .stance import stance_input
from .text import plain_spaces
from .types import Document, QuoteRecord, Span


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside a batch: its many short-lived objects trigger full
    collections that walk the whole loaded model (about 90 ms each, 5% of prediction time), while
    reference counting frees them anyway. Cycles made meanwhile are collected after the batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Model:
    """The trained bundle: a Punkt splitter and four scikit-learn pipelines."""

    splitter: PunktSentenceTokenizer
    quotation_filter: Pipeline
    pronoun_resolver: Pipeline
    ranker: Pipeline
    stance: Pipeline
    common_words: frozenset[str] = frozenset()
    first_names: dict[str, str] = field(default_factory=dict)  # first name -> usual gender
    manifest: dict = field(default_factory=dict)

    def predict(self, text: str, *, article: str = "") -> list[QuoteRecord]:
        """Every quoted sentence of ``text`` with its speaker and stance, in text order."""
        return self.predict_batch([Document(article, text)])[0]

    def predict_many(self, documents: Iterable[Document | str], *, n_jobs: int = 1) -> Iterator[QuoteRecord]:
        """Records for many articles, streamed in input order; ``n_jobs`` > 1 uses processes."""
        for _, records in self.predict_documents(documents, n_jobs=n_jobs):
            yield from records

    def predict_documents(
        self, documents: Iterable[Document | str], *, n_jobs: int = 1
    ) -> Iterator[tuple[Document, list[QuoteRecord]]]:
        """(document, its records) pairs in input order, reading the input lazily."""
        docs = (d if isinstance(d, Document) else Document(str(n), d) for n, d in enumerate(documents))
        batches = _batches(docs, BATCH_SIZE)
        if n_jobs == 1:
            for batch in batches:
                yield from zip(batch, self.predict_batch(batch), strict=True)
            return
        pending: deque[list[Document]] = deque()

        def feed() -> Iterator[list[Document]]:
            for batch in batches:
                pending.append(batch)  # the pool's feeder thread reads this generator
                yield batch

        # Not "fork": a child forked after the parent's OpenMP pool has run (the ranker's boosted
        # trees) can deadlock in libgomp. Workers start clean and receive the model pickled.
        context = multiprocessing.get_context("forkserver")
        with context.Pool(n_jobs if n_jobs > 0 else None, _install, (self,)) as pool:
            for results in pool.imap(_predict_in_worker, feed()):
                yield from zip(pending.popleft(), results, strict=True)

    @_cyclic_gc_paused()
    def predict_batch(self, documents: Sequence[Document]) -> list[list[QuoteRecord]]:
        """The whole pipeline over a batch, one scikit-learn call per stage for speed."""
        texts = [plain_spaces(d.text) for d in documents]
        candidates = [find_quotations(text) for text in texts]
        pairs = [(text, q) for text, found in zip(texts, candidates, strict=True) for q in found]
        keep = iter(self.quotation_filter.predict(pairs) if pairs else [])
        kept = [[bool(next(keep)) for _ in found] for found in candidates]
        quotations = [
            [q for q, k in zip(f, ks, strict=True) if k] for f, ks in zip(candidates, kept, strict=True)
        ]
        articles = [
            find_mentions(
                text,
                found,
                self.common_words,
                marked=[q for q, k in zip(all_, ks, strict=True) if not k],
                first_names=self.first_names,
            )
            for text, found, all_, ks in zip(texts, quotations, candidates, kept, strict=True)
        ]
        articles = resolve_pronouns(articles, self.pronoun_resolver)
        attributions = [
            follow_headline_echoes(article, decode(scored))
            for article, scored in zip(articles, score_candidates(articles, self.ranker), strict=True)
        ]

        units, inputs = [], []
        for n, (text, found, speakers) in enumerate(zip(texts, quotations, attributions, strict=True)):
            last_said: dict[str, str] = {}
            for quotation, attribution in zip(found, speakers, strict=True):
                for unit in split_quotation(self.splitter, text, quotation):
                    previous = last_said.get(attribution.speaker, "")
                    inputs.append(stance_input(text, unit.span, quotation, previous))
                    units.append((n, unit, attribution))
                    last_said[attribution.speaker] = unit.span.text
        probabilities = self.stance.predict_proba(inputs) if inputs else []
        labels = list(self.stance.classes_)
        results: list[list[QuoteRecord]] = [[] for _ in documents]
        for (n, unit, attribution), row in zip(units, probabilities, strict=True):
            scores = {label: round(float(row[labels.index(label)]), 4) for label in STANCES}
            original, mention = documents[n].text, attribution.mention  # spans quote it as written
            results[n].append(
                QuoteRecord(
                    article=documents[n].id,
                    start=unit.span.start,
                    end=unit.span.end,
                    text=original[unit.span.start : unit.span.end],
                    speaker=attribution.speaker,
                    speaker_mention=mention and Span.of(original, mention.start, mention.end),
                    speaker_score=round(attribution.score, 4),
                    stance=max(scores, key=scores.__getitem__),
                    stance_scores=scores,
                )
            )
        return results


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


_worker_model: Model | None = None


def _install(model: Model) -> None:
    global _worker_model
    _worker_model = model
    threadpool_limits(1)  # one process per core already; nested threads would oversubscribe


def _predict_in_worker(batch: list[Document]) -> list[list[QuoteRecord]]:
    assert _worker_model is not None
    return _worker_model.predict_batch(batch)
