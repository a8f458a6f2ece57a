"""Claims: aligned sentences grouped into statements, and what each outlet adds or omits.

Aligned sentences are merged strongest pair first into claims by average linkage
(`similarity.grouping`) under two rules that stop chaining: a claim holds at most one
sentence per article, and two groups merge only when the mean similarity over their
cross pairs (an evenly spread sample for big claims) is at least `LINK_THRESHOLD`.
Every other content sentence is a claim of its own. A sentence that joins two claims in
one outlet can only belong to one of them.

Additions are claims only one article carries; omissions are claims carried by more
than half of the *other* articles (and at least two) that an article lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..similarity.grouping import average_linkage
from ..similarity.vectors import TextVectors, text_vectors
from ..text.segment import SegmentedArticle
from .align import AlignedPair, Unit, align_units, content_units

LINK_THRESHOLD = 0.33


@dataclass
class Coverage:
    """Everything coverage computes for one corpus (indices refer to `units`)."""

    units: list[Unit]
    pairs: list[AlignedPair]
    claims: list[list[int]]
    claim_of: dict[int, int]
    claim_ids: list[str]
    labels: list[str]
    article_ids: list[str]
    representatives: list[int] | None = None


def cluster_claims(units: list[Unit], pairs: list[AlignedPair], vectors: TextVectors,
                   link: float = LINK_THRESHOLD, max_cross: int = 400, engine=None) -> list[list[int]]:
    """Group aligned sentences into claims: one sentence per article, average linkage >= `link`
    (over at most `max_cross` cross pairs: evenly spread samples of big claims)."""
    grouping = average_linkage(len(units), [(p.similarity, p.a, p.b) for p in pairs], vectors,
                               [u.article for u in units], link, one_per_owner=True, max_cross=max_cross,
                               engine=engine)
    return sorted(grouping.members.values(),
                  key=lambda m: (-len({units[i].article for i in m}), units[m[0]].order, m[0]))


def _medoid(claim: list[int], vectors: TextVectors) -> int:
    """The member most similar on average to the others (first on ties)."""
    if len(claim) <= 2:
        return claim[0]
    scores = vectors.mean_scores_within(claim).round(6)
    return claim[int(np.argmax(scores))]


def short_label(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class AlignedClaims:
    """The sentences to compare, their vectors, the aligned pairs and the claims they form (the costly part of
    `compute_coverage`, on the workers: a caller can start other work once it is done)."""

    units: list[Unit]
    vectors: TextVectors
    pairs: list[AlignedPair]
    claims: list[list[int]]


def aligned_claims(articles: list[SegmentedArticle], engine=None) -> AlignedClaims:
    """Sentences aligned across articles and grouped into claims; `engine` (`retold.engine`, default: this
    process) runs the vectors, the candidate search and the grouping."""
    units = content_units(articles)
    vectors = text_vectors([u.sentence.text for u in units], engine)
    pairs = align_units(units, vectors, engine=engine)
    return AlignedClaims(units, vectors, pairs, cluster_claims(units, pairs, vectors, engine=engine))


def compute_coverage(articles: list[SegmentedArticle], engine=None, aligned: AlignedClaims | None = None
                     ) -> Coverage:
    """Sentences aligned across articles and grouped into claims, with a label for each claim (from `aligned`
    when already computed)."""
    aligned = aligned or aligned_claims(articles, engine)
    units, vectors, claims = aligned.units, aligned.vectors, aligned.claims
    width = max(3, len(str(len(claims))))
    claim_ids = [f"c{n + 1:0{width}d}" for n in range(len(claims))]
    claim_of = {i: n for n, claim in enumerate(claims) for i in claim}
    representatives = [_medoid(claim, vectors) for claim in claims]
    labels = [short_label(units[i].sentence.text) for i in representatives]
    return Coverage(units, aligned.pairs, claims, claim_of, claim_ids, labels, [s.article.id for s in articles],
                    representatives)


def claims_table(cov: Coverage) -> pd.DataFrame:
    rows = []
    for n, claim in enumerate(cov.claims):
        carried = len({cov.units[i].article for i in claim})
        for i in claim:
            s = cov.units[i].sentence
            rows.append({"claim": cov.claim_ids[n], "article": s.article, "start": s.start, "end": s.end,
                         "text": s.text, "sentence": s.index, "outlets": carried, "label": cov.labels[n]})
    return pd.DataFrame(rows, columns=["claim", "article", "start", "end", "text", "sentence", "outlets", "label"])



def additions_omissions(cov: Coverage) -> pd.DataFrame:
    """Per article: claims only it carries (addition) and claims most others carry that it lacks (omission).

    `text` is the claim in full (for an omission, the sentence most typical of the claim, located by the
    evidence columns); `label` is a shortened form for charts."""
    n_articles = len(cov.article_ids)
    rows = []
    for n, claim in enumerate(cov.claims):
        carriers = {cov.units[i].article: cov.units[i].sentence for i in claim}
        if len(carriers) == 1:
            (article, s), = carriers.items()
            rows.append({"article": article, "claim": cov.claim_ids[n], "kind": "addition", "carried_by": 1,
                         "start": s.start, "end": s.end, "label": cov.labels[n], "text": s.text,
                         "evidence_article": article, "evidence_start": s.start, "evidence_end": s.end})
            continue
        if n_articles < 3 or len(carriers) / (n_articles - 1) <= 0.5:
            continue
        typical = cov.units[cov.representatives[n] if cov.representatives else claim[0]].sentence
        for article in cov.article_ids:
            if article not in carriers:
                rows.append({"article": article, "claim": cov.claim_ids[n], "kind": "omission",
                             "carried_by": len(carriers), "start": None, "end": None, "label": cov.labels[n],
                             "text": typical.text, "evidence_article": typical.article,
                             "evidence_start": typical.start, "evidence_end": typical.end})
    order = {a: k for k, a in enumerate(cov.article_ids)}
    rows.sort(key=lambda r: (order[r["article"]], r["kind"], r["claim"]))
    frame = pd.DataFrame(rows, columns=["article", "claim", "kind", "carried_by", "start", "end", "label", "text",
                                        "evidence_article", "evidence_start", "evidence_end"])
    return frame.astype({"start": "Int64", "end": "Int64", "evidence_start": "Int64", "evidence_end": "Int64"})
