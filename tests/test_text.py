from __future__ import annotations

import pytest

from classifier.text import paragraphs, sentences, words


def test_paragraphs_keep_offsets():
    text = "Head line\n\nFirst para.\nSecond para.\n"
    assert [p.text for p in paragraphs(text)] == ["Head line", "First para.", "Second para."]
    assert all(text[p.start : p.end] == p.text for p in paragraphs(text))


def test_words_keep_offsets():
    text = "Mr Khan’s team didn’t."
    tokens = list(words(text))
    assert [t.text for t in tokens] == ["Mr", "Khan’s", "team", "didn’t", "."]
    assert all(text[t.start : t.end] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We acted. We were right.", ["We acted.", "We were right."]),
        ("Mr. Smith agreed. Dr. Jones did not.", ["Mr. Smith agreed.", "Dr. Jones did not."]),
        ("  padded sentence.  ", ["padded sentence."]),
    ],
)
def test_sentences_are_trimmed_offsets(splitter, text, expected):
    found = sentences(splitter, text, 0, len(text))
    assert [s.text for s in found] == expected
    assert all(text[s.start : s.end] == s.text for s in found)
