"""Speaker attribution measured by cross-validation over the whole corpus.

    python benchmarks/speaker_cv.py [--folds 5] [--by-batch] [--iterations 100]

The 40-article dev and test splits move by 0.01-0.03 with small changes, too much to judge a change
to the speaker stage by. This retrains the pronoun resolver and the speaker ranker on all but one
fold of the corpus articles (fold = article index modulo ``--folds``, over train, dev and test in
that order; ``--by-batch`` keeps each writing batch in one fold) and prints lenient and strict
speaker accuracy on the held-out fold, then their means and standard deviations. Lenient accepts
any alias, so a role left as written ("the mayor") passes it; strict asks for the canonical name
the product promises. The other stages (sentence splitter, quotation filter, stance) are the
shipped bundle's, which saw the train split, so extraction is slightly optimistic; only speaker
accuracy is reported. About four minutes on two cores; it prints figures and never fails.
"""

from __future__ import annotations

import argparse
import statistics

import classifier
from classifier.config import DATA_DIR
from classifier.pronouns import make_pronoun_resolver
from classifier.speakers import make_ranker
from classifier.training import (
    attributing_examples,
    cross_validation_folds,
    evaluate_model,
    pronoun_examples,
    ranker_examples,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--by-batch", action="store_true", help="keep each writing batch in one fold (unseen writers)"
    )
    parser.add_argument("--iterations", type=int, default=100, help="boosting rounds of the ranker")
    args = parser.parse_args()

    model = classifier.load()
    scores, strict = [], []
    for fold, (train, held_out) in enumerate(
        cross_validation_folds(DATA_DIR, args.folds, by_batch=args.by_batch)
    ):
        resolver = make_pronoun_resolver(model.manifest["training"]["pronoun_C"])
        examples = pronoun_examples(train, model.common_words, model.first_names)
        model.pronoun_resolver = resolver.fit(*examples)
        examples = ranker_examples(train, model.common_words, model.first_names, model.pronoun_resolver)
        examples = attributing_examples(make_ranker(args.iterations).fit(*examples), *examples)
        model.ranker = make_ranker(args.iterations).fit(*examples)
        speaker = evaluate_model(model, held_out)["speaker"]
        scores.append(speaker["lenient_accuracy"])
        strict.append(speaker["strict_accuracy"])
        sizes = f"fold {fold}: {len(held_out)} articles"
        print(f"{sizes}, speaker lenient {scores[-1]:.3f}, strict {strict[-1]:.3f}", flush=True)
    for name, values in (("lenient", scores), ("strict", strict)):
        mean, spread = statistics.mean(values), statistics.pstdev(values)
        print(f"speaker {name} over {args.folds} folds: {mean:.4f} ± {spread:.4f}")


if __name__ == "__main__":
    main()
