"""One article's quotations and reported speech: marks, cues, speakers and spans, in that order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Quote
from ..text.segment import SegmentedArticle
from .cues import find_cues
from .direct import UNMARKED, marked_quotes
from .reported import reported_spans
from .scan import Scan, text_units
from .speakers import SpeakerBook, load_speakers


def _drop_overlaps(items: list[Quote]) -> list[Quote]:
    kept: list[Quote] = []
    for q in sorted(items, key=lambda q: (q.start, -(q.end - q.start))):
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


def extract(scan: Scan) -> tuple[list[Quote], list[Quote]]:
    """(quotations, reported spans) of a scanned text; indices run on across both."""
    find_cues(scan)
    marked = marked_quotes(scan)
    reported, unmarked = reported_spans(scan, marked)
    unmarked = [u for u in unmarked if not any(u.start < q.mark_end and q.mark_start < u.end for q in marked)]
    quotes = _drop_overlaps(marked + unmarked)
    renumber = {(q.start, q.end): i for i, q in enumerate(quotes)}
    old_index = {q.index: (q.start, q.end) for q in marked}
    quotes = [replace(q, index=i, continues=renumber.get(old_index.get(q.continues)) if q.continues is not None
                      and q.kind != UNMARKED else None) for i, q in enumerate(quotes)]
    reported = [r for r in reported if not any(r.start >= u.start and r.end <= u.end for u in unmarked)]
    reported = [replace(r, index=len(quotes) + i) for i, r in enumerate(sorted(reported, key=lambda r: (r.start,
                                                                                                      r.end)))]
    return quotes, reported


def _book(speakers: SpeakerBook | str | Path | None) -> SpeakerBook:
    return speakers if isinstance(speakers, SpeakerBook) else load_speakers(speakers)


def extract_article(segmented: SegmentedArticle, speakers: SpeakerBook | str | Path | None
                    ) -> tuple[list[Quote], list[Quote]]:
    """(quotations, reported-speech spans) of one article's title and body; indices run on across both.

    `speakers` is a SpeakerBook or the path of a speakers lexicon.
    """
    paragraphs = [(p.index, p.start, p.end) for p in segmented.paragraphs]
    sentences = [(s.paragraph, s.start, s.end) for s in segmented.sentences]
    return extract(Scan(segmented.article.id, segmented.text, paragraphs, sentences, _book(speakers)))


def quotes_in_text(text: str, speakers: SpeakerBook | None = None, article: str = "text") -> list[Quote]:
    """Quotations in a plain text (each line a paragraph): for tests and quick checks."""
    return extract(Scan(article, text, *text_units(text), _book(speakers)))[0]


def reported_in_text(text: str, speakers: SpeakerBook | None = None, article: str = "text") -> list[Quote]:
    """Reported-speech spans in a plain text (each line a paragraph)."""
    return extract(Scan(article, text, *text_units(text), _book(speakers)))[1]
