"""Stance measured by cross-validation over the whole corpus, with or without a feature branch.

    python benchmarks/stance_cv.py [--folds 5] [--by-batch] [--C 4] [--without near_words ...]
        [--alternatives 0.5]

The dev and test splits move by 0.01-0.03 with small changes to the stance model, too much to judge
a new feature by. This trains the stance model on the gold quoted sentences of all but one fold of
the corpus articles (fold = article index modulo ``--folds``, over train, dev and test in that
order, as in ``speaker_cv.py``) and prints macro-F1 on the held-out fold, then the mean and
standard deviation: against the main labels, and as the guideline scores (a prediction listed among
a sentence's alternatives is right). ``--without`` drops named branches of the model's
``FeatureUnion`` (``quote_words``, ``quote_chars``, ``context_words``, ``near_words``,
``previous_words``, ``cues``) to measure what each adds; ``--alternatives`` sets the training
weight of alternative labels (0 trains on main labels only). ``--by-batch`` keeps each writing
batch in one fold, so no held-out article shares a writer or brief with the training ones. About
four minutes on one core; it prints figures and never fails.
"""

from __future__ import annotations

import argparse
import statistics

from sklearn.metrics import f1_score

from classifier.config import DATA_DIR, STANCE_ALTERNATIVE_WEIGHT
from classifier.stance import make_stance_model
from classifier.training import cross_validation_folds, stance_examples, stance_units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--by-batch", action="store_true", help="keep each writing batch in one fold (unseen writers)"
    )
    parser.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength")
    parser.add_argument("--without", nargs="*", default=[], help="feature branches to leave out")
    parser.add_argument(
        "--alternatives",
        type=float,
        default=STANCE_ALTERNATIVE_WEIGHT,
        help="training weight of alternative labels (0: main labels only)",
    )
    args = parser.parse_args()

    main_scores, guideline_scores = [], []
    for fold, (train, held_out) in enumerate(
        cross_validation_folds(DATA_DIR, args.folds, by_batch=args.by_batch)
    ):
        model = make_stance_model(args.C)
        branches = model.named_steps["features"].transformer_list
        unknown = set(args.without) - {name for name, _ in branches}
        if unknown:
            parser.error(f"no such branch: {', '.join(sorted(unknown))}")
        branches[:] = [(name, branch) for name, branch in branches if name not in args.without]
        items, labels, weights = stance_examples(train, alternatives=args.alternatives)
        model.fit(items, labels, classify__sample_weight=weights)
        units = list(stance_units(held_out))
        predicted = model.predict([item for item, _ in units])
        main_labels = [g.stance for _, g in units]
        # as the guideline scores: a prediction listed among the alternatives is right
        accepted = [g.stance_truth(p) for p, (_, g) in zip(predicted, units, strict=True)]
        main_scores.append(f1_score(main_labels, predicted, average="macro"))
        guideline_scores.append(f1_score(accepted, predicted, average="macro"))
        print(
            f"fold {fold}: {len(held_out)} articles, {len(units)} sentences, macro-F1 "
            f"{main_scores[-1]:.4f} (main labels), {guideline_scores[-1]:.4f} (alternatives right)",
            flush=True,
        )
    without = f" without {', '.join(args.without)}" if args.without else ""
    for name, scores in (("main labels", main_scores), ("alternatives right", guideline_scores)):
        mean, spread = statistics.mean(scores), statistics.pstdev(scores)
        print(f"stance macro-F1 over {args.folds} folds{without}, {name}: {mean:.4f} ± {spread:.4f}")


if __name__ == "__main__":
    main()
