"""Stage 2a: which entity each pronoun refers to.

A learned resolver, because the cues compete: "she" usually means the last woman seen speaking,
but not when another woman was named since, unless that one was only mentioned in passing ("the
case of Jane Doe"). Each (pronoun, earlier entity) pair is scored by a logistic regression; the
best-scored entity wins. Pronouns are resolved from the mentions that are not pronouns, so the
resolution of one pronoun never depends on another's.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .config import SEED
from .features import NumericDictVectorizer
from .quotes import REPORTING_VERBS
from .types import Mention

# Documents that judge something: "it" after one speaks for its author (with a letter's), and
# one with no named owner is most often an examining body's (see speakers). Not a statement or an
# email, which "it" more often stands beside than for ("In a statement, the department said ...
# it said").
FINDINGS_HEADS = frozenset("report review audit findings assessment investigation inquiry evaluation".split())
_SPEAKING_DOCUMENTS = FINDINGS_HEADS | {"letter"}

if TYPE_CHECKING:
    from .speakers import Article

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "o", "we": "p", "i": "s"}
MAX_CANDIDATES = 8  # the most recently mentioned entities a pronoun may refer to

_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
# "The union said it was ready", "Ms Lee has told colleagues she will stay": the pronoun opens the
# clause its antecedent reports
_SAID_THEN = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:" + "|".join(sorted(REPORTING_VERBS)) + r")"
    r"(?:\s+(?:reporters|colleagues|the\s+\w+|\w+))?(?:\s+that)?\s+$"
)
_IT_SAYS = re.compile(
    r"[ \t]+(?:also[ \t]+)?(?:says|said|adds|added|reads|states|stated|concludes|concluded|warns|warned"
    r"|notes|noted|recommends|recommended|finds|found|makes|made|calls|called|urges|urged|describes"
    r"|described|criticises|criticised|criticizes|criticized)\b"
)
_PREPOSITION = re.compile(
    r"\b(?:of|for|to|with|by|against|from|on|at|about|over|under|into|than|like|and|or)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class Antecedent:
    """What the article has said of one entity before a pronoun."""

    entity: str
    last: Mention
    count: int
    speaking: int  # its mentions next to a reporting verb
    last_speaking: int  # offset of the last of those, -1 if none
    first: int  # offset of its first mention
    spokes_gender: str  # "f"/"m" if it spoke through a spokeswoman/spokesman, "n" another, "" none
    last_subject: int  # offset of its last mention opening a sentence, -1 if none


def first_name_gender(name: str, first_names: Mapping[str, str]) -> str:
    """The gender a person's first name usually has ("m", "f"), or "" if unknown or mixed."""
    first = unicodedata.normalize("NFKD", name.split()[0].lower())
    first = "".join(c for c in first if not unicodedata.combining(c))
    return first_names.get(first) or first_names.get(first.split("-")[0], "")


def _spokes_gender(mention: Mention) -> str:
    if mention.kind != "spokes":
        return ""
    text = mention.span.text.lower()
    return "f" if "woman" in text else "m" if "man" in text.replace("woman", "") else "n"


def _compatible(want: str, kind: str, gender: str, spokes_gender: str) -> bool:
    """Could a pronoun of this kind ("m", "f", "o", "p", "s") refer to the entity? "She" may be
    a council speaking through its spokeswoman."""
    if want in "mf":
        return (kind not in ("org", "place") and gender in ("", want)) or spokes_gender in (want, "n")
    if want == "o":
        return kind != "person"
    return True


def _bucket(value: float) -> int:
    return int(math.log2(1 + max(0.0, value)))


def _speaks(article: Article, mention: Mention) -> bool:
    """Is a reporting verb right before or after the mention ("she said", "said Ms Ruiz")?"""
    cues = article.verb_cues[mention.span.start, mention.span.end]
    return bool(cues["verb_follows"] or cues["verb_precedes"])


def antecedents(article: Article) -> dict[int, list[Antecedent]]:
    """For each pronoun (by start offset), the entities mentioned before it that it could refer
    to, most recent first: one pass over the mentions in text order."""
    found: dict[str, Antecedent] = {}
    lists: dict[int, list[Antecedent]] = {}
    for mention in article.mentions:
        if mention.kind == "pronoun":
            want = PRONOUNS[mention.span.text.lower()]
            fitting = [
                a
                for a in found.values()
                if _compatible(
                    want,
                    article.entity_kinds.get(a.entity, "description"),
                    article.entity_genders.get(a.entity, ""),
                    a.spokes_gender,
                )
            ]
            lists[mention.span.start] = sorted(fitting, key=lambda a: -a.last.span.start)[:MAX_CANDIDATES]
        elif mention.entity and mention.kind != "doc":
            known = found.get(mention.entity)
            speaks = _speaks(article, mention)
            opens = mention.span.start in article.sentence_openers
            found[mention.entity] = Antecedent(
                mention.entity,
                mention,
                (known.count if known else 0) + 1,
                (known.speaking if known else 0) + speaks,
                mention.span.start if speaks else (known.last_speaking if known else -1),
                known.first if known else mention.span.start,
                _spokes_gender(mention) or (known.spokes_gender if known else ""),
                mention.span.start if opens else (known.last_subject if known else -1),
            )
    return lists


