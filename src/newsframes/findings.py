"""Key findings for the index page, each computed from the tables and linked to its evidence."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .corpus import Corpus


def _read(table_dir: Path, name: str) -> pd.DataFrame | None:
    path = table_dir / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False) if path.exists() else None


def key_findings(table_dir: Path, corpus: Corpus) -> list[tuple[str, str]]:
    """Plain sentences (HTML, corpus text escaped) with a link to the notebook that shows the evidence."""
    outlets = corpus.outlet_names()
    findings: list[tuple[str, str]] = []
    articles = _read(table_dir, "articles")
    if articles is not None and len(articles) > 1:
        longest = articles.loc[articles["words"].idxmax()]
        shortest = articles.loc[articles["words"].idxmin()]
        findings.append((
            f"The {len(articles)} articles range from {int(shortest['words'])} words "
            f"({html.escape(outlets[shortest['article']])}) to {int(longest['words'])} words "
            f"({html.escape(outlets[longest['article']])}).",
            "reading/00_corpus.html#Articles",
        ))
    furniture = _read(table_dir, "furniture")
    if furniture is not None and len(furniture):
        findings.append((
            f"{len(furniture)} lines of page furniture (navigation, captions, related links, comment forms) were "
            "set aside before analysis.",
            "reading/00_corpus.html#Page-furniture",
        ))
    return findings
