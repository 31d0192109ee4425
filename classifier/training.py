"""Train the bundle from the corpus: fit on train, choose hyperparameters on dev, score test."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from .config import (
    C_GRID,
    FIRST_NAME_CERTAINTY,
    FIRST_NAME_MIN_COUNT,
    RANKER_ITERATIONS,
    SPLITS,
    STANCE_ALTERNATIVE_WEIGHT,
)
from .errors import TrainingError
from .evaluate import GoldQuote, score, speaker_matches
from .io import read_gold
from .pipeline import Model
from .pronouns import antecedents, make_pronoun_resolver
from .pronouns import pair_features as pronoun_features
from .quotes import find_quotations, make_quotation_filter
from .speakers import Article, candidates_for, describe, find_mentions, make_ranker
from .stance import make_stance_model, stance_input
from .text import common_words, train_sentence_splitter
from .types import Document, Mention, Quotation, Span

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


def cross_validation_folds(
    data_dir: Path, folds: int, *, by_batch: bool = False
) -> Iterator[tuple[list, list]]:
    """(training articles, held-out articles) for each fold of the whole corpus: train, dev and
    test in that order, fold = article index modulo ``folds``, so every benchmark splits alike.

    With ``by_batch``, every article of a writing batch (the ``b07`` of ``b07-012``) falls in the
    same fold: batches go, largest first, to the fold with fewest articles so far. A model is then
    scored on writers and briefs it never saw, nearer to how it meets real news than article folds,
    where it can lean on one writer's habits seen in training."""
    gold = [article for split in SPLITS for article in read_gold(data_dir / f"{split}.jsonl")]
    if by_batch:
        sizes = Counter(_batch(document.id) for document, _ in gold)
        fold_sizes = [0] * folds
        fold_of = {}
        for batch, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
            fold_of[batch] = fold_sizes.index(min(fold_sizes))
            fold_sizes[fold_of[batch]] += size
        assigned = [fold_of[_batch(document.id)] for document, _ in gold]
    else:
        assigned = [i % folds for i in range(len(gold))]
    for fold in range(folds):
        yield (
            [article for article, f in zip(gold, assigned, strict=True) if f != fold],
            [article for article, f in zip(gold, assigned, strict=True) if f == fold],
        )


def _batch(article_id: str) -> str:
    return article_id.split("-", 1)[0]


def filter_examples(gold: Gold) -> tuple[list, list[int]]:
    items, labels = [], []
    for document, quotes in gold:
        for quotation in find_quotations(document.text):
            items.append((document.text, quotation))
            labels.append(int(any(_inside(quotation, g) for g in quotes)))
    return items, labels


def _gold_articles(gold: Gold, **mention_options):
    """Each gold article's mentions, found around its gold quotations."""
    for document, quotes in gold:
        pairs = _gold_quotations(document.text, quotes)
        others = [q for q in find_quotations(document.text) if not any(_inside(q, g) for g in quotes)]
        quotations = [q for q, _ in pairs]
        yield find_mentions(document.text, quotations, marked=others, **mention_options), pairs


def _attributing_pronoun(article: Article, quotation: Quotation) -> Mention | None:
    """The pronoun in the quotation's paragraph nearest to it, preferring one next to a reporting
    verb ("she said"): the mention a gold unit tagged ``pronoun`` is attributed by."""
    paragraph = article.paragraph_of(quotation.start)
    pronouns = [
        m
        for m, p in zip(article.mentions, article.mention_paragraphs, strict=True)
        if m.kind == "pronoun"
        and p == paragraph
        and not any(s.start <= m.span.start < s.end for s in quotation.segments)
    ]
    speaking = [m for m in pronouns if any(article.verb_cues[m.span.start, m.span.end].values())]
    return min(
        speaking or pronouns,
        key=lambda m: min(abs(m.span.start - quotation.end), abs(m.span.end - quotation.start)),
        default=None,
    )


