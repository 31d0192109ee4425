"""Stage 1: find quotations and split them into quoted sentences.

A deterministic scanner pairs quote marks (telling apostrophes from closing marks, following
quotations over paragraphs, recovering from unbalanced marks); a learned filter then tells
quotations from scare quotes, titles and nicknames; Punkt splits what is left into sentences.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from .config import SEED
from .features import NumericDictVectorizer
from .text import paragraphs, sentences
from .types import Quotation, QuotedSentence, Span

_MARKS = re.compile(r"''|``|[\"“”‘’'«»„″]")  # ″, a double prime, stands in for " on some sites
_OPEN_AFTER = set("([{—–-/:;") | {"\u00a0"}
_CLOSE_BEFORE = set(".,;:!?)]}—–-…")
_SENTENCE_START = re.compile(r"[.!?\n][\s\"“”‘’']*(?=[A-Z\"“‘'])|\n")
_WORD = re.compile(r"\w+")
_CONTEXT_WORD = re.compile(r"[\w’'-]+|[:,;—–-]")
_ADDRESS = re.compile(r"\b(I|we|our|my|us|me|you|your)\b", re.I)
_BODY_WORD = re.compile(r"[\w’'-]+")
# A verb a clause needs: speech has one ("must do more"), a name or scare-quoted phrase rarely does.
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|must|may|might"
    r"|shall|do|does|did|not|isn[’']t|won[’']t|can[’']t)\b",
    re.I,
)
DOUBLE, SINGLE = "double", "single"
REPORTING_VERBS = frozenset(
    """said says say told tells added adds wrote writes argued argues warned warns insisted insists
    claimed claims accused accuses called calls urged urges described describes stated states
    declared declares explained explains noted notes asked asks replied replies responded responds
    admitted admits acknowledged acknowledges vowed vows pledged pledges promised promises
    suggested suggests demanded demands announced announces branded brands labelled labeled
    dismissed dismisses condemned condemns criticised criticized slammed blasted hit rejected
    denied denies defended defends tweeted posted according stressed stresses maintained
    continued continues concluded concludes recalled recalls remembered joked quipped""".split()
)
# "calling for 'a full review'", "describing it as 'dire'": the participle introduces a fragment
# as often as the finite verb; the speaker stage keeps to the finite forms, which have a subject.
REPORTING_FORMS = REPORTING_VERBS | frozenset(
    """saying telling adding writing arguing warning insisting claiming accusing calling urging
    describing declaring explaining noting asking replying responding admitting acknowledging
    vowing pledging promising suggesting demanding announcing branding labelling labeling
    dismissing condemning criticising criticizing slamming rejecting denying defending
    stressing maintaining""".split()
)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    family: str
    role: str  # open | close | either | possessive (a close that may be an apostrophe)


def _classify(text: str, start: int, end: int) -> _Mark | None:
    mark = text[start:end]
    prev = text[start - 1] if start > 0 else "\n"
    nxt = text[end] if end < len(text) else "\n"
    left_free = prev.isspace() or prev in _OPEN_AFTER or prev in "\"“‘'"
    right_free = nxt.isspace() or nxt in _CLOSE_BEFORE or nxt in "\"”’'"
    if mark in ("“", "«", "„", "``"):
        return _Mark(start, end, DOUBLE, "open")
    if mark in ("”", "»"):
        return _Mark(start, end, DOUBLE, "close")
    if mark in ('"', "''", "″"):
        if left_free and not right_free:
            return _Mark(start, end, DOUBLE, "open")
        if right_free and not left_free:
            return _Mark(start, end, DOUBLE, "close")
        if left_free and right_free:
            return None
        return _Mark(start, end, DOUBLE, "either")
    # single marks: ‘ ’ '
    if nxt.isdigit() and (left_free or prev.isspace()):
        return None  # ’90s
    if prev.isalnum() and nxt.isalnum():
        return None  # don’t, Khan’s
    if mark == "‘":
        return _Mark(start, end, SINGLE, "open")
    if left_free and not right_free:
        return _Mark(start, end, SINGLE, "open") if mark == "'" or nxt.isupper() else None
    if not left_free:
        return _Mark(start, end, SINGLE, "possessive" if prev in "sS" else "close")
    return None


def _marks(text: str, paragraph: Span) -> list[_Mark]:
    found = []
    for match in _MARKS.finditer(text, paragraph.start, paragraph.end):
        mark = _classify(text, match.start(), match.end())
        if mark:
            found.append(mark)
    # A possessive s’ closes a quote only if no later closer of its family could.
    resolved = []
    for n, mark in enumerate(found):
        if mark.role == "possessive":
            later = next((m for m in found[n + 1 :] if m.family == mark.family), None)
            closes_later = later is not None and later.role in ("close", "possessive", "either")
            mark = _Mark(mark.start, mark.end, mark.family, "apostrophe" if closes_later else "close")
        resolved.append(mark)
    return resolved


def find_quotations(text: str) -> list[Quotation]:
    """Every outermost pair of quote marks, following open quotations across paragraphs."""
    found: list[Quotation] = []
    open_stack: list[_Mark] = []
    segments: list[Span] = []  # finished segments of a quotation running over paragraphs
    segment_start = segments_end = 0
    for paragraph in paragraphs(text):
        marks = _marks(text, paragraph)
        first = 0
        if open_stack:
            outer = open_stack[0]
            lead = marks[0] if marks else None
            continues = (
                lead is not None
                and lead.family == outer.family
                and lead.role in ("open", "either")
                and not text[paragraph.start : lead.start].strip()
            )
            if continues:
                segments.append(_trimmed(text, segment_start, segments_end))
                open_stack = [outer]
                segment_start = lead.end
                first = 1
            else:  # unbalanced: close what was open at the end of its paragraph
                if outer.family == DOUBLE:
                    segments.append(_trimmed(text, segment_start, segments_end))
                    found.append(Quotation(tuple(s for s in segments if s.end > s.start), outer.family))
                open_stack, segments = [], []
        for mark in marks[first:]:
            if mark.role == "apostrophe":
                continue
            same = [i for i, m in enumerate(open_stack) if m.family == mark.family]
            if mark.role == "open" or (mark.role == "either" and not same):
                if not open_stack:
                    segment_start = mark.end
                    segments = []
                open_stack.append(mark)
            elif same:  # close (or either) with an opener of its family on the stack
                depth = same[-1]
                open_stack = open_stack[:depth]
                if not open_stack:
                    segments.append(_trimmed(text, segment_start, mark.start))
                    found.append(Quotation(tuple(s for s in segments if s.end > s.start), mark.family))
                    segments = []
        segments_end = paragraph.end
    if open_stack and open_stack[0].family == DOUBLE:
        segments.append(_trimmed(text, segment_start, segments_end))
        found.append(Quotation(tuple(s for s in segments if s.end > s.start), open_stack[0].family))
    return [q for q in found if q.segments]


def _trimmed(text: str, start: int, end: int) -> Span:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return Span.of(text, start + left, start + max(left, right))


# ---------------------------------------------------------------------------- the learned filter


def _bucket(value: float) -> str:
    return str(int(math.log2(1 + value)))


def _context_words(text: str, start: int, end: int) -> list[str]:
    return _CONTEXT_WORD.findall(text[start:end].lower())


def _sentence_before(text: str, start: int) -> str:
    """The reporter's words from the start of the sentence (at most 200 characters) to ``start``."""
    window = text[max(0, start - 200) : max(0, start - 1)]
    return _SENTENCE_START.split(window)[-1]


