import random
import re
from collections import Counter

import pytest

from retold.text.clean import clean_article
from retold.cli import main
from retold.corpus import load_corpus
from conftest import SEED_CORPUS as DEFAULT_CORPUS
from retold.text.segment import segment_article
from retold.synth import (
    OUTLETS, SPELLING_RE, SPELLING_TABLE, paraphrase_quotes, reported_speech, restyle_quotes, seed_articles,
    substitute, synthetic_article, write_synthetic_corpus,
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "corpus"
    write_synthetic_corpus(DEFAULT_CORPUS, out, 200, seed=3)
    return load_corpus(out)


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes_and_other_seed_differs(seed_corpus, tmp_path):
    a = write_synthetic_corpus(seed_corpus, tmp_path / "a", 30, seed=7)
    b = write_synthetic_corpus(seed_corpus, tmp_path / "b", 30, seed=7)
    c = write_synthetic_corpus(seed_corpus, tmp_path / "c", 30, seed=8)
    assert _files(a) == _files(b)
    articles_a = {k: v for k, v in _files(a).items() if k.startswith("articles/")}
    articles_c = {k: v for k, v in _files(c).items() if k.startswith("articles/")}
    assert sum(articles_a[k] != articles_c[k] for k in articles_a) >= 25


def test_first_articles_do_not_depend_on_corpus_size(seed_corpus, tmp_path):
    small = load_corpus(write_synthetic_corpus(seed_corpus, tmp_path / "small", 10))
    large = load_corpus(write_synthetic_corpus(seed_corpus, tmp_path / "large", 40))
    assert [a.text for a in small.articles] == [a.text for a in large.articles[:10]]


def test_output_is_a_valid_corpus_with_unique_ids_and_many_outlets(synthetic):
    assert len(synthetic.articles) == 200
    assert len({a.id for a in synthetic.articles}) == 200
    outlets = Counter(a.outlet for a in synthetic.articles)
    assert len(outlets) >= 30
    assert set(outlets) <= set(OUTLETS)
    assert any(not name.isascii() for name in outlets)
    assert all(a.metadata["notes"].startswith("synthetic variant of seed article a00") for a in synthetic.articles)
    assert all(segment_article(a).sentences for a in synthetic.articles)


def test_articles_vary_in_text_spelling_quote_marks_and_length(synthetic, seed_corpus):
    texts = [a.text for a in synthetic.articles]
    assert len(set(texts)) == len(texts)
    joined = "\n".join(texts)
    for variant in ("Kyiv", "Kiev", "Scholz", "Schultz", "Schulz", "Peskow", "negotiations", "journalists"):
        assert variant in joined, variant
    styles = {mark for mark in "“«„\"" if any(mark in t for t in texts)}
    assert len(styles) == 4
    assert any("\r\n" in t for t in texts) and any("\r\n" not in t for t in texts)

    seeds = {s.id: sum(len(p) for p in s.paragraphs) for s in seed_articles(seed_corpus)}
    shorter = 0
    for article in synthetic.articles:
        seed_id = article.metadata["notes"].rsplit(" ", 1)[-1]
        body = [s for s in segment_article(article).sentences if s.paragraph > 0]
        shorter += len(body) < seeds[seed_id]
    assert shorter >= 100


def test_quotes_become_reported_speech_in_some_articles(synthetic):
    joined = "\n".join(a.text for a in synthetic.articles)
    assert "He added that of course, it is better to reach their interests through diplomatic means." in joined
    assert re.search(r"Peskov (told reporters|said) that the president of the Russian Federation", joined)


def test_page_furniture_is_added_and_recognised_by_the_cleaner(synthetic):
    kinds = Counter(f.kind for a in synthetic.articles for f in clean_article(a).furniture)
    for kind in ("navigation", "related_link", "comments", "footer", "site_name"):
        assert kinds[kind] >= 5, (kind, kinds)
    with_furniture = sum(bool(clean_article(a).furniture) for a in synthetic.articles)
    assert 0.4 * 200 < with_furniture < 200


def test_reported_speech_rewrites_both_quotation_shapes():
    assert reported_speech("“We are ready to talk,” Peskov told reporters on Friday.") == \
        "Peskov told reporters that they are ready to talk on Friday."
    assert reported_speech('"The talks are possible," the minister said.') == \
        "The minister said that the talks are possible."
    assert reported_speech("She added: “The decision is final.”") == "She added that the decision is final."
    assert reported_speech("No quotation here, he said.") is None
    assert reported_speech("“Unclosed quotation, he said.") is None


def test_restyle_and_paraphrase_touch_only_closed_quotations():
    text = "He called it “a forced response” and said \"talks are possible\" but “unclosed."
    assert restyle_quotes(text, ("«", "»")) == \
        "He called it «a forced response» and said «talks are possible» but “unclosed."
    rng = random.Random(1)
    changed = [paraphrase_quotes("The talks ended. “The talks are important,” he said.", rng) for _ in range(20)]
    assert all(c.startswith("The talks ended. “") for c in changed)
    assert any("negotiations" in c or "crucial" in c for c in changed)


def test_substitute_keeps_capitals_and_only_swaps_whole_words():
    rng = random.Random(0)
    assert substitute("Kyiv and kyiv, Kyivan", SPELLING_RE, SPELLING_TABLE, 1.0, rng) == "Kiev and kiev, Kyivan"
    assert substitute("Kyiv", SPELLING_RE, SPELLING_TABLE, 0.0, rng) == "Kyiv"


def test_synthetic_article_is_a_function_of_seed_and_index(seed_corpus):
    seeds = seed_articles(seed_corpus)
    assert synthetic_article(seeds, 5, seed=1) == synthetic_article(seeds, 5, seed=1)
    assert synthetic_article(seeds, 5, seed=1) != synthetic_article(seeds, 6, seed=1)


def test_cli_synth_writes_a_corpus_and_rejects_zero(tmp_path, capsys, seed_corpus):
    assert main(["synth", "3", str(tmp_path / "out"), "--from", str(seed_corpus), "--seed", "2"]) == 0
    assert len(load_corpus(tmp_path / "out").articles) == 3
    assert main(["synth", "0", str(tmp_path / "zero")]) == 1
    assert "at least 1" in capsys.readouterr().err
