"""The annotated corpus: compile the hand-written source, validate records, split, count.

Usage::

    python -m classifier.corpus build [data/]      source/*.txt -> train/dev/test.jsonl
    python -m classifier.corpus split [data/]      assign new articles to a split (kept once made)
    python -m classifier.corpus validate [PATH…]   check JSONL files or a data directory
    python -m classifier.corpus stats [data/]      composition tables (Markdown) for the data card
    python -m classifier.corpus card [data/]       write those tables into data/README.md
    python -m classifier.corpus compile SOURCE…    source files -> JSON Lines on standard output
    python -m classifier.corpus blind SOURCE…      a labels-hidden sample for a second annotator
    python -m classifier.corpus agreement [data/]  kappa and speaker agreement of the two annotations

The source format is described in ``data/source/FORMAT.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from .config import DATA_DIR, SPLITS, STANCES

TOPICS = (
    "uk-politics us-politics world-politics local-government policing-justice health education "
    "business-regulation energy-environment technology sport culture"
).split()
STYLES = (
    "us-wire uk-broadcaster uk-broadsheet magazine-feature interview live-blog us-newspaper-doubled"
).split()
FLAGS = ("same-surname", "same-pronoun")
CUE_TAGS = ("name", "pronoun", "role", "spokes", "doc")
PLACE_TAGS = ("after", "colon", "before", "split", "earlier", "headline")
FORM_TAGS = ("fragment", "multi", "nested")
NONQUOTE_KINDS = ("scare", "title", "name", "other")
STANCE_CODES = {"att": "attacking", "def": "defending", "pro": "proposing"}

_MARKUP = re.compile(r"\[\[(.*?)\]\]|\{\{(.*?)\}\}", re.S)
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i"}


class CorpusError(ValueError):
    """A source or record breaks the annotation contract; the message names the article."""


# ---------------------------------------------------------------------------- source -> records


@dataclass
class _Article:
    id: str
    source: str
    header: dict[str, str] = field(default_factory=dict)
    speakers: dict[str, list[str]] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)


def _split_articles(path: Path) -> Iterator[_Article]:
    article: _Article | None = None
    in_header = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if line.startswith("### "):
            if article:
                yield article
            article = _Article(id=line[4:].strip(), source=where)
            in_header = True
        elif article is None:
            if line.strip():
                raise CorpusError(f"{where}: text before the first '### ID' line")
        elif in_header:
            if line.strip() == "---":
                in_header = False
            elif re.match(r"^\s*[A-Z][A-Z0-9]?\s*:", line) and "speakers" in article.header:
                key, _, names = line.partition(":")
                parts = [p.strip() for p in names.split("|") if p.strip()]
                if not parts:
                    raise CorpusError(f"{where}: speaker {key.strip()} has no name")
                article.speakers[key.strip()] = parts
            elif ":" in line:
                key, _, value = line.partition(":")
                article.header[key.strip().lower()] = value.strip()
            elif line.strip():
                raise CorpusError(f"{where}: unexpected header line {line!r}")
        else:
            article.body.append(line)
    if article:
        yield article


def _parse_stance(code: str, where: str) -> tuple[str, list[str]]:
    labels = []
    for part in code.split("/"):
        if part.strip() not in STANCE_CODES:
            raise CorpusError(f"{where}: unknown stance {part!r} in {code!r}")
        labels.append(STANCE_CODES[part.strip()])
    if len(set(labels)) != len(labels):
        raise CorpusError(f"{where}: repeated stance in {code!r}")
    return labels[0], labels[1:]


def _compile(article: _Article) -> dict:
    where = f"{article.source} ({article.id})"
    for key in ("topic", "style"):
        if key not in article.header:
            raise CorpusError(f"{where}: missing '{key}:' header")
    if article.header["topic"] not in TOPICS:
        raise CorpusError(f"{where}: unknown topic {article.header['topic']!r}")
    if article.header["style"] not in STYLES:
        raise CorpusError(f"{where}: unknown style {article.header['style']!r}")
    flags = article.header.get("flags", "").split()
    for flag in flags:
        if flag not in FLAGS:
            raise CorpusError(f"{where}: unknown flag {flag!r}")
    source = "\n".join(article.body).strip()
    text_parts: list[str] = []
    quotes: list[dict] = []
    nonquotes: list[dict] = []
    position = 0
    cursor = 0
    for match in _MARKUP.finditer(source):
        before = source[cursor : match.start()]
        text_parts.append(before)
        position += len(before)
        unit, nonquote = match.group(1), match.group(2)
        fields = (unit if unit is not None else nonquote).split("|")
        span_text = fields[0]
        if not span_text or span_text != span_text.strip():
            raise CorpusError(f"{where}: empty span or span with outer spaces: {match.group(0)!r}")
        if any(mark in span_text for mark in ("[[", "{{")):
            raise CorpusError(f"{where}: nested markup in {match.group(0)!r}")
        start, end = position, position + len(span_text)
        if unit is not None:
            if len(fields) != 4:
                raise CorpusError(f"{where}: a unit needs text|KEY|STANCE|TAGS: {match.group(0)!r}")
            key, stance_code, tags = (f.strip() for f in fields[1:])
            if key not in article.speakers:
                raise CorpusError(f"{where}: unknown speaker key {key!r} in {match.group(0)!r}")
            stance, alternatives = _parse_stance(stance_code, where)
            names = article.speakers[key]
            quotes.append(
                {
                    "start": start,
                    "end": end,
                    "text": span_text,
                    "speaker": names[0],
                    "speaker_aliases": [n for n in names[1:] if n.lower() not in _PRONOUNS],
                    "stance": stance,
                    "stance_alt": alternatives,
                    "tags": tags.split(),
                }
            )
        else:
            if len(fields) != 2 or fields[1].strip() not in NONQUOTE_KINDS:
                raise CorpusError(f"{where}: a nonquote needs words|KIND: {match.group(0)!r}")
            nonquotes.append({"start": start, "end": end, "kind": fields[1].strip()})
        text_parts.append(span_text)
        position = end
        cursor = match.end()
    text_parts.append(source[cursor:])
    text = "".join(text_parts)
    for reserved in ("[[", "]]", "{{", "}}"):
        if reserved in text:
            raise CorpusError(f"{where}: unmatched markup {reserved!r} left in the text")
    return {
        "id": article.id,
        "title": text.split("\n", 1)[0].strip(),
        "topic": article.header["topic"],
        "style": article.header["style"],
        "flags": flags,
        "text": text,
        "quotes": quotes,
        "nonquotes": nonquotes,
    }


def read_source(source_dir: Path) -> list[dict]:
    """Compile every article of ``source_dir/*.txt`` into a record, in file order."""
    return list(compile_sources(sorted(source_dir.glob("*.txt"))))


def compile_sources(paths: Iterable[Path]) -> Iterator[dict]:
    """The records of the articles in source files, in order, one file at a time."""
    for path in paths:
        yield from (_compile(article) for article in _split_articles(path))


# ---------------------------------------------------------------------------- validation

_QUOTE_CHARS = "\"“”‘’'"


def _is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' that belongs to a word (don’t, Khan’s, ’90s, residents’) rather than a mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    if nxt.isdigit():
        return True
    return prev in "sS" and not nxt.isalnum()


def uncovered_marks(text: str, spans: Iterable[tuple[int, int]]) -> list[int]:
    """Offsets of quote marks that open or close no annotated span (quote or nonquote)."""
    spans = sorted(spans)
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    inside = [False] * (len(text) + 1)
    for s, e in spans:
        for i in range(s, e):
            inside[i] = True
    missing = []
    for i, char in enumerate(text):
        if char not in _QUOTE_CHARS or inside[i]:
            continue
        if i + 1 in starts or i in ends:
            continue
        doubled = (i + 1 < len(text) and text[i + 1] == char) or (i > 0 and text[i - 1] == char)
        if doubled and (i + 2 in starts or i - 1 in ends):
            continue
        if char in "’'" and _is_apostrophe(text, i):
            continue
        missing.append(i)
    return missing


def validate_record(record: dict, *, corpus: bool = True) -> list[str]:
    """Every way ``record`` breaks the contract, as messages naming the article."""
    rid = record.get("id")
    errors: list[str] = []
    say = errors.append
    if not isinstance(rid, str) or not rid:
        return [f"record without a string 'id': {str(record)[:60]!r}"]
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{rid}: 'text' missing or empty"]
    quotes = record.get("quotes")
    if not isinstance(quotes, list):
        return [f"{rid}: 'quotes' must be a list"]
    spans = []
    for n, quote in enumerate(quotes):
        where = f"{rid} quote {n}"
        start, end = quote.get("start"), quote.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            say(f"{where}: bad offsets {start!r}, {end!r}")
            continue
        if text[start:end] != quote.get("text"):
            say(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {quote.get('text')!r}")
        if not isinstance(quote.get("speaker"), str) or not quote["speaker"].strip():
            say(f"{where}: missing speaker")
        aliases = quote.get("speaker_aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            say(f"{where}: speaker_aliases must be a list of strings")
        if quote.get("stance") not in STANCES:
            say(f"{where}: stance {quote.get('stance')!r} not one of {STANCES}")
        alternatives = quote.get("stance_alt", [])
        if not isinstance(alternatives, list) or any(a not in STANCES for a in alternatives):
            say(f"{where}: stance_alt {alternatives!r} must list labels")
        elif quote.get("stance") in alternatives or len(set(alternatives)) != len(alternatives):
            say(f"{where}: stance_alt repeats a label")
        if corpus:
            tags = quote.get("tags", [])
            unknown = [t for t in tags if t not in CUE_TAGS + PLACE_TAGS + FORM_TAGS]
            if unknown:
                say(f"{where}: unknown tags {unknown}")
            if sum(t in CUE_TAGS for t in tags) != 1 or sum(t in PLACE_TAGS for t in tags) != 1:
                say(f"{where} ({quote.get('text', '')[:30]!r}): needs one cue and one place tag")
        spans.append((start, end))
    if spans != sorted(spans):
        say(f"{rid}: quotes are not in order of start")
    nonquote_spans = []
    for n, nonquote in enumerate(record.get("nonquotes", [])):
        start, end = nonquote.get("start"), nonquote.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            say(f"{rid} nonquote {n}: bad offsets")
            continue
        if nonquote.get("kind") not in NONQUOTE_KINDS:
            say(f"{rid} nonquote {n}: kind {nonquote.get('kind')!r} not one of {NONQUOTE_KINDS}")
        nonquote_spans.append((start, end))
    every = sorted(spans + nonquote_spans)
    for (s1, e1), (s2, e2) in pairwise(every):
        if s2 < e1:
            say(f"{rid}: spans overlap: {text[s1:e1][:30]!r} and {text[s2:e2][:30]!r}")
    if corpus:
        for i in uncovered_marks(text, every):
            say(f"{rid}: quote mark at {i} covers no span: …{text[max(0, i - 30) : i + 30]!r}…")
    return errors


def read_jsonl(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise CorpusError(f"{path}:{number}: not JSON: {error}") from error
    return records


def validate_files(paths: Iterable[Path], *, corpus: bool = True) -> list[str]:
    """Validate JSONL files together: each record, plus no id or text shared between files."""
    errors: list[str] = []
    seen_id: dict[str, Path] = {}
    seen_text: dict[str, Path] = {}
    for path in paths:
        for record in read_jsonl(path):
            errors.extend(f"{path.name}: {e}" for e in validate_record(record, corpus=corpus))
            rid = record.get("id")
            digest = hashlib.sha1(str(record.get("text")).encode()).hexdigest()
            if rid in seen_id:
                errors.append(f"{path.name}: id {rid!r} also in {seen_id[rid].name}")
            if digest in seen_text:
                errors.append(f"{path.name}: text of {rid!r} repeated (also in {seen_text[digest].name})")
            seen_id[rid] = path
            seen_text[digest] = path
    return errors


def split_paths(data_dir: Path) -> list[Path]:
    return [data_dir / f"{split}.jsonl" for split in SPLITS]


# ---------------------------------------------------------------------------- splits

_SPLIT_PATTERN = ("train", "train", "train", "dev", "train", "train", "train", "train", "test", "train")


def assign_splits(records: list[dict], existing: dict[str, str]) -> dict[str, str]:
    """Keep existing assignments; spread new articles 8/1/1 over each topic and style in turn."""
    assigned = dict(existing)
    new = [r for r in records if r["id"] not in assigned]
    new.sort(key=lambda r: (r["topic"], r["style"], hashlib.sha1(r["id"].encode()).hexdigest()))
    for n, record in enumerate(new):
        assigned[record["id"]] = _SPLIT_PATTERN[n % len(_SPLIT_PATTERN)]
    return assigned


def read_splits(data_dir: Path) -> dict[str, str]:
    path = data_dir / "splits.tsv"
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {rid: split for rid, split in rows}


def write_splits(data_dir: Path, splits: dict[str, str]) -> None:
    lines = [f"{rid}\t{split}" for rid, split in sorted(splits.items())]
    (data_dir / "splits.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(data_dir: Path) -> dict[str, int]:
    """Compile the source into the three split files; every article must have a split."""
    records = read_source(data_dir / "source")
    splits = read_splits(data_dir)
    missing = [r["id"] for r in records if r["id"] not in splits]
    if missing:
        raise CorpusError(f"{len(missing)} articles have no split (run 'split' first): {missing[:5]}")
    counts = {}
    for split, path in zip(SPLITS, split_paths(data_dir), strict=True):
        chosen = [r for r in records if splits[r["id"]] == split]
        with path.open("w", encoding="utf-8") as out:
            for record in chosen:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        counts[split] = len(chosen)
    return counts


# ---------------------------------------------------------------------------- statistics


def _multi_paragraph_quotations(record: dict) -> int:
    """Runs of `multi` units joined only by whitespace and marks count as one quotation."""
    count, previous = 0, None
    for quote in record["quotes"]:
        if "multi" not in quote.get("tags", []):
            previous = None
            continue
        gap = record["text"][previous["end"] : quote["start"]] if previous else "x"
        if previous is None or gap.strip(" \n\"“”‘’'") or previous["speaker"] != quote["speaker"]:
            count += 1
        previous = quote
    return count


def _table(title: str, counter: Counter, total_label: str = "total") -> list[str]:
    lines = [f"| {title} | count |", "| --- | ---: |"]
    lines += [f"| {key} | {value} |" for key, value in sorted(counter.items())]
    lines.append(f"| {total_label} | {sum(counter.values())} |")
    return [*lines, ""]


def stats(records: list[dict], splits: dict[str, str]) -> str:
    """The data card's composition tables, as Markdown."""
    quotes = [q for r in records for q in r["quotes"]]
    words = [len(r["text"].split()) for r in records]
    per_split = Counter(splits.get(r["id"], "?") for r in records)
    units_split = Counter()
    for r in records:
        units_split[splits.get(r["id"], "?")] += len(r["quotes"])
    out = ["| split | articles | quoted sentences |", "| --- | ---: | ---: |"]
    out += [f"| {s} | {per_split[s]} | {units_split[s]} |" for s in SPLITS]
    out += [f"| total | {len(records)} | {len(quotes)} |", ""]
    out += [
        f"Article length: {min(words)} to {max(words)} words, median {sorted(words)[len(words) // 2]}.",
        "",
    ]
    out += _table("topic", Counter(r["topic"] for r in records))
    out += _table("style", Counter(r["style"] for r in records))
    stance = Counter(q["stance"] for q in quotes)
    none_of_three = sum(1 for q in quotes if len({q["stance"], *q["stance_alt"]}) == 3)
    with_alt = sum(1 for q in quotes if q["stance_alt"])
    out += ["| stance | quoted sentences | share |", "| --- | ---: | ---: |"]
    out += [f"| {s} | {stance[s]} | {stance[s] / len(quotes):.1%} |" for s in STANCES]
    out += [
        f"| none of the three (all labels acceptable) | {none_of_three} | "
        f"{none_of_three / len(quotes):.1%} |",
        f"| with any alternative label | {with_alt} | {with_alt / len(quotes):.1%} |",
        "",
    ]
    tags = Counter(t for q in quotes for t in q.get("tags", []))
    phenomena = [
        ("fragment embedded in the reporter's sentence", tags["fragment"]),
        ("speaker given by a pronoun", tags["pronoun"]),
        ("speaker given by a role or job title", tags["role"]),
        ("spokesperson for an organisation", tags["spokes"]),
        ("report, letter or statement", tags["doc"]),
        ("speaker named after the quote", tags["after"]),
        ("speaker before the quote with a colon", tags["colon"]),
        ("speaker before the quote, no colon", tags["before"]),
        ("split quote around the attribution", tags["split"]),
        ("speaker only in an earlier paragraph", tags["earlier"]),
        ("quote in a headline", tags["headline"]),
        ("contains a quote inside the quote", tags["nested"]),
        ("in a multi-paragraph quotation", tags["multi"]),
    ]
    out += ["| phenomenon (quoted sentences) | count |", "| --- | ---: |"]
    out += [f"| {name} | {count} |" for name, count in phenomena]
    speakers_per_article = [len({q["speaker"] for q in r["quotes"]}) for r in records]
    flags = Counter(f for r in records for f in r.get("flags", []))
    nonquotes = Counter(n["kind"] for r in records for n in r.get("nonquotes", []))
    out += [
        "",
        "| article-level | count |",
        "| --- | ---: |",
        f"| multi-paragraph quotations | {sum(map(_multi_paragraph_quotations, records))} |",
        f"| articles with 3 or more speakers | {sum(n >= 3 for n in speakers_per_article)} |",
        f"| articles where speakers share a surname | {flags['same-surname']} |",
        f"| articles where speakers share a pronoun | {flags['same-pronoun']} |",
        f"| articles with either | {sum(1 for r in records if set(r.get('flags', [])) & set(FLAGS))} |",
        "",
    ]
    out += _table("non-quotation in marks", nonquotes)
    return "\n".join(out)


# ---------------------------------------------------------------------------- agreement

AGREEMENT_DIR = "agreement"


def agreement_sample(records: list[dict], per_batch: int) -> list[dict]:
    """A fixed sample: the ``per_batch`` articles of each batch with the smallest id hashes."""
    batches: dict[str, list[dict]] = {}
    for record in records:
        batches.setdefault(record["id"].split("-")[0], []).append(record)
    sample = []
    for batch in batches.values():
        batch.sort(key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        sample += batch[:per_batch]
    return sample


def blind_text(record: dict) -> str:
    """The article with its units numbered and no labels, for a second, independent annotator."""
    parts, cursor = [], 0
    for n, quote in enumerate(record["quotes"], 1):
        parts += [record["text"][cursor : quote["start"]], f"[[{n}: {quote['text']}]]"]
        cursor = quote["end"]
    parts.append(record["text"][cursor:])
    return f"### {record['id']}\n{''.join(parts)}\n"


def read_second_annotation(directory: Path) -> dict[tuple[str, int], tuple[str, str, list[str]]]:
    """Lines ``id<TAB>unit number<TAB>speaker<TAB>stance code`` from ``second-*.tsv``."""
    labels = {}
    for path in sorted(directory.glob("second-*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise CorpusError(f"{path.name}:{number}: expected 4 tab-separated fields")
            stance, alternatives = _parse_stance(fields[3].strip(), f"{path.name}:{number}")
            labels[(fields[0].strip(), int(fields[1]))] = (fields[2].strip(), stance, alternatives)
    return labels


def agreement(records: list[dict], second: dict) -> str:
    """Cohen's kappa for stance and agreement on speakers between the two annotations."""
    from nltk.metrics.agreement import AnnotationTask

    from .evaluate import GoldQuote, speaker_matches

    triples, speakers_strict, speakers_lenient, acceptable, same, units = [], 0, 0, 0, 0, 0
    articles = set()
    by_id = {r["id"]: r for r in records}
    for (rid, n), (speaker, stance, _) in sorted(second.items()):
        quote = by_id[rid]["quotes"][n - 1]
        articles.add(rid)
        units += 1
        gold = GoldQuote(0, 0, quote["speaker"], tuple(quote["speaker_aliases"]), quote["stance"], ())
        speakers_strict += speaker_matches(speaker, gold, lenient=False)
        speakers_lenient += speaker_matches(speaker, gold, lenient=True)
        acceptable += stance in {quote["stance"], *quote["stance_alt"]}
        same += stance == quote["stance"]
        triples += [("first", f"{rid}/{n}", quote["stance"]), ("second", f"{rid}/{n}", stance)]
    kappa = AnnotationTask(data=triples).kappa() if triples else 0.0
    share = len(articles) / max(1, len(records))
    return "\n".join(
        [
            "| agreement measure | value |",
            "| --- | ---: |",
            f"| articles annotated twice | {len(articles)} of {len(records)} ({share:.1%}) |",
            f"| quoted sentences annotated twice | {units} |",
            f"| stance, Cohen's kappa (main labels) | {kappa:.3f} |",
            f"| stance, raw agreement (main labels) | {same / max(1, units):.1%} |",
            f"| stance, second label acceptable to the first (stance or alternative) | "
            f"{acceptable / max(1, units):.1%} |",
            f"| speaker, same canonical name | {speakers_strict / max(1, units):.1%} |",
            f"| speaker, same entity (name or alias) | {speakers_lenient / max(1, units):.1%} |",
        ]
    )


# ---------------------------------------------------------------------------- the data card


def card_sections(data_dir: Path) -> dict[str, str]:
    """The generated parts of data/README.md, by marker name."""
    records = [r for p in split_paths(data_dir) for r in read_jsonl(p)]
    sections = {"stats": stats(records, read_splits(data_dir))}
    second = read_second_annotation(data_dir / AGREEMENT_DIR)
    if second:
        sections["agreement"] = agreement(records, second)
    return sections


def render_card(card: str, sections: dict[str, str]) -> str:
    """``card`` with the text between ``<!-- begin NAME -->`` and ``<!-- end NAME -->`` replaced."""
    for name, body in sections.items():
        pattern = re.compile(rf"(<!-- begin {name} -->\n).*?(<!-- end {name} -->)", re.S)
        card = pattern.sub(lambda m, body=body: m.group(1) + body.rstrip() + "\n" + m.group(2), card)
    return card


# ---------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifier.corpus", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "split", "card"):
        commands.add_parser(name).add_argument("data", nargs="?", type=Path, default=DATA_DIR)
    count = commands.add_parser("stats")
    count.add_argument("data", nargs="?", type=Path, default=DATA_DIR)
    count.add_argument("--source", type=Path, action="append", help="count source files instead")
    compile_ = commands.add_parser("compile", help="source files as records (to score a model on them)")
    compile_.add_argument("sources", nargs="+", type=Path)
    blind = commands.add_parser("blind", help="articles for a second annotator, labels hidden")
    blind.add_argument("sources", nargs="+", type=Path)
    blind.add_argument("--per-batch", type=int, default=4)
    agree = commands.add_parser("agreement", help="compare data/agreement/second-*.tsv with the corpus")
    agree.add_argument("data", nargs="?", type=Path, default=DATA_DIR)
    check = commands.add_parser("validate")
    check.add_argument("paths", nargs="*", type=Path, default=[DATA_DIR])
    check.add_argument("--source", action="store_true", help="compile source files and check them")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            counts = build(args.data)
            print(", ".join(f"{split}: {n} articles" for split, n in counts.items()))
            errors = validate_files(split_paths(args.data))
        elif args.command == "split":
            records = read_source(args.data / "source")
            splits = assign_splits(records, read_splits(args.data))
            write_splits(args.data, {r["id"]: splits[r["id"]] for r in records})
            print(Counter(splits[r["id"]] for r in records))
            return 0
        elif args.command == "card":
            path = args.data / "README.md"
            path.write_text(
                render_card(path.read_text(encoding="utf-8"), card_sections(args.data)), encoding="utf-8"
            )
            print(f"updated {path}")
            return 0
        elif args.command == "compile":
            for record in compile_sources(args.sources):
                print(json.dumps(record, ensure_ascii=False))
            return 0
        elif args.command == "blind":
            records = list(compile_sources(args.sources))
            print("".join(blind_text(r) for r in agreement_sample(records, args.per_batch)), end="")
            return 0
        elif args.command == "agreement":
            records = [r for p in split_paths(args.data) for r in read_jsonl(p)]
            print(agreement(records, read_second_annotation(args.data / AGREEMENT_DIR)))
            return 0
        elif args.command == "stats":
            if args.source:
                records = list(compile_sources(args.source))
            else:
                records = [r for p in split_paths(args.data) for r in read_jsonl(p)]
            print(stats(records, read_splits(args.data)))
            return 0
        else:
            errors = _validate_paths(args.paths, source=args.source)
    except (CorpusError, OSError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    for error in errors:
        print(error, file=sys.stderr)
    print(f"{len(errors)} problems", file=sys.stderr)
    return 1 if errors else 0


def _validate_paths(paths: list[Path], *, source: bool) -> list[str]:
    if source:
        errors: list[str] = []
        seen: set[str] = set()
        for path in paths:
            for article in _split_articles(path):
                if article.id in seen:
                    errors.append(f"{article.source}: article id {article.id} appears twice")
                seen.add(article.id)
                try:
                    errors.extend(validate_record(_compile(article)))
                except CorpusError as error:
                    errors.append(str(error))
        return errors
    files = [p for path in paths for p in (split_paths(path) if path.is_dir() else [path])]
    return validate_files(files)


if __name__ == "__main__":
    sys.exit(main())
