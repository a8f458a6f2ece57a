"""How alike two short texts are: content-word stems plus character n-grams.

Similarity (`similarity`, `pair_similarities`) is the mean of two cosines:

* content-word stems (Snowball stemmer, the package's stop list, each stem counted once):
  it matches the same content words under re-ordering and inflection
  ("negotiations"/"negotiate", "withdraws"/"withdrawal") and ignores the function
  words in which rewrites and translations differ most;
* character 3–5-grams inside words (term frequency, no IDF): it gives partial credit
  for spelling variants and morphology the stemmer misses ("recognise"/"recognize",
  "Schmidt"/"Schmitt", "Soviet"/"Soviets") and for shared phrasing.

Neither part uses corpus statistics, so a pair's score does not depend on which other
texts are in the corpus. Typical values: the same sentence lightly edited 0.7–1.0, a
paraphrase or a second translation 0.35–0.7, two sentences on the same topic 0.1–0.3.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import scipy.sparse as sp
from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import HashingVectorizer

from ..kept import Kept
from ..text.words import comparison_stop_words, word_tuple, words

STOP_WORDS = comparison_stop_words()
_STEMMER = SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stem(word)


@lru_cache(maxsize=65_536)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(sorted({stem(w) for w in word_tuple(text) if w not in STOP_WORDS and len(w) > 1}))


def content_stems(text: str) -> list[str]:
    """Sorted distinct stems of the content words (stop words and 1-letter words dropped)."""
    return list(_content_stems(text))


def _normalised(text: str) -> str:
    return " ".join(words(text))


_CHAR_VECTORIZER = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=_normalised,
                                     n_features=2 ** 20, alternate_sign=False, norm="l2", dtype=np.float32)
_STEM_VECTORIZER = HashingVectorizer(analyzer=content_stems, n_features=2 ** 20, alternate_sign=False,
                                     binary=True, norm=None, dtype=np.float32)


def distinct(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in order of first appearance, and each text's number among them. Syndicated
    copy repeats sentences word for word, so vectorising each distinct text once saves most of the work."""
    numbers: dict[str, int] = {}
    index = np.fromiter((numbers.setdefault(t, len(numbers)) for t in texts), dtype=np.int64, count=len(texts))
    return list(numbers), index


def _transform(vectorizer: HashingVectorizer, texts: list[str]) -> sp.csr_matrix:
    """One row per text (a text's row depends on that text alone, so repeated texts are vectorised once)."""
    if not texts:
        return sp.csr_matrix((0, vectorizer.n_features), dtype=np.float32)
    unique, index = distinct(texts)
    matrix = vectorizer.transform(unique).tocsr()
    return matrix if len(unique) == len(texts) else matrix[index]


def stem_matrix(texts: list[str]) -> sp.csr_matrix:
    """Binary text × stem matrix (hashed columns)."""
    return _transform(_STEM_VECTORIZER, texts)


def char_matrix(texts: list[str]) -> sp.csr_matrix:
    """L2-normalised text × character-3–5-gram matrix (hashed columns)."""
    return _transform(_CHAR_VECTORIZER, texts)


SMALL_BATCH = 2000
PAIRS_KEPT = 1 << 19  # products, and scores, of pairs of distinct texts a grouping keeps (each store ~70 MB at most)


