"""Paths and defaults, in one place."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = REPO_DIR / "data"

SPLITS = ("train", "dev", "test")
STANCES = ("attacking", "defending", "proposing")
SEED = 13


def default_model_dir() -> Path:
    """The shipped bundle: inside the installed package, or ``models/`` in a source checkout."""
    for candidate in (PACKAGE_DIR / "models", REPO_DIR / "models"):
        if (candidate / "manifest.json").exists():
            return candidate
    return REPO_DIR / "models"


BATCH_SIZE = 32  # articles per scikit-learn call; larger batches amortise per-call overhead
# Hyperparameters tried on dev for each model: inverse regularisation strengths for the logistic
# regressions, boosting iterations for the speaker ranker.
C_GRID = (0.25, 1.0, 4.0, 16.0)
# Weight of a stance's acceptable alternative label as an extra training example (main label: 1).
STANCE_ALTERNATIVE_WEIGHT = 0.5
RANKER_ITERATIONS = (50, 100, 200, 400)
# Processes for fitting the stance model's calibration folds (-1: every core). Fitted one after
# another instead, the same data gave the same labels, with some probabilities different in the
# fourth decimal.
FIT_JOBS = -1
# First names in the bundle's gender lexicon: seen at least this often in the name-gender table,
# and given to one gender at least this share of the time.
FIRST_NAME_MIN_COUNT = 100
FIRST_NAME_CERTAINTY = 0.9
