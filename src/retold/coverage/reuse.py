"""Text reuse: how much wording two articles share, as evidence of a common source.

`shared` is the fraction of a's body word 5-grams (lower-cased, all words) that also
occur in b's body. Exact 5-grams are strong evidence of copied wording but miss
translation and paraphrase; `aligned_share` (share of a's content-sentence characters
aligned with some sentence of b) complements it. Five-grams found in more than
`SHINGLE_MAX_DF` of the articles of a large corpus, or in more than `SHINGLE_MAX_ARTICLES`,
are ignored as stock phrases: the cap keeps the pair search linear in the number of
articles (a 5-gram in k articles costs k² pair counts), and it means wording copied into
more than 500 articles of a very large corpus shows in `aligned_share`, not in `shared`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from ..text.segment import SegmentedArticle
from ..text.words import words
from .claims import Coverage

SHINGLE = 5
SHINGLE_MAX_DF = 0.05
SHINGLE_MAX_ARTICLES = 500
SHINGLE_MIN_ARTICLES = 40
REUSE_TOP_K = 25
ALL_PAIRS_UP_TO = 200
HASHED_AT_ONCE = 1000


def body_text(segmented: SegmentedArticle) -> list[str]:
    """The body paragraphs of an article (no title, no furniture)."""
    return [segmented.text[p.start:p.end] for p in segmented.paragraphs if not p.is_title]


def shingles(paragraphs: list[str], n: int = SHINGLE) -> set[str]:
    """Word n-grams of each paragraph (lower-cased words, punctuation dropped)."""
    found = set()
    for paragraph in paragraphs:
        ws = words(paragraph)
        found.update(" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1))
    return found


def shared_shingle_counts(x, keep_all: bool, top_k: int = REUSE_TOP_K, chunk: int = 512) -> dict[tuple[int, int], int]:
    """(i, j) -> shingles of article i also in article j, computed a block of rows at a time.

    Beyond small corpora only each article's `top_k` partners are kept (most shared first, then
    lower j), so memory and output grow with the number of articles, not with its square."""
    xt = x.T.tocsc()
    counts: dict[tuple[int, int], int] = {}
    for start in range(0, x.shape[0], chunk):
        block = (x[start:start + chunk] @ xt).tocsr()
        rows = np.repeat(np.arange(start, start + block.shape[0]), np.diff(block.indptr))
        cols, values = block.indices.astype(np.int64), block.data
        keep = (cols != rows) & (values > 0)
        rows, cols, values = rows[keep], cols[keep], values[keep].astype(np.int64)
        if not keep_all:
            order = np.lexsort((cols, -values, rows))
            rows, cols, values = rows[order], cols[order], values[order]
            first = np.searchsorted(rows, rows, side="left")
            top = np.arange(rows.size) - first < top_k
            rows, cols, values = rows[top], cols[top], values[top]
        counts.update(zip(zip(rows.tolist(), cols.tolist()), values.tolist()))
    return counts


@dataclass(frozen=True)
class ShingleOverlap:
    """Shared body 5-grams of the article pairs `reuse_table` reports: article numbers (first, second), the
    5-grams they share and the first article's 5-grams. Plain arrays, cheap to send from a worker."""

    first: np.ndarray
    second: np.ndarray
    shared: np.ndarray
    totals: np.ndarray


def shingle_overlap(bodies: list[list[str]]) -> ShingleOverlap:
    """The 5-gram overlap of articles given as their body paragraphs: every ordered pair of a small corpus,
    each article's `REUSE_TOP_K` strongest partners in a larger one. A function of the texts alone, so
    `engine.submit` can run it on a worker while the other stages go on."""
    vectorizer = HashingVectorizer(analyzer=_as_given, n_features=2 ** 22, alternate_sign=False,
                                   binary=True, norm=None, dtype=np.float32)
    parts, totals = [], []
    for start in range(0, len(bodies), HASHED_AT_ONCE):  # the 5-gram strings of a few articles at a time
        sets = [sorted(shingles(paragraphs)) for paragraphs in bodies[start:start + HASHED_AT_ONCE]]
        parts.append(vectorizer.transform(sets).tocsr())
        totals += [len(s) for s in sets]
    x = sp.vstack(parts, format="csr") if parts else sp.csr_matrix((0, vectorizer.n_features), dtype=np.float32)
    n = len(bodies)
    if n >= SHINGLE_MIN_ARTICLES:
        df = np.asarray(x.sum(axis=0)).ravel()
        x = x[:, np.flatnonzero(df <= max(2, min(SHINGLE_MAX_DF * n, SHINGLE_MAX_ARTICLES)))]
    totals = np.array(totals, dtype=float)
    counts = shared_shingle_counts(x, keep_all=n <= ALL_PAIRS_UP_TO)
    if n <= ALL_PAIRS_UP_TO:
        keys = [(i, j) for i in range(n) for j in range(n) if i != j]
    else:
        keys = sorted(counts)
    pairs = np.array(keys, dtype=np.int64).reshape(-1, 2)
    return ShingleOverlap(pairs[:, 0], pairs[:, 1], np.array([counts.get(key, 0) for key in keys], dtype=np.int64),
                          totals)


def _as_given(items: list[str]) -> list[str]:
    return items


def reuse_table(articles: list[SegmentedArticle], cov: Coverage, overlap: ShingleOverlap | None = None
                ) -> pd.DataFrame:
    """For each article pair (a, b): share of a's body 5-grams found in b, and of a's sentences aligned with b.

    Small corpora get every ordered pair; larger ones each article's `REUSE_TOP_K` strongest partners.
    `overlap` is `shingle_overlap` of the articles' bodies when it was computed elsewhere."""
    ids = [s.article.id for s in articles]
    if overlap is None:
        overlap = shingle_overlap([body_text(s) for s in articles])
    first, totals = overlap.first, overlap.totals
    aligned = _aligned_share(cov)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(totals[first] > 0, np.round(overlap.shared / totals[first], 4), 0.0)
    pairs = [(ids[i], ids[j]) for i, j in zip(first.tolist(), overlap.second.tolist())]
    return pd.DataFrame({
        "article_a": [a for a, _ in pairs], "article_b": [b for _, b in pairs], "shared": share,
        "shared_shingles": overlap.shared, "shingles_a": totals[first].astype(np.int64),
        "aligned_share": [aligned.get(pair, 0.0) for pair in pairs],
    }, columns=["article_a", "article_b", "shared", "shared_shingles", "shingles_a", "aligned_share"])


def _aligned_share(cov: Coverage) -> dict[tuple[str, str], float]:
    """(article a, article b) -> share of a's content-sentence characters in sentences aligned with b."""
    if not cov.pairs:
        return {}
    order = np.array([u.order for u in cov.units], dtype=np.int64)
    length = np.array([len(u.sentence.text) for u in cov.units], dtype=np.int64)
    chars = np.bincount(order, weights=length)
    x = np.array([p.a for p in cov.pairs] + [p.b for p in cov.pairs], dtype=np.int64)
    y = np.array([p.b for p in cov.pairs] + [p.a for p in cov.pairs], dtype=np.int64)
    n = len(cov.units)
    width = int(order.max()) + 1
    covered = np.unique((order[x] * width + order[y]) * n + x)  # each unit once per (its article, other)
    article_pair = covered // n
    sums = np.bincount(np.unique(article_pair, return_inverse=True)[1], weights=length[covered % n])
    names = {u.order: u.article for u in cov.units}
    return {(names[int(k // width)], names[int(k % width)]): round(int(total) / int(chars[k // width]), 4)
            for k, total in zip(np.unique(article_pair), sums)}