def pair_features(article: Article, pronoun: Mention, candidates: list[Antecedent], index: int) -> dict:
    """How one earlier entity stands to a pronoun: type and gender fit, recency, speaking."""
    text = article.text
    want = PRONOUNS[pronoun.span.text.lower()]
    candidate = candidates[index]
    kind = article.entity_kinds.get(candidate.entity, "description")
    last = candidate.last
    features = {
        "bias": 1.0,
        f"{want}|kind={kind}": 1.0,
        f"{want}|gender={article.entity_genders.get(candidate.entity) or 'unknown'}": 1.0,
        f"{want}|last={last.kind}": 1.0,
        f"recency={min(index, 5)}": 1.0,
        f"{want}|recency={min(index, 3)}": 1.0,
        f"mentions={_bucket(candidate.count)}": 1.0,
        f"speaking={min(candidate.speaking, 3)}": 1.0,
        f"{want}|spokes={candidate.spokes_gender or 'none'}": 1.0,
    }
    speakers = sorted((c for c in candidates if c.speaking), key=lambda c: -c.last_speaking)
    if candidate in speakers:
        features[f"speaker_rank={min(speakers.index(candidate), 3)}"] = 1.0
    # the subject of the latest sentence that opened on someone carries on as "he" or "she"
    subjects = sorted((c for c in candidates if c.last_subject >= 0), key=lambda c: -c.last_subject)
    if candidate in subjects:
        features[f"{want}|subject_rank={min(subjects.index(candidate), 3)}"] = 1.0
    gap = text[last.span.end : pronoun.span.start]
    features[f"sentences={min(len(_SENTENCE_END.findall(gap)), 3)}"] = 1.0
    paragraphs = article.paragraph_of(pronoun.span.start) - article.paragraph_of(last.span.start)
    features[f"paragraphs={min(paragraphs, 3)}"] = 1.0
    features[f"distance={_bucket(len(gap) / 8)}"] = 1.0
    before = text[max(0, last.span.start - 30) : last.span.start]
    features["after_preposition"] = float(bool(_PREPOSITION.search(before)))
    features["possessive"] = float(text[last.span.end : last.span.end + 2] in ("’s", "'s"))
    features["last_speaks"] = float(_speaks(article, last))
    features["reports_pronoun"] = float(bool(_SAID_THEN.match(gap)))
    features["sentence_initial"] = float(last.span.start in article.sentence_openers)
    features["first_entity"] = float(all(candidate.first <= c.first for c in candidates))
    if kind == "person" and " " in candidate.entity and want in "mf":
        features[f"{want}|first_name_end={candidate.entity.split()[0][-1:].lower()}"] = 1.0
        name_gender = article.first_name_genders.get(candidate.entity, "")
        agreement = "unknown" if not name_gender else "agrees" if name_gender == want else "differs"
        features[f"first_name={agreement}"] = 1.0
    return features


def documents_speaking(article: Article) -> dict[int, str]:
    """Each "it" that speaks in the sentence after a document's ("The report, published on
    Thursday, says ... It says: ..."), or after only a quotation from it, or opens the sentence
    after one the document opened, by start offset, with the document's author: the document is
    what "it" is, and documents are no antecedents of the learned resolver."""
    found = {}
    document = None  # the latest document mentioned
    alone = False  # no one else named since, if only in quoted words
    for mention in article.mentions:
        if mention.kind == "doc":
            words = {w.strip(",;:") for w in mention.span.text.lower().split()}
            document = mention if not words.isdisjoint(_SPEAKING_DOCUMENTS) else None
            alone = True
        elif mention.kind != "pronoun":
            alone = alone and document is not None and mention.span.start < document.span.end  # its owner
        elif mention.span.text in ("It", "it") and document is not None and document.entity:
            sentences = len(_SENTENCE_END.findall(article.text, document.span.end, mention.span.start))
            near = sentences <= 1 or (alone and _paragraphs_apart(article, document, mention) <= 1)
            # the document was the subject of the sentence before and "It" opens this one: the
            # subject carries on, whatever it does ("The report found ... It also included ...")
            carried = (
                sentences == 1
                and document.span.start in article.sentence_openers
                and mention.span.start in article.sentence_openers
            )
            if carried or (near and _IT_SAYS.match(article.text, mention.span.end)):
                found[mention.span.start] = document.entity
    return found


def _paragraphs_apart(article: Article, first: Mention, second: Mention) -> int:
    return article.paragraph_of(second.span.start) - article.paragraph_of(first.span.start)


def resolve(articles: Sequence[Article], resolver: Pipeline) -> list[Article]:
    """The articles with each pronoun's entity filled in: one scikit-learn call for all of them."""
    rows, owners = [], []
    for number, article in enumerate(articles):
        pronouns = {m.span.start: m for m in article.mentions if m.kind == "pronoun"}
        for start, candidates in antecedents(article).items():
            for index, candidate in enumerate(candidates):
                rows.append(pair_features(article, pronouns[start], candidates, index))
                owners.append((number, start, candidate.entity))
    best: dict[tuple[int, int], tuple[float, str]] = {}
    scores = resolver.predict_proba(rows)[:, 1] if rows else []
    for (number, start, entity), score in zip(owners, scores, strict=True):
        if (number, start) not in best or score > best[number, start][0]:
            best[number, start] = (score, entity)
    for number, article in enumerate(articles):
        for start, entity in documents_speaking(article).items():
            best[number, start] = (1.0, entity)
    return [
        replace(
            article,
            mentions=tuple(
                replace(m, entity=best[number, m.span.start][1])
                if m.kind == "pronoun" and (number, m.span.start) in best
                else m
                for m in article.mentions
            ),
        )
        for number, article in enumerate(articles)
    ]


def make_pronoun_resolver(c: float = 1.0) -> Pipeline:
    return Pipeline(
        [
            ("vectorize", NumericDictVectorizer()),
            ("classify", LogisticRegression(C=c, max_iter=2000, random_state=SEED)),
        ]
    )
