"""A saved page (tests/ingest/page.html, written by hand): main text, metadata, and the rest kept as furniture."""

from __future__ import annotations

from pathlib import Path

from retold.corpus import load_corpus
from retold.ingest import import_source
from retold.text.segment import segment_article


PAGE = Path(__file__).parent / "page.html"


def test_saved_page_main_text_metadata_and_furniture(tmp_path):
    source = tmp_path / "pages"
    source.mkdir()
    (source / "courier-strike.html").write_bytes(PAGE.read_bytes())
    import_source(source, tmp_path / "corpus")
    corpus = load_corpus(tmp_path / "corpus")
    article = corpus.article("courier-strike")
    meta = article.metadata
    assert article.outlet == "The Arlen Courier" and meta["published"] == "2024-03-14"
    assert meta["url"] == "https://courier.example/news/port-strike" and meta["author"] == "Jane Roe"
    assert article.title == "Dock workers strike at Port Arlen over pay"
    segmented = segment_article(article)
    body = " ".join(article.text[p.start:p.end] for p in segmented.paragraphs)
    assert "“We have been pushed to this,” Nowak said." in body
    assert "Great article" not in body and "Subscribe" not in body and "Home" not in body
    kinds = {f.kind for f in segmented.furniture}
    assert {"navigation", "comments", "related_link", "footer"} <= kinds
    for f in segmented.furniture:
        assert article.text[f.start:f.end] == f.text
    nav = next(f for f in segmented.furniture if f.kind == "navigation")
    assert "Home" in nav.text and "Business" in nav.text
    comments = [f.text for f in segmented.furniture if f.kind == "comments"]
    assert any("Great article" in c for c in comments)
    related = [f.text for f in segmented.furniture if f.kind == "related_link"]
    assert any("Ferry timetable" in r for r in related)
