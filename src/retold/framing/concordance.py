"""Keyword in context and dispersion: every occurrence of a term, its context, position and voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from ..voice import VoiceMap, voice_at
from .lexicon import compile_bounded, literal_regex, widened_regex

ParagraphSpans = dict[str, list[tuple[int, int, int]]]  # article -> (paragraph, start, end) of title and body


@dataclass(frozen=True)
class ArticleTexts:
    """What concordances read: each article's text, its title and body paragraphs, voices and outlet label."""

    texts: dict[str, str]
    paragraphs: ParagraphSpans
    voices: VoiceMap
    outlets: dict[str, str]


def term_regex(terms: str | Iterable[str], regex: bool = False) -> re.Pattern:
    """One matcher for a term or several: whole words, any case; literal unless `regex`."""
    items = [terms] if isinstance(terms, str) else list(terms)
    bodies = [widened_regex(t) if regex else literal_regex(t) for t in items]
    bodies.sort(key=len, reverse=True)
    return compile_bounded("|".join(f"(?:{b})" for b in bodies))


def _term_occurrences(source: ArticleTexts, terms: str | Iterable[str], regex: bool) -> list[dict]:
    matcher = term_regex(terms, regex)
    rows = []
    for article_id, spans in source.paragraphs.items():
        if not spans:
            continue
        text = source.texts[article_id]
        body_start, body_end = spans[0][1], spans[-1][2]
        for paragraph, start, end in spans:
            for m in matcher.finditer(text, start, end):
                segment = voice_at(source.voices.get(article_id, []), m.start(), m.end())
                rows.append({"article": article_id, "start": m.start(), "end": m.end(), "match": m.group(),
                             "paragraph": paragraph, "para_start": start, "para_end": end,
                             "position": (m.start() - body_start) / max(1, body_end - body_start),
                             "voice": segment.voice, "speaker": segment.speaker})
    return rows


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


CONCORDANCE_COLUMNS = ["article", "outlet", "start", "end", "left", "match", "right", "voice", "speaker",
                       "paragraph", "position"]


def concordance(source: ArticleTexts, term: str | Iterable[str], width: int = 60, regex: bool = False
                ) -> pd.DataFrame:
    """Keyword-in-context lines for a term (or several) in every article.

    Context stays inside the paragraph. Columns: article, outlet, start, end, left, match, right,
    voice, speaker, paragraph, position (0 = start of the title, 1 = end of the body).
    """
    rows = []
    for hit in _term_occurrences(source, term, regex):
        text = source.texts[hit["article"]]
        left_start = max(hit["para_start"], hit["start"] - width)
        right_end = min(hit["para_end"], hit["end"] + width)
        rows.append({
            "article": hit["article"], "outlet": source.outlets[hit["article"]], "start": hit["start"],
            "end": hit["end"],
            "left": ("…" if left_start > hit["para_start"] else "") + _one_line(text[left_start:hit["start"]]),
            "match": hit["match"],
            "right": _one_line(text[hit["end"]:right_end]) + ("…" if right_end < hit["para_end"] else ""),
            "voice": hit["voice"], "speaker": hit["speaker"], "paragraph": hit["paragraph"],
            "position": round(hit["position"], 4),
        })
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)


def dispersion(source: ArticleTexts, terms: dict[str, str | list[str]] | Iterable[str], regex: bool = False
               ) -> pd.DataFrame:
    """Where each term falls in each article: position 0 = start of the title, 1 = end of the body.

    `terms` is a list of terms, or a mapping name -> term(s) to group spellings ({"colour": ["colour", "color"]}).
    Columns: article, outlet, term, match, start, end, position, voice, speaker.
    """
    groups = dict(terms) if isinstance(terms, dict) else {t: t for t in terms}
    rows = []
    for name, pattern in groups.items():
        for hit in _term_occurrences(source, pattern, regex):
            rows.append({"article": hit["article"], "outlet": source.outlets[hit["article"]], "term": name,
                         "match": hit["match"], "start": hit["start"], "end": hit["end"],
                         "position": round(hit["position"], 4), "voice": hit["voice"], "speaker": hit["speaker"]})
    columns = ["article", "outlet", "term", "match", "start", "end", "position", "voice", "speaker"]
    return pd.DataFrame(rows, columns=columns)
