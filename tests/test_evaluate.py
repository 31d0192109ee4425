from __future__ import annotations

import pytest

from classifier.evaluate import GoldQuote, match_units, normalise_name, score, speaker_matches
from classifier.types import QuoteRecord

GOLD = GoldQuote(0, 10, "Sadiq Khan", ("Mr Khan", "the mayor"), "attacking", ("proposing",))


@pytest.mark.parametrize(
    ("name", "normal"),
    [("Mr Khan", "khan"), ("The Home Office", "home office"), ("Khan's", "khan"), ("Dr. Amy Lee", "amy lee")],
)
def test_normalise_name(name, normal):
    assert normalise_name(name) == normal


@pytest.mark.parametrize(
    ("predicted", "strict", "lenient"),
    [
        ("Sadiq Khan", True, True),
        ("sadiq khan", True, True),
        ("Mr Khan", False, True),
        ("Khan", False, True),
        ("the mayor", False, True),
        ("Priti Patel", False, False),
        ("", False, False),
    ],
)
def test_speaker_matching(predicted, strict, lenient):
    assert speaker_matches(predicted, GOLD, lenient=False) is strict
    assert speaker_matches(predicted, GOLD, lenient=True) is lenient


def test_matching_is_one_to_one_best_overlap_first():
    assert match_units([(0, 10), (0, 9)], [(0, 10)]) == [(0, 0)]
    assert match_units([(0, 4)], [(0, 10)]) == []  # IoU 0.4


def _record(start, end, speaker, stance):
    scores = {"attacking": 0.0, "defending": 0.0, "proposing": 0.0}
    return QuoteRecord("a", start, end, "", speaker, None, 1.0, stance, scores)


def test_score_counts_alternatives_and_skips_all_three():
    gold = [GOLD, GoldQuote(20, 30, "Home Office", (), "defending", ("attacking", "proposing"))]
    predictions = [
        _record(0, 10, "Khan", "proposing"),
        _record(20, 30, "Home Office", "attacking"),
        _record(40, 50, "X", "attacking"),
    ]
    scores = score([(predictions, gold)])
    assert scores["extraction"]["precision"] == pytest.approx(2 / 3)
    assert scores["extraction"]["recall"] == 1.0
    assert scores["speaker"]["strict_accuracy"] == 0.5
    assert scores["speaker"]["lenient_accuracy"] == 1.0
    assert scores["stance"]["scored_units"] == 1
    assert scores["stance"]["accuracy"] == 1.0
