"""Every table behind the report, computed once per corpus and written as CSV.

The file names and columns here are a public interface researchers script against:
add columns freely, never rename or drop one.

Each analysis stage module offers `tables(analysis) -> {file name: DataFrame}`;
`STAGES` lists them in pipeline order.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .pipeline import Analysis

STAGES = [
    "newsframes.tables",
]


def articles_table(analysis: Analysis) -> pd.DataFrame:
    names = analysis.corpus.outlet_names()
    rows = []
    for article in analysis.corpus.articles:
        seg = analysis.segmented[article.id]
        rows.append({
            "article": article.id,
            "outlet": article.outlet,
            "title": seg.text[seg.title.start:seg.title.end] if seg.title else article.title,
            "words": seg.body_words(),
            "sentences": len(seg.sentences),
            "paragraphs": len(seg.paragraphs),
            "furniture_lines": len(seg.furniture),
            "outlet_label": names[article.id],
            "published": article.metadata.get("published", "unknown"),
            "country": article.metadata.get("country", "unknown"),
            "outlet_type": article.metadata.get("outlet_type", "unknown"),
            "credited_sources": "; ".join(article.credited_sources),
            "file": article.path.name,
            "encoding": article.encoding,
            "characters": len(article.text),
        })
    return pd.DataFrame(rows)


def furniture_table(analysis: Analysis) -> pd.DataFrame:
    rows = [
        {"article": f.article, "start": f.start, "end": f.end, "kind": f.kind, "text": f.text}
        for seg in analysis.segmented.values() for f in seg.furniture
    ]
    return pd.DataFrame(rows, columns=["article", "start", "end", "kind", "text"])


def sentences_table(analysis: Analysis) -> pd.DataFrame:
    rows = [
        {"article": s.article, "sentence": s.index, "start": s.start, "end": s.end, "text": s.text,
         "paragraph": s.paragraph, "is_title": seg.title is not None and s.paragraph == 0}
        for seg in analysis.segmented.values() for s in seg.sentences
    ]
    return pd.DataFrame(rows, columns=["article", "sentence", "start", "end", "text", "paragraph", "is_title"])


def tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    """The corpus-level tables: articles, furniture, sentences."""
    return {
        "articles.csv": articles_table(analysis),
        "furniture.csv": furniture_table(analysis),
        "sentences.csv": sentences_table(analysis),
    }


def build_tables(analysis: Analysis, progress=None) -> dict[str, pd.DataFrame]:
    """Every table of every stage, in pipeline order."""
    result: dict[str, pd.DataFrame] = {}
    for name in STAGES:
        if progress:
            progress(name.rsplit(".", 1)[-1])
        result.update(importlib.import_module(name).tables(analysis))
    return result


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write CSVs next to each other, replacing files only once all are written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tables-", dir=out))
    try:
        for name, frame in frames.items():
            frame.to_csv(staging / name, index=False, lineterminator="\n")
        written = []
        for name in frames:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_tables(table_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every CSV in a tables folder, keyed by file stem (`quotes`, `voice`, ...)."""
    return {
        path.stem: pd.read_csv(path, keep_default_na=False, na_values=[""])
        for path in sorted(Path(table_dir).glob("*.csv"))
    }
