"""Stage 3: the stance of a quoted sentence (attacking, defending or proposing).

One scikit-learn pipeline over the sentence, the reporter's words around its quotation (the
reporting verb is a strong cue: "accused", "hit back", "called for"), the three words either side
of the quotation on their own (where that verb usually stands), a few hand-made cues (modal
verbs, negation, first person, which act the reporter's verbs name) and the same speaker's
previous quoted sentence. Probabilities are calibrated with ``CalibratedClassifierCV``.
"""

from __future__ import annotations

import re
from functools import cache

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .config import FIT_JOBS, SEED
from .features import NumericDictVectorizer
from .types import Quotation, Span

_CONTEXT_CHARS = 160
# The cue patterns are lower case and read lower-cased text: a case-blind search is three times slower.
_MODALS = re.compile(
    r"\b(must|should|need to|needs to|will|would|have to|has to|ought|urge|call on|calls on)\b"
)
_NEGATION = re.compile(r"\b(not|no|never|nothing|n[o’']t|deny|denies|false|wrong)\b")
_FIRST_PERSON = re.compile(r"\b(we|our|us|i|my|me)\b")
_THIRD_PERSON_START = re.compile(r"^\W*(he|she|they|his|her|their|it|this|that)\b")
_QUOTE_MARKS = re.compile(r"[\"“”‘’']+")
_NEAR_WORD = re.compile(r"[\w’'-]+|[:,;—–]")
_NEAR_WORDS = 3  # words kept on each side; 3 did better on dev than 6 or 10

# The reporter's verb for each act, as stems: the corpus uses a few of them, real news many more
# ("lambasted", "poured scorn on", "brushed aside"), and a learned word weight cannot reach a word
# it never saw.
_REPORTED_ACTS = {
    "attacking": re.compile(
        r"\b(accus|blam|critici[sz](e|ed|es|ing)\b|condemn|slam|lambast|denounc|hit(s|ting)? out|"
        r"lash(ed|es|ing)? out|round(ed|s|ing)? on\b|rail(ed|s|ing)? against|berat|castigat|"
        r"decr(y|ie)|derid|deris|mock|ridicul|rebuk|assail(ed|s|ing)?\b|blast(ed|ing)\b|"
        r"t(ear|ore|earing)s? into|scorn|savag|pillor|chastis|swipe|complain(ed|s|ing)?\b|"
        r"branded\b|attack(ed|ing)\b|disgust|outrag|furious|anger|angry)",
    ),
    "defending": re.compile(
        r"\b(defend(ed|s|ing)?\b|in defen[cs]e of|insist|den(y|ied|ies|ial)|reject|rebut|rebuff|"
        r"refut|hit(s|ting)? back|st(ood|and|ands|anding) by|justif|maintain(ed|s|ing)?\b|"
        r"counter(ed|s|ing)\b|play(ed|s|ing)? down|downplay|brush(ed|es|ing)? (off|aside)|"
        r"push(ed|es|ing)? back|prais|hail(ed|ing)\b|proud)",
    ),
    "proposing": re.compile(
        r"\b(call(ed|s|ing)? (for|on)\b|urg(e|ed|es|ing)\b|propos|demand|recommend|suggest|"
        r"plan(s|ned|ning)? to\b|pledg|promis(ed|es)\b|vow|announc|unveil|push(ed|es|ing)? for|"
        r"press(ed|es|ing)? for|appeal(ed|ing|s)? (for|to)\b|want|seek|sought|advocat(ed|es|ing)\b|"
        r"set(s|ting)? out|outlin|float|intend|wish)",
    ),
}


def stance_input(text: str, unit: Span, quotation: Quotation, previous: str) -> dict[str, str]:
    """What the stance model reads about one quoted sentence."""
    paragraph_start = text.rfind("\n", 0, quotation.start) + 1
    newline = text.find("\n", quotation.end)
    paragraph_end = newline if newline >= 0 else len(text)
    left = max(paragraph_start, quotation.start - _CONTEXT_CHARS)
    right = min(paragraph_end, quotation.end + _CONTEXT_CHARS)
    context = text[left : quotation.start] + " QUOTE " + text[quotation.end : right]
    before = _NEAR_WORD.findall(text[paragraph_start : quotation.start].lower())
    after = _NEAR_WORD.findall(text[quotation.end : paragraph_end].lower())
    return {
        "quote": unit.text,
        "context": _QUOTE_MARKS.sub(" ", context),
        # "she accused" before and "she accused" after read differently: each word keeps its side
        "near": " ".join([f"L_{w}" for w in before[-_NEAR_WORDS:]] + [f"R_{w}" for w in after[:_NEAR_WORDS]]),
        "previous": previous,
        "fragment": "yes" if unit.text[:1].islower() or unit.text[-1:] not in ".,!?" else "no",
    }


