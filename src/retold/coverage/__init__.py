"""Coverage: which claims each outlet carries, adds, omits and changes; text reuse; credited sources.

`align` pairs sentences of different articles that say the same thing, `claims`
groups them into claims and finds additions and omissions, `changes` flags what a
rewrite changed, `reuse` measures shared wording and `sources` the agencies credited.
"""

from .align import AlignedPair, Unit, align_units, content_units
from .changes import CLOSE_RENDERING, attribution_changed, changes_table, credited, is_close
from .claims import Coverage, additions_omissions, claims_table, cluster_claims, compute_coverage, short_label
from .reuse import reuse_table, shingles
from .sources import credited_sources, sources_table
from .tables import coverage_tables

__all__ = [
    "CLOSE_RENDERING", "AlignedPair", "Coverage", "Unit", "additions_omissions", "align_units",
    "attribution_changed", "changes_table", "credited", "is_close", "claims_table", "cluster_claims", "compute_coverage", "content_units",
    "coverage_tables", "credited_sources", "reuse_table", "shingles", "sources_table",
]
