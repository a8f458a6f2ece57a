"""The naming map: which label each outlet uses for the same thing, and in whose voice."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..model import NameHit
from ..text.segment import SegmentedArticle
from ..vocab import VOICES
from ..voice import VoiceMap, voice_at
from .lexicon import NamingConcept, longest_matches, matcher_set
from .terms import paragraph_spans


def naming_hits(articles: list[SegmentedArticle], concepts: tuple[NamingConcept, ...], voices: VoiceMap
                ) -> list[NameHit]:
    """Every naming-label occurrence; the longest label wins within a concept, concepts are independent."""
    hits = []
    for concept in concepts:
        matchers = matcher_set([(i, rx) for i, label in enumerate(concept.labels) for rx in label.matchers],
                               {i: f"naming concept {concept.concept!r}, label {label.label!r}"
                                for i, label in enumerate(concept.labels)})
        for segmented in articles:
            article_id, text = segmented.article.id, segmented.text
            for m in longest_matches(text, paragraph_spans(segmented), matchers):
                segment = voice_at(voices.get(article_id, []), m.start, m.end)
                hits.append(NameHit(article_id, m.start, m.end, concept=concept.concept,
                                    label=concept.labels[m.key].label, text=text[m.start:m.end],
                                    voice=segment.voice, speaker=segment.speaker))
    return hits


def naming_counts(hits: list[NameHit], concepts: tuple[NamingConcept, ...], outlets: dict[str, str]
                  ) -> pd.DataFrame:
    """concept, label, article, count (zeros included) plus counts by voice, in lexicon and corpus order;
    `source` says whether the concept comes from a lexicon or was discovered (framing.variants)."""
    tally = Counter((h.concept, h.label, h.article, h.voice) for h in hits)
    rows = []
    for concept in concepts:
        for label in concept.labels:
            for article_id, outlet in outlets.items():
                by_voice = {v: tally[(concept.concept, label.label, article_id, v)] for v in VOICES}
                rows.append({"concept": concept.concept, "label": label.label, "article": article_id,
                             "count": sum(by_voice.values()), **by_voice, "outlet": outlet,
                             "source": "discovered" if concept.discovered else "lexicon"})
    return pd.DataFrame(rows, columns=["concept", "label", "article", "count", *VOICES, "outlet", "source"])


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
