"""Stance measured by cross-validation over the whole corpus, with or without a feature branch.

    python benchmarks/stance_cv.py [--folds 5] [--C 4] [--without near_words ...]

The dev and test splits move by 0.01-0.03 with small changes to the stance model, too much to
judge a new feature by. This trains the stance model on the gold quoted sentences of all but one
fold of the corpus articles (fold = article index modulo ``--folds``, over train, dev and test in
that order, as in ``speaker_cv.py``) and prints macro-F1 on the held-out fold, then the mean and
standard deviation. ``--without`` drops named branches of the model's ``FeatureUnion``
(``quote_words``, ``quote_chars``, ``context_words``, ``near_words``, ``previous_words``, ``cues``)
to measure what each adds. About four minutes on one core; it prints figures and never fails.
"""

from __future__ import annotations

import argparse
import statistics

from sklearn.metrics import f1_score

from classifier.config import DATA_DIR
from classifier.stance import make_stance_model
from classifier.training import cross_validation_folds, stance_examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--without", nargs="*", default=[], help="feature branches to leave out")
    args = parser.parse_args()

    scores = []
    for fold, (train, held_out) in enumerate(cross_validation_folds(DATA_DIR, args.folds)):
        model = make_stance_model(args.C)
        branches = model.named_steps["features"].transformer_list
        unknown = set(args.without) - {name for name, _ in branches}
        if unknown:
            parser.error(f"no such branch: {', '.join(sorted(unknown))}")
        branches[:] = [(name, branch) for name, branch in branches if name not in args.without]
        model.fit(*stance_examples(train))
        items, labels = stance_examples(held_out)
        scores.append(f1_score(labels, model.predict(items), average="macro"))
        sizes = f"{len(held_out)} articles, {len(labels)} sentences"
        print(f"fold {fold}: {sizes}, macro-F1 {scores[-1]:.4f}", flush=True)
    mean, spread = statistics.mean(scores), statistics.pstdev(scores)
    without = f" without {', '.join(args.without)}" if args.without else ""
    print(f"stance macro-F1 over {args.folds} folds{without}: {mean:.4f} ± {spread:.4f}")


if __name__ == "__main__":
    main()
