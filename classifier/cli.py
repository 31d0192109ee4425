"""The command line: parse arguments, call the library, map its errors to messages and exit codes.

Exit status: 0 all inputs read, 1 some inputs failed (each named on standard error), 2 usage error
or nothing could run (missing model, unreadable gold file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from pathlib import Path

from .bundle import load
from .errors import InputError, QuoteStanceError
from .evaluate import format_scores, score
from .io import RecordWriter, atomic_output, read_gold, read_inputs
from .types import Document

OK, SOME_FAILED, USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quote-stance", description="Find quoted sentences in news, their speakers and stances."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    predict = commands.add_parser("predict", help="predict over .txt files, directories, .jsonl or -")
    predict.add_argument("inputs", nargs="+", metavar="INPUT")
    predict.add_argument("-o", "--output", type=Path, help="write here (atomically) instead of stdout")
    predict.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    predict.add_argument("--model", type=Path, help="model bundle folder (default: the shipped one)")
    predict.add_argument("--jobs", type=int, default=1, help="worker processes (0: one per core)")
    evaluate = commands.add_parser("evaluate", help="score the model on gold annotated articles")
    evaluate.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    evaluate.add_argument("--model", type=Path, help="model bundle folder (default: the shipped one)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    return parser


class _Progress:
    """A one-line article counter on standard error, only when it is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.count = 0

    def step(self) -> None:
        self.count += 1
        if self.enabled and self.count % 10 == 0:
            print(f"\r{self.count} articles", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.count:
            print(f"\r{self.count} articles", file=sys.stderr)


def _predict(args: argparse.Namespace) -> int:
    if args.jobs < 0:
        print("Error: --jobs must be 0 (all cores) or more", file=sys.stderr)
        return USAGE
    model = load(args.model)
    failures = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(args.inputs):
            if isinstance(item, InputError):
                failures.append(item)
                print(f"Error: {item}", file=sys.stderr)
            else:
                yield item

    progress = _Progress()
    target = atomic_output(args.output) if args.output else nullcontext(sys.stdout)
    with target as stream:
        writer = RecordWriter(stream, args.format)
        for _, records in model.predict_documents(documents(), n_jobs=args.jobs):
            writer.write(records)
            progress.step()
    progress.close()
    if failures:
        print(f"{len(failures)} input(s) failed; {progress.count} article(s) done", file=sys.stderr)
        return SOME_FAILED
    return OK


def _evaluate(args: argparse.Namespace) -> int:
    gold = read_gold(args.gold)
    model = load(args.model)
    predictions = model.predict_batch([document for document, _ in gold])
    scores = score(zip(predictions, [quotes for _, quotes in gold], strict=True))
    print(json.dumps(scores, indent=2) if args.json else format_scores(scores))
    return OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message
        return USAGE if exit_.code else OK
    try:
        return _predict(args) if args.command == "predict" else _evaluate(args)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        sys.stdout = open(os.devnull, "w")
        return OK
    except (QuoteStanceError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("Interrupted", file=sys.stderr)
        return 130


def run() -> None:
    sys.exit(main())
