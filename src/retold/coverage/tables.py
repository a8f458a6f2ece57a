"""claims.csv, changes.csv, reuse.csv, sources.csv and coverage.csv (additions and omissions)."""

from __future__ import annotations

import pandas as pd

from ..model import SourceCredit
from ..text.segment import SegmentedArticle
from ..voice import VoiceMap
from .changes import changes_table
from .claims import Coverage, additions_omissions, claims_table
from .reuse import ShingleOverlap, reuse_table
from .sources import sources_table


def coverage_tables(cov: Coverage, articles: list[SegmentedArticle], voices: VoiceMap, engine=None,
                    credits: list[list[SourceCredit]] | None = None, overlap: ShingleOverlap | None = None
                    ) -> dict[str, pd.DataFrame]:
    """claims.csv, changes.csv, reuse.csv, sources.csv and coverage.csv (additions and omissions); `credits`
    are the agency credits of each article if the per-article stages found them, `overlap` the articles'
    shared 5-grams if computed elsewhere (`reuse.shingle_overlap`)."""
    return {
        "claims.csv": claims_table(cov),
        "changes.csv": changes_table(cov, voices, engine),
        "reuse.csv": reuse_table(articles, cov, overlap),
        "sources.csv": sources_table(articles, credits),
        "coverage.csv": additions_omissions(cov),
    }
