"""Stage 2: mentions resolve to canonical names; the ranker picks the speaker."""

from __future__ import annotations

import pytest

from classifier.quotes import find_quotations
from classifier.speakers import decode, find_mentions, score_candidates

RESOLUTION_CASES = [
    # (text, mention text, kind, entity)
    ("Sadiq Khan spoke. Mr Khan said more.", "Khan", "name", "Sadiq Khan"),
    ("London mayor Sadiq Khan spoke. The mayor said no.", "The mayor", "role", "Sadiq Khan"),
    ("Home Secretary Jane Doe spoke. The home secretary said no.", "The home secretary", "role", "Jane Doe"),
    (
        "Riverside Council voted. A spokesman for the council said no.",
        "A spokesman for the council",
        "spokes",
        "Riverside Council",
    ),
    ("Ms Amara Okafor arrived. Later she said no.", "she", "pronoun", "Amara Okafor"),
    ("Mr Tom Reed and Ms Ana Ruiz met. She said no.", "She", "pronoun", "Ana Ruiz"),
    (
        "Greenmarket Foods, which owns 90 shops, was sued. A Greenmarket spokesman said no.",
        "A Greenmarket spokesman",
        "spokes",
        "Greenmarket Foods",
    ),
    ("Parallax Health was fined. Parallax said it would appeal.", "Parallax", "name", "Parallax Health"),
    (
        "The European Commission froze the funds. A commission spokesperson said no.",
        "A commission spokesperson",
        "spokes",
        "European Commission",
    ),
    (
        "A report by the Care Quality Commission was out.",
        "A report by the Care Quality Commission",
        "doc",
        "Care Quality Commission",
    ),
]


@pytest.mark.parametrize(("text", "surface", "kind", "entity"), RESOLUTION_CASES)
def test_mentions_resolve_to_entities(text, surface, kind, entity):
    article = find_mentions(text, [])
    found = {(m.span.text, m.kind): m.entity for m in article.mentions}
    assert found[(surface, kind)] == entity
    for mention in article.mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text


def test_mentions_inside_quotations_are_ignored():
    text = 'Ana Ruiz said: "Tom Reed is wrong."'
    article = find_mentions(text, find_quotations(text))
    assert [m.span.text for m in article.mentions] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ('"We will appeal," said Ana Ruiz, the club\'s chair.', ["Ana Ruiz"]),
        ('Tom Reed, the council leader, said: "The budget is balanced."', ["Tom Reed"]),
        ('Ana Ruiz spoke first. "It is wrong," she said.\n\n"We will fight it."', ["Ana Ruiz", "Ana Ruiz"]),
    ],
)
def test_ranker_attributes_quotations(model, text, speakers):
    article = find_mentions(text, find_quotations(text))
    attributions = decode(score_candidates([article], model.ranker)[0])
    assert [a.speaker for a in attributions] == speakers
