"""Every table behind the report, computed once per corpus and written as CSV.

The file names and columns here are a public interface researchers script against:
add columns freely, never rename or drop one.

Each analysis stage module offers `tables(analysis) -> {file name: DataFrame}`;
`STAGES` lists them in pipeline order.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .pipeline import Analysis, Lexicons, analyse

PACKAGE_DIR = Path(__file__).resolve().parent

STAGES = [
    "retold.tables", "retold.quotes", "retold.voice", "retold.framing", "retold.coverage",
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
    """Write CSVs next to each other, replacing files only once all are written.

    Rows end with CRLF (RFC 4180), so the csv writer quotes any field holding a CR or LF of its own:
    article text with old Mac or Windows newlines survives the round trip."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tables-", dir=out))
    try:
        for name, frame in frames.items():
            frame.to_csv(staging / name, index=False, lineterminator="\r\n")
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


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each terminated so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def source_digest() -> str:
    """Hash of the package's own files: code, templates and stylesheet."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(f"{p.relative_to(PACKAGE_DIR)}".encode() + p.read_bytes() for p in files))


def inputs_digest(corpus: Corpus, lexicons: Lexicons) -> str:
    """Hash of everything the tables depend on: corpus files, lexicons and package code."""
    manifest = corpus.path / "corpus.yml"
    parts = [manifest.read_bytes()] + [a.path.read_bytes() for a in corpus.articles]
    parts += [p.read_bytes() if p.exists() else b"" for p in lexicons.files()]
    return digest(*parts, source_digest())


def mark_tables_current(table_dir: Path, corpus: Corpus, lexicons: Lexicons) -> None:
    """Record which inputs the tables in `table_dir` were computed from."""
    (Path(table_dir) / ".inputs").write_text(inputs_digest(corpus, lexicons))


def ensure_tables(corpus: Corpus, lexicons: Lexicons, table_dir: Path, log=None) -> bool:
    """Compute the tables unless they are already there for exactly these inputs."""
    stamp = table_dir / ".inputs"
    current = inputs_digest(corpus, lexicons)
    if stamp.exists() and stamp.read_text() == current and (table_dir / "articles.csv").exists():
        return False
    started = time.perf_counter()
    write_tables(build_tables(analyse(corpus, lexicons)), table_dir)
    mark_tables_current(table_dir, corpus, lexicons)
    if log:
        log(f"  tables ({time.perf_counter() - started:.1f} s)")
    return True
