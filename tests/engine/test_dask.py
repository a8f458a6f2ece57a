"""The Dask engine gives the same tables and candidate pairs as the local engine (needs the dask extra)."""

from __future__ import annotations

import pytest
from conftest import SEED_CORPUS

pytest.importorskip("distributed")

from retold.engine.dask import DaskEngine  # noqa: E402
from retold.engine.dask_candidates import distributed_candidate_pairs  # noqa: E402
from retold.pipeline import analyse, build_tables  # noqa: E402
from retold.similarity.candidates import candidate_pairs  # noqa: E402
from retold.synth import write_synthetic_corpus  # noqa: E402


@pytest.fixture(scope="module")
def engine():
    with DaskEngine(workers=2) as started:
        yield started


def test_map_keeps_item_order(engine):
    assert engine.map(abs, list(range(-30, 30))) == [abs(x) for x in range(-30, 30)]
    assert engine.map(divmod, [(7, 2), (9, 4)], star=True) == [(3, 1), (2, 1)]
    assert engine.map(abs, []) == []


def test_same_tables_as_the_local_engine_on_the_seeds(engine):
    expected = build_tables(analyse(SEED_CORPUS))
    found = build_tables(analyse(SEED_CORPUS, engine=engine))
    assert list(found) == list(expected)
    for name in expected:
        assert found[name].equals(expected[name]), name


@pytest.fixture(scope="module")
def synthetic_texts(tmp_path_factory):
    folder = write_synthetic_corpus(SEED_CORPUS, tmp_path_factory.mktemp("synth") / "c", 60, seed=3)
    analysis = analyse(folder)
    sentences = [s for seg in analysis.articles for s in seg.sentences]
    return [s.text for s in sentences], [s.article for s in sentences]


@pytest.mark.parametrize("options", [{}, {"max_df": 8}, {"max_df": 3, "top_k": 2, "min_shared": 1}])
def test_candidate_search_in_partitions_finds_the_local_pairs(engine, synthetic_texts, options):
    """Small partitions and a low cap, so the index spans partitions and many texts go through LSH buckets."""
    texts, owners = synthetic_texts
    expected = candidate_pairs(texts, owners, **options)
    assert expected
    assert distributed_candidate_pairs(engine.client, texts, owners, partition_texts=97, **options) == expected


def test_same_tables_on_a_synthetic_corpus(engine, tmp_path):
    folder = write_synthetic_corpus(SEED_CORPUS, tmp_path / "c", 40, seed=1)
    expected = build_tables(analyse(folder))
    found = build_tables(analyse(folder, engine=engine))
    for name in expected:
        assert found[name].equals(expected[name]), name
