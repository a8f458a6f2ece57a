"""One average-linkage grouping, shared by quotation groups and coverage claims.

Pairs are taken strongest first. Two groups join only if the mean similarity over
their cross pairs (items of different owners) reaches `link`, so a chain of weak
links cannot glue different statements on one topic together. Two single items join
on their own pair. Big groups are compared on evenly spread samples, so the cost of
one decision is bounded by `max_cross` pairs whatever the group sizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Iterable

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..progress import progress
from .vectors import TextVectors


def spread(members: list[int], limit: int) -> list[int]:
    """At most `limit` members, evenly spaced through the list (all of them if there are few).

    Average linkage over big groups scores a sample of cross pairs; spreading the sample
    keeps it from being the first few members, who all came from the first articles."""
    if len(members) <= limit:
        return list(members)
    step = len(members) / limit
    return [members[int(k * step)] for k in range(limit)]


@dataclass
class Grouping:
    """Groups of item indices: `root[i]` is the group of item i, `members[root]` its sorted items."""

    root: list[int]
    members: dict[int, list[int]]
    kept: list[tuple[float, int, int]] = field(default_factory=list)  # pairs that joined or fell inside a group
    kept_at: list[int] = field(default_factory=list)  # where each kept pair is in the pairs grouped

    def size(self, item: int) -> int:
        return len(self.members[self.root[item]])

    def join(self, a: int, b: int) -> int:
        """Merge the groups rooted at a and b (a != b) under the smaller root; return it."""
        keep, drop = min(a, b), max(a, b)
        for i in self.members[drop]:
            self.root[i] = keep
        self.members[keep] = sorted(self.members[keep] + self.members.pop(drop))
        return keep


def _cross_mean(vectors: TextVectors, left: list[int], right: list[int], owners: list[str],
                max_cross: int) -> float | None:
    if len(left) * len(right) > max_cross:
        side = max(1, int(max_cross ** 0.5))
        left, right = spread(left, side), spread(right, side)
    pairs = [(i, j) for i, j in product(left, right) if owners[i] != owners[j]]
    if not pairs:
        return None
    return float(vectors.kept_pair_scores([i for i, _ in pairs], [j for _, j in pairs]).mean())


ESTIMATE_FROM_PAIRS = 24
ESTIMATE_MARGIN = 1e-3


def _estimated_cross_mean(vectors: TextVectors, left: list[int], right: list[int], owners: list[str],
                          max_cross: int) -> float | None:
    """`_cross_mean` from summed vectors (linear in the members, not in their pairs), without the per-pair
    rounding: within about 1e-5 of it. None when there are no cross pairs."""
    if len(left) * len(right) > max_cross:
        side = max(1, int(max_cross ** 0.5))
        left, right = spread(left, side), spread(right, side)
    shared = {owners[i] for i in left} & {owners[j] for j in right}
    count = len(left) * len(right)
    total = vectors.cross_sum(left, right)
    for owner in shared:
        mine = [i for i in left if owners[i] == owner]
        theirs = [j for j in right if owners[j] == owner]
        count -= len(mine) * len(theirs)
        total -= vectors.cross_sum(mine, theirs)
    return total / count if count else None


def _weak_link(vectors: TextVectors, left: list[int], right: list[int], owners: list[str], max_cross: int,
               link: float) -> bool:
    """Is the mean similarity over the cross pairs (of different owners) below `link`?

    The exact mean (`_cross_mean`) costs one pair score per pair; many pairs are decided from the
    estimate instead, which can only differ from the exact mean by far less than `ESTIMATE_MARGIN`,
    so every decision is the one the exact mean gives."""
    if len(left) * len(right) >= ESTIMATE_FROM_PAIRS:
        estimate = _estimated_cross_mean(vectors, left, right, owners, max_cross)
        if estimate is None or abs(estimate - link) > ESTIMATE_MARGIN:
            return estimate is not None and estimate < link
    mean = _cross_mean(vectors, left, right, owners, max_cross)
    return mean is not None and mean < link


def _loose_join(vectors: TextVectors, left: list[int], right: list[int], owners: list[str], max_cross: int,
                cohesion: float, inner_means: dict | None = None) -> bool:
    """Is the cross mean of two groups below `cohesion` times the inner mean of the looser one?

    `inner_means` keeps each group's inner mean by (first member, size): groups only grow, so that names
    one member list."""
    mean = _cross_mean(vectors, left, right, owners, max_cross)
    if mean is None:
        return False
    inner_means = {} if inner_means is None else inner_means
    for members in (left, right):
        key = (members[0], len(members))
        if key not in inner_means:
            inner_means[key] = _cross_mean(vectors, members, members, owners, max_cross)
    inner = [m for m in (inner_means[(left[0], len(left))], inner_means[(right[0], len(right))]) if m is not None]
    return bool(inner) and mean < cohesion * min(inner)


def average_linkage(n: int, pairs: Iterable[tuple[float, int, int]], vectors: TextVectors, owners: list[str],
                    link: float, one_per_owner: bool = False, max_cross: int = 400, cohesion: float = 0.0,
                    engine=None) -> Grouping:
    """Merge items 0..n-1 along `pairs` (score, i, j), in the order given (strongest first).

    With `one_per_owner`, a group never holds two items of one owner (a claim holds one
    sentence per article). With `cohesion`, two groups of two or more join only when their
    cross mean is at least `cohesion` times the inner mean of the looser of the two, so two
    tight groups of renderings of different statements on one topic stay apart. With an
    `engine` and many pairs, the connected components of the pair graph are grouped
    separately, through `engine.map`: a merge only ever involves the groups of one
    component, so the groups (and the pairs kept) are the same."""
    pairs = list(pairs)
    if engine is None or len(pairs) < SPLIT_FROM_PAIRS:
        return _linkage(n, pairs, vectors, owners, link, one_per_owner, max_cross, cohesion, "grouping")
    bins = _component_bins(n, pairs, BINS)
    tasks = [(ids, [pairs[k] for k in at], vectors.rows(ids), [owners[i] for i in ids], link, one_per_owner,
              max_cross, cohesion) for ids, at in bins]
    return _merged(n, pairs, bins, engine.map(_linkage_task, tasks, "grouping"))


SPLIT_FROM_PAIRS = 5000
BINS = 16


def _linkage(n: int, pairs: list[tuple[float, int, int]], vectors: TextVectors, owners: list[str], link: float,
             one_per_owner: bool, max_cross: int, cohesion: float = 0.0, desc: str = "") -> Grouping:
    grouping = Grouping(list(range(n)), {i: [i] for i in range(n)})
    owned = {i: {owners[i]} for i in range(n)} if one_per_owner else {}
    inner_means: dict[tuple[int, int], float | None] = {}
    refused: set[tuple[int, int, int, int]] = set()
    for position, (value, x, y) in enumerate(progress(pairs, desc, unit="pair")):
        a, b = grouping.root[x], grouping.root[y]
        if a == b:
            grouping.kept.append((value, x, y))
            grouping.kept_at.append(position)
            continue
        if one_per_owner and owned[a] & owned[b]:
            continue
        left, right = grouping.members[a], grouping.members[b]
        if len(left) + len(right) > 2:
            decision = (a, len(left), b, len(right))  # groups only grow: root and size name the members
            if decision in refused:
                continue
            if _weak_link(vectors, left, right, owners, max_cross, link) or (
                    cohesion and len(left) > 1 and len(right) > 1
                    and _loose_join(vectors, left, right, owners, max_cross, cohesion, inner_means)):
                refused.add(decision)
                continue
        keep = grouping.join(a, b)
        if one_per_owner:
            owned[keep] = owned.pop(a) | owned.pop(b)
        grouping.kept.append((value, x, y))
        grouping.kept_at.append(position)
    return grouping


def _component_bins(n: int, pairs: list[tuple[float, int, int]], bins: int) -> list[tuple[list[int], list[int]]]:
    """The connected components of the pair graph packed into at most `bins` bins of about equal numbers
    of pairs: (sorted item ids, positions of the bin's pairs in `pairs`) per non-empty bin."""
    x = np.array([p[1] for p in pairs], dtype=np.int64)
    y = np.array([p[2] for p in pairs], dtype=np.int64)
    _, label = connected_components(sp.coo_matrix((np.ones(x.size), (x, y)), shape=(n, n)), directed=False)
    sizes = np.bincount(label[x], minlength=label.max() + 1)
    load = np.zeros(bins)
    bin_of = np.zeros(label.max() + 1, dtype=np.int64)
    for component in np.lexsort((np.arange(sizes.size), -sizes)):  # biggest first, to the lightest bin
        if sizes[component]:
            bin_of[component] = int(np.argmin(load))
            load[bin_of[component]] += sizes[component]
    item_bin = bin_of[label]
    pair_bin = item_bin[x]
    touched = np.zeros(n, dtype=bool)
    touched[x] = touched[y] = True
    result = []
    for b in range(bins):
        ids = np.flatnonzero(touched & (item_bin == b)).tolist()
        if ids:
            result.append((ids, np.flatnonzero(pair_bin == b).tolist()))
    return result


def _linkage_task(task) -> Grouping:
    """`average_linkage` of one bin of components, on its own items numbered 0..k-1."""
    ids, pairs, vectors, owners, link, one_per_owner, max_cross, cohesion = task
    local = {item: k for k, item in enumerate(ids)}
    return _linkage(len(ids), [(v, local[x], local[y]) for v, x, y in pairs], vectors, owners, link, one_per_owner,
                    max_cross, cohesion)


def _merged(n: int, pairs: list[tuple[float, int, int]], bins: list[tuple[list[int], list[int]]],
            results: list[Grouping]) -> Grouping:
    """One grouping of all n items from the groupings of the bins (item numbers mapped back; the
    numbering keeps its order, so roots stay the smallest member); kept pairs in their order in `pairs`."""
    grouping = Grouping(list(range(n)), {i: [i] for i in range(n)})
    kept_at: list[int] = []
    for (ids, at), part in zip(bins, results):
        for item in ids:
            del grouping.members[item]
        for root, members in part.members.items():
            grouping.members[ids[root]] = [ids[m] for m in members]
            for m in members:
                grouping.root[ids[m]] = ids[root]
        kept_at += [at[k] for k in part.kept_at]
    grouping.kept_at = sorted(kept_at)
    grouping.kept = [pairs[k] for k in grouping.kept_at]
    return grouping
