"""Loading and validating corpus folders: the seed corpus, encodings, and one clear error per problem."""

from __future__ import annotations

import codecs

import pytest

from retold.corpus import CorpusError, CorpusWarning, check_corpus, decode_text, load_corpus
from conftest import SEED_CORPUS

SEED_FILES = sorted((SEED_CORPUS / "articles").glob("*.txt"))


def test_seed_corpus_loads_with_metadata_from_the_texts():
    corpus = load_corpus(SEED_CORPUS)
    assert [a.id for a in corpus.articles] == ["a000", "a001", "a002", "a003", "a004"]
    by_id = {a.id: a for a in corpus.articles}
    assert by_id["a000"].outlet == "Global Circumstances"
    assert by_id["a004"].outlet == "Press TV"
    assert by_id["a002"].credited_sources == ["Reuters"]
    assert by_id["a000"].credited_sources == ["RIA Novosti", "TASS"]
    assert by_id["a003"].metadata["country"] == "Indonesia"
    assert all(a.metadata["url"] == "unknown" for a in corpus.articles)
    assert corpus.language == "en"


def test_seed_articles_are_committed_byte_for_byte():
    corpus = load_corpus(SEED_CORPUS)
    for article in corpus.articles:
        assert article.text.encode("utf-8") == article.path.read_bytes()


def test_outlet_labels_disambiguate_unknown_outlets():
    labels = load_corpus(SEED_CORPUS).outlet_names()
    assert labels["a004"] == "Press TV"
    assert labels["a001"] == "unnamed (a001)"
    assert labels["a003"] == "news portal, Indonesia (a003)"
    assert len(set(labels.values())) == len(labels)


@pytest.mark.parametrize("data, expected, encoding", [
    ("Kyiv’s “quote”\r\nline".encode("utf-8"), "Kyiv’s “quote”\r\nline", "utf-8"),
    (codecs.BOM_UTF8 + "BOM text".encode("utf-8"), "BOM text", "utf-8-sig"),
    ("UTF-16 “text”\n".encode("utf-16"), "UTF-16 “text”\n", "utf-16"),
    ("caf\xe9 \x93quoted\x94".encode("latin-1"), "café “quoted”", "cp1252"),
])
def test_decoding_accepts_common_encodings_and_keeps_newlines(data, expected, encoding):
    text, used, warnings = decode_text(data, "x.txt")
    assert text == expected
    assert used == encoding
    assert bool(warnings) == (encoding == "cp1252")


def test_cp1252_fallback_warns_naming_the_file(make_corpus):
    path = make_corpus({"a1": "Title\n\nA caf\xe9 sentence here.".encode("cp1252")})
    with pytest.warns(CorpusWarning, match=r"a1\.txt.*cp1252"):
        corpus = load_corpus(path)
    assert corpus.articles[0].text.endswith("café sentence here.")


def test_strict_encoding_refuses_invalid_bytes(make_corpus):
    path = make_corpus({"a1": b"Title\n\nbad \xff\xfe byte"}, manifest_extra={"encoding": "utf-8"})
    with pytest.raises(CorpusError, match=r"a1\.txt: cannot decode as utf-8"):
        load_corpus(path)


def _problems(path) -> list[str]:
    problems, _ = check_corpus(path)
    return [str(p) for p in problems]


def test_missing_manifest(tmp_path):
    (tmp_path / "articles").mkdir()
    [problem] = _problems(tmp_path)
    assert "corpus.yml" in problem and "missing" in problem


def test_yaml_syntax_error_names_line(make_corpus):
    path = make_corpus({"a1": "Text."}, manifest_text="title: x\narticles:\n  - id: [unclosed\n")
    [problem] = _problems(path)
    assert "corpus.yml" in problem and "YAML syntax error" in problem and "line" in problem


def test_each_problem_is_reported_once_with_file_and_field(make_corpus):
    path = make_corpus(
        {"a1": "Text one.", "a2": "Text two.", "a3": "   \n\t ", "a4": b"\x00\x01\x02binary\x00"},
        entry_extra={"a2": {"id": "a1"}, "a1": {"published": "2nd December"}},
    )
    (path / "articles" / "gone.txt").unlink(missing_ok=True)
    problems = _problems(path)
    text = "\n".join(problems)
    assert "duplicate id 'a1'" in text
    assert "'published' should be an ISO date" in text
    assert "a3.txt: is empty" in text
    assert "a4.txt: looks like a binary file" in text
    assert len(problems) == 4


def test_missing_file_unknown_field_and_wrong_type(make_corpus):
    path = make_corpus(
        {"a1": "Text.", "a2": "More text."},
        entry_extra={"a1": {"file": "articles/nope.txt"}, "a2": {"colour": "red", "credited_sources": "Reuters"}},
    )
    text = "\n".join(_problems(path))
    assert "nope.txt: missing" in text
    assert "unknown field 'colour'" in text
    assert "field 'credited_sources' should be list, got str" in text


def test_missing_required_fields_and_bad_id(make_corpus):
    path = make_corpus({"a1": "Text."}, manifest_text="title: t\narticles:\n  - id: 'bad id!'\n    file: articles/a1.txt\n")
    text = "\n".join(_problems(path))
    assert "missing required field 'outlet'" in text
    assert "may only hold letters, digits" in text


def test_oversized_article_is_refused_quickly(make_corpus):
    path = make_corpus({"a1": "Title\n\n" + "Words and more words. " * 100}, manifest_extra={"max_article_mb": 0.001})
    [problem] = _problems(path)
    assert "a1.txt" in problem and "over the 0.001 MB limit" in problem


def test_links_resolve_per_file_and_per_folder(make_corpus, tmp_path):
    """Each directory is resolved once (`ResolvedPaths`), yet a link anywhere on an article's path still counts:
    a linked folder or file pointing out of the corpus is refused, a loop is refused, a link inside is read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not yours.\n", encoding="utf-8")
    path = make_corpus({"a1": "Title\n\nText one.", "a2": "Title\n\nText two.", "a3": "x", "a4": "y"},
                       entry_extra={"a2": {"file": "inner/a1.txt"}, "a3": {"file": "away/secret.txt"},
                                    "a4": {"file": "articles/loop.txt"}})
    (path / "inner").symlink_to(path / "articles")
    (path / "away").symlink_to(outside)
    (path / "articles" / "loop.txt").unlink(missing_ok=True)
    (path / "articles" / "loop.txt").symlink_to(path / "articles" / "loop.txt")
    problems = _problems(path)
    assert len(problems) == 2, problems
    assert any("away/secret.txt" in p and "outside the corpus folder" in p for p in problems)
    assert any("loop.txt" in p and "cannot be resolved (a link loop?)" in p for p in problems)
