"""All quotations and reported spans of a corpus, extracted article by article, then grouped across articles."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Quote
from ..progress import progress
from ..text.segment import SegmentedArticle
from .align import QuoteLink, QuotePair, align_with_links
from .direct import REPORTED
from .extract import extract_article
from .speakers import SpeakerBook


@dataclass(frozen=True)
class CorpusQuotes:
    """All quotations and reported spans of a corpus, grouped, with their cross-article pairs and the fragments
    quoted from a longer quotation of another article (`links`)."""

    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    pairs: tuple[QuotePair, ...]
    links: tuple[QuoteLink, ...] = ()

    def by_article(self, article: str, include_reported: bool = False) -> list[Quote]:
        items = [q for q in self.quotes if q.article == article]
        if include_reported:
            items += [q for q in self.reported if q.article == article]
        return items


def corpus_quotes(articles: list[SegmentedArticle], book: SpeakerBook) -> CorpusQuotes:
    """Quotations and reported spans of every article (in corpus order), grouped by utterance."""
    extracted = [extract_article(segmented, book) for segmented in progress(articles, "quotes")]
    return group_quotes(extracted, [s.article.id for s in articles])


def group_quotes(extracted: list[tuple[list[Quote], list[Quote]]], article_ids: list[str], engine=None
                 ) -> CorpusQuotes:
    """The (quotations, reported spans) of each article, in corpus order, grouped by utterance across them."""
    items = [q for quotes, reported in extracted for q in (*quotes, *reported)]
    grouped, pairs, links = align_with_links(items, article_ids, engine=engine)
    return CorpusQuotes(tuple(q for q in grouped if q.kind != REPORTED),
                        tuple(q for q in grouped if q.kind == REPORTED), tuple(pairs), tuple(links))
