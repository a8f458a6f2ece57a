"""What is stale: the one place the build decides what to recompute, re-execute and re-render.

Three keys, each a SHA-256 over exactly what an output depends on:

* tables: the corpus files, the lexicons and the analysis code (the package without
  `view/` and `build/`), recorded in `tables/.inputs`;
* an executed notebook: the notebook, its parameters, the analysis and view code, the
  corpus files it shows, and the table rows it reads (a per-article page reads only the
  rows about its article and the claims and groups they share);
* its HTML: the executed notebook and the rendering code (templates, stylesheet,
  `render.py`).

So editing the stylesheet or a template re-renders HTML without recomputing tables or
re-executing notebooks, and editing one article re-runs only what shows it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from pathlib import Path

from ..config import PACKAGE_DIR
from ..corpus import Corpus
from ..pipeline import Lexicons, analyse, build_tables
from ..tables import write_tables
from .layout import write_atomic

ARTICLE_COLUMNS = ("article", "article_a", "article_b")
RENDER_SOURCES = ("build/templates", "build/report.css", "build/render.py")
CsvRows = dict[str, tuple[list[str], list[list[str]]]]


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each terminated so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _package_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc", ".ipynb"))


def _files_digest(files: list[Path]) -> str:
    return digest(*(p.relative_to(PACKAGE_DIR).as_posix().encode() + p.read_bytes() for p in files))


def _under(path: Path, prefixes) -> bool:
    relative = path.relative_to(PACKAGE_DIR).as_posix()
    return any(relative == p or relative.startswith(p + "/") for p in prefixes)


def analysis_digest() -> str:
    """Hash of the code and data that compute tables (everything but `view/` and `build/`)."""
    return _files_digest([p for p in _package_files() if not _under(p, ("view", "build"))])


def notebook_code_digest() -> str:
    """Hash of the code a notebook runs: the analysis and the view helpers."""
    return _files_digest([p for p in _package_files() if not _under(p, ("build",))])


def render_digest() -> str:
    """Hash of the code that turns an executed notebook into HTML."""
    return _files_digest([p for p in _package_files() if _under(p, RENDER_SOURCES)])


def corpus_files(corpus: Corpus, article: str | None = None) -> list[bytes]:
    """The bytes of corpus.yml and of the articles (or one article)."""
    articles = [corpus.article(article)] if article else corpus.articles
    return [(corpus.path / "corpus.yml").read_bytes()] + [a.path.read_bytes() for a in articles]


def tables_digest(corpus: Corpus, lexicons: Lexicons) -> str:
    """Hash of everything the tables depend on: corpus files, lexicons and analysis code."""
    lexicon_bytes = [p.read_bytes() if p.exists() else b"" for p in lexicons.files()]
    return digest(*corpus_files(corpus), *lexicon_bytes, analysis_digest())


def mark_tables_current(table_dir: Path, corpus: Corpus, lexicons: Lexicons) -> None:
    """Record which inputs the tables in `table_dir` were computed from (replacing the stamp, never editing it:
    a report being rebuilt shares its files with the previous one through hard links)."""
    write_atomic(Path(table_dir) / ".inputs", tables_digest(corpus, lexicons))


def ensure_tables(corpus: Corpus, lexicons: Lexicons, table_dir: Path, log=None,
                  expected: list[str] | None = None) -> list[str] | None:
    """Compute the tables unless they are already there for exactly these inputs (and every `expected` table
    file exists); return the names of the tables written, or None if nothing had to be computed."""
    stamp = table_dir / ".inputs"
    current = tables_digest(corpus, lexicons)
    present = all((table_dir / name).exists() for name in (expected or ["articles.csv"]))
    if stamp.exists() and stamp.read_text() == current and present:
        return None
    started = time.perf_counter()
    written = write_tables(build_tables(analyse(corpus, lexicons)), table_dir)
    write_atomic(stamp, current)
    if log:
        log(f"  tables ({time.perf_counter() - started:.1f} s)")
    return [path.name for path in written]


def read_csv_rows(table_dir: Path, names: list[str] | None = None) -> CsvRows:
    """Every table (or the named ones) as (header, rows) of raw strings, for hashing what each job reads."""
    tables = {}
    paths = [table_dir / name for name in names] if names is not None else table_dir.glob("*.csv")
    for path in sorted(paths):
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        tables[path.name] = (rows[0] if rows else [], rows[1:])
    return tables


def rows_about(tables: CsvRows, article: str) -> dict[str, list[list[str]]]:
    """The rows a per-article page can show: rows naming the article, and rows of the claims and quotation
    groups those rows belong to (so a page reruns when a claim it shares changes in another article)."""
    def columns(header: list[str], names) -> list[int]:
        return [i for i, name in enumerate(header) if name in names]

    linked: dict[str, set[str]] = {"claim": set(), "group": set()}
    for header, rows in tables.values():
        mine = columns(header, ARTICLE_COLUMNS)
        for key in linked:
            for i in columns(header, (key,)):
                linked[key] |= {row[i] for row in rows if any(row[j] == article for j in mine)}
    selected = {}
    for name, (header, rows) in tables.items():
        mine = columns(header, ARTICLE_COLUMNS)
        keys = [(i, linked[header[i]]) for i in columns(header, tuple(linked))]
        if not mine and not keys:
            selected[name] = rows
            continue
        selected[name] = [row for row in rows if any(row[j] == article for j in mine)
                          or any(row[i] in values for i, values in keys)]
    return selected


def job_key(notebook: bytes, reads: set[str] | None, parameters: dict, article: str | None, tables: CsvRows,
            corpus: Corpus, code: str) -> str:
    """What one notebook execution depends on; equal keys mean the executed notebook is still right.

    `reads` is the set of tables (CSV stems) the notebook declares it reads, or None for all."""
    parts: list[bytes | str] = [notebook, json.dumps(parameters, sort_keys=True), code,
                                *corpus_files(corpus, article)]
    chosen = rows_about(tables, article) if article else {name: rows for name, (_, rows) in tables.items()}
    for name in sorted(t for t in tables if reads is None or t.removesuffix(".csv") in reads):
        parts += [name, json.dumps([tables[name][0]] + chosen[name], ensure_ascii=False)]
    return digest(*parts)


def render_key(executed: Path, code: str) -> str:
    """What the HTML editions of one executed notebook depend on."""
    return digest(executed.read_bytes(), code)
