"""The voice map: whose words each stretch of an article's title and body are.

Every character of the title and body paragraphs belongs to exactly one segment:

* `quoted`: inside quotation marks (the marks included), or unmarked direct speech;
* `attributed`: reported speech outside marks ("X said (that) ...", "according to X,
  ...", headline forms "..., ministry says" / "...: Mayor"), and the tail of a quotation
  printed after its closing mark in the same sentence ("...unacceptable.” after
  the talks broke down.");
* `author`: everything else, the outlet's own narration (reporting clauses included).

The spans come from `retold.quotes` (one extractor for quotations and voice).
Where reported spans nest ("the ministry announced that the minister had emphasized that
..."), the innermost speaker wins. Framing tags each lexicon hit with `voice_at`.
"""

from __future__ import annotations

import bisect
import heapq
import re

import pandas as pd

from .model import Quote, SpanIndex, VoiceSegment, field_columns
from .quotes import CorpusQuotes
from .text.segment import SegmentedArticle
from .vocab import ATTRIBUTED, AUTHOR, QUOTED

VoiceMap = dict[str, list[VoiceSegment]]

def _tails(segmented: SegmentedArticle, quotes: list[Quote]) -> list[tuple[int, int, str | None]]:
    """Text after a closing mark that ends the sentence in lower case: the quotation's tail."""
    text = segmented.text
    sentences = SpanIndex(segmented.sentences)
    tails = []
    for q in quotes:
        if not q.close_mark or not re.search(r"[.!?]$", q.text):
            continue
        sentence = sentences.touching(q.mark_end)
        rest = text[q.mark_end: sentence.end] if sentence else ""
        if sentence and q.mark_end == sentence.end:
            following = next((s for s in map(segmented.sentences.__getitem__,
                                             range(sentences.first_from(q.mark_end), len(segmented.sentences)))
                              if s.start >= q.mark_end and s.paragraph == sentence.paragraph), None)
            rest = text[q.mark_end: following.end] if following else ""
        match = re.match(r"\s*([a-z][^“”\"«»]*)$", rest)
        if match:
            tails.append((q.mark_end + match.start(1), q.mark_end + len(rest.rstrip()), q.speaker))
    return tails


def _painted(lo: int, hi: int, spans: list[tuple[int, int, int, tuple[str, str | None]]]
             ) -> list[tuple[int, int, tuple[str, str | None]]]:
    """Runs of one label over [lo, hi) when `spans` (start, end, order, label) are painted in order over an
    `author` ground: where spans overlap, the one painted last shows. A sweep, linear in the number of spans."""
    spans = [span for span in spans if span[0] < hi and span[1] > lo and span[0] < span[1]]
    cuts = sorted({lo, hi} | {max(lo, s) for s, _, _, _ in spans} | {min(hi, e) for _, e, _, _ in spans})
    by_start = sorted(spans, key=lambda span: max(lo, span[0]))
    active: list[tuple[int, int, tuple[str, str | None]]] = []  # heap of (-order, end, label)
    runs: list[tuple[int, int, tuple[str, str | None]]] = []
    ground = (AUTHOR, None)
    next_span = 0
    for left, right in zip(cuts, cuts[1:]):
        while next_span < len(by_start) and max(lo, by_start[next_span][0]) <= left:
            start, end, order, label = by_start[next_span]
            heapq.heappush(active, (-order, end, label))
            next_span += 1
        while active and active[0][1] <= left:
            heapq.heappop(active)
        label = active[0][2] if active else ground
        if runs and runs[-1][2] == label and runs[-1][1] == left:
            runs[-1] = (runs[-1][0], right, label)
        else:
            runs.append((left, right, label))
    return runs


