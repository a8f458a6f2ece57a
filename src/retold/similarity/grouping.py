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
    return float(vectors.pair_scores([i for i, _ in pairs], [j for _, j in pairs]).mean())


def average_linkage(n: int, pairs: Iterable[tuple[float, int, int]], vectors: TextVectors, owners: list[str],
                    link: float, one_per_owner: bool = False, max_cross: int = 400, cohesion: float = 0.0
                    ) -> Grouping:
    """Merge items 0..n-1 along `pairs` (score, i, j), in the order given (strongest first).

    With `one_per_owner`, a group never holds two items of one owner (a claim holds one
    sentence per article). With `cohesion`, two groups of two or more join only when their
    cross mean is at least `cohesion` times the inner mean of the looser of
    the two, so two tight groups of renderings of different statements on one topic stay apart."""
    grouping = Grouping(list(range(n)), {i: [i] for i in range(n)})
    owned = {i: {owners[i]} for i in range(n)} if one_per_owner else {}
    for value, x, y in pairs:
        a, b = grouping.root[x], grouping.root[y]
        if a == b:
            grouping.kept.append((value, x, y))
            continue
        if one_per_owner and owned[a] & owned[b]:
            continue
        left, right = grouping.members[a], grouping.members[b]
        if len(left) + len(right) > 2:
            mean = _cross_mean(vectors, left, right, owners, max_cross)
            if mean is not None and mean < link:
                continue
            if mean is not None and cohesion and len(left) > 1 and len(right) > 1:
                inner = [m for m in (_cross_mean(vectors, left, left, owners, max_cross),
                                     _cross_mean(vectors, right, right, owners, max_cross)) if m is not None]
                if inner and mean < cohesion * min(inner):
                    continue
        keep = grouping.join(a, b)
        if one_per_owner:
            owned[keep] = owned.pop(a) | owned.pop(b)
        grouping.kept.append((value, x, y))
    return grouping
