"""Loaded terms: every lexicon entry found in titles and bodies, with the voice and speaker of its span."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..model import SpanIndex, TermHit
from ..progress import progress
from ..text.segment import SegmentedArticle
from ..vocab import VOICES
from ..voice import VoiceMap, voice_at
from .lexicon import LoadedTermsLexicon, longest_matches, matcher_set


def paragraph_spans(segmented: SegmentedArticle) -> list[tuple[int, int]]:
    """Title and body paragraph spans of one article (page furniture left out)."""
    return [(p.start, p.end) for p in segmented.paragraphs]


def locate(segmented: SegmentedArticle, start: int, index: tuple[SpanIndex, SpanIndex] | None = None
           ) -> tuple[int, int]:
    """(paragraph, sentence) index holding offset `start`, -1 where none does."""
    paragraphs, sentences = index or (SpanIndex(segmented.paragraphs), SpanIndex(segmented.sentences))
    paragraph, sentence = paragraphs.containing(start), sentences.containing(start)
    return (paragraph.index if paragraph else -1), (sentence.index if sentence else -1)


def loaded_term_hits(articles: list[SegmentedArticle], lexicon: LoadedTermsLexicon, voices: VoiceMap
                     ) -> list[TermHit]:
    """Every loaded-term occurrence in title and body, longest match first, with voice and speaker."""
    entries = list(enumerate(lexicon.entries))
    matchers = matcher_set([(i, rx) for i, entry in entries for rx in entry.matchers],
                           {i: f"{lexicon.path}: entry {i + 1} ({entry.term!r})" for i, entry in entries})
    hits = []
    for segmented in progress(articles, "loaded terms"):
        article_id, text = segmented.article.id, segmented.text
        index = (SpanIndex(segmented.paragraphs), SpanIndex(segmented.sentences))
        for m in longest_matches(text, paragraph_spans(segmented), matchers):
            entry = lexicon.entries[m.key]
            segment = voice_at(voices.get(article_id, []), m.start, m.end)
            paragraph, sentence = locate(segmented, m.start, index)
            hits.append(TermHit(article_id, m.start, m.end, term=text[m.start:m.end], entry=entry.term,
                                category=entry.category, voice=segment.voice, speaker=segment.speaker,
                                paragraph=paragraph, sentence=sentence))
    return hits


TERM_COLUMNS = ["article", "start", "end", "term", "entry", "category", "voice", "speaker", "outlet",
                "paragraph", "sentence", "neutral", "echoes"]


def loaded_terms_table(hits: list[TermHit], lexicon: LoadedTermsLexicon, outlets: dict[str, str]) -> pd.DataFrame:
    info = {e.term: e for e in lexicon.entries}
    rows = [{**h.to_row(), "outlet": outlets[h.article], "neutral": info[h.entry].neutral,
             "echoes": info[h.entry].echoes} for h in hits]
    return pd.DataFrame(rows, columns=TERM_COLUMNS)


def category_voice_counts(loaded_terms: pd.DataFrame, articles: list[str]) -> pd.DataFrame:
    """Hits per article × category × voice (zeros included), from loaded_terms.csv."""
    categories = sorted(loaded_terms["category"].unique()) if not loaded_terms.empty else []
    counts = Counter(zip(loaded_terms["article"], loaded_terms["category"], loaded_terms["voice"]))
    rows = [{"article": a, "category": c, "voice": v, "count": counts[(a, c, v)]}
            for a in articles for c in categories for v in VOICES]
    return pd.DataFrame(rows, columns=["article", "category", "voice", "count"])
