"""The shipped bundle loads, refuses tampering, and reproduces the scores in its manifest."""

from __future__ import annotations

import json
import shutil

import pytest

import classifier
from classifier.config import DATA_DIR, default_model_dir
from classifier.errors import BundleError
from classifier.io import read_gold
from classifier.training import data_hash, evaluate_model


def test_manifest_records_versions_and_data(model):
    manifest = model.manifest
    for key in ("python", "scikit-learn", "nltk", "model_sha256", "training_data_sha256", "metrics"):
        assert manifest[key]
    assert manifest["training_data_sha256"] == data_hash(DATA_DIR)


def test_shipped_bundle_matches_its_test_metrics(model):
    scores = evaluate_model(model, read_gold(DATA_DIR / "test.jsonl"))
    recorded = model.manifest["metrics"]["test"]
    assert scores["extraction"]["f1"] == pytest.approx(recorded["extraction"]["f1"], abs=1e-9)
    assert scores["speaker"] == pytest.approx(recorded["speaker"], abs=1e-9)
    assert scores["stance"]["macro_f1"] == pytest.approx(recorded["stance"]["macro_f1"], abs=1e-9)


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "bundle"
    shutil.copytree(default_model_dir(), target)
    return target


def test_changed_model_file_is_refused(copy):
    with (copy / "model.joblib").open("ab") as data:
        data.write(b"x")
    with pytest.raises(BundleError, match="hash does not match"):
        classifier.load(copy)


def test_other_sklearn_version_is_refused(copy):
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["scikit-learn"] = "0.0.1"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match=r"scikit-learn 0\.0\.1"):
        classifier.load(copy)


def test_missing_bundle_is_refused(tmp_path):
    with pytest.raises(BundleError, match="no model bundle"):
        classifier.load(tmp_path)
