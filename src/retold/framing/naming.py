"""The naming map: which label each outlet uses for the same thing, and in whose voice."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..model import NameHit
from ..text.segment import SegmentedArticle
from ..vocab import VOICES
from ..voice import VoiceMap, voice_at
from .lexicon import MatcherSet, NamingConcept, longest_in_span, matcher_set
from .terms import paragraph_spans


def naming_hits(articles: list[SegmentedArticle], concepts: tuple[NamingConcept, ...], voices: VoiceMap
                ) -> list[NameHit]:
    """Every naming-label occurrence; the longest label wins within a concept, concepts are independent.

    One prefilter over every concept's labels picks, per paragraph, the few label patterns worth running."""
    if not concepts:
        return []
    matchers, first_key = _concept_matchers(tuple(concepts))
    hits: list[list[NameHit]] = [[] for _ in concepts]
    for segmented in articles:
        article_id, text = segmented.article.id, segmented.text
        spans = [(start, end, matchers.possible(text[start:end])) for start, end in paragraph_spans(segmented)]
        for c, concept in enumerate(concepts):
            lo, hi = first_key[c], first_key[c + 1]
            for start, end, numbers in spans:
                mine = [n for n in numbers if lo <= matchers.items[n][0] < hi]
                for m in longest_in_span(text, start, end, mine, matchers) if mine else ():
                    segment = voice_at(voices.get(article_id, []), m.start, m.end)
                    hits[c].append(NameHit(article_id, m.start, m.end, concept=concept.concept,
                                           label=concept.labels[m.key - lo].label, text=text[m.start:m.end],
                                           voice=segment.voice, speaker=segment.speaker))
    return [h for concept_hits in hits for h in concept_hits]


_CONCEPT_MATCHERS: dict[int, tuple[tuple[NamingConcept, ...], MatcherSet, list[int]]] = {}
CONCEPT_MATCHERS_KEPT = 8


def _concept_matchers(concepts: tuple[NamingConcept, ...]) -> tuple[MatcherSet, list[int]]:
    """Every concept's label matchers in one set, keyed by a number running across concepts, and the first key of
    each concept (then the total); kept per concepts object, as every article of a run asks for the same."""
    kept = _CONCEPT_MATCHERS.get(id(concepts))
    if kept is not None and kept[0] is concepts:
        return kept[1], kept[2]
    items, labels, first_key = [], {}, [0]
    for concept in concepts:
        for i, label in enumerate(concept.labels):
            key = first_key[-1] + i
            items += [(key, rx) for rx in label.matchers]
            labels[key] = f"naming concept {concept.concept!r}, label {label.label!r}"
        first_key.append(first_key[-1] + len(concept.labels))
    matchers = matcher_set(items, labels)
    if len(_CONCEPT_MATCHERS) >= CONCEPT_MATCHERS_KEPT:
        _CONCEPT_MATCHERS.clear()
    _CONCEPT_MATCHERS[id(concepts)] = (concepts, matchers, first_key)
    return matchers, first_key


NAMING_COLUMNS = ["concept", "label", "article", "count", *VOICES, "outlet", "source"]


def naming_counts(hits: list[NameHit], concepts: tuple[NamingConcept, ...], outlets: dict[str, str]
                  ) -> pd.DataFrame:
    """concept, label, article, count (zeros included) plus counts by voice, in lexicon and corpus order;
    `source` says whether the concept comes from a lexicon or was discovered (framing.variants).
    Built column by column: a large corpus has a row for every label in every article."""
    labels = [(concept.concept, label.label, "discovered" if concept.discovered else "lexicon")
              for concept in concepts for label in concept.labels]
    articles = list(outlets)
    if not labels or not articles:
        return pd.DataFrame([], columns=NAMING_COLUMNS)
    rows_of: dict[tuple[str, str], list[int]] = {}
    for n, (concept, label, _) in enumerate(labels):
        rows_of.setdefault((concept, label), []).append(n * len(articles))
    column = {article: n for n, article in enumerate(articles)}
    by_voice = {voice: np.zeros(len(labels) * len(articles), dtype=np.int64) for voice in VOICES}
    for (concept, label, article, voice), count in Counter((h.concept, h.label, h.article, h.voice)
                                                           for h in hits).items():
        if voice in by_voice and article in column:
            for first in rows_of.get((concept, label), ()):
                by_voice[voice][first + column[article]] = count

    def per_label(values: list[str]) -> np.ndarray:
        return np.repeat(np.array(values, dtype=object), len(articles))

    def per_article(values: list[str]) -> np.ndarray:
        return np.tile(np.array(values, dtype=object), len(labels))

    concept_of, label_of, source_of = (list(values) for values in zip(*labels))
    return pd.DataFrame({"concept": per_label(concept_of), "label": per_label(label_of),
                         "article": per_article(articles), "count": sum(by_voice.values()), **by_voice,
                         "outlet": per_article(list(outlets.values())), "source": per_label(source_of)},
                        columns=NAMING_COLUMNS)


def naming_map(naming: pd.DataFrame, outlets: dict[str, str], voice: str | None = None) -> pd.DataFrame:
    """A readable naming map: rows (concept, label), one column per outlet, counts; labels nobody used dropped.

    With `voice`, counts only occurrences in that voice (e.g. "author": the outlet's own words).
    """
    column = voice or "count"
    table = naming.pivot_table(index=["concept", "label"], columns="article", values=column, aggfunc="sum",
                               sort=False, fill_value=0)
    table = table[[a for a in outlets if a in table.columns]]
    table.columns = [outlets[a] for a in table.columns]
    table = table[table.sum(axis=1) > 0]
    table.index.names = ["concept", "label"]
    return table.astype(int)
