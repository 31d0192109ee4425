"""Train the model bundle from data/ and write it to models/ (see README, "Retraining")."""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from classifier.bundle import save
from classifier.config import DATA_DIR, REPO_DIR
from classifier.evaluate import format_scores
from classifier.training import data_hash, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder with train/dev/test.jsonl")
    parser.add_argument("--out", type=Path, default=REPO_DIR / "models", help="where to write the bundle")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    began = time.perf_counter()
    model, metrics, chosen = train(args.data)
    chosen["seconds"] = round(time.perf_counter() - began, 1)
    manifest = save(model, args.out, data_hash=data_hash(args.data), metrics=metrics, training=chosen)
    for split, scores in metrics.items():
        print(f"== {split}\n{format_scores(scores)}")
    print(json.dumps(chosen))
    print(f"wrote {manifest}")


if __name__ == "__main__":
    main()
