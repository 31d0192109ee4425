from __future__ import annotations

import pytest

import classifier
from classifier.config import REPO_DIR


@pytest.fixture(scope="session")
def model() -> classifier.Model:
    return classifier.load()


@pytest.fixture(scope="session")
def splitter(model):
    return model.splitter


@pytest.fixture()
def repo():
    return REPO_DIR
