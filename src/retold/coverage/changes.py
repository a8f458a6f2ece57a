"""Meaning changes: what differs between aligned renderings of one claim, flagged for a reader to check.

Every aligned pair inside a claim gets `similarity.flags.meaning_flags` (negation,
modality, number, entity, spelling, intensity) plus `attribution`, and a `close` mark.

* **Close** (`is_close`): the two sentences are rewrites of the same sentence: similarity
  at least `CLOSE_RENDERING` and at least `CLOSE_SHARED` of the shorter one's content words,
  names, titles and organisation words aside, found in the other. Sharing names, a
  speaker's title ("chief executive of the port authority") and topic words is not enough:
  in a one-event corpus different sentences share them all. Flags
  count as findings only on close pairs; looser pairs are "related, to check".
* **Attribution**: credit to a source is lost or added: one sentence credits somebody (a
  quotation or reported speech covers `CREDITED_CHARS` characters or `CREDITED_SHARE` of it, in
  the voice map)
  and the other is the outlet's own voice. Both crediting somebody, even different names or
  spellings, is not an attribution change; `credit_a`/`credit_b` show who is credited.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..engine import map_distinct
from ..quotes.people import ORG_WORDS, is_title
from ..similarity.flags import capitalised_names, meaning_flags
from ..similarity.vectors import content_stems, stem
from ..text.words import words
from ..vocab import AUTHOR
from ..voice import VoiceMap, first_segment_from, voice_at
from .claims import Coverage

CLOSE_RENDERING = 0.55
CLOSE_SHARED = 0.5
CREDITED_SHARE = 0.2
CREDITED_CHARS = 30
UNNAMED = "(unnamed source)"


@lru_cache(maxsize=1 << 16)
def _plain_stems(text: str) -> frozenset[str]:
    """Content stems without names, titles and organisation words ("chief executive of the port authority"):
    what is said, not who it is about (cached: a sentence is in many pairs)."""
    names = capitalised_names(text)
    return frozenset({stem(w) for w in words(text) if w not in names and not is_title(w) and w not in ORG_WORDS}
                     & set(content_stems(text)))


def shared_content(a: str, b: str) -> float:
    """Share of the shorter text's content stems (names aside) found in the other."""
    sa, sb = _plain_stems(a), _plain_stems(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def is_close(a: str, b: str, similarity: float) -> bool:
    """Are a and b rewrites of one sentence (see the module docstring)?"""
    return similarity >= CLOSE_RENDERING and shared_content(a, b) >= CLOSE_SHARED


def credited(voices: VoiceMap, article: str, start: int, end: int, starts: list[int] | None = None) -> list[str]:
    """Who a sentence credits: the speakers of its quoted or attributed stretches when they cover at least
    `CREDITED_CHARS` characters or `CREDITED_SHARE` of it (a lone scare quote does not), in text order
    (`UNNAMED` for a quotation whose speaker is unknown). `starts`: see `first_segment_from`."""
    covered: dict[str, int] = {}
    segments = voices.get(article, [])
    for segment in segments[first_segment_from(segments, start, starts):]:
        if segment.start >= end:
            break
        overlap = min(end, segment.end) - max(start, segment.start)
        if overlap > 0 and segment.voice != AUTHOR:
            name = segment.speaker or UNNAMED
            covered[name] = covered.get(name, 0) + overlap
    total = sum(covered.values())
    return list(covered) if total >= min(CREDITED_CHARS, CREDITED_SHARE * max(1, end - start)) else []


def attribution_changed(credit_a: list[str], credit_b: list[str]) -> bool:
    """True when one rendering credits a source and the other states the claim in the outlet's own voice."""
    return bool(credit_a) != bool(credit_b)


CHANGE_COLUMNS = ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b", "flags", "similarity",
                  "close", "voice_a", "voice_b", "speaker_a", "speaker_b", "text_a", "text_b", "shared_content",
                  "credit_a", "credit_b"]


def _voices_and_credits(voices: VoiceMap, units: list, used: list[int]
                        ) -> tuple[dict[int, tuple[str, str]], dict[int, list[str]]]:
    """For each used unit: its sentence's main (voice, speaker) and who it credits, looked up article by article."""
    by_article: dict[str, list[int]] = {}
    for i in used:
        by_article.setdefault(units[i].article, []).append(i)
    voice, credit = {}, {}
    for article, members in by_article.items():
        segments = voices.get(article, [])
        starts = [s.start for s in segments]
        for i in members:
            sentence = units[i].sentence
            segment = voice_at(segments, sentence.start, sentence.end, starts)
            voice[i] = segment.voice, segment.speaker or ""
            credit[i] = credited(voices, article, sentence.start, sentence.end, starts)
    return voice, credit


def changes_table(cov: Coverage, voices: VoiceMap, engine=None) -> pd.DataFrame:
    """Aligned pairs inside a claim, article_a before article_b in corpus order, with meaning flags
    (computed through `engine.map` when an engine is given, once per distinct pair of texts)."""
    inside = [p for p in cov.pairs if cov.claim_of[p.a] == cov.claim_of[p.b]]
    if not inside:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    units = cov.units
    first, second = np.array([p.a for p in inside]), np.array([p.b for p in inside])
    order = np.array([u.order for u in units])
    index = np.array([u.index for u in units])
    swap = (order[first] > order[second]) | ((order[first] == order[second]) & (index[first] > index[second]))
    a, b = np.where(swap, second, first), np.where(swap, first, second)
    text = np.array([u.sentence.text for u in units], dtype=object)
    text_pairs = list(zip(text[a], text[b]))
    found = map_distinct(engine, meaning_flags, text_pairs, "claim flags", star=True)
    shared = map_distinct(engine, shared_content, text_pairs, "shared words", star=True)
    used = np.unique(np.r_[a, b]).tolist()
    voice, credit = _voices_and_credits(voices, units, used)
    flags = [";".join(sorted(f + ["attribution"]) if attribution_changed(credit[i], credit[j]) else f)
             for i, j, f in zip(a.tolist(), b.tolist(), found)]
    start = np.array([u.sentence.start for u in units])
    claim = np.array([cov.claim_of[i] for i in first.tolist()])
    rows = np.lexsort((start[b], order[b], start[a], order[a], claim))
    similarity = np.array([p.similarity for p in inside])
    shared = np.array(shared, dtype=float)
    article = np.array([u.article for u in units], dtype=object)
    end = np.array([u.sentence.end for u in units])
    a, b = a[rows], b[rows]
    return pd.DataFrame({
        "claim": np.array(cov.claim_ids, dtype=object)[claim[rows]], "article_a": article[a], "article_b": article[b],
        "start_a": start[a], "end_a": end[a], "start_b": start[b], "end_b": end[b],
        "flags": np.array(flags, dtype=object)[rows], "similarity": np.round(similarity[rows], 4),
        "close": (similarity[rows] >= CLOSE_RENDERING) & (shared[rows] >= CLOSE_SHARED),
        "voice_a": [voice[i][0] for i in a.tolist()], "voice_b": [voice[i][0] for i in b.tolist()],
        "speaker_a": [voice[i][1] for i in a.tolist()], "speaker_b": [voice[i][1] for i in b.tolist()],
        "text_a": text[a], "text_b": text[b], "shared_content": np.round(shared[rows], 4),
        "credit_a": ["; ".join(credit[i]) for i in a.tolist()], "credit_b": ["; ".join(credit[i]) for i in b.tolist()],
    }, columns=CHANGE_COLUMNS)
