"""`similarity.candidates.candidate_pairs` on a Dask cluster: the same pairs, found in partitions.

1. map: each partition of texts hashes its content stems (`stem_matrix`, kept on its worker)
   and emits one (text, stem) posting per stem;
2. group by stem (a Dask dataframe group-by): document frequencies; the stems in 2 to `cap`
   texts form the inverted index, the rest are capped (`indexed_stems`, as locally);
3. the index (every text over the indexed stems, transposed: small, one entry per posting)
   goes to every worker, and each partition counts the stems its texts share with all
   others and keeps each text's best (`index_pairs`: a text's candidates are whole in its
   partition, so the result is the local one);
4. MinHash LSH for the texts holding a capped stem: each partition computes their
   signatures (`minhash_signatures`, a per-text function) and emits one row per band; a
   group-by on (band, bucket key) shuffles each bucket to one worker, which sorts it by the
   rest of the signature and pairs each text with its next few neighbours
   (`neighbour_codes`, the local rule), so a bucket of thousands costs its size;
5. the LSH pairs get their shared-stem counts and the same best-per-text rule
   (`symmetric_top_pairs`), and all pair codes are united.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..similarity.candidates import (LSH_BANDS, LSH_ROWS, LSH_WINDOW, _MERSENNE, index_pairs, indexed_stems,
                                     minhash_signatures, neighbour_codes, owner_numbers, symmetric_top_pairs)
from ..similarity.vectors import rowwise_dot, stem_matrix

PARTITION_TEXTS = 20_000


def _postings(stems: sp.csr_matrix, first_row: int) -> pd.DataFrame:
    """One (row, col) row per stored entry of a partition's stem matrix."""
    rows = np.repeat(np.arange(stems.shape[0], dtype=np.int64), np.diff(stems.indptr)) + first_row
    return pd.DataFrame({"row": rows, "col": stems.indices.astype(np.int64)})


def _partition_index_pairs(stems: sp.csr_matrix, first_row: int, keep: np.ndarray, df_keep: np.ndarray,
                           xt: sp.csr_matrix, owner_ids: np.ndarray, sizes: np.ndarray, top_k: int,
                           min_shared: int) -> np.ndarray:
    return index_pairs(stems[:, keep].tocsr(), first_row, xt, df_keep, owner_ids, sizes, top_k, min_shared)


def _flooded(stems: sp.csr_matrix, first_row: int, capped: np.ndarray) -> tuple[np.ndarray, sp.csr_matrix]:
    """(global ids, stem rows) of the partition's texts holding a capped stem."""
    local = np.flatnonzero(np.asarray(stems[:, capped].sum(axis=1)).ravel() > 0)
    return local + first_row, stems[local]


BAND_COLUMNS = ["band", *[f"k{c}" for c in range(LSH_ROWS)],
                *[f"r{c}" for c in range(LSH_BANDS * LSH_ROWS - LSH_ROWS)], "id", "owner"]


