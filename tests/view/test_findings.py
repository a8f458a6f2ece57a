"""Findings count what a reader would count: one flipped sentence seen against three outlets is one flip."""

from __future__ import annotations

import pandas as pd

from retold.view.findings import _odd_rendering


def _pairs(rows):
    return pd.DataFrame(rows, columns=["claim", "article_a", "start_a", "article_b", "start_b"])


def test_the_rendering_every_flagged_pair_shares_is_the_odd_one():
    pairs = _pairs([("c1", "a", 10, "c", 40), ("c1", "b", 12, "c", 40), ("c1", "c", 40, "e", 7)])
    assert _odd_rendering(pairs) == "c"


def test_no_odd_rendering_when_the_pairs_share_none_or_only_one_pair():
    assert _odd_rendering(_pairs([("c1", "a", 10, "b", 12), ("c1", "c", 40, "d", 3)])) is None
    assert _odd_rendering(_pairs([("c1", "a", 10, "b", 12)])) is None
