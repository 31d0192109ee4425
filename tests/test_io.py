"""Readers report bad input in place and go on; outputs appear only when complete."""

from __future__ import annotations

import io

import pytest

from classifier.errors import InputError
from classifier.io import atomic_output, read_inputs
from classifier.types import Document


def _read(*names, stdin=b""):
    return list(read_inputs([str(n) for n in names], stdin=io.BytesIO(stdin)))


def test_directory_ids_are_relative_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("skip me", encoding="utf-8")
    assert _read(tmp_path) == [Document("a", "One."), Document("sub/b", "Two.")]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"\x00\x01binary", "binary"), ("caf\u00e9".encode("latin-1"), "not UTF-8")],
)
def test_bad_files_become_errors(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Fine.", encoding="utf-8")
    items = _read(bad, good)
    assert isinstance(items[0], InputError) and message in str(items[0]) and "bad.txt" in str(items[0])
    assert items[1] == Document("good", "Fine.")


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "x", "text": "Hi."}\nnot json\n{"id": "y"}\n{"id": "z", "text": "Yo."}\n')
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "Document"]
    assert "in.jsonl:2" in str(items[1])


def test_missing_path_and_stdin(tmp_path):
    items = _read(tmp_path / "nope.txt", "-", stdin=b"Plain text.")
    assert isinstance(items[0], InputError) and "no such file" in str(items[0])
    assert items[1] == Document("-", "Plain text.")
    assert _read("-", stdin=b'{"id": "j", "text": "T."}\n') == [Document("j", "T.")]


def test_atomic_output_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write("half")
        raise RuntimeError("crash")
    assert list(tmp_path.iterdir()) == []
    with atomic_output(target) as stream:
        stream.write("whole\n")
    assert target.read_text() == "whole\n"