def _band_rows(flooded: tuple[np.ndarray, sp.csr_matrix], owner_ids: np.ndarray) -> pd.DataFrame:
    """One row per (text, band): band, bucket key columns k*, the rest of the rotated signature r*, id, owner."""
    ids, rows = flooded
    signatures = minhash_signatures(rows, LSH_BANDS * LSH_ROWS).astype(np.int64)
    frames = [pd.DataFrame(np.zeros((0, len(BAND_COLUMNS)), dtype=np.int64), columns=BAND_COLUMNS)]
    for band in range(LSH_BANDS):
        rotated = np.roll(signatures, -band * LSH_ROWS, axis=1)
        frames.append(pd.DataFrame(np.column_stack([np.full(len(ids), band, dtype=np.int64), rotated, ids,
                                                    owner_ids[ids]]).astype(np.int64), columns=BAND_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def _bucket_codes(bucket: pd.DataFrame, n: int) -> pd.DataFrame:
    """Pair codes inside one LSH bucket (its rows share band and key): sorted by the rest of the signature,
    then id, as `lsh_pairs` sorts; an empty text's signature is all 2**31 - 1, so any column tells it."""
    values = bucket[[c for c in BAND_COLUMNS if c.startswith("r")]].to_numpy()
    ids = bucket["id"].to_numpy()
    order = np.lexsort((ids, *values.T[::-1]))
    filled = values[:, 0] != np.int64(_MERSENNE) if values.shape[1] else np.ones(len(ids), dtype=bool)
    codes = neighbour_codes(order, np.zeros((len(ids), 1)), filled, bucket["owner"].to_numpy(), ids, n, LSH_WINDOW)
    return pd.DataFrame({"code": codes})


def distributed_candidate_pairs(client, texts: list[str], owners: list, top_k: int = 10, min_shared: int = 2,
                                max_df: int | None = None, max_df_fraction: float = 0.01,
                                partition_texts: int = PARTITION_TEXTS) -> list[tuple[int, int]]:
    """`candidate_pairs(texts, owners, ...)`, computed on the cluster behind `client`."""
    import dask.dataframe as dd
    from dask import delayed

    n = len(texts)
    if n < 2:
        return []
    owner_ids = owner_numbers(texts, owners)
    starts = list(range(0, n, partition_texts))
    stems = client.map(stem_matrix, [texts[s:s + partition_texts] for s in starts], pure=False)
    postings = dd.from_delayed([delayed(_postings)(part, s) for part, s in zip(stems, starts)],
                               meta={"row": "int64", "col": "int64"}, verify_meta=False)
    df_by_col, size_by_row = client.compute([postings.groupby("col").size(), postings.groupby("row").size()],
                                            sync=True)
    sizes = np.zeros(n, dtype=np.float32)
    sizes[size_by_row.index.to_numpy()] = size_by_row.to_numpy()
    df = np.zeros(int(df_by_col.index.max()) + 1 if len(df_by_col) else 1, dtype=np.int64)
    df[df_by_col.index.to_numpy()] = df_by_col.to_numpy()
    keep, capped = indexed_stems(df, n, max_df, max_df_fraction)
    kept = postings[postings["col"].isin(keep)].compute()
    x = sp.csr_matrix((np.ones(len(kept), dtype=np.float32), (kept["row"].to_numpy(),
                                                               np.searchsorted(keep, kept["col"].to_numpy()))),
                      shape=(n, keep.size))
    shared_index, shared_owners, shared_sizes = client.scatter([x.T.tocsr(), owner_ids, sizes], broadcast=True)
    index_codes = client.map(_partition_index_pairs, stems, starts, keep=keep, df_keep=df[keep],
                             xt=shared_index, owner_ids=shared_owners, sizes=shared_sizes, top_k=top_k,
                             min_shared=min_shared, pure=False)
    found = client.gather(index_codes)
    if capped.size:
        flooded = client.map(_flooded, stems, starts, capped=capped, pure=False)
        bands = dd.from_delayed([delayed(_band_rows)(part, owner_ids) for part in flooded],
                                meta={c: "int64" for c in BAND_COLUMNS}, verify_meta=False)
        bucket = ["band", *[f"k{c}" for c in range(LSH_ROWS)]]
        codes = bands.groupby(bucket).apply(_bucket_codes, n, meta={"code": "int64"}).compute()["code"].to_numpy()
        codes = np.unique(codes)
        ids, rows = zip(*client.gather(flooded))
        full_ids = np.concatenate(ids)
        full = sp.vstack(rows, format="csr")
        local = {"rows": np.searchsorted(full_ids, codes // n), "cols": np.searchsorted(full_ids, codes % n)}
        found.append(symmetric_top_pairs(codes, rowwise_dot(full, local["rows"], local["cols"]), owner_ids, sizes,
                                         top_k, min_shared))
    codes = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return [(int(c // n), int(c % n)) for c in codes]
