"""The per-article stages in one pass: segment, quotations, voice, loaded terms, naming labels, word counts,
agency credits.

Each of these needs one article and the lexicons, nothing from other articles, so an
engine can run `study_article` on any worker and in any order (`retold.engine`); the
pipeline then puts the results back in corpus order. The functions called are the
stage functions themselves, given a one-article corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .corpus import Article
from .framing import loaded_term_hits, naming_hits
from .framing.keyness import article_ngrams
from .framing.lexicon import LoadedTermsLexicon, NamingConcept
from .coverage.sources import article_credits
from .model import NameHit, Quote, SourceCredit, TermHit, VoiceSegment
from .quotes import REPORTED, SpeakerBook, extract_article
from .text.segment import SegmentedArticle, segment_article
from .voice import segments_for_article


@dataclass(frozen=True)
class LoadedLexicons:
    """The lexicons as loaded (not their paths), so a worker on another machine needs no files of ours."""

    loaded_terms: LoadedTermsLexicon
    naming: tuple[NamingConcept, ...]
    speakers: SpeakerBook


@dataclass(frozen=True)
class ArticleFindings:
    """What the per-article stages find in one article (quotations not yet grouped across articles)."""

    segmented: SegmentedArticle
    quotes: tuple[Quote, ...]
    reported: tuple[Quote, ...]
    voices: tuple[VoiceSegment, ...]
    term_hits: tuple[TermHit, ...]
    name_hits: tuple[NameHit, ...]
    ngrams: tuple[Counter, Counter]  # unigrams, bigrams (framing.keyness.article_ngrams)
    body_words: int
    credits: tuple[SourceCredit, ...]  # news agencies named, with their cues (coverage.sources)


def study_article(task: tuple[Article, LoadedLexicons]) -> ArticleFindings:
    """Every per-article stage on one (article, lexicons) task."""
    article, lexicons = task
    segmented = segment_article(article)
    quotes, reported = extract_article(segmented, lexicons.speakers)
    items = quotes + reported
    direct = [q for q in items if q.kind != REPORTED]
    speech = [q for q in items if q.kind == REPORTED]
    voices = {article.id: segments_for_article(segmented, direct, speech)}
    terms = loaded_term_hits([segmented], lexicons.loaded_terms, voices)
    names = naming_hits([segmented], lexicons.naming, voices)
    return ArticleFindings(segmented, tuple(quotes), tuple(reported), tuple(voices[article.id]), tuple(terms),
                           tuple(names), article_ngrams(segmented), segmented.body_words(),
                           tuple(article_credits(segmented)))
