"""Build the report: tables once, then the notebooks whose inputs changed, then their HTML, then the index.

    corpus + lexicons ─> tables/*.csv ─> executed/*.ipynb ─> reading/ teacher/ code/ *.html ─> index.html

Every step asks `cache` whether its output is stale, so a rebuild with nothing changed
does no work, and output is byte-for-byte reproducible.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import nbformat

from ..corpus import load_corpus
from ..pipeline import Lexicons
from .cache import (
    ensure_tables, job_key, notebook_code_digest, read_csv_rows, render_digest, render_key, tables_digest,
)
from .execute import execute_jobs, notebook_jobs, tables_read_by
from .index import write_index
from .layout import Layout, write_atomic
from .render import EDITIONS, export_figures, notebook_summary, render_html

STATE_FILE = "state.json"


def remove_stale_outputs(layout: Layout, names: set[str]) -> None:
    """Delete outputs of notebooks or articles that are no longer part of the report."""
    for path in list(layout.executed.glob("*.ipynb")) + [p for e in EDITIONS for p in (layout.root / e.name).glob("*.html")]:
        if path.stem not in names:
            path.unlink()


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("executed"), dict) else {}


def _write_state(path: Path, executed: dict[str, str], rendered: dict[str, str]) -> None:
    state = {"executed": executed, "rendered": rendered}
    write_atomic(path, json.dumps(state, indent=1, sort_keys=True) + "\n")


def build_report(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                 jobs: int = 2, force: bool = False, lexicon: str = "", naming: str = "", speakers: str = "",
                 log=None) -> Path:
    """Tables, executed notebooks, HTML in three editions and index.html; returns the index path."""
    log = log or (lambda message: print(message, file=sys.stderr))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_path)
    lexicons = Lexicons.from_paths(lexicon or None, naming or None, speakers or None, corpus)
    layout = Layout(Path(report_dir))
    ensure_tables(corpus, lexicons, layout.tables, log)

    all_jobs = notebook_jobs(Path(notebooks_dir), corpus, layout.root, lexicon, naming, speakers)
    state_file = layout.executed / STATE_FILE
    state = {} if force else _read_state(state_file)
    code = notebook_code_digest()
    table_rows = read_csv_rows(layout.tables)
    keys = {job.name: job_key(job.notebook.read_bytes(), tables_read_by(job.notebook), job.parameters, job.article,
                              table_rows, corpus, code) for job in all_jobs}
    executed = state.get("executed", {})
    stale = [job for job in all_jobs
             if executed.get(job.name) != keys[job.name] or not (layout.executed / f"{job.name}.ipynb").exists()]
    if stale:
        log(f"executing {len(stale)} of {len(all_jobs)} notebooks with {jobs} kernels at once")
        execute_jobs(stale, layout, jobs, log)
    else:
        log("all notebooks are up to date")
    remove_stale_outputs(layout, set(keys))
    rendered = {name: key for name, key in state.get("rendered", {}).items() if executed.get(name) == keys.get(name)}
    _write_state(state_file, keys, rendered)

    render_code = render_digest()
    html_keys = {job.name: render_key(layout.executed / f"{job.name}.ipynb", render_code) for job in all_jobs}
    summaries = {job.name: notebook_summary(nbformat.read(layout.executed / f"{job.name}.ipynb", as_version=4),
                                            job.name) for job in all_jobs}
    to_render = [job.name for job in all_jobs if rendered.get(job.name) != html_keys[job.name]
                 or not all(layout.html(e.name, job.name).exists() for e in EDITIONS)]
    render_html(layout, to_render, {name: summary[0] for name, summary in summaries.items()}, log)
    export_figures(layout, to_render)
    _write_state(state_file, keys, html_keys)
    return write_index(layout, corpus, lexicons, all_jobs, summaries, tables_digest(corpus, lexicons))
