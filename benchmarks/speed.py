"""Speed and memory of `predict` over the test split's articles.

    python benchmarks/speed.py [--repeat 20] [--jobs 1 2] [--runs 1]

Prints model load time, articles per second for each job count, and the peak resident memory.
Each run streams the test articles ``--repeat`` times over, so the input is larger than memory
needs to be; with ``--runs`` > 1 each job count runs that many times and the median is printed
too, since a shared machine's speed moves by a fifth from run to run. A benchmark prints figures
and never fails on a time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from itertools import chain, repeat

import classifier
from classifier.config import DATA_DIR
from classifier.io import read_gold


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="times to stream the test split")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1, help="runs per job count")
    args = parser.parse_args()

    began = time.perf_counter()
    model = classifier.load()
    print(f"model load: {time.perf_counter() - began:.3f} s")
    documents = [document for document, _ in read_gold(DATA_DIR / "test.jsonl")]
    words = sum(len(d.text.split()) for d in documents)
    print(f"test split: {len(documents)} articles, {words / len(documents):.0f} words on average")
    list(model.predict_many(documents[:5]))  # warm-up
    for jobs in args.jobs:
        rates = []
        for _ in range(args.runs):
            stream = chain.from_iterable(repeat(documents, args.repeat))
            began = time.perf_counter()
            articles = records = 0
            for _, found in model.predict_documents(stream, n_jobs=jobs):
                articles += 1
                records += len(found)
            seconds = time.perf_counter() - began
            rates.append(articles / seconds)
            print(
                f"jobs={jobs}: {articles} articles, {records} records in {seconds:.2f} s = "
                f"{rates[-1]:.0f} articles/s"
            )
        if args.runs > 1:
            print(f"jobs={jobs}: median of {args.runs} runs {statistics.median(rates):.0f} articles/s")
    print(f"peak memory (this process): {peak_rss_mib():.0f} MiB")
    if any(jobs != 1 for jobs in args.jobs):
        print(f"peak memory (largest worker process): {peak_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB")


if __name__ == "__main__":
    main()
