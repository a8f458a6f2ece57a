"""Which pairs of texts are worth scoring: an inverted index over content stems, plus MinHash LSH.

Candidate pairs (`candidate_pairs`) come from an inverted index over content stems,
not from all pairs: stems that occur in too many texts (a document-frequency cap) are
not indexed, two texts must share at least `min_shared` indexed stems, and only each
text's `top_k` best candidates (by shared-stem cosine) are kept. The index is a
sparse matrix product done in chunks, so it runs in C: about 250,000 sentences take
on the order of a minute and well under 4 GB on one core (`bench/scale.py` measures
it on synthetic corpora of up to 10,000 articles).

The cap alone would blind the index exactly where a story is widely syndicated: when
thousands of outlets print the same sentence, all its stems are "too common". So the
texts that hold a capped stem also get candidates from MinHash locality-sensitive
hashing (`lsh_pairs`): texts whose stem sets agree on a band of min-hashes share a
bucket, and within a bucket each text is paired only with its next few neighbours in
signature order, so a bucket of thousands of near-copies becomes a chain, not all
pairs. (datasketch's MinHashLSH returns whole buckets, which is quadratic for such
floods, and hashes one text at a time in Python; here the signatures are one
vectorised pass over the stem matrix.) On corpora where no stem reaches the cap,
nothing changes.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .vectors import rowwise_dot, stem_matrix

LSH_BANDS = 8
LSH_ROWS = 2
LSH_WINDOW = 3
_MERSENNE = np.uint64(2 ** 31 - 1)


def candidate_pairs(texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2,
                    max_df: int | None = None, max_df_fraction: float = 0.01,
                    chunk_entries: int = 4_000_000) -> list[tuple[int, int]]:
    """Index pairs (i < j) of texts from different owners worth scoring: `candidate_codes`, decoded."""
    return decoded_pairs(candidate_codes(texts, owners, top_k, min_shared, max_df, max_df_fraction, chunk_entries),
                         len(texts))


def decoded_pairs(codes: np.ndarray, n: int) -> list[tuple[int, int]]:
    """Pairs (i, j) from codes i * n + j."""
    return list(zip((codes // n).tolist(), (codes % n).tolist()))


def candidate_codes(texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2,
                    max_df: int | None = None, max_df_fraction: float = 0.01,
                    chunk_entries: int = 4_000_000) -> np.ndarray:
    """Pairs (i < j) of texts from different owners worth scoring, found via an inverted index.

    Stems in more than `max_df` texts (default: the larger of 500 and `max_df_fraction`
    of all texts) are not indexed; a pair needs `min_shared` shared indexed stems; each
    text keeps its `top_k` best candidates by shared-stem cosine. Texts holding a capped
    stem also get their `lsh_pairs`, under the same `min_shared` and `top_k` rules counted
    over all stems. Sorted, no duplicates, each pair as the code i * len(texts) + j: one array, cheap to
    send from a worker process.
    """
    n = len(texts)
    if n < 2:
        return np.zeros(0, dtype=np.int64)
    owner_ids = owner_numbers(texts, owners)
    full = stem_matrix(texts)
    sizes = np.asarray(full.sum(axis=1)).ravel()
    df = np.asarray((full > 0).sum(axis=0)).ravel()
    keep, capped = indexed_stems(df, n, max_df, max_df_fraction)
    x = full[:, keep].tocsr()
    found = [index_pairs(x, 0, x.T.tocsr(), df[keep], owner_ids, sizes, top_k, min_shared, chunk_entries)]
    if capped.size:
        flooded = np.flatnonzero(np.asarray(full[:, capped].sum(axis=1)).ravel() > 0)
        codes = np.unique(lsh_pairs(full[flooded], owner_ids[flooded], flooded, n))
        found.append(symmetric_top_pairs(codes, rowwise_dot(full, codes // n, codes % n), owner_ids, sizes, top_k,
                                         min_shared))
    return np.unique(np.concatenate(found)).astype(np.int64, copy=False)


def owner_numbers(texts: list[str], owners: list) -> np.ndarray:
    """The owner of each text as a number (owners compared by their text)."""
    if len(owners) != len(texts):
        raise ValueError("texts and owners must have the same length")
    return np.unique(np.asarray([str(o) for o in owners]), return_inverse=True)[1]


def indexed_stems(df: np.ndarray, n: int, max_df: int | None = None, max_df_fraction: float = 0.01
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(stem columns the index holds: in 2 to cap texts, capped columns: in more), from document frequencies."""
    cap = max_df if max_df is not None else max(500, int(max_df_fraction * n))
    return np.flatnonzero((df >= 2) & (df <= cap)), np.flatnonzero(df > cap)


def index_pairs(x: sp.csr_matrix, first_row: int, xt: sp.csr_matrix, df: np.ndarray, owner_ids: np.ndarray,
                sizes: np.ndarray, top_k: int, min_shared: int, chunk_entries: int = 4_000_000) -> np.ndarray:
    """Pair codes from the inverted index for texts first_row, first_row + 1, ... (the rows of x, over the
    indexed stems, whose document frequencies are df); xt is every text over those stems, transposed.
    Rows are multiplied in chunks of about `chunk_entries` products; each row's result is whole in one chunk."""
    work = x @ df.astype(np.float64)
    found: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    row, n_rows = 0, x.shape[0]
    while row < n_rows:
        end = row + 1
        budget = work[row]
        while end < n_rows and budget + work[end] <= chunk_entries:
            budget += work[end]
            end += 1
        coo = (x[row:end] @ xt).tocoo()
        found.append(_top_pairs(coo.row.astype(np.int64) + row + first_row, coo.col.astype(np.int64), coo.data,
                                owner_ids, sizes, top_k, min_shared))
        row = end
    return np.concatenate(found)