def first_name_lexicon() -> dict[str, str]:
    """First names that nearly always belong to one gender, from the name-gender table of the
    ``nomquamgender`` package (a training-time dependency; the lexicon ships in the bundle)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise TrainingError("training needs the nomquamgender package: pip install '.[train]'")
    table = json.loads((Path(spec.submodule_search_locations[0]) / "name_data.json").read_text("utf-8"))
    return {
        name: "f" if p_female >= FIRST_NAME_CERTAINTY else "m"
        for name, (_, count, p_female, *_) in table.items()
        if count >= FIRST_NAME_MIN_COUNT
        and name.isalpha()
        and abs(p_female - 0.5) >= FIRST_NAME_CERTAINTY - 0.5
    }


def pronoun_examples(
    gold: Gold, common: frozenset[str], first_names: dict[str, str]
) -> tuple[list[dict], list[int]]:
    """(attributing pronoun, earlier entity) pairs labelled 1 where the entity is the gold speaker."""
    items, labels = [], []
    for article, pairs in _gold_articles(gold, common_words=common, first_names=first_names):
        choices = antecedents(article)
        for quotation, inside in pairs:
            tags = set(inside[0].tags)
            if "pronoun" not in tags or not {"after", "before", "split", "colon"} & tags:
                continue
            pronoun = _attributing_pronoun(article, quotation)
            candidates = choices.get(pronoun.span.start, []) if pronoun else []
            marks = [int(speaker_matches(c.entity, inside[0], lenient=True)) for c in candidates]
            if any(marks):
                items += [pronoun_features(article, pronoun, candidates, i) for i in range(len(candidates))]
                labels += marks
    return items, labels


def ranker_examples(
    gold: Gold, common: frozenset[str], first_names: dict[str, str], pronoun_resolver
) -> tuple[list, list[int]]:
    """(article, quotation, candidate) items labelled 1 where the candidate names the gold speaker."""
    items, labels = [], []
    mention_options = {
        "common_words": common,
        "first_names": first_names,
        "pronoun_resolver": pronoun_resolver,
    }
    for article, pairs in _gold_articles(gold, **mention_options):
        previous = ""
        for index, (_, inside) in enumerate(pairs):
            candidates = candidates_for(article, index)
            marks = [int(speaker_matches(describe(c, previous), inside[0], lenient=True)) for c in candidates]
            if any(marks):
                items += [(article, index, c) for c in candidates]
                labels += marks
            previous = inside[0].speaker
    return items, labels


def attributing_examples(ranker, items: list, labels: list[int]) -> tuple[list, list[int]]:
    """The ranker's examples with one right candidate per quotation: the one ``ranker`` scores best.

    The gold names the speaker, not the mention that attributes the quotation, so every mention of
    the speaker within reach starts out right, even one three sentences away with nothing tying it
    to the quote. A ranker trained on those learns who is talked about rather than who speaks.
    Keeping the right mention a first ranker likes best (a latent antecedent, as in coreference)
    and dropping the speaker's other mentions, neither right nor wrong, teaches attribution.
    """
    scores = ranker.predict_proba(items)[:, 1]
    chosen = set(_best_per_quotation(items, scores, among=labels))
    kept = [n for n, y in enumerate(labels) if not y or n in chosen]
    return [items[n] for n in kept], [labels[n] for n in kept]


def _best_per_quotation(items: list, scores, among: list[int] | None = None) -> list[int]:
    """Index of the best-scored candidate of each quotation (the first, if tied), considering only
    the candidates flagged in ``among`` if given."""
    best: dict[tuple[int, int], int] = {}
    for n, ((article, index, _), value) in enumerate(zip(items, scores, strict=True)):
        key = (id(article), index)
        if (among is None or among[n]) and (key not in best or value > scores[best[key]]):
            best[key] = n
    return list(best.values())


def stance_units(gold: Gold) -> Iterator[tuple[dict, GoldQuote]]:
    """Gold units that do one of the three acts, each read as the pipeline reads predicted ones."""
    for document, quotes in gold:
        last_said: dict[str, str] = {}
        for quotation, inside in _gold_quotations(document.text, quotes):
            for g in inside:
                unit = Span.of(document.text, g.start, g.end)
                if g.stance_scored:
                    yield stance_input(document.text, unit, quotation, last_said.get(g.speaker, "")), g
                last_said[g.speaker] = unit.text


def stance_examples(gold: Gold, *, alternatives: float = 0.0) -> tuple[list[dict], list[str], list[float]]:
    """Items, labels and weights: each unit once with its main label and weight 1, and with
    ``alternatives`` > 0 once more per acceptable alternative ("att/pro") with that weight, since
    the guideline counts an alternative as right."""
    items, labels, weights = [], [], []
    for item, g in stance_units(gold):
        for label, weight in [(g.stance, 1.0), *((alt, alternatives) for alt in g.stance_alt)]:
            if weight > 0:
                items.append(item)
                labels.append(label)
                weights.append(weight)
    return items, labels, weights


def evaluate_model(model: Model, gold: Gold) -> dict:
    predictions = model.predict_batch([document for document, _ in gold])
    return score(zip(predictions, [quotes for _, quotes in gold], strict=True))


def _pick(make, grid, train_xy, dev_xy, measure, **fit_params) -> tuple[object, float, dict]:
    """Fit one estimator per hyperparameter value on train, keep the best on dev."""
    best = None
    tried = {}
    for c in grid:
        estimator = make(c).fit(*train_xy, **fit_params)
        tried[c] = round(measure(estimator, *dev_xy), 4)
        if best is None or tried[c] > tried[best[1]]:
            best = (estimator, c)
    return best[0], best[1], tried


def _pick_iterations(train_xy, dev_xy) -> tuple[object, int, dict]:
    """The ranker with the number of boosting iterations that does best on dev, reading every
    number's dev scores off one fit with the most (each iteration adds a tree to the ones before,
    so the first n trees of that fit are the fit with n) and refitting only if fewer win."""
    ranker = make_ranker(max(RANKER_ITERATIONS)).fit(*train_xy)
    dev_items, dev_labels = dev_xy
    stages = list(ranker[-1].staged_predict_proba(ranker[:-1].transform(dev_items)))
    tried = {}
    for n in RANKER_ITERATIONS:  # early stopping may end the fit before n
        tried[n] = round(_top1(dev_items, dev_labels, stages[min(n, len(stages)) - 1][:, 1]), 4)
    chosen = max(RANKER_ITERATIONS, key=lambda n: (tried[n], -n))
    if chosen < len(stages):
        ranker = make_ranker(chosen).fit(*train_xy)
    return ranker, chosen, tried


def _accuracy(estimator, items, labels) -> float:
    predicted = estimator.predict(items)
    return sum(int(p == y) for p, y in zip(predicted, labels, strict=True)) / max(1, len(labels))


def _top1(items, labels, scores) -> float:
    """Share of quotations whose best-scored candidate is a right one."""
    best = _best_per_quotation(items, scores)
    return sum(labels[n] for n in best) / max(1, len(best))


def _pair_top1(resolver, items, labels) -> float:
    """Share of pronouns whose best-scored antecedent is the right one (pairs come grouped by
    pronoun, each group opening with its most recent antecedent)."""
    scores = resolver.predict_proba(items)[:, 1]
    right = total = 0
    best = None
    for item, s, y in zip(items, scores, labels, strict=True):
        if item.get("recency=0") and best is not None:
            right += best[1]
            total += 1
            best = None
        if best is None or s > best[0]:
            best = (s, y)
    if best is not None:
        right += best[1]
        total += 1
    return right / max(1, total)


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
    first_names = first_name_lexicon()
    chosen = {}
    quotation_filter, chosen["filter_C"], chosen["filter_dev_accuracy"] = _pick(
        make_quotation_filter, C_GRID, filter_examples(gold["train"]), filter_examples(gold["dev"]), _accuracy
    )
    pronoun_resolver, chosen["pronoun_C"], chosen["pronoun_dev_top1"] = _pick(
        make_pronoun_resolver,
        C_GRID,
        pronoun_examples(gold["train"], common, first_names),
        pronoun_examples(gold["dev"], common, first_names),
        _pair_top1,
    )
    ranker_train = ranker_examples(gold["train"], common, first_names, pronoun_resolver)
    ranker_train = attributing_examples(make_ranker().fit(*ranker_train), *ranker_train)
    ranker, chosen["ranker_iterations"], chosen["ranker_dev_top1"] = _pick_iterations(
        ranker_train, ranker_examples(gold["dev"], common, first_names, pronoun_resolver)
    )
    items, labels, weights = stance_examples(gold["train"], alternatives=STANCE_ALTERNATIVE_WEIGHT)
    stance, chosen["stance_C"], chosen["stance_dev_macro_f1"] = _pick(
        make_stance_model,
        C_GRID,
        (items, labels),
        stance_examples(gold["dev"])[:2],
        _macro_f1,
        classify__sample_weight=weights,
    )
    model = Model(splitter, quotation_filter, pronoun_resolver, ranker, stance, common, first_names)
    metrics = {split: evaluate_model(model, gold[split]) for split in ("dev", "test")}
    chosen["articles"] = {split: len(gold[split]) for split in SPLITS}
    return model, metrics, chosen
