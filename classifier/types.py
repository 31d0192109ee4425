"""The small frozen records that pass between pipeline stages.

Every span is a half-open character range into the unmodified article text; its ``text`` is always
``article[start:end]``, taken from the article when the span is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article to analyse: an id (file path or JSONL id) and its full text."""

    id: str
    text: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, document: str, start: int, end: int) -> Span:
        return cls(start, end, document[start:end])


@dataclass(frozen=True)
class Quotation:
    """Text between one pair of quote marks (over several paragraphs, several segments)."""

    segments: tuple[Span, ...]
    mark: str

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end


@dataclass(frozen=True)
class QuotedSentence:
    """The annotation unit: one sentence of a quotation."""

    span: Span
    quotation: Quotation
    index: int  # position of this sentence within its quotation


@dataclass(frozen=True)
class Mention:
    """A possible speaker: a name, pronoun, role, spokesperson or document in the reporter's text."""

    span: Span
    kind: str  # name | pronoun | role | spokes | doc
    entity: str  # the canonical name it resolves to ("" if unresolved)


@dataclass(frozen=True)
class Attribution:
    speaker: str
    mention: Span | None
    score: float


@dataclass(frozen=True)
class QuoteRecord:
    """One output row: a quoted sentence with its speaker and stance."""

    article: str
    start: int
    end: int
    text: str
    speaker: str
    speaker_mention: Span | None
    speaker_score: float
    stance: str
    stance_scores: dict[str, float] = field(hash=False)
