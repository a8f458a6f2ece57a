"""articles.csv, furniture.csv and sentences.csv: the corpus as segmented."""

from __future__ import annotations

import pandas as pd

from ..corpus import Corpus
from .segment import SegmentedArticle


def articles_table(corpus: Corpus, segmented: dict[str, SegmentedArticle],
                   body_words: dict[str, int] | None = None) -> pd.DataFrame:
    """One row per article; `body_words` are the articles' `body_words()` when already counted."""
    names = corpus.outlet_names()
    rows = []
    for article in corpus.articles:
        seg = segmented[article.id]
        rows.append({
            "article": article.id,
            "outlet": article.outlet,
            "title": seg.text[seg.title.start:seg.title.end] if seg.title else article.title,
            "words": body_words[article.id] if body_words else seg.body_words(),
            "sentences": len(seg.sentences),
            "paragraphs": len(seg.paragraphs),
            "furniture_lines": len(seg.furniture),
            "outlet_label": names[article.id],
            "published": article.metadata.get("published", "unknown"),
            "country": article.metadata.get("country", "unknown"),
            "outlet_type": article.metadata.get("outlet_type", "unknown"),
            "credited_sources": "; ".join(article.credited_sources),
            "file": article.path.name,
            "encoding": article.encoding,
            "characters": len(article.text),
        })
    return pd.DataFrame(rows)


def furniture_table(articles: list[SegmentedArticle]) -> pd.DataFrame:
    rows = [f.to_row() for seg in articles for f in seg.furniture]
    return pd.DataFrame(rows, columns=["article", "start", "end", "kind", "text"])


def sentences_table(articles: list[SegmentedArticle]) -> pd.DataFrame:
    rows = [{"article": s.article, "sentence": s.index, "start": s.start, "end": s.end, "text": s.text,
             "paragraph": s.paragraph, "is_title": seg.title is not None and s.paragraph == 0}
            for seg in articles for s in seg.sentences]
    return pd.DataFrame(rows, columns=["article", "sentence", "start", "end", "text", "paragraph", "is_title"])


def text_tables(corpus: Corpus, segmented: dict[str, SegmentedArticle], body_words: dict[str, int] | None = None
                ) -> dict[str, pd.DataFrame]:
    """The corpus-level tables: articles, furniture, sentences."""
    articles = [segmented[a.id] for a in corpus.articles]
    return {
        "articles.csv": articles_table(corpus, segmented, body_words),
        "furniture.csv": furniture_table(articles),
        "sentences.csv": sentences_table(articles),
    }
