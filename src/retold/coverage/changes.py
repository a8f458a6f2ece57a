"""Meaning changes: what differs between aligned renderings of one claim, flagged for a reader to check.

Every aligned pair inside a claim gets `similarity.flags.meaning_flags` (negation,
modality, number, entity, spelling, intensity) plus `attribution`: the voice differs
(the outlet's own narration vs attributed speech vs a quotation, from the voice map)
or a distancing verb ("claimed", "alleged") appears in one only. `close` marks pairs
with similarity >= `CLOSE_RENDERING`, renderings of the same sentence: flags on looser
pairs often reflect different content rather than a rewrite.
"""

from __future__ import annotations

import pandas as pd

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
    return bool(DISTANCING_RE.search(a)) != bool(DISTANCING_RE.search(b))


CHANGE_COLUMNS = ["claim", "article_a", "article_b", "start_a", "end_a", "start_b", "end_b", "flags", "similarity",
                  "close", "voice_a", "voice_b", "speaker_a", "speaker_b", "text_a", "text_b"]


def changes_table(cov: Coverage, voices: VoiceMap) -> pd.DataFrame:
    """Aligned pairs inside a claim, article_a before article_b in corpus order, with meaning flags."""
    rows = []
    voice_of = {}
    for p in cov.pairs:
        if cov.claim_of[p.a] != cov.claim_of[p.b]:
            continue
        a, b = sorted((cov.units[p.a], cov.units[p.b]), key=lambda u: (u.order, u.index))
        sa, sb = a.sentence, b.sentence
        for unit in (a, b):
            if unit.index not in voice_of:
                s = unit.sentence
                voice_of[unit.index] = voice_at(voices.get(s.article, []), s.start, s.end)
        va, vb = voice_of[a.index], voice_of[b.index]
        flags = meaning_flags(sa.text, sb.text)
        if attribution_changed(sa.text, sb.text, va.voice, vb.voice, va.speaker, vb.speaker):
            flags = sorted(flags + ["attribution"])
        rows.append({
            "claim": cov.claim_ids[cov.claim_of[p.a]], "article_a": sa.article, "article_b": sb.article,
            "start_a": sa.start, "end_a": sa.end, "start_b": sb.start, "end_b": sb.end,
            "flags": ";".join(flags), "similarity": round(p.similarity, 4),
            "close": p.similarity >= CLOSE_RENDERING,
            "voice_a": va.voice, "voice_b": vb.voice, "speaker_a": va.speaker or "", "speaker_b": vb.speaker or "",
            "text_a": sa.text, "text_b": sb.text,
            "_order": (cov.claim_of[p.a], a.order, sa.start, b.order, sb.start),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
