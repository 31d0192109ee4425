"""The real command: exit codes, messages, records, atomic output; in-process and as a process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import classifier
from classifier.cli import main

ARTICLE = (
    "Council under fire over library closures\n\n"
    'Ana Ruiz, the leader of Riverside Council, said the closures were "a betrayal of every family '
    'in this town".\n\n"We will fight this decision in the courts," she said.\n'
)


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "library.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_predict_streams_records_matching_the_api(inputs, capsys, model):
    assert main(["predict", str(inputs)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = model.predict(ARTICLE, article="library")
    assert [(r["start"], r["end"], r["speaker"], r["stance"]) for r in lines] == [
        (r.start, r.end, r.speaker, r.stance) for r in expected
    ]
    for record in lines:
        assert record["article"] == "library"
        assert ARTICLE[record["start"] : record["end"]] == record["text"]
        assert set(record["stance_scores"]) == {"attacking", "defending", "proposing"}
        assert sum(record["stance_scores"].values()) == pytest.approx(1.0, abs=0.01)
        mention = record["speaker_mention"]
        assert mention is None or ARTICLE[mention["start"] : mention["end"]] == mention["text"]


def test_bad_inputs_are_named_and_the_rest_completes(inputs, tmp_path, capsys):
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "latin.txt").write_bytes('caf\u00e9 "bon"'.encode("latin-1"))
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(inputs), str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "latin.txt: not UTF-8" in err and "missing.txt" in err
    assert {json.loads(line)["article"] for line in out.read_text().splitlines()} == {"library"}


def test_csv_output_has_a_header_and_a_row_per_record(inputs, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["predict", str(inputs), "--format", "csv", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("article,start,end,text,speaker")
    assert len(rows) == 1 + len(classifier.load().predict(ARTICLE))


def test_missing_model_is_a_usage_error_and_writes_nothing(inputs, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(inputs), "--model", str(tmp_path), "-o", str(out)]) == 2
    assert "Error: no model bundle" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob(".out.jsonl*")) == []


def test_usage_errors_exit_2(capsys):
    assert main(["predict"]) == 2
    assert main(["predict", "x", "--jobs", "-3"]) == 2


def test_parallel_jobs_give_the_same_records(inputs, capsys):
    for n in range(5):
        (inputs / f"copy{n}.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["predict", str(inputs)]) == 0
    serial = capsys.readouterr().out
    assert main(["predict", str(inputs), "--jobs", "2"]) == 0
    assert capsys.readouterr().out == serial


def test_console_entry_point_reads_stdin_and_evaluates(tmp_path, repo):
    done = subprocess.run(
        [sys.executable, "-m", "classifier", "predict", "-"],
        input=ARTICLE.encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert all(json.loads(line)["article"] == "-" for line in done.stdout.decode().splitlines())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g",
                "text": 'He said "no".',
                "quotes": [{"start": 9, "end": 11, "text": "no", "speaker": "x", "stance": "defending"}],
            }
        )
        + "\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "classifier", "evaluate", str(gold), "--json"],
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["units"]["gold"] == 1
