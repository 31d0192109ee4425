"""The corpus in data/ keeps the annotation contract; the validator catches what breaks it."""

from __future__ import annotations

import json

import pytest

from classifier.config import DATA_DIR
from classifier.corpus import (
    main,
    read_jsonl,
    read_source,
    split_paths,
    uncovered_marks,
    validate_files,
    validate_record,
)
from classifier.training import cross_validation_folds


def test_committed_corpus_is_valid():
    assert validate_files(split_paths(DATA_DIR)) == []


def test_split_files_are_built_from_the_source():
    compiled = {r["id"]: r for r in read_source(DATA_DIR / "source")}
    committed = [r for path in split_paths(DATA_DIR) for r in read_jsonl(path)]
    assert len(committed) == len(compiled)
    assert all(compiled[r["id"]] == r for r in committed)


def test_compile_prints_the_records_of_source_files(capsys):
    source = DATA_DIR / "source" / "batch-71.txt"
    assert main(["compile", str(source)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    committed = {r["id"]: r for path in split_paths(DATA_DIR) for r in read_jsonl(path)}
    assert [r["id"] for r in printed] == [f"b71-00{n}" for n in range(1, 9)]
    assert all(committed[r["id"]] == r for r in printed)


GOOD = {
    "id": "x",
    "text": 'She said "no way".',
    "quotes": [
        {
            "start": 10,
            "end": 16,
            "text": "no way",
            "speaker": "Ana",
            "speaker_aliases": [],
            "stance": "defending",
            "stance_alt": [],
            "tags": ["pronoun", "before"],
        }
    ],
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r["quotes"][0].update(end=15), "not 'no way'"),
        (lambda r: r["quotes"][0].update(stance="angry"), "stance 'angry'"),
        (lambda r: r["quotes"][0].update(stance_alt=["defending"]), "repeats"),
        (lambda r: r.update(quotes=[]), "covers no span"),
        (lambda r: r["quotes"][0].update(tags=["pronoun"]), "one cue and one place"),
    ],
)
def test_validator_catches(change, problem):
    record = {**GOOD, "quotes": [dict(GOOD["quotes"][0])]}
    assert validate_record(record) == []
    change(record)
    assert any(problem in message for message in validate_record(record))


def test_apostrophes_need_no_span():
    assert uncovered_marks("Khan’s team, the residents’ group and the ’90s don’t count.", []) == []


@pytest.mark.parametrize("by_batch", [False, True])
def test_cross_validation_folds_partition_the_corpus(by_batch):
    folds = list(cross_validation_folds(DATA_DIR, 5, by_batch=by_batch))
    held_out = [[document.id for document, _ in fold] for _, fold in folds]
    ids = sorted(i for fold in held_out for i in fold)
    assert ids == sorted(r["id"] for path in split_paths(DATA_DIR) for r in read_jsonl(path))
    for (training, _), fold in zip(folds, held_out, strict=True):
        assert not {document.id for document, _ in training} & set(fold)
    batches = [{i.split("-")[0] for i in fold} for fold in held_out]
    shared = [a & b for n, a in enumerate(batches) for b in batches[n + 1 :]]
    assert (not any(shared)) == by_batch  # article folds mix every batch; batch folds keep each whole
    sizes = [len(fold) for fold in held_out]
    assert max(sizes) - min(sizes) <= (50 if by_batch else 1)
