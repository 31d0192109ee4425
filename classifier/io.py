"""Readers and writers: the only place that turns records into or from dicts, JSON or CSV."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import InputError
from .evaluate import GoldQuote
from .types import Document, QuoteRecord

CSV_FIELDS = (
    "article start end text speaker speaker_mention_start speaker_mention_end speaker_mention_text "
    "speaker_score stance score_attacking score_defending score_proposing"
).split()


# ---------------------------------------------------------------------------- reading articles


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 (byte {error.start}); convert it to UTF-8 first") from None


def _text_file(path: Path, article_id: str) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    return Document(article_id, _decode(data, str(path)))


def _jsonl_lines(lines: Iterable[str], name: str) -> Iterator[Document | InputError]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"{name}:{number}: malformed JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(f"{name}:{number}: a record needs a string 'text' field")
            continue
        if not record["text"].strip():
            yield InputError(f"{name}:{number}: empty 'text'")
            continue
        yield Document(str(record.get("id", f"{name}:{number}")), record["text"])


def _jsonl_file(path: Path) -> Iterator[Document | InputError]:
    try:
        with path.open("rb") as raw:
            if b"\x00" in raw.read(8192):
                yield InputError(f"{path}: binary file (contains NUL bytes), not JSON Lines")
                return
        with path.open(encoding="utf-8") as lines:
            yield from _jsonl_lines(lines, str(path))
    except UnicodeDecodeError:
        yield InputError(f"{path}: not UTF-8; convert it to UTF-8 first")
    except OSError as error:
        yield InputError(f"{path}: cannot read ({error.strerror or error})")


def read_inputs(inputs: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Document | InputError]:
    """Articles from any mix of .txt files, directories of them, .jsonl files and ``-`` (stdin).

    Problems are yielded as ``InputError`` values in place, so a caller can report them and go on.
    Standard input is JSON Lines if it starts with ``{``, otherwise one article with id ``-``.
    """
    for name in inputs:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            try:
                text = _decode(data, "standard input")
            except InputError as error:
                yield error
                continue
            if text.lstrip().startswith("{"):
                yield from _jsonl_lines(text.splitlines(), "standard input")
            else:
                yield Document("-", text)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix == ".txt" and p.is_file())
            if not files:
                yield InputError(f"{path}: directory holds no .txt files")
            for file in files:
                try:
                    yield _text_file(file, file.relative_to(path).with_suffix("").as_posix())
                except InputError as error:
                    yield error
        elif not path.exists():
            yield InputError(f"{path}: no such file or directory")
        elif path.suffix == ".jsonl":
            yield from _jsonl_file(path)
        else:
            try:
                yield _text_file(path, path.stem)
            except InputError as error:
                yield error


def read_gold(path: Path) -> list[tuple[Document, list[GoldQuote]]]:
    """Annotated articles (the corpus record format) as documents with their gold units."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                quotes = [
                    GoldQuote(
                        q["start"],
                        q["end"],
                        q["speaker"],
                        tuple(q.get("speaker_aliases", ())),
                        q["stance"],
                        tuple(q.get("stance_alt", ())),
                        tuple(q.get("tags", ())),
                    )
                    for q in record["quotes"]
                ]
                articles.append((Document(str(record["id"]), record["text"]), quotes))
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise InputError(f"{path}:{number}: not a gold record ({error})") from None
    return articles


# ---------------------------------------------------------------------------- writing records


def record_to_dict(record: QuoteRecord) -> dict:
    mention = record.speaker_mention
    return {
        "article": record.article,
        "start": record.start,
        "end": record.end,
        "text": record.text,
        "speaker": record.speaker,
        "speaker_mention": (
            {"start": mention.start, "end": mention.end, "text": mention.text} if mention else None
        ),
        "speaker_score": record.speaker_score,
        "stance": record.stance,
        "stance_scores": record.stance_scores,
    }


def _csv_row(record: QuoteRecord) -> list:
    mention = record.speaker_mention
    return [
        record.article,
        record.start,
        record.end,
        record.text,
        record.speaker,
        mention.start if mention else "",
        mention.end if mention else "",
        mention.text if mention else "",
        record.speaker_score,
        record.stance,
        *(record.stance_scores[label] for label in ("attacking", "defending", "proposing")),
    ]


class RecordWriter:
    """Writes records as JSON Lines or CSV to an open text stream, flushing each article."""

    def __init__(self, stream: IO[str], output_format: str) -> None:
        self.stream = stream
        self.format = output_format
        self._csv = csv.writer(stream) if output_format == "csv" else None
        if self._csv:
            self._csv.writerow(CSV_FIELDS)

    def write(self, records: Iterable[QuoteRecord]) -> None:
        for record in records:
            if self._csv:
                self._csv.writerow(_csv_row(record))
            else:
                self.stream.write(json.dumps(record_to_dict(record), ensure_ascii=False) + "\n")
        self.stream.flush()


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A file that appears at ``path`` only when complete: written beside it, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
