"""rowwise_dot's numpy path for a few pairs gives scipy's numbers, bit for bit."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.similarity.vectors import SMALL_BATCH, _small_rowwise_dot, rowwise_dot, text_vectors


def _scipy(x, left, right):
    return np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()


TEXTS = ["Putin is open to talks, the Kremlin said.", "The Kremlin said Putin was open to negotiations.",
         "", "Biden set a condition: withdrawal.", "Scholz spoke to Putin for an hour on Friday.",
         "Schultz talked with Putin", "Kyiv", "a"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXTS) - 1), st.integers(0, len(TEXTS) - 1)), max_size=30))
def test_small_path_equals_scipy_on_texts(pairs):
    vectors = text_vectors(TEXTS)
    left = np.array([p[0] for p in pairs], dtype=np.int64)
    right = np.array([p[1] for p in pairs], dtype=np.int64)
    for x in (vectors.stems, vectors.chars):
        got = _small_rowwise_dot(x, left, right)
        assert got.dtype == x.dtype
        assert np.array_equal(got, _scipy(x, left, right))


def test_small_path_equals_scipy_on_random_matrices():
    rng = np.random.default_rng(7)
    x = sp.random(300, 5000, density=0.02, format="csr", dtype=np.float32, random_state=3)
    x.sort_indices()
    for size in (1, 9, 100, SMALL_BATCH):
        left, right = rng.integers(0, 300, size), rng.integers(0, 300, size)
        assert np.array_equal(_small_rowwise_dot(x, left, right), _scipy(x, left, right))
        assert np.array_equal(rowwise_dot(x, left, right), _scipy(x, left, right))
