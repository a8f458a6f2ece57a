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
    (computed through `engine.map` when an engine is given)."""
    inside = [sorted((cov.units[p.a], cov.units[p.b]), key=lambda u: (u.order, u.index)) + [p]
              for p in cov.pairs if cov.claim_of[p.a] == cov.claim_of[p.b]]
    found = map_distinct(engine, meaning_flags, [(a.sentence.text, b.sentence.text) for a, b, _ in inside],
                         "claim flags", star=True)
    voice_of = {}
    for a, b, _ in inside:
        for unit in (a, b):
            if unit.index not in voice_of:
                s = unit.sentence
                voice_of[unit.index] = voice_at(voices.get(s.article, []), s.start, s.end)
    order = sorted(range(len(inside)), key=lambda k: (cov.claim_of[inside[k][2].a], inside[k][0].order,
                                                      inside[k][0].sentence.start, inside[k][1].order,
                                                      inside[k][1].sentence.start))
    columns: dict[str, list] = {name: [] for name in CHANGE_COLUMNS}
    for k in order:
        a, b, p = inside[k]
        sa, sb, va, vb = a.sentence, b.sentence, voice_of[a.index], voice_of[b.index]
        flags = found[k]
        if attribution_changed(sa.text, sb.text, va.voice, vb.voice, va.speaker, vb.speaker):
            flags = sorted(flags + ["attribution"])
        for name, value in zip(CHANGE_COLUMNS, (
                cov.claim_ids[cov.claim_of[p.a]], sa.article, sb.article, sa.start, sa.end, sb.start, sb.end,
                ";".join(flags), round(p.similarity, 4), p.similarity >= CLOSE_RENDERING, va.voice, vb.voice,
                va.speaker or "", vb.speaker or "", sa.text, sb.text)):
            columns[name].append(value)
    return pd.DataFrame(columns, columns=CHANGE_COLUMNS)
