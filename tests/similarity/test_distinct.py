"""Texts repeated word for word are vectorised and compared once: the same numbers as one row per text."""

from __future__ import annotations

import numpy as np

from retold.engine import map_distinct, serial
from retold.similarity.vectors import char_matrix, distinct, stem_matrix, text_vectors

TEXTS = ["Putin is open to talks, the Kremlin said.", "Biden set a condition.", "Putin is open to talks, the Kremlin said.",
         "", "Biden set a condition.", "Talks are possible, Peskov said."]


def test_distinct_keeps_first_appearance_order():
    unique, index = distinct(TEXTS)
    assert unique == [TEXTS[0], TEXTS[1], "", TEXTS[5]]
    assert [unique[i] for i in index] == TEXTS


def test_matrices_of_repeated_texts_equal_one_row_per_text():
    for matrix in (stem_matrix, char_matrix):
        whole = matrix(TEXTS)
        rows = [matrix([t]) for t in TEXTS]
        assert whole.shape[0] == len(TEXTS)
        for k, row in enumerate(rows):
            assert (whole[k] != row).nnz == 0


def test_vectors_score_every_text_as_if_alone():
    vectors = text_vectors(TEXTS)
    assert vectors.stems.shape[0] == 4 and list(vectors.index) == [0, 1, 0, 2, 1, 3]
    left, right = np.array([0, 0, 1, 2, 5, 3]), np.array([2, 1, 4, 5, 0, 3])
    expected = [float(text_vectors([TEXTS[i], TEXTS[j]]).pair_scores([0], [1])[0]) for i, j in zip(left, right)]
    assert vectors.pair_scores(left, right).tolist() == expected
    part = vectors.rows([2, 5, 0])
    assert part.pair_scores([0, 0], [1, 2]).tolist() == vectors.pair_scores([2, 2], [5, 0]).tolist()
    members = [0, 2, 5, 1]
    one_row_each = text_vectors([TEXTS[m] for m in members]).mean_scores_within(range(len(members)))
    assert np.allclose(vectors.mean_scores_within(members), one_row_each)
    pairs = [(i, j) for i in (0, 2) for j in (1, 5)]
    exact = vectors.pair_scores([i for i, _ in pairs], [j for _, j in pairs]).sum()
    assert abs(vectors.cross_sum([0, 2], [1, 5]) - exact) < 1e-5


def test_a_kept_cross_sum_is_the_sum_of_the_same_texts_computed_afresh():
    vectors = text_vectors(TEXTS)
    first = vectors.cross_sum([0, 1, 5], [3, 4])
    # items 2 and 0 print the same text, as do 4 and 1: the same texts on each side, in another order
    assert vectors.cross_sum([5, 4, 2], [3, 1]) == first
    assert text_vectors(TEXTS).cross_sum([5, 4, 2], [3, 1]) == first
    pairs = [(i, j) for i in (0, 1, 5) for j in (3, 4)]
    assert abs(first - vectors.pair_scores([i for i, _ in pairs], [j for _, j in pairs]).sum()) < 1e-5
    assert vectors.cross_sum([3, 4], [0, 1, 5]) == text_vectors(TEXTS).cross_sum([3, 4], [0, 1, 5])


def test_map_distinct_runs_each_item_once():
    seen = []

    def record(a, b):
        seen.append((a, b))
        return a + b

    items = [("a", "b"), ("c", "d"), ("a", "b")]
    assert map_distinct(serial(), record, items, star=True) == ["ab", "cd", "ab"]
    assert seen == [("a", "b"), ("c", "d")]


def test_cross_sums_and_kept_scores_match_scoring_every_pair_afresh():
    """Many texts, sides of repeated texts in any order: `cross_sum` is the sum of the pairs' scores (before their
    rounding), and the kept scores are `pair_scores`, whichever pairs were asked for before."""
    rng = np.random.default_rng(3)
    vocabulary = [f"word{k}" for k in range(40)] + ["talks", "condition", "withdrawal", "ceasefire", "Kremlin"]
    texts = [" ".join(rng.choice(vocabulary, size=rng.integers(3, 12))) for _ in range(60)]
    texts += texts[:20]  # repeated word for word, as syndicated copy is
    vectors = text_vectors(texts)
    assert vectors._halves.has_canonical_format
    for _ in range(30):
        left = rng.choice(len(texts), size=rng.integers(1, 9), replace=False).tolist()
        right = rng.choice(len(texts), size=rng.integers(1, 9), replace=False).tolist()
        pairs = [(i, j) for i in left for j in right]
        scores = vectors.pair_scores([i for i, _ in pairs], [j for _, j in pairs])
        assert abs(vectors.cross_sum(left, right) - scores.sum()) < 1e-5 * len(pairs)
        assert vectors.kept_pair_scores([i for i, _ in pairs], [j for _, j in pairs]).tolist() == scores.tolist()
        assert vectors.cross_sum(right[::-1], left[::-1]) == text_vectors(texts).cross_sum(right, left)
