"""Meaning changes: what differs between aligned renderings of one claim, flagged for a reader to check.

Every aligned pair inside a claim gets `similarity.flags.meaning_flags` (negation,
modality, number, entity, spelling, intensity) plus `attribution`: the voice differs
(the outlet's own narration vs attributed speech vs a quotation, from the voice map)
or a distancing verb ("claimed", "alleged") appears in one only. `close` marks pairs
with similarity >= `CLOSE_RENDERING`, renderings of the same sentence: flags on looser
pairs often reflect different content rather than a rewrite.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..engine import map_distinct
from ..similarity.flags import meaning_flags
from ..vocab import AUTHOR, DISTANCING_RE
from ..voice import VoiceMap, voice_at
from .claims import Coverage

CLOSE_RENDERING = 0.55


def attribution_changed(a: str, b: str, voice_a: str, voice_b: str, speaker_a: str | None = None,
                        speaker_b: str | None = None) -> bool:
    """True when the claim is voiced differently in a and b.

    The voice differs (the outlet's own narration, attributed speech, a quotation), or
    both are attributed to different known speakers, or a distancing verb ("claimed",
    "alleged") is in one text only.
    """
    if voice_a != voice_b:
        return True
    if voice_a != AUTHOR and speaker_a and speaker_b and speaker_a != speaker_b:
        return True
    return _distancing(a) != _distancing(b)


@lru_cache(maxsize=1 << 16)
def _distancing(text: str) -> bool:
    return bool(DISTANCING_RE.search(text))


CHANGE_COLUMNS = ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b", "flags", "similarity",
                  "close", "voice_a", "voice_b", "speaker_a", "speaker_b", "text_a", "text_b"]


def changes_table(cov: Coverage, voices: VoiceMap, engine=None) -> pd.DataFrame:
    """Aligned pairs inside a claim, article_a before article_b in corpus order, with meaning flags
    (computed through `engine.map` when an engine is given, once per distinct pair of texts)."""
    inside = [p for p in cov.pairs if cov.claim_of[p.a] == cov.claim_of[p.b]]
    if not inside:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    units = cov.units
    first, second = np.array([p.a for p in inside]), np.array([p.b for p in inside])
    order = np.array([u.order for u in units])
    swap = (order[first] > order[second]) | ((order[first] == order[second]) & (first > second))
    a, b = np.where(swap, second, first), np.where(swap, first, second)
    text = np.array([u.sentence.text for u in units], dtype=object)
    found = map_distinct(engine, meaning_flags, list(zip(text[a], text[b])), "claim flags", star=True)
    voice = {i: voice_at(voices.get(units[i].article, []), units[i].sentence.start, units[i].sentence.end)
             for i in np.unique(np.r_[a, b]).tolist()}
    flags = [";".join(sorted(f + ["attribution"]) if attribution_changed(
        text[i], text[j], voice[i].voice, voice[j].voice, voice[i].speaker, voice[j].speaker) else f)
        for i, j, f in zip(a.tolist(), b.tolist(), found)]
    start = np.array([u.sentence.start for u in units])
    claim = np.array([cov.claim_of[i] for i in first.tolist()])
    rows = np.lexsort((start[b], order[b], start[a], order[a], claim))
    similarity = np.array([p.similarity for p in inside])
    article = np.array([u.article for u in units], dtype=object)
    end = np.array([u.sentence.end for u in units])
    a, b = a[rows], b[rows]
    return pd.DataFrame({
        "claim": np.array(cov.claim_ids, dtype=object)[claim[rows]], "article_a": article[a], "article_b": article[b],
        "start_a": start[a], "end_a": end[a], "start_b": start[b], "end_b": end[b],
        "flags": np.array(flags, dtype=object)[rows], "similarity": [round(similarity[k], 4) for k in rows.tolist()],
        "close": similarity[rows] >= CLOSE_RENDERING,
        "voice_a": [voice[i].voice for i in a.tolist()], "voice_b": [voice[i].voice for i in b.tolist()],
        "speaker_a": [voice[i].speaker or "" for i in a.tolist()], "speaker_b": [voice[i].speaker or "" for i in b.tolist()],
        "text_a": text[a], "text_b": text[b]}, columns=CHANGE_COLUMNS)
