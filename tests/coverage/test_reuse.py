"""Text reuse at scale: each article's strongest partners, and the cap that keeps the pair search linear."""

from pathlib import Path

import numpy as np
import scipy.sparse as sp

from retold.coverage import reuse


def _brute_force(x, top_k):
    dense = (x @ x.T).toarray().astype(int)
    counts = {}
    for i, row in enumerate(dense):
        partners = sorted(((-v, j) for j, v in enumerate(row) if j != i and v > 0))[:top_k]
        counts.update(((i, j), -v) for v, j in partners)
    return counts


def test_strongest_partners_are_those_of_the_full_product():
    rng = np.random.default_rng(3)
    x = sp.csr_matrix((rng.random((120, 40)) < 0.15).astype(np.float32))
    for top_k in (1, 3, 25):
        assert reuse.shared_shingle_counts(x, keep_all=False, top_k=top_k, chunk=17) == _brute_force(x, top_k)
    every = reuse.shared_shingle_counts(x, keep_all=True, chunk=17)
    assert every == _brute_force(x, 10_000)


def test_phrases_in_too_many_articles_are_left_out(monkeypatch):
    monkeypatch.setattr(reuse, "SHINGLE_MIN_ARTICLES", 4)
    monkeypatch.setattr(reuse, "SHINGLE_MAX_ARTICLES", 2)
    monkeypatch.setattr(reuse, "SHINGLE_MAX_DF", 1.0)
    from retold.coverage.claims import Coverage
    from retold.corpus import Article
    from retold.text.segment import segment_article

    stock = "the talks will resume next week"
    bodies = [f"Title {n}\n\n{stock} in city {n}." for n in range(5)]
    bodies[1] = "Title 1\n\nA rare phrase about the harbour strike appears here."
    bodies[2] = bodies[1].replace("Title 1", "Title 2")
    articles = [segment_article(Article(f"a{n}", f"o{n}", body, Path(f"a{n}.txt"))) for n, body in enumerate(bodies)]
    table = reuse.reuse_table(articles, Coverage([], [], [], {}, [], [], [a.article.id for a in articles]))
    shared = table.set_index(["article_a", "article_b"])["shared_shingles"]
    assert shared[("a1", "a2")] > 0  # a 5-gram in two articles counts
    assert shared[("a0", "a3")] == 0  # the stock phrase is in three: left out


def test_overlap_computed_elsewhere_gives_the_same_table():
    from conftest import SEED_CORPUS

    from retold.pipeline import analyse

    analysis = analyse(SEED_CORPUS)
    articles = analysis.articles
    overlap = reuse.shingle_overlap([reuse.body_text(s) for s in articles])
    assert len(overlap.first) == len(articles) * (len(articles) - 1)  # a small corpus: every ordered pair
    given = reuse.reuse_table(articles, analysis.coverage, overlap)
    assert given.equals(reuse.reuse_table(articles, analysis.coverage))


def test_overlap_counts_the_shared_five_grams_of_each_pair():
    bodies = [["one two three four five six"], ["zero one two three four five"], ["nothing alike at all here"]]
    overlap = reuse.shingle_overlap(bodies)
    shared = dict(zip(zip(overlap.first.tolist(), overlap.second.tolist()), overlap.shared.tolist()))
    assert shared[(0, 1)] == shared[(1, 0)] == 1  # "one two three four five"
    assert shared[(0, 2)] == shared[(2, 1)] == 0
    assert overlap.totals.tolist() == [2.0, 2.0, 1.0]