def pick_quote(items: list[dict]) -> list[str]:
    return [item["quote"] for item in items]


def pick_context(items: list[dict]) -> list[str]:
    return [item["context"] for item in items]


def pick_near(items: list[dict]) -> list[str]:
    return [item["near"] for item in items]


def pick_previous(items: list[dict]) -> list[str]:
    return [item["previous"] for item in items]


@cache
def _sentiment() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _polarity(quote: str) -> dict[str, float]:
    """VADER's valence lexicon knows evaluative words the corpus never uses ("abhorrent", "dire").

    Only the quote's: the valence of the reporter's words around it did no better in
    ``stance_cv.py`` than leaving it out, and took a second VADER pass per quotation."""
    scores = _sentiment().polarity_scores(quote)
    return {
        "quote_negative": scores["neg"],
        "quote_positive": scores["pos"],
        "quote_compound": scores["compound"],
    }


def cue_features(items: list[dict]) -> list[dict[str, float]]:
    """Cues a linear model cannot combine by itself: "we did not" denies where "they did not"
    accuses, and "He is a hero" praises an ally where "He is a disgrace" attacks.

    No cue says whether the speaker spoke before: trained with one, the model learned that a
    speaker's later sentences propose, an order the corpus's writers kept and real news does not."""
    out = []
    for item in items:
        quote, context = item["quote"].lower(), item["context"].lower()
        valence = _polarity(item["quote"])
        negations = float(len(_NEGATION.findall(quote)))
        first_person = float(bool(_FIRST_PERSON.search(quote)))
        third_person = float(bool(_THIRD_PERSON_START.match(quote)))
        reported = {
            f"reported_{act}": float(bool(verb.search(context))) for act, verb in _REPORTED_ACTS.items()
        }
        out.append(
            valence
            | reported
            | {
                f"fragment={item['fragment']}": 1.0,
                "modals": float(len(_MODALS.findall(quote))),
                "negations": negations,
                "first_person": first_person,
                "question": float("?" in quote),
                "exclamation": float("!" in quote),
                "first_person_negations": first_person * negations,
                "other_negations": (1 - first_person) * negations,
                "third_person_start": third_person,
                "third_person_positive": third_person * valence["quote_positive"],
                "third_person_negative": third_person * valence["quote_negative"],
            }
        )
    return out


def _text_branch(picker, **tfidf) -> Pipeline:
    return Pipeline(
        [("pick", FunctionTransformer(picker)), ("tfidf", TfidfVectorizer(sublinear_tf=True, **tfidf))]
    )


def make_stance_model(c: float = 4.0) -> Pipeline:
    features = FeatureUnion(
        [
            ("quote_words", _text_branch(pick_quote, ngram_range=(1, 2), lowercase=True)),
            ("quote_chars", _text_branch(pick_quote, analyzer="char_wb", ngram_range=(3, 5), min_df=2)),
            ("context_words", _text_branch(pick_context, ngram_range=(1, 2), min_df=1)),
            ("near_words", _text_branch(pick_near, ngram_range=(1, 1), token_pattern=r"\S+")),
            ("previous_words", _text_branch(pick_previous, ngram_range=(1, 1), min_df=2)),
            (
                "cues",
                Pipeline(
                    [("make", FunctionTransformer(cue_features)), ("vectorize", NumericDictVectorizer())]
                ),
            ),
        ]
    )
    classifier = CalibratedClassifierCV(
        LogisticRegression(C=c, max_iter=3000, random_state=SEED), method="sigmoid", cv=5, n_jobs=FIT_JOBS
    )
    return Pipeline([("features", features), ("classify", classifier)])