def symmetric_top_pairs(codes: np.ndarray, shared: np.ndarray, owner_ids: np.ndarray, sizes: np.ndarray,
                        top_k: int, min_shared: int) -> np.ndarray:
    """`_top_pairs` over pair codes (min * n + max) with their shared-stem counts, seen from both texts."""
    n = sizes.size
    rows, cols = codes // n, codes % n
    return _top_pairs(np.r_[rows, cols], np.r_[cols, rows], np.r_[shared, shared], owner_ids, sizes, top_k,
                      min_shared)


def minhash_signatures(x: sp.csr_matrix, hashes: int = LSH_BANDS * LSH_ROWS, seed: int = 0,
                       chunk_entries: int = 250_000) -> np.ndarray:
    """MinHash signature (texts × `hashes`, uint64) of each row's set of columns; empty rows get 2**31 - 1.

    Two rows agree on one signature position with probability equal to the Jaccard
    similarity of their column sets. Fixed seed: the same input gives the same signatures.
    """
    rng = np.random.default_rng(seed)
    a = rng.integers(1, int(_MERSENNE), size=hashes, dtype=np.uint64)[:, None]
    b = rng.integers(0, int(_MERSENNE), size=hashes, dtype=np.uint64)[:, None]
    n = x.shape[0]
    signatures = np.full((n, hashes), _MERSENNE, dtype=np.uint64)
    indptr = x.indptr
    row = 0
    while row < n:
        end = int(np.searchsorted(indptr, indptr[row] + chunk_entries, side="right")) - 1
        end = min(n, max(end, row + 1))
        lo, hi = int(indptr[row]), int(indptr[end])
        starts = indptr[row:end] - lo
        filled = np.flatnonzero(np.diff(indptr[row:end + 1]) > 0)
        if filled.size:
            hashed = (a * x.indices[lo:hi].astype(np.uint64)[None, :] + b) % _MERSENNE
            signatures[row + filled] = np.minimum.reduceat(hashed, starts[filled], axis=1).T
        row = end
    return signatures


def lsh_pairs(x: sp.csr_matrix, owner_ids: np.ndarray, ids: np.ndarray, n: int, bands: int = LSH_BANDS,
              rows: int = LSH_ROWS, window: int = LSH_WINDOW) -> np.ndarray:
    """Candidate pair codes (min * n + max over `ids`) from MinHash LSH over the rows of binary matrix x.

    For each band of `rows` min-hashes, texts are sorted by that band and then by the
    rest of their signature, so texts sharing a bucket sit together and the most alike
    sit closest; each is paired with the next `window` texts of its bucket. Work is
    linear in the number of texts, whatever the bucket sizes.
    """
    if x.shape[0] < 2:
        return np.zeros(0, dtype=np.int64)
    signatures = minhash_signatures(x, bands * rows)
    found = []
    for band in range(bands):
        rotated = np.roll(signatures, -band * rows, axis=1)
        order = np.lexsort((np.arange(len(rotated)), *rotated.T[::-1]))  # band first, then the rest, then id
        found.append(neighbour_codes(order, rotated[order, :rows], signatures[:, 0] != _MERSENNE, owner_ids, ids, n,
                                     window))
    return np.concatenate(found)


def neighbour_codes(order: np.ndarray, keys: np.ndarray, filled: np.ndarray, owner_ids: np.ndarray,
                    ids: np.ndarray, n: int, window: int = LSH_WINDOW) -> np.ndarray:
    """Pair codes of each text (in `order`, whose band keys are `keys`) with the next `window` texts of
    its bucket (the same key), of other owners, both with a signature."""
    found = [np.zeros(0, dtype=np.int64)]
    for step in range(1, window + 1):
        first, second = order[:-step], order[step:]
        same = (keys[:-step] == keys[step:]).all(axis=1) & filled[first] & filled[second] \
            & (owner_ids[first] != owner_ids[second])
        i, j = ids[first[same]].astype(np.int64), ids[second[same]].astype(np.int64)
        found.append(np.minimum(i, j) * n + np.maximum(i, j))
    return np.concatenate(found)


def _top_pairs(rows: np.ndarray, cols: np.ndarray, counts: np.ndarray, owner_ids: np.ndarray, sizes: np.ndarray,
               top_k: int, min_shared: int) -> np.ndarray:
    """Pair codes of each row's `top_k` best columns by shared-stem cosine, among pairs of other owners
    sharing at least `min_shared` stems."""
    mask = (counts >= min_shared) & (owner_ids[rows] != owner_ids[cols])
    rows, cols, counts = rows[mask], cols[mask], counts[mask]
    if rows.size == 0:
        return np.zeros(0, dtype=np.int64)
    scores = counts / np.sqrt(sizes[rows] * sizes[cols])
    order = np.lexsort((cols, -scores, rows))
    rows, cols = rows[order], cols[order]
    starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, rows.size]))
    top = (np.arange(rows.size) - run_start) < top_k
    rows, cols = rows[top], cols[top]
    n = sizes.size
    return np.minimum(rows, cols) * n + np.maximum(rows, cols)
