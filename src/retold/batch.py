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
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .corpus import CORPUS_FILE, CorpusError, load_corpus
from .engine import Engine, collector_paused
from .outputs import TEXT_LINKS, keeps_texts, write_outputs
from .pipeline import Lexicons, analyse, findings_frozen, iter_tables
from .build.folder import write_manifest
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
    force: bool = False


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
    """Every table of one corpus into out_dir (raises on bad input, leaving earlier output untouched).

    The folder is locked while it is written, refused if it is the corpus, the notebooks or a folder
    retold did not write (unless `options.force`), and what was written is recorded in its manifest.

    Python's cycle collector is off for the run when the engine allows it (`Engine.pauses_collector`): what a run
    builds is records, arrays and frames without reference cycles (a 10,000-article run leaves under a hundred
    cyclic objects), and each collection would walk the millions of them again (8 s of a 90 s run)."""
    with collector_paused() if engine.pauses_collector else nullcontext():
        return _corpus_tables(corpus_dir, out_dir, engine, options, stage_progress)


def _corpus_tables(corpus_dir: str | Path, out_dir: str | Path, engine: Engine, options: TableOptions,
                   stage_progress) -> CorpusRun:
    from .build.cache import mark_tables_current
    from .build.folder import (
        FolderLock, check_output_folder, protected_folders, read_manifest, report_folder, write_manifest,
    )
    from .config import notebooks_dir

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_dir, listed=engine.prepare)
    lexicons = Lexicons.from_paths(options.lexicon, options.naming, options.speakers, corpus).check()
    out = report_folder(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}

    def counted(tables):
        for name, frame in tables:
            rows[name] = len(frame)
            yield name, frame

    with FolderLock(out):
        found = check_output_folder(out, "tables", options.force, protected_folders(corpus.path, notebooks_dir()))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analysis = analyse(corpus, lexicons, engine)
        without_texts = set() if keeps_texts(len(corpus.articles), options.pair_texts) else set(TEXT_LINKS)
        with findings_frozen():
            written = write_outputs(counted(iter_tables(analysis, stage_progress, release=True)), out,
                                    options.file_format, without_texts, f"retold tables: {corpus.title}",
                                    engine.submit)
        mark_tables_current(out, analysis.corpus, analysis.lexicons)
        if read_manifest(out.parent) is None or found.kind == "new":
            write_manifest(out, "tables", found.files | {p.name for p in written} | {".inputs"})
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
    out = _summary_folder(out_dir, parent, options.force)
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
    written = write_tables({SUMMARY: summary_table(runs)}, out, options.file_format)
    write_manifest(out, "tables", {p.name for p in written})
    return runs


def _summary_folder(out_dir: str | Path, parent: str | Path, force: bool) -> Path:
    """The folder for the summary of a batch, if retold may write there (a FolderError names why not)."""
    from .build.folder import check_output_folder, report_folder

    out = report_folder(out_dir)
    check_output_folder(out, "tables", force, {report_folder(parent): "the folder of corpora"})
    return out


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
