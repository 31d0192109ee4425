from __future__ import annotations

import pytest

from classifier.evaluate import GoldQuote
from classifier.stance import cue_features
from classifier.training import stance_examples
from classifier.types import Document


@pytest.mark.parametrize(
    ("quote", "negative", "positive"),
    [
        ("The decision was abhorrent and cruel.", True, False),
        ("It is a fair and generous settlement.", False, True),
        ("This is not a good deal for families.", True, False),  # "not" turns "good" round
        ("The council met on Tuesday.", False, False),
        ("It’s a disgrace.", True, False),
    ],
)
def test_valence_cues_read_evaluative_words(quote, negative, positive):
    [cues] = cue_features([{"quote": quote, "context": "she said QUOTE", "fragment": "no"}])
    assert (cues["quote_negative"] > 0) is negative
    assert (cues["quote_positive"] > 0) is positive
    assert cues["quote_compound"] < 0 if negative else cues["quote_compound"] >= 0


def test_cues_tell_our_denials_from_accusations():
    ours, theirs = cue_features(
        [
            {"quote": "We did not break any rule.", "context": "QUOTE", "fragment": "no"},
            {"quote": "They did not tell the truth.", "context": "QUOTE", "fragment": "no"},
        ]
    )
    assert ours["first_person_negations"] == 1 and ours["other_negations"] == 0
    assert theirs["first_person_negations"] == 0 and theirs["other_negations"] == 1
    assert theirs["third_person_start"] == 1 and ours["third_person_start"] == 0


@pytest.mark.parametrize(
    ("context", "act"),
    [
        ("The minister lambasted the plan as QUOTE .", "attacking"),
        ("She poured scorn on what she called QUOTE .", "attacking"),
        ("He brushed aside the criticism, saying the scheme was QUOTE .", "defending"),
        ("The chief executive rebuffed claims of QUOTE .", "defending"),
        ("The union pressed for QUOTE .", "proposing"),
        ("The mayor floated QUOTE for the city centre.", "proposing"),
        ("QUOTE , she told the planning committee.", None),  # "planning" is no plan of hers
        ("QUOTE , said the counter-terrorism chief.", None),
        ("QUOTE , the Defence Secretary told the Foreign Secretary on Monday.", None),  # offices
        ("QUOTE , said Brandon Lee, who was hurt in the bomb blast in round one.", None),
    ],
)
def test_reporting_verbs_the_corpus_never_used_still_name_the_act(context, act):
    [cues] = cue_features([{"quote": "a fragment", "context": context, "fragment": "yes"}])
    named = [name for name in ("attacking", "defending", "proposing") if cues[f"reported_{name}"]]
    assert named == ([act] if act else [])


def test_alternative_labels_train_as_lighter_examples():
    text = '"Pay the nurses." she said. "It is a disgrace." she added. "We thank them." he said.'
    first, second, third = (text.index(s) for s in ("Pay", "It is", "We thank"))
    gold = [
        (
            Document("a", text),
            [
                GoldQuote(first, first + 15, "A", (), "proposing", ("attacking",), ()),
                GoldQuote(second, second + 17, "A", (), "attacking", (), ()),
                # all three labels acceptable (none of the three acts): left out of training and scoring
                GoldQuote(third, third + 14, "B", (), "defending", ("attacking", "proposing"), ()),
            ],
        )
    ]
    items, labels, weights = stance_examples(gold, alternatives=0.5)
    assert [i["quote"] for i in items] == ["Pay the nurses.", "Pay the nurses.", "It is a disgrace."]
    assert labels == ["proposing", "attacking", "attacking"]
    assert weights == [1.0, 0.5, 1.0]
    assert stance_examples(gold)[1] == ["proposing", "attacking"]
