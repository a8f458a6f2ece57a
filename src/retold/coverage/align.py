"""Sentence alignment: which body sentences of different articles say the same thing.

Body sentences (not titles, not page furniture) with at least `MIN_STEMS` content words
are compared across articles. Candidate pairs come from `similarity.candidates` (an
inverted index over content stems plus MinHash LSH for widely shared wording, never all
pairs); each is scored with `similarity.vectors` (content-stem cosine plus character
3–5-gram cosine: stems survive re-ordering and inflection, character n-grams survive
spelling variants and give partial credit to close paraphrase, and neither needs corpus
statistics). A pair is aligned when it scores at least `ALIGN_THRESHOLD` and is the best
match of one of its sentences in the other article, or at least `MUTUAL_THRESHOLD` and
the best match of both. The thresholds were set by reading the seed pairs around them:
below about 0.40, sentences of one single-event corpus often share only topic words;
mutual best matches above 0.30 were still mostly real paraphrases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import serial
from ..model import Sentence
from ..similarity.vectors import TextVectors, content_stems
from ..text.segment import SegmentedArticle

MIN_STEMS = 3
ALIGN_THRESHOLD = 0.40
MUTUAL_THRESHOLD = 0.30


@dataclass(frozen=True, slots=True)
class Unit:
    """A body sentence taking part in alignment."""

    index: int
    sentence: Sentence
    order: int  # position of its article in the corpus

    @property
    def article(self) -> str:
        return self.sentence.article


@dataclass(frozen=True, slots=True)
class AlignedPair:
    a: int
    b: int
    similarity: float


def content_units(articles: list[SegmentedArticle]) -> list[Unit]:
    """Body sentences with enough content words, in corpus order."""
    units = []
    for order, seg in enumerate(articles):
        for sentence in seg.sentences:
            if seg.title is not None and sentence.paragraph == 0:
                continue
            if len(content_stems(sentence.text)) < MIN_STEMS:
                continue
            units.append(Unit(len(units), sentence, order))
    return units


def align_units(units: list[Unit], vectors: TextVectors, threshold: float = ALIGN_THRESHOLD,
                mutual_threshold: float = MUTUAL_THRESHOLD, top_k: int = 10, engine=None) -> list[AlignedPair]:
    """Aligned sentence pairs from different articles.

    A pair aligns when it scores at least `threshold` and is the best match of one of
    its sentences in the other article, or at least `mutual_threshold` and the best
    match of both (a looser paraphrase that nothing else in either article rivals).
    """
    candidates = (engine or serial()).candidate_pairs([u.sentence.text for u in units], [u.article for u in units],
                                                      top_k=top_k)
    if not candidates:
        return []
    left = np.array([p[0] for p in candidates])
    right = np.array([p[1] for p in candidates])
    scores = vectors.pair_scores(left, right)
    article = np.array([u.order for u in units], dtype=np.int64)
    # the best score of each unit against each other article, over both directions of every pair
    keys = np.r_[left, right] * (int(article.max()) + 1) + np.r_[article[right], article[left]]
    _, slot = np.unique(keys, return_inverse=True)
    best = np.full(int(slot.max()) + 1, -1.0, dtype=scores.dtype)
    np.maximum.at(best, slot, np.r_[scores, scores])
    best_i, best_j = scores >= best[slot[:left.size]], scores >= best[slot[left.size:]]
    aligned = ((scores >= threshold) & (best_i | best_j)) | ((scores >= mutual_threshold) & best_i & best_j)
    order = np.flatnonzero(aligned)
    order = order[np.lexsort((right[order], left[order], -scores[order]))]
    return [AlignedPair(int(left[k]), int(right[k]), float(scores[k])) for k in order]
