from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer

from classifier.features import NumericDictVectorizer

TRAIN = [{"bias": 1.0, "kind=name": 1.0, "distance": 3.0}, {"bias": 1.0, "kind=role": 1.0, "score": -0.5}]
UNSEEN = [{"bias": 1.0, "kind=pronoun": 1.0, "distance": 2.0}, {}, {"score": 0.25, "kind=name": 1.0}]


@pytest.mark.parametrize("sparse", [True, False])
def test_numeric_vectorizer_makes_dictvectorizers_matrix(sparse):
    ours = NumericDictVectorizer(sparse=sparse).fit(TRAIN)
    theirs = DictVectorizer(sparse=sparse).fit(TRAIN)
    expected, got = theirs.transform(UNSEEN), ours.transform(UNSEEN)
    if sparse:
        expected, got = expected.toarray(), got.toarray()
    else:
        assert got.flags.f_contiguous  # the order the ranker's trees read
    assert got.shape == (3, 5)
    np.testing.assert_array_equal(got, expected)  # an unseen name ("kind=pronoun") is dropped
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())


def test_numeric_vectorizer_refuses_words_it_could_not_transform():
    with pytest.raises(TypeError, match="kind"):
        NumericDictVectorizer().fit([{"kind": "name"}])
    with pytest.raises(TypeError, match="kind"):
        NumericDictVectorizer().fit_transform([{"kind": "name"}])
