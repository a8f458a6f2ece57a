"""Tables for one corpus, or for every corpus under a parent folder in one run.

`corpus_tables` is what `retold tables CORPUS OUT_DIR` does. `each_corpus_tables`
(`retold tables --each PARENT OUT_DIR`) runs it for every folder under PARENT that holds a
corpus.yml, in name order, on one engine (one process pool or one cluster, started once):
a hundred three-article corpora cost one start-up, not a hundred. A corpus that fails
(unreadable, a broken lexicon, anything) gets its one-line error and a `failed` row in
the summary; the others still run. The summary (summary.csv in OUT_DIR, also as Parquet
when asked) has one row per corpus: articles, status, seconds, error, rows per table.
"""

from __future__ import annotations

import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import CORPUS_FILE, CorpusError, load_corpus
from .engine import Engine
from .outputs import TEXT_LINKS, keeps_texts, write_outputs
from .pipeline import Lexicons, analyse, iter_tables
from .tables import write_tables

SUMMARY = "summary.csv"


@dataclass(frozen=True)
class TableOptions:
    """How `retold tables` writes: lexicon choices (pack names or paths), format and pair texts."""

    lexicon: str = ""
    naming: str = ""
    speakers: str = ""
    file_format: str = "csv"
    pair_texts: str = "auto"


@dataclass
class CorpusRun:
    """What one corpus gave: articles, tables written (name -> rows), warnings, or the error."""

    corpus: str
    articles: int | None = None
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def corpus_tables(corpus_dir: str | Path, out_dir: str | Path, engine: Engine, options: TableOptions = TableOptions(),
                  stage_progress=None) -> CorpusRun:
    """Every table of one corpus into out_dir (raises on bad input, leaving earlier output untouched)."""
    from .build.cache import mark_tables_current

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_dir)
        lexicons = Lexicons.from_paths(options.lexicon, options.naming, options.speakers, corpus)
        analysis = analyse(corpus, lexicons, engine)
    rows: dict[str, int] = {}

    def counted(tables):
        for name, frame in tables:
            rows[name] = len(frame)
            yield name, frame

    without_texts = set() if keeps_texts(len(corpus.articles), options.pair_texts) else set(TEXT_LINKS)
    write_outputs(counted(iter_tables(analysis, stage_progress, release=True)), out_dir, options.file_format,
                  without_texts, f"retold tables: {corpus.title}", engine.submit)
    mark_tables_current(Path(out_dir), analysis.corpus, analysis.lexicons)
    return CorpusRun(str(corpus_dir), len(corpus.articles), rows, round(time.perf_counter() - started, 2),
                     warnings=list(corpus.warnings))


def corpus_folders(parent: str | Path) -> tuple[list[Path], list[Path]]:
    """(folders holding a corpus.yml, other folders) directly under parent, by name; hidden folders left out."""
    folder = Path(parent)
    if not folder.is_dir():
        raise OSError(f"{folder}: not a folder")
    found = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [p for p in found if (p / CORPUS_FILE).is_file()], [p for p in found if not (p / CORPUS_FILE).is_file()]


def one_line(error: BaseException) -> str:
    """An error as one line: the first problem of a corpus (and how many more), else the message."""
    if isinstance(error, CorpusError) and len(error.problems) > 1:
        return f"{error.problems[0]} (and {len(error.problems) - 1} more problems: `retold check` lists them)"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if isinstance(error, (CorpusError, ValueError, OSError, RuntimeError)) \
        else f"{type(error).__name__}: {text}"


def each_corpus_tables(parent: str | Path, out_dir: str | Path, engine: Engine,
                       options: TableOptions = TableOptions(), say=print) -> list[CorpusRun]:
    """Tables of every corpus under parent into out_dir/<corpus name>/, failures isolated; writes the summary."""
    corpora, others = corpus_folders(parent)
    for folder in others:
        say(f"skipped {folder}: no {CORPUS_FILE}")
    if not corpora:
        raise OSError(f"{parent}: no folder under it holds a {CORPUS_FILE}")
    runs = []
    for folder in corpora:
        started = time.perf_counter()
        try:
            run = corpus_tables(folder, Path(out_dir) / folder.name, engine, options)
        except Exception as error:  # noqa: BLE001 - one corpus's failure must not stop the others
            run = CorpusRun(str(folder), seconds=round(time.perf_counter() - started, 2), error=one_line(error))
            say(f"retold: error: {folder.name}: {run.error}")
        else:
            say(f"  {folder.name}: {run.articles} articles, {len(run.rows)} tables, {run.seconds:.1f} s")
        runs.append(run)
    write_tables({SUMMARY: summary_table(runs)}, out_dir, options.file_format)
    return runs


def summary_table(runs: list[CorpusRun]) -> pd.DataFrame:
    """One row per corpus: corpus, articles, status, seconds, error, then rows_<table> for every table."""
    tables = list(dict.fromkeys(name for run in runs for name in run.rows))
    rows = [{"corpus": Path(run.corpus).name, "articles": run.articles, "status": "failed" if run.error else "ok",
             "seconds": run.seconds, "error": run.error,
             **{f"rows_{Path(name).stem}": run.rows.get(name) for name in tables}} for run in runs]
    frame = pd.DataFrame(rows, columns=["corpus", "articles", "status", "seconds", "error",
                                        *[f"rows_{Path(name).stem}" for name in tables]])
    integer_columns = ["articles", *[f"rows_{Path(name).stem}" for name in tables]]
    return frame.astype({column: "Int64" for column in integer_columns})


def print_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)
