"""Paragraphs, words and sentences, all as character offsets into the unmodified text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

from .types import Span

_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]")
# Abbreviations news copy uses that a small corpus may not teach Punkt.
_KNOWN_ABBREVIATIONS = (
    "mr mrs ms dr st gen col lt sgt capt gov sen rep rev prof jr sr inc ltd co corp vs no "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m"
).split()


# No-break, thin and other fixed-width spaces, which web copy puts in "Mr\u00a0Khan" or "£4\u00a0million"
_ODD_SPACES = str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u200a\u202f", " "))


def plain_spaces(text: str) -> str:
    """The text with odd spaces as plain ones, for the stages to read: one character for one, so
    every offset holds in the original text."""
    return text.translate(_ODD_SPACES)


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines; news copy separates paragraphs by one or more newlines."""
    return [Span(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Word and punctuation tokens of ``text[start:end]`` with offsets into ``text``."""
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        yield Span(match.start(), match.end(), match.group())


def common_words(texts: Iterable[str], *, minimum: int = 3) -> frozenset[str]:
    """Words seen in lower case at least ``minimum`` times: a capitalised one is a sentence start,
    not a name. Learned from the corpus so no word list has to be downloaded."""
    counts = Counter(m.group() for text in texts for m in re.finditer(r"\b[a-z][a-z’'\-]+\b", text))
    return frozenset(word for word, n in counts.items() if n >= minimum)


def train_sentence_splitter(texts: Iterable[str]) -> PunktSentenceTokenizer:
    """An unsupervised Punkt model learned from the corpus, so nothing is ever downloaded."""
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types.update(_KNOWN_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentences(splitter: PunktSentenceTokenizer, text: str, start: int, end: int) -> list[Span]:
    """Sentences of ``text[start:end]``, trimmed of surrounding spaces, offsets into ``text``."""
    out = []
    for s, e in splitter.span_tokenize(text[start:end]):
        piece = text[start + s : start + e]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            out.append(Span.of(text, start + s + left, start + s + right))
    return out
