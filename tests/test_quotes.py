"""Stage 1: pairing marks, apostrophes, paragraphs, and sentence units with exact offsets."""

from __future__ import annotations

import pytest

from classifier.quotes import find_quotations, find_quoted_sentences, quotation_features, split_quotation

SCANNER_CASES = [
    ('He said "we will appeal," and left.', [["we will appeal,"]]),
    ("She called it “dead on arrival”.", [["dead on arrival"]]),
    ("Khan: Met needs change ‘at highest levels’ in wake of report", [["at highest levels"]]),
    ("Khan: Met must act 'at highest levels' now", [["at highest levels"]]),
    ("‘The residents’ association is angry,’ she said.", [["The residents’ association is angry,"]]),
    ("‘We have the votes’ and ‘they know it’, he said.", [["We have the votes"], ["they know it"]]),
    ("In the ’90s, Khan’s team don’t care.", []),
    ("''It is over,'' he said. ''We lost.''", [["It is over,"], ["We lost."]]),
    ("\"They told me 'wait',\" she said.", [["They told me 'wait',"]]),
    ('He said: "First part.\n\n"Second part."\nThen more.', [["First part.", "Second part."]]),
    ('An unclosed "quote runs on\nbut the next paragraph "is fine".', [["quote runs on"], ["is fine"]]),
    ("No quotes at all here.", []),
    ("He replied: \u2033Hang on.\n\n\u2033We talk every day.\u201d", [["Hang on.", "We talk every day."]]),
]


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_pairs_marks(text, expected):
    found = find_quotations(text)
    assert [[s.text for s in q.segments] for q in found] == expected
    for quotation in found:
        for segment in quotation.segments:
            assert text[segment.start : segment.end] == segment.text


def test_multi_paragraph_quotation_splits_into_sentences(splitter):
    text = 'She said: "We acted. We were right.\n\n"And we would do it again," she added.'
    (quotation,) = find_quotations(text)
    units = list(split_quotation(splitter, text, quotation))
    assert [u.span.text for u in units] == ["We acted.", "We were right.", "And we would do it again,"]
    assert all(text[u.span.start : u.span.end] == u.span.text for u in units)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            'The minister said the plan was "a disgrace". '
            'She was speaking at the launch of the report "Fair Shares for All".',
            ["a disgrace"],
        ),
        (  # the reporting verb stands far from the fragment; "known as" introduces a name
            'He described the crimes of Tom Reed, Ian Lowe and other officers as "truly shameful". '
            'The review will be known as "Operation Clearwater".',
            ["truly shameful"],
        ),
        (  # a fragment that is a clause ("must do") is speech even right after "the"
            'The mayor said the "housing department simply must do better" on repairs. '
            'The repairs plan is known as "Homes First".',
            ["housing department simply must do better"],
        ),
    ],
)
def test_filter_keeps_speech_and_drops_titles(model, text, kept):
    units = find_quoted_sentences(text, splitter=model.splitter, quotation_filter=model.quotation_filter)
    assert [u.span.text for u in units] == kept


@pytest.mark.parametrize(
    "text",
    [
        'The union met the minister on Monday, calling for "a full review" of the rules.',
        'She left the meeting early, describing the offer as "an insult".',
        # a control: finite verbs counted before participles did
        'The union wrote to the minister and called for "a full review" of the rules.',
    ],
)
def test_a_participle_reports_speech_as_a_finite_verb_does(text):
    [quotation] = find_quotations(text)
    assert quotation_features((text, quotation))["reporting_in_sentence=True"] == 1.0
