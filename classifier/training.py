"""Train the bundle from the corpus: fit on train, choose hyperparameters on dev, score test."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

from .config import C_GRID, RANKER_ITERATIONS, SPLITS
from .errors import TrainingError
from .evaluate import GoldQuote, score, speaker_matches
from .io import read_gold
from .pipeline import Model
from .quotes import find_quotations, make_quotation_filter
from .speakers import candidates_for, describe, find_mentions, make_ranker
from .stance import make_stance_model, stance_input
from .text import common_words, train_sentence_splitter
from .types import Document, Quotation, Span

log = logging.getLogger(__name__)
Gold = Sequence[tuple[Document, list[GoldQuote]]]


def data_hash(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for split in SPLITS:
        digest.update((data_dir / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()


def _inside(quotation: Quotation, gold: GoldQuote) -> bool:
    return any(s.start <= gold.start and gold.end <= s.end for s in quotation.segments)


def _gold_quotations(text: str, gold: list[GoldQuote]) -> list[tuple[Quotation, list[GoldQuote]]]:
    """Scanner quotations holding gold units, plus a one-segment quotation for any unit it missed."""
    found = []
    covered: set[int] = set()
    for quotation in find_quotations(text):
        inside = [g for g in gold if _inside(quotation, g)]
        if inside:
            found.append((quotation, inside))
            covered.update(id(g) for g in inside)
    for g in gold:
        if id(g) not in covered:
            found.append((Quotation((Span.of(text, g.start, g.end),), "double"), [g]))
    return sorted(found, key=lambda pair: pair[0].start)


def filter_examples(gold: Gold) -> tuple[list, list[int]]:
    items, labels = [], []
    for document, quotes in gold:
        for quotation in find_quotations(document.text):
            items.append((document.text, quotation))
            labels.append(int(any(_inside(quotation, g) for g in quotes)))
    return items, labels


def ranker_examples(gold: Gold, common: frozenset[str]) -> tuple[list, list[int]]:
    """(article, quotation, candidate) items labelled 1 where the candidate names the gold speaker."""
    items, labels = [], []
    for document, quotes in gold:
        pairs = _gold_quotations(document.text, quotes)
        others = [q for q in find_quotations(document.text) if not any(_inside(q, g) for g in quotes)]
        article = find_mentions(document.text, [q for q, _ in pairs], common, marked=others)
        previous = ""
        for index, (_, inside) in enumerate(pairs):
            candidates = candidates_for(article, index)
            marks = [int(speaker_matches(describe(c, previous), inside[0], lenient=True)) for c in candidates]
            if any(marks):
                items += [(article, index, c) for c in candidates]
                labels += marks
            previous = inside[0].speaker
    return items, labels


def stance_examples(gold: Gold) -> tuple[list[dict], list[str]]:
    """Gold units that do one of the three acts, read as the pipeline reads predicted ones."""
    items, labels = [], []
    for document, quotes in gold:
        last_said: dict[str, str] = {}
        for quotation, inside in _gold_quotations(document.text, quotes):
            for g in inside:
                unit = Span.of(document.text, g.start, g.end)
                if len({g.stance, *g.stance_alt}) < 3:
                    items.append(stance_input(document.text, unit, quotation, last_said.get(g.speaker, "")))
                    labels.append(g.stance)
                last_said[g.speaker] = unit.text
    return items, labels


def evaluate_model(model: Model, gold: Gold) -> dict:
    predictions = model.predict_batch([document for document, _ in gold])
    return score(zip(predictions, [quotes for _, quotes in gold], strict=True))


def _pick(make, grid, train_xy, dev_xy, measure) -> tuple[object, float, dict]:
    """Fit one estimator per hyperparameter value on train, keep the best on dev."""
    best = None
    tried = {}
    for c in grid:
        estimator = make(c).fit(*train_xy)
        tried[c] = round(measure(estimator, *dev_xy), 4)
        if best is None or tried[c] > tried[best[1]]:
            best = (estimator, c)
    return best[0], best[1], tried


def _accuracy(estimator, items, labels) -> float:
    predicted = estimator.predict(items)
    return sum(int(p == y) for p, y in zip(predicted, labels, strict=True)) / max(1, len(labels))


def _top1(ranker, items, labels) -> float:
    """Share of quotations whose best-scored candidate is a right one."""
    scores = ranker.predict_proba(items)[:, 1]
    groups: dict[tuple[int, int], tuple[float, int]] = {}
    for (article, index, _), s, y in zip(items, scores, labels, strict=True):
        key = (id(article), index)
        if key not in groups or s > groups[key][0]:
            groups[key] = (s, y)
    return sum(y for _, y in groups.values()) / max(1, len(groups))


def _macro_f1(estimator, items, labels) -> float:
    from sklearn.metrics import f1_score

    return f1_score(labels, estimator.predict(items), average="macro")


def train(data_dir: Path) -> tuple[Model, dict, dict]:
    """The bundle, its test and dev scores, and what was chosen during training."""
    gold = {split: read_gold(data_dir / f"{split}.jsonl") for split in SPLITS}
    if not gold["train"] or not gold["dev"]:
        raise TrainingError(f"{data_dir}: train.jsonl and dev.jsonl must hold articles")
    splitter = train_sentence_splitter(d.text for d, _ in gold["train"])
    common = common_words(d.text for d, _ in gold["train"])
    chosen = {}
    quotation_filter, chosen["filter_C"], chosen["filter_dev_accuracy"] = _pick(
        make_quotation_filter, C_GRID, filter_examples(gold["train"]), filter_examples(gold["dev"]), _accuracy
    )
    ranker, chosen["ranker_iterations"], chosen["ranker_dev_top1"] = _pick(
        make_ranker,
        RANKER_ITERATIONS,
        ranker_examples(gold["train"], common),
        ranker_examples(gold["dev"], common),
        _top1,
    )
    stance, chosen["stance_C"], chosen["stance_dev_macro_f1"] = _pick(
        make_stance_model, C_GRID, stance_examples(gold["train"]), stance_examples(gold["dev"]), _macro_f1
    )
    model = Model(splitter, quotation_filter, ranker, stance, common)
    metrics = {split: evaluate_model(model, gold[split]) for split in ("dev", "test")}
    chosen["articles"] = {split: len(gold[split]) for split in SPLITS}
    return model, metrics, chosen
