"""Build the report: tables once, then the notebooks whose inputs changed, then their HTML, then the index.

    corpus + lexicons ─> tables/*.csv ─> executed/*.ipynb ─> reading/ teacher/ code/ *.html ─> index.html

Every step asks `cache` whether its output is stale, so a rebuild with nothing changed does no work, and
output is byte-for-byte reproducible. The build runs in a sibling of the report folder that starts as a
hard-linked copy of the previous report and is swapped in whole at the end (`folder`): a failed build
leaves the previous report untouched, and only files listed in the report's manifest are ever replaced
or deleted.
"""

from __future__ import annotations

import json
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import nbformat

from ..corpus import Corpus, load_corpus
from ..pipeline import Lexicons
from .cache import (
    ensure_tables, job_key, notebook_code_digest, read_csv_rows, render_digest, render_key, tables_digest,
)
from .execute import Job, execute_jobs, notebook_jobs, relative_to, tables_read_by
from .folder import (
    MANIFEST, FolderError, FolderLock, Ownership, carry_over, check_output_folder, protected_folders,
    remove_outputs, report_folder, staging_folder, swap_in, write_manifest,
)
from .index import write_index
from .layout import Layout, write_atomic
from .render import EDITIONS, export_figures, notebook_summary, render_html

STATE_FILE = "state.json"


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and isinstance(state.get("executed"), dict) else {}


def _write_state(path: Path, executed: dict[str, str], rendered: dict[str, str]) -> None:
    state = {"executed": executed, "rendered": rendered}
    write_atomic(path, json.dumps(state, indent=1, sort_keys=True) + "\n")


def report_outputs(layout: Layout, jobs: list[Job], tables: list[str]) -> set[str]:
    """Every file (relative to the report folder) this build is responsible for."""
    files = {f"tables/{name}" for name in tables} | {"tables/.inputs", f"executed/{STATE_FILE}", "index.html"}
    for job in jobs:
        files.add(f"executed/{job.name}.ipynb")
        files |= {f"{edition.name}/{job.name}.html" for edition in EDITIONS}
        files |= {p.relative_to(layout.root).as_posix() for p in layout.figures.glob(f"{job.name}-fig*")}
    return files


def _previous_tables(previous: Ownership) -> list[str]:
    return sorted(name.split("/", 1)[1] for name in previous.files
                  if name.startswith("tables/") and name.endswith((".csv", ".parquet", ".json"))
                  and name.count("/") == 1 and name != f"tables/{MANIFEST}")


def build_report(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                 jobs: int = 2, force: bool = False, lexicon: str = "", naming: str = "", speakers: str = "",
                 log=None) -> Path:
    """Tables, executed notebooks, HTML in three editions and index.html; returns the index path.

    `force` re-executes every notebook, and allows writing into a non-empty folder retold did not write
    (still deleting nothing it did not write)."""
    log = log or (lambda message: print(message, file=sys.stderr))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_path)
    for message in corpus.warnings:
        log(f"warning: {message}")
    lexicons = Lexicons.from_paths(lexicon or None, naming or None, speakers or None, corpus).check()
    final = report_folder(report_dir)
    notebooks = Path(notebooks_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    with FolderLock(final):
        previous = check_output_folder(final, "report", force, protected_folders(corpus.path, notebooks))
        handout = {name for name in previous.files if name.startswith("handout")}
        with staging_folder(final, previous) as staging:
            foreign = _files(staging) - previous.files
            outputs = _build_into(Layout(staging), final, corpus, lexicons, notebooks, jobs, force,
                                  (lexicon, naming, speakers), previous, log)
            clobbered = sorted(outputs & foreign)
            if clobbered and not force and previous.kind not in ("legacy", "foreign"):
                raise FolderError(f"{final / clobbered[0]} was not written by retold and the build would replace "
                                  "it; move it away, or pass --force")
            leftovers = {f"tables/{MANIFEST}"} if previous.kind == "tables-only" else set()
            remove_outputs(staging, (previous.files | leftovers) - outputs - {MANIFEST})
            write_manifest(staging, "report", outputs)
            carry_over(final, staging, previous.files | outputs)
            swap_in(staging, final)
    if handout:
        _rewrite_handout(corpus_path, final, notebooks, "handout.pdf" in handout, log)
    return final / "index.html"


def _rewrite_handout(corpus_path: str | Path, final: Path, notebooks: Path, pdf: bool, log) -> None:
    """The report had a handout: write it again from the new tables, so the folder stays whole and current."""
    from .browser import BrowserError
    from .handout import write_handout

    try:
        write_handout(corpus_path, final, notebooks, pdf=pdf)
    except BrowserError as exc:
        log(f"warning: {exc}")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def _build_into(layout: Layout, final: Path, corpus: Corpus, lexicons: Lexicons, notebooks_dir: Path, workers: int,
                force: bool, lexicon_args: tuple[str, str, str], previous: Ownership, log) -> set[str]:
    """Build in `layout` (the staging folder) a report that will live at `final`; return its output files."""
    expected = _previous_tables(previous)
    if not expected:
        (layout.tables / ".inputs").unlink(missing_ok=True)
    tables = ensure_tables(corpus, lexicons, layout.tables, log, expected=expected or None) or expected

    all_jobs = notebook_jobs(notebooks_dir, corpus, final, *lexicon_args)
    state_file = layout.executed / STATE_FILE
    state = {} if force else _read_state(state_file)
    code = notebook_code_digest()
    table_rows = read_csv_rows(layout.tables, [name for name in tables if name.endswith(".csv")])
    keys = {job.name: job_key(job.notebook.read_bytes(), tables_read_by(job.notebook), job.parameters, job.article,
                              table_rows, corpus, code) for job in all_jobs}
    executed = state.get("executed", {})
    stale = [job for job in all_jobs
             if executed.get(job.name) != keys[job.name] or not (layout.executed / f"{job.name}.ipynb").exists()]
    if stale:
        log(f"executing {len(stale)} of {len(all_jobs)} notebooks with {workers} kernels at once")
        here = relative_to(layout.root, notebooks_dir)
        execute_jobs([replace(job, parameters={**job.parameters, "report_dir": here}) for job in stale], layout,
                     workers, log, renamed={layout.root.name: final.name})
    else:
        log("all notebooks are up to date")
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
    write_index(layout, corpus, lexicons, all_jobs, summaries, tables_digest(corpus, lexicons), tables)
    return report_outputs(layout, all_jobs, tables)


def add_to_report(report_dir: Path, previous: Ownership, files: list[Path]) -> None:
    """Record files written into a finished report (the handout) in its manifest (the caller holds the lock)."""
    write_manifest(report_dir, "report", previous.files | {p.relative_to(report_dir).as_posix() for p in files})
