"""Save and load the model bundle: one joblib file and a manifest beside it.

A pickle runs code when loaded and is only safe under the versions it was made with, so the
manifest records the file's hash, the library versions, the training data's hash and the scores;
loading refuses a bundle whose hash or scikit-learn version does not match.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import joblib
import nltk
import sklearn

from .config import default_model_dir
from .errors import BundleError
from .pipeline import Model

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
log = logging.getLogger(__name__)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_version() -> str:
    try:
        return version("quote-stance")
    except PackageNotFoundError:
        return "unknown"


def save(model: Model, directory: Path, *, data_hash: str, metrics: dict, training: dict) -> Path:
    """Write the bundle and its manifest; returns the manifest's path."""
    directory.mkdir(parents=True, exist_ok=True)
    parts = {
        "splitter": model.splitter,
        "quotation_filter": model.quotation_filter,
        "pronoun_resolver": model.pronoun_resolver,
        "ranker": model.ranker,
        "stance": model.stance,
        "common_words": model.common_words,
        "first_names": model.first_names,
    }
    joblib.dump(parts, directory / MODEL_FILE, compress=3)
    manifest = {
        "package": {"name": "quote-stance", "version": package_version()},
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "nltk": nltk.__version__,
        "joblib": joblib.__version__,
        "model_file": MODEL_FILE,
        "model_sha256": file_hash(directory / MODEL_FILE),
        "training_data_sha256": data_hash,
        "training": training,
        "metrics": metrics,
    }
    path = directory / MANIFEST_FILE
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load(directory: str | Path | None = None) -> Model:
    """The bundle in ``directory`` (default: the shipped one), after checking its manifest."""
    directory = Path(directory) if directory else default_model_dir()
    manifest_path = directory / MANIFEST_FILE
    if not manifest_path.exists():
        raise BundleError(f"no model bundle in {directory} (missing {MANIFEST_FILE}); run train.py")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        model_path = directory / manifest["model_file"]
        expected_hash = manifest["model_sha256"]
        made_with = manifest["scikit-learn"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise BundleError(f"{manifest_path}: damaged manifest ({error})") from None
    if not model_path.exists():
        raise BundleError(f"{model_path}: missing; the bundle is incomplete, run train.py")
    if file_hash(model_path) != expected_hash:
        raise BundleError(
            f"{model_path}: hash does not match {MANIFEST_FILE}; the file was changed or damaged"
        )
    if made_with != sklearn.__version__:
        raise BundleError(
            f"{directory}: made with scikit-learn {made_with}, but {sklearn.__version__} is installed; "
            f"install scikit-learn=={made_with} or retrain with train.py"
        )
    if manifest.get("nltk") != nltk.__version__:
        log.warning("bundle made with nltk %s, running %s", manifest.get("nltk"), nltk.__version__)
    parts = joblib.load(model_path)
    return Model(manifest=manifest, **parts)
