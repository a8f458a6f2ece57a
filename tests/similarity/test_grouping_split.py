"""Grouping each connected set of similar texts apart (on worker processes) gives the same groups, kept pairs
and tables; so do character vectors computed in chunks."""

from __future__ import annotations

import importlib

import pytest
from conftest import SEED_CORPUS

from retold.engine.local import LocalEngine
from retold.pipeline import analyse, build_tables
from retold.similarity import grouping, vectors
from retold.synth import write_synthetic_corpus

align = importlib.import_module("retold.quotes.align")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_synthetic_corpus(SEED_CORPUS, tmp_path_factory.mktemp("synth") / "c", 30, seed=5)


def test_linkage_by_component_equals_one_pass(corpus, monkeypatch):
    analysis = analyse(corpus)
    items = [q for a in analysis.article_ids for q in (*analysis.findings[a].quotes, *analysis.findings[a].reported)]
    whole = align.align(items, analysis.article_ids, engine=None)
    monkeypatch.setattr(grouping, "SPLIT_FROM_PAIRS", 1)
    monkeypatch.setattr(grouping, "BINS", 3)
    with LocalEngine(workers=2, min_parallel=1) as engine:
        split = align.align(items, analysis.article_ids, engine=engine)
    assert split == whole


def test_tables_with_split_grouping_and_chunked_vectors(corpus, monkeypatch):
    expected = build_tables(analyse(corpus))
    monkeypatch.setattr(grouping, "SPLIT_FROM_PAIRS", 1)
    monkeypatch.setattr(vectors, "CHAR_CHUNK", 7)
    with LocalEngine(workers=2, min_parallel=1) as engine:
        found = build_tables(analyse(corpus, engine=engine))
    for name in expected:
        assert found[name].equals(expected[name]), name


def test_a_refused_join_of_two_unchanged_groups_is_not_scored_again(monkeypatch):
    """Groups only grow, so a join refused once stays refused until one of the two groups changes."""
    texts = ["the strike ends on monday", "the strike ends monday", "rain floods the valley road",
             "rain floods the valley roads", "the strike ends on a monday"]
    found = vectors.text_vectors(texts)
    owners = ["a", "b", "c", "d", "e"]
    calls = []
    monkeypatch.setattr(grouping, "_weak_link", lambda *args: calls.append(args[1:3]) or True)
    pairs = [(0.9, 0, 1), (0.9, 2, 3), (0.2, 0, 2), (0.2, 1, 3), (0.2, 1, 2)]
    result = grouping.average_linkage(5, pairs, found, owners, link=0.5)
    assert calls == [([0, 1], [2, 3])]  # the three cross pairs ask one question
    assert result.members[0] == [0, 1] and result.members[2] == [2, 3]
