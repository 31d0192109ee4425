"""An example article from examples/, through the Python API, with its expected answers."""

from __future__ import annotations

EXPECTED = [
    (
        "No child in this city should sit through an afternoon of lessons on an empty stomach,",
        "Priya Nair",
        "proposing",
    ),
    ("We will make this happen without a penny more on council tax.", "Priya Nair", "proposing"),
    ("an election gimmick with no money behind it", "Derek Shaw", "attacking"),
    ("The leader has not published a single costed document,", "Derek Shaw", "attacking"),
    ("Families deserve better than a promise written on the back of an envelope.", "Derek Shaw", "attacking"),
    (
        "Every figure has been checked by our finance director and will be published on Friday,",
        "Priya Nair",
        "defending",
    ),
]


def test_school_meals_example(model, repo):
    text = (repo / "examples" / "school-meals.txt").read_text(encoding="utf-8")
    records = model.predict(text, article="school-meals")
    assert [(r.text, r.speaker) for r in records] == [(quote, speaker) for quote, speaker, _ in EXPECTED]
    # Stance is a probabilistic call (test macro-F1 is in the model card). The bundle trained on
    # 431 articles misses one of six here (the first, a proposal, reads as attacking); earlier
    # bundles missed two. A known weakness, listed in the README's model card.
    stances_right = sum(r.stance == stance for r, (_, _, stance) in zip(records, EXPECTED, strict=True))
    assert stances_right >= len(EXPECTED) - 2
    for record in records:
        assert text[record.start : record.end] == record.text
        assert record.speaker_mention is not None
        assert text[record.speaker_mention.start : record.speaker_mention.end] == record.speaker_mention.text
        assert 0.0 <= record.speaker_score <= 1.0


def test_predict_many_streams_in_order(model, repo):
    texts = [p.read_text(encoding="utf-8") for p in sorted((repo / "examples").glob("*.txt"))]
    streamed = list(model.predict_many(texts))
    assert streamed == [r for n, t in enumerate(texts) for r in model.predict(t, article=str(n))]


def test_no_break_spaces_read_as_spaces_and_are_quoted_as_written(model, repo):
    """Web copy writes "Priya\u00a0Nair": the same speakers and stances, the records quote it."""
    text = (repo / "examples" / "school-meals.txt").read_text(encoding="utf-8")
    spaced = text.replace(" ", "\u00a0")
    plain, odd = model.predict(text), model.predict(spaced)
    assert [(r.start, r.end, r.speaker, r.stance) for r in odd] == [
        (r.start, r.end, r.speaker, r.stance) for r in plain
    ]
    for record in odd:
        assert record.text == spaced[record.start : record.end]
        mention = record.speaker_mention
        assert mention is not None and mention.text == spaced[mention.start : mention.end]