def _row_entries(x: sp.csr_matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(positions into x.data, pair number) of every stored entry of x[rows[k]], row after row."""
    starts = x.indptr[rows].astype(np.int64)
    lengths = x.indptr[rows + 1].astype(np.int64) - starts
    owner = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    offsets = np.cumsum(lengths) - lengths
    return np.arange(owner.size, dtype=np.int64) - np.repeat(offsets - starts, lengths), owner


def rowwise_dot(x: sp.csr_matrix, left: np.ndarray, right: np.ndarray, batch: int = 50_000) -> np.ndarray:
    """x[left[k]] · x[right[k]] for every k (x in canonical CSR form), in batches."""
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    if left.size <= SMALL_BATCH:
        return _small_rowwise_dot(x, left, right)
    parts = [np.asarray(x[left[i:i + batch]].multiply(x[right[i:i + batch]]).sum(axis=1)).ravel()
             for i in range(0, left.size, batch)]
    return np.concatenate(parts) if parts else np.zeros(0)


def _small_rowwise_dot(x: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """`rowwise_dot` for a few pairs, with numpy on the index arrays: scipy's per-call overhead dominates
    the many small calls of grouping. The same numbers: nonzero products in column order, summed by
    `np.add.reduceat` in x's dtype, as scipy's `multiply(...).sum(axis=1)` does."""
    result = np.zeros(left.size, dtype=x.dtype)
    pos_l, pair_l = _row_entries(x, left)
    pos_r, pair_r = _row_entries(x, right)
    if pos_r.size == 0:
        return result
    width = np.int64(x.shape[1])
    key_l = pair_l * width + x.indices[pos_l]
    key_r = pair_r * width + x.indices[pos_r]
    at = np.minimum(np.searchsorted(key_r, key_l), key_r.size - 1)
    hit = np.flatnonzero(key_r[at] == key_l)
    products = x.data[pos_l[hit]] * x.data[pos_r[at[hit]]]
    nonzero = products != 0
    products, pairs = products[nonzero], pair_l[hit[nonzero]]
    if products.size:
        starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]])
        result[pairs[starts]] = np.add.reduceat(products, starts)
    return result


@dataclass(frozen=True)
class TextVectors:
    """Stem and character vectors of many texts, for scoring many pairs without recomputing them.

    The matrices hold one row per distinct text; `index` gives each text's row (texts repeated word for
    word, common in syndicated copy, share one)."""

    stems: sp.csr_matrix
    sizes: np.ndarray
    chars: sp.csr_matrix
    index: np.ndarray

    def mean_scores_within(self, members) -> np.ndarray:
        """For each member, its mean `similarity` to the other members, in linear time.

        Both halves of the score are dot products of unit vectors (binary stems scaled by
        1/sqrt(size); L2-normalised character n-grams), so the mean over the others is
        v_i · (sum − v_i) / (k − 1). Equal to averaging `pair_scores` before its clip and rounding."""
        members = self.index[np.asarray(members, dtype=np.int64)]
        k = members.size
        if k < 2:
            return np.zeros(k)
        scale = np.where(self.sizes[members] > 0, 1 / np.sqrt(np.maximum(self.sizes[members], 1)), 0.0)
        stems = self.stems[members].multiply(scale[:, None]).tocsr()
        chars = self.chars[members]
        stem_total = np.asarray(stems.sum(axis=0)).ravel()
        char_total = np.asarray(chars.sum(axis=0)).ravel()
        stem_self = np.asarray(stems.multiply(stems).sum(axis=1)).ravel()
        char_self = np.asarray(chars.multiply(chars).sum(axis=1)).ravel()
        stem_mean = (stems @ stem_total - stem_self) / (k - 1)
        char_mean = (chars @ char_total - char_self) / (k - 1)
        return 0.5 * stem_mean + 0.5 * char_mean

    def rows(self, rows) -> "TextVectors":
        """The vectors of texts `rows` only, numbered 0..len(rows)-1 (same numbers for their pairs)."""
        used, index = np.unique(self.index[np.asarray(rows, dtype=np.int64)], return_inverse=True)
        return TextVectors(self.stems[used], self.sizes[used], self.chars[used], index.astype(np.int64))

    def cross_sum(self, left, right) -> float:
        """Σ of `similarity` over all pairs (i in left, j in right), before its clip and rounding: the product of
        each pair of distinct texts, times how often each side holds them. Grouping mostly sets one text against
        one other, and syndicated copy brings the same texts together again and again, so each product is
        computed once (`_kept`). Summed in the order of the texts' rows: the same texts in any order, the same sum."""
        row = self._index_list.__getitem__
        mine = sorted(Counter(map(row, left)).items())
        theirs = sorted(Counter(map(row, right)).items())
        products = self._kept(self._products, [(a, b) for a, _ in mine for b, _ in theirs], self._halves_dots)
        weights = [times_a * times_b for _, times_a in mine for _, times_b in theirs]
        return sum(weight * product for weight, product in zip(weights, products))

    def kept_pair_scores(self, left, right) -> np.ndarray:
        """`pair_scores`, each pair of distinct texts scored once for all calls (`_kept`): grouping asks for the
        scores of the same pairs again and again. The same numbers."""
        index = self._index_list
        return np.array(self._kept(self._pair_scores, [(index[i], index[j]) for i, j in zip(left, right)],
                                   self._scores), dtype=float)

    @staticmethod
    def _kept(store: Kept, rows: list[tuple[int, int]], compute) -> list[float]:
        """The value of each pair of rows (a symmetric function of the two: kept by the pair in either order),
        those not in `store` computed by `compute(left rows, right rows)` in one call."""
        def missing(pairs: list[tuple[int, int]]) -> list[float]:
            return compute(np.array([a for a, _ in pairs], dtype=np.int64),
                           np.array([b for _, b in pairs], dtype=np.int64)).tolist()

        return store.get_all([(a, b) if a <= b else (b, a) for a, b in rows], missing)

    @cached_property
    def _products(self) -> Kept:
        return Kept(PAIRS_KEPT)

    @cached_property
    def _pair_scores(self) -> Kept:
        return Kept(PAIRS_KEPT)

    def _halves_dots(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return rowwise_dot(self._halves, left, right)

    @cached_property
    def _index_list(self) -> list[int]:
        """`index` as a list: grouping looks up a few items at a time, where numpy's overhead dominates."""
        return self.index.tolist()

    @cached_property
    def _halves(self) -> sp.csr_matrix:
        """One row per text whose dot products are `similarity` before its clip and rounding: the stems scaled
        to unit length beside the character n-grams, each times sqrt(1/2) (one summed product, not two)."""
        scale = np.where(self.sizes > 0, 1 / np.sqrt(np.maximum(self.sizes, 1)), 0.0) * np.sqrt(0.5)
        halves = sp.hstack([sp.diags(scale) @ self.stems, self.chars * np.sqrt(0.5)], format="csr")
        halves.sum_duplicates()  # canonical form (columns sorted in each row), as `rowwise_dot` needs
        return halves

    def pair_scores(self, left, right) -> np.ndarray:
        """`similarity` of texts left[k] and right[k] for every k (each pair of distinct texts scored once)."""
        left = self.index[np.asarray(left, dtype=np.int64)]
        right = self.index[np.asarray(right, dtype=np.int64)]
        if left.size == 0:
            return np.zeros(0)
        codes, pair = np.unique(left * self.sizes.size + right, return_inverse=True)
        return self._scores(codes // self.sizes.size, codes % self.sizes.size)[pair]

    def _scores(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        shared = rowwise_dot(self.stems, left, right)
        denominator = np.sqrt(self.sizes[left] * self.sizes[right])
        stem_cos = np.divide(shared, denominator, out=np.zeros_like(shared), where=denominator > 0)
        char_cos = rowwise_dot(self.chars, left, right)
        return np.clip(0.5 * stem_cos + 0.5 * char_cos, 0.0, 1.0).round(6)


CHAR_CHUNK = 5000


def text_vectors(texts: list[str], engine=None) -> TextVectors:
    """Stem and character vectors of texts, each distinct text once; the character n-grams (the slow part)
    through `engine.map` in chunks when an engine is given (the same matrix: a row depends on its text)."""
    unique, index = distinct(texts)
    stems = stem_matrix(unique)
    if engine is None or len(unique) <= CHAR_CHUNK:
        chars = char_matrix(unique)
    else:
        chunks = [unique[i:i + CHAR_CHUNK] for i in range(0, len(unique), CHAR_CHUNK)]
        chars = sp.vstack(engine.map(char_matrix, chunks, "vectors"), format="csr")
    return TextVectors(stems, np.asarray(stems.sum(axis=1)).ravel(), chars, index)


def pair_similarities(texts: list[str], pairs: list[tuple[int, int]]) -> np.ndarray:
    """`similarity` for many (i, j) index pairs at once (vectorised, same numbers)."""
    if not pairs:
        return np.zeros(0)
    return text_vectors(texts).pair_scores([p[0] for p in pairs], [p[1] for p in pairs])


def similarity(a: str, b: str) -> float:
    """Similarity in [0, 1]: mean of content-stem cosine and character-3–5-gram cosine."""
    return float(pair_similarities([a, b], [(0, 1)])[0])


def stem_overlap(a: str, b: str) -> float:
    """Share of the shorter text's content stems found in the other (containment)."""
    sa, sb = set(content_stems(a)), set(content_stems(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))
