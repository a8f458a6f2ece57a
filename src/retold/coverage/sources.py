"""Sources: the news agencies an article names, and the cue that credits each one.

Agencies come from `data/agencies.yml`. The cue is "citing", "quoted by", "reported
by", "according to", "told", a dateline, a photo credit, "news agency" after the name,
or `mention` when there is none.
"""

from __future__ import annotations

import re

import pandas as pd
import yaml

from ..config import AGENCIES_FILE
from ..model import SourceCredit
from ..text.segment import SegmentedArticle

AGENCIES: dict[str, str] = yaml.safe_load(AGENCIES_FILE.read_text(encoding="utf-8"))
AGENCY_RE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(AGENCIES.values()))
                       + r")(?![\w-])")
CUES_BEFORE = [
    ("citing", re.compile(r"\b(citing|quoting|cited|cites)\s+(the\s+)?([\w-]+\s+){0,2}$", re.I)),
    ("quoted by", re.compile(r"\b(quoted|taken|carried)\s+by\s+(the\s+)?$", re.I)),
    ("reported by", re.compile(r"\breported\s+by\s+(the\s+)?$", re.I)),
    ("according to", re.compile(r"\baccording\s+to\s+(the\s+)?$", re.I)),
    ("told", re.compile(r"\b(told|tells|said to|speaking to|interview with)\s+(the\s+)?$", re.I)),
    ("photo credit", re.compile(r"\b(photo|foto|image|picture|credit)s?\s*(:|/|by)\s*$", re.I)),
]
CUES_AFTER = [
    ("photo credit", re.compile(r"^\s*(photo|/)|^\s*\)?\s*$|^\s*(file\s+)?photo\)", re.I)),
    ("news agency", re.compile(r"^\s+(news\s+)?(agency|reported|reports|said|says|quoted|cited)\b", re.I)),
]
DATELINE_AFTER = re.compile(r"^\)?\s*(,|[-–—]|\))")
DATELINE_BEFORE = re.compile(r"(^|\n)\s*([A-Z][\w .]*\s*\(|)$")
def credited_sources(article: str, text: str, furniture_spans=()) -> list[SourceCredit]:
    """Agencies named in a text, each with the cue that credits it (or `mention`)."""
    names = list(AGENCIES)
    credits = []
    for match in AGENCY_RE.finditer(text):
        source = names[int(next(k for k, v in match.groupdict().items() if v is not None)[1:])]
        before = text[max(0, match.start() - 60):match.start()]
        after = text[match.end():match.end() + 30]
        cue = next((name for name, rx in CUES_BEFORE if rx.search(before)), None)
        if cue is None and DATELINE_AFTER.match(after) and DATELINE_BEFORE.search(before):
            cue = "dateline"
        if cue is None:
            cue = next((name for name, rx in CUES_AFTER if rx.search(after)), None)
        if cue is None and re.search(r"\(\s*$", before) and re.match(r"^\s*(photo|/|\))", after, re.I):
            cue = "photo credit"
        in_body = not any(s <= match.start() < e for s, e in furniture_spans)
        credits.append(SourceCredit(article, match.start(), match.end(), source=source, cue=cue or "mention",
                                    in_body=in_body))
    return credits


def article_credits(seg: SegmentedArticle) -> list[SourceCredit]:
    """`credited_sources` of one segmented article, furniture marked (a per-article stage)."""
    return credited_sources(seg.article.id, seg.text, [(f.start, f.end) for f in seg.furniture])


def sources_table(articles: list[SegmentedArticle], credits: list[list[SourceCredit]] | None = None
                  ) -> pd.DataFrame:
    """Every agency credit, article by article; `credits` are those the per-article stages found, if given."""
    found = credits if credits is not None else [article_credits(seg) for seg in articles]
    rows = [c.to_row() for in_article in found for c in in_article]
    return pd.DataFrame(rows, columns=["article", "source", "start", "end", "cue", "in_body"])