def quotation_features(item: tuple[str, Quotation]) -> dict[str, float]:
    """Cues that separate speech from scare quotes and titles; module-level so bundles pickle it."""
    text, quotation = item
    body = " ".join(s.text for s in quotation.segments)
    tokens = body.split()
    capitalised = sum(t[:1].isupper() for t in tokens)
    before = _context_words(text, max(0, quotation.start - 60), quotation.start - 1)[-4:]
    after = _context_words(text, quotation.end + 1, quotation.end + 60)[:4]
    line_start = text.rfind("\n", 0, quotation.start) + 1
    features: dict[str, float] = {
        "bias": 1.0,
        f"words={_bucket(len(tokens))}": 1.0,
        "capital_share": capitalised / max(1, len(tokens)),
        "all_capitalised": float(capitalised == len(tokens)),
        "starts_upper": float(body[:1].isupper()),
        f"ends={body[-1:] if body[-1:] in '.,!?;:' else 'word'}": 1.0,
        f"mark={quotation.mark}": 1.0,
        "multi_paragraph": float(len(quotation.segments) > 1),
        "first_person": float(bool(_ADDRESS.search(body))),
        "headline": float(line_start == 0),
        "paragraph_start": float(not text[line_start : quotation.start - 1].strip()),
        "reporting_near": float(any(w in REPORTING_FORMS for w in before + after)),
        "colon_before": float(bool(before) and before[-1] == ":"),
    }
    # "He described the crimes of A, B and others as 'abhorrent'" against "known as 'Operation X'"
    sentence = _WORD.findall(_sentence_before(text, quotation.start).lower())
    features[f"reporting_in_sentence={any(w in REPORTING_FORMS for w in sentence)}"] = 1.0
    for n, word in enumerate(reversed(before[-2:])):
        features[f"before{n}={word}"] = 1.0
    for word in before[:-2]:
        features[f"near_before={word}"] = 1.0
    short = len(tokens) <= 6
    features[f"auxiliary={bool(_AUXILIARY.search(body))}|short={short}"] = 1.0
    if short:  # what a short fragment says: "abhorrent" is speech, "Operation X" is not
        for word in _BODY_WORD.findall(body.lower()):
            features[f"says={word}"] = 1.0
    for n, word in enumerate(after[:2]):
        features[f"after{n}={word}"] = 1.0
    return features


def _features_of_many(items: list[tuple[str, Quotation]]) -> list[dict[str, float]]:
    return [quotation_features(item) for item in items]


def make_quotation_filter(c: float = 1.0) -> Pipeline:
    return Pipeline(
        [
            ("features", FunctionTransformer(_features_of_many)),
            ("vectorize", NumericDictVectorizer()),
            ("classify", LogisticRegression(C=c, max_iter=2000, random_state=SEED)),
        ]
    )


# ---------------------------------------------------------------------------- the stage


def split_quotation(splitter, text: str, quotation: Quotation) -> Iterator[QuotedSentence]:
    """Each sentence of each segment, offsets into the article."""
    index = 0
    for segment in quotation.segments:
        for sentence in sentences(splitter, text, segment.start, segment.end):
            yield QuotedSentence(sentence, quotation, index)
            index += 1


def find_quoted_sentences(
    text: str, *, splitter, quotation_filter: Pipeline, threshold: float = 0.5
) -> list[QuotedSentence]:
    """Stage 1 as a whole: the quoted sentences of ``text``, in order."""
    candidates = find_quotations(text)
    if not candidates:
        return []
    keep = quotation_filter.predict_proba([(text, q) for q in candidates])[:, 1] >= threshold
    return [
        unit
        for quotation, kept in zip(candidates, keep, strict=True)
        if kept
        for unit in split_quotation(splitter, text, quotation)
    ]
