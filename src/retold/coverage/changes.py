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

import pandas as pd

from ..quotes.people import ORG_WORDS, is_title
from ..similarity.flags import capitalised_names, meaning_flags
from ..similarity.vectors import content_stems, stem
from ..text.words import words
from ..vocab import AUTHOR
from ..voice import VoiceMap, voice_at
from .claims import Coverage

CLOSE_RENDERING = 0.55
CLOSE_SHARED = 0.5
CREDITED_SHARE = 0.2
CREDITED_CHARS = 30
UNNAMED = "(unnamed source)"


def _plain_stems(text: str) -> set[str]:
    """Content stems without names, titles and organisation words ("chief executive of the port authority"):
    what is said, not who it is about."""
    names = capitalised_names(text)
    return {stem(w) for w in words(text) if w not in names and not is_title(w) and w not in ORG_WORDS} \
        & set(content_stems(text))


def shared_content(a: str, b: str) -> float:
    """Share of the shorter text's content stems (names aside) found in the other."""
    sa, sb = _plain_stems(a), _plain_stems(b)
    return len(sa & sb) / min(len(sa), len(sb)) if sa and sb else 0.0


def is_close(a: str, b: str, similarity: float) -> bool:
    """Are a and b rewrites of one sentence (see the module docstring)?"""
    return similarity >= CLOSE_RENDERING and shared_content(a, b) >= CLOSE_SHARED


def credited(voices: VoiceMap, article: str, start: int, end: int) -> list[str]:
    """Who a sentence credits: the speakers of its quoted or attributed stretches when they cover at least
    `CREDITED_CHARS` characters or `CREDITED_SHARE` of it (a lone scare quote does not), in text order
    (`UNNAMED` for a quotation whose speaker is unknown)."""
    covered: dict[str, int] = {}
    for segment in voices.get(article, []):
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


def _main_voice(voices: VoiceMap, article: str, start: int, end: int) -> tuple[str, str]:
    segment = voice_at(voices.get(article, []), start, end)
    return segment.voice, segment.speaker or ""


def changes_table(cov: Coverage, voices: VoiceMap) -> pd.DataFrame:
    """Aligned pairs inside a claim, article_a before article_b in corpus order, with meaning flags."""
    rows = []
    for p in cov.pairs:
        if cov.claim_of[p.a] != cov.claim_of[p.b]:
            continue
        a, b = sorted((cov.units[p.a], cov.units[p.b]), key=lambda u: (u.order, u.index))
        sa, sb = a.sentence, b.sentence
        credit_a = credited(voices, sa.article, sa.start, sa.end)
        credit_b = credited(voices, sb.article, sb.start, sb.end)
        flags = meaning_flags(sa.text, sb.text)
        if attribution_changed(credit_a, credit_b):
            flags = sorted(flags + ["attribution"])
        (voice_a, speaker_a), (voice_b, speaker_b) = (_main_voice(voices, s.article, s.start, s.end) for s in (sa, sb))
        rows.append({
            "claim": cov.claim_ids[cov.claim_of[p.a]], "article_a": sa.article, "article_b": sb.article,
            "start_a": sa.start, "end_a": sa.end, "start_b": sb.start, "end_b": sb.end,
            "flags": ";".join(flags), "similarity": round(p.similarity, 4),
            "close": is_close(sa.text, sb.text, p.similarity),
            "voice_a": voice_a, "voice_b": voice_b, "speaker_a": speaker_a, "speaker_b": speaker_b,
            "text_a": sa.text, "text_b": sb.text, "shared_content": round(shared_content(sa.text, sb.text), 4),
            "credit_a": "; ".join(credit_a), "credit_b": "; ".join(credit_b),
            "_order": (cov.claim_of[p.a], a.order, sa.start, b.order, sb.start),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