def segments_for_article(segmented: SegmentedArticle, quotes: list[Quote], reported: list[Quote]) -> list[VoiceSegment]:
    """Contiguous voice segments covering every title and body paragraph of one article."""
    article = segmented.article.id
    spans: list[tuple[int, int, str, str | None]] = []
    for r in sorted(reported, key=lambda r: -(r.end - r.start)):
        spans.append((r.start, r.end, ATTRIBUTED, r.speaker))
    spans += [(s, e, ATTRIBUTED, speaker) for s, e, speaker in _tails(segmented, quotes)]
    spans += [(q.mark_start, q.mark_end, QUOTED, q.speaker) for q in quotes]
    ordered = sorted((s, e, order, (voice, speaker)) for order, (s, e, voice, speaker) in enumerate(spans) if s < e)
    starts = [span[0] for span in ordered]
    longest = max((e - s for s, e, _, _ in ordered), default=0)
    segments: list[VoiceSegment] = []
    for paragraph in segmented.paragraphs:
        lo, hi = paragraph.start, paragraph.end
        if hi <= lo:
            continue
        first = bisect.bisect_left(starts, lo - longest)
        inside = [span for span in ordered[first:bisect.bisect_left(starts, hi)] if span[1] > lo]
        for start, end, (voice, speaker) in _painted(lo, hi, inside):
            segments.append(VoiceSegment(article, start, end, voice=voice, speaker=speaker, paragraph=paragraph.index))
    return segments


def voice_map(articles: list[SegmentedArticle], cq: CorpusQuotes) -> VoiceMap:
    """Article id -> voice segments in text order, from the corpus's quotations and reported spans."""
    quotes_of: dict[str, list[Quote]] = {}
    reported_of: dict[str, list[Quote]] = {}
    for q in cq.quotes:
        quotes_of.setdefault(q.article, []).append(q)
    for r in cq.reported:
        reported_of.setdefault(r.article, []).append(r)
    return {s.article.id: segments_for_article(s, quotes_of.get(s.article.id, []), reported_of.get(s.article.id, []))
            for s in articles}


def first_segment_from(segments: list[VoiceSegment], start: int, starts: list[int] | None = None) -> int:
    """Where to look for the segments a span from `start` overlaps: segments are in text order without overlaps,
    so it is the last one starting at or before `start`, found by bisection (of `starts`, the segments' starts,
    when given: a caller looking up many spans of one article builds them once)."""
    return max(0, (bisect.bisect_right(starts, start) if starts is not None
                   else bisect.bisect_right(segments, start, key=lambda s: s.start)) - 1)


def voice_at(segments: list[VoiceSegment], start: int, end: int, starts: list[int] | None = None) -> VoiceSegment:
    """The segment a span [start, end) sits in: the one it overlaps most (first on ties).

    A span outside every segment (e.g. in page furniture) gets an `author` segment of
    its own, with no speaker. `starts`: see `first_segment_from`.
    """
    best, best_overlap = None, 0
    for segment in segments[first_segment_from(segments, start, starts):]:
        if segment.start >= max(end, start + 1):
            break
        overlap = min(segment.end, max(end, start + 1)) - max(segment.start, start)
        if overlap > best_overlap:
            best, best_overlap = segment, overlap
    if best is None:
        article = segments[0].article if segments else ""
        return VoiceSegment(article, start, end, voice=AUTHOR, speaker=None, paragraph=-1)
    return best


VOICE_SEGMENT_COLUMNS = ["article", "start", "end", "voice", "speaker", "paragraph", "characters"]


def voice_table(voices: VoiceMap, article_ids: list[str]) -> pd.DataFrame:
    """One row per voice segment, in corpus order (built column by column: a large corpus has millions)."""
    segments = [s for article in article_ids for s in voices[article]]
    if not segments:
        return pd.DataFrame([], columns=VOICE_SEGMENT_COLUMNS)
    columns = field_columns(VoiceSegment, segments)
    columns["characters"] = [e - s for s, e in zip(columns["start"], columns["end"])]
    return pd.DataFrame(columns, columns=VOICE_SEGMENT_COLUMNS)


def voice_tables(voices: VoiceMap, article_ids: list[str]) -> dict[str, pd.DataFrame]:
    """voice.csv: the voice segments covering each article's title and body."""
    return {"voice.csv": voice_table(voices, article_ids)}
