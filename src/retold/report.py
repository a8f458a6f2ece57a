"""Build the report: execute notebooks with papermill, render HTML editions, write the index.

Tables are computed once, before any notebook runs. Notebooks then execute in
parallel kernels, and only those whose inputs changed (notebook, parameters,
package code, and the table rows they read) run again. All HTML is rendered in
this one process through the nbconvert API. Output is byte-for-byte reproducible:
executed notebooks carry no timestamps, random ids or absolute paths.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import __version__
from .corpus import Corpus, load_corpus
from .pipeline import REPO_ROOT, Lexicons
from .tables import digest as _digest, ensure_tables, inputs_digest, source_digest

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
CSS_FILE = PACKAGE_DIR / "report.css"
ANSWER_TAG = "answer"
PARAMETER_TAGS = {"parameters", "injected-parameters"}
ARTICLE_COLUMNS = ("article", "article_a", "article_b")
STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9a-f])")
MEMORY_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}>")


@dataclass(frozen=True)
class Edition:
    name: str
    label: str
    show_code: bool
    show_answers: bool


EDITIONS = (
    Edition("reading", "Reading edition (no code)", show_code=False, show_answers=False),
    Edition("teacher", "Teacher edition (with answers)", show_code=False, show_answers=True),
    Edition("code", "Code edition", show_code=True, show_answers=True),
)


class NotebookFailed(RuntimeError):
    """A notebook raised while executing; the message names the notebook and the cell."""


@dataclass(frozen=True)
class Job:
    """One notebook execution: a notebook with its parameters and output name."""

    notebook: Path
    name: str
    parameters: dict
    article: str | None = None


@dataclass
class Layout:
    """Where each kind of output goes inside the report folder."""

    root: Path
    tables: Path = field(init=False)
    executed: Path = field(init=False)
    figures: Path = field(init=False)

    def __post_init__(self) -> None:
        self.tables = self.root / "tables"
        self.executed = self.root / "executed"
        self.figures = self.root / "figures"

    def html(self, edition: str, name: str) -> Path:
        return self.root / edition / f"{name}.html"


def has_article_parameter(notebook: Path) -> bool:
    """A notebook whose parameters cell defines `article` runs once per article."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return bool(re.search(r"^article\s*=", cell.source, re.M))
    return False


def _relative(path: str | Path, start: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), start.resolve())).as_posix()


def notebook_jobs(notebooks_dir: Path, corpus: Corpus, layout: Layout, lexicon: str = "", naming: str = "",
                  speakers: str = "") -> list[Job]:
    """Every execution the report needs: corpus notebooks once, per-article notebooks per article."""
    base = {
        "corpus": _relative(corpus.path, notebooks_dir),
        "report_dir": _relative(layout.root, notebooks_dir),
        "lexicon": _relative(lexicon, notebooks_dir) if lexicon else "",
        "naming": _relative(naming, notebooks_dir) if naming else "",
        "speakers": _relative(speakers, notebooks_dir) if speakers else "",
    }
    jobs = []
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        if has_article_parameter(notebook):
            for article in corpus.articles:
                jobs.append(Job(notebook, f"{notebook.stem}-{article.id}", {**base, "article": article.id}, article.id))
        else:
            jobs.append(Job(notebook, notebook.stem, dict(base)))
    return jobs


def read_csv_rows(table_dir: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every table as (header, rows) of raw strings, for hashing what each job reads."""
    tables = {}
    for path in sorted(table_dir.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        tables[path.name] = (rows[0] if rows else [], rows[1:])
    return tables


def rows_about(tables: dict[str, tuple[list[str], list[list[str]]]], article: str) -> dict[str, list[list[str]]]:
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


def tables_read_by(notebook: Path) -> set[str] | None:
    """The tables a notebook declares it reads (metadata retold.reads), or None for all of them."""
    reads = nbformat.read(notebook, as_version=4).metadata.get("retold", {}).get("reads")
    return set(reads) if reads is not None else None


def job_key(job: Job, tables: dict[str, tuple[list[str], list[list[str]]]], corpus: Corpus, src: str) -> str:
    """What a job's output depends on; equal keys mean the executed notebook is still right."""
    parts: list[bytes | str] = [job.notebook.read_bytes(), json.dumps(job.parameters, sort_keys=True), src,
                                (corpus.path / "corpus.yml").read_bytes()]
    articles = [corpus.article(job.article)] if job.article else corpus.articles
    parts += [a.path.read_bytes() for a in articles]
    chosen = rows_about(tables, job.article) if job.article else {name: rows for name, (_, rows) in tables.items()}
    reads = tables_read_by(job.notebook)
    for name in sorted(t for t in tables if reads is None or t.removesuffix(".csv") in reads):
        parts += [name, json.dumps([tables[name][0]] + chosen[name], ensure_ascii=False)]
    return _digest(*parts)


def normalise_notebook(nb: nbformat.NotebookNode, replacements: dict[str, str]) -> nbformat.NotebookNode:
    """Drop timestamps and machine paths, number cell ids: same inputs, same bytes."""
    papermill = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": papermill.get("parameters", {})}
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = _replace_all(output["text"], replacements)
            for mime, value in output.get("data", {}).items():
                if isinstance(value, str) and mime.startswith("text/"):
                    value = MEMORY_ADDRESS.sub(">", _replace_all(value, replacements))
                    output["data"][mime] = _stable_styler_ids(value, index)
    return nb


def _stable_styler_ids(html_text: str, cell_index: int) -> str:
    """pandas Styler tables get random ids (T_1a2b3); number them by cell instead."""
    found = list(dict.fromkeys(STYLER_ID.findall(html_text)))
    for number, random_id in enumerate(found):
        html_text = html_text.replace(random_id, f"T_c{cell_index:02d}t{number}")
    return html_text


def _replace_all(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def _execute(job: Job, output: Path, cwd: Path) -> float:
    """Run one notebook in its own kernel (in a worker process); raise NotebookFailed on error."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = time.perf_counter()
    log_path = output.with_suffix(".log")
    with open(log_path, "w", encoding="utf-8") as kernel_log:
        saved_stderr = os.dup(2)
        os.dup2(kernel_log.fileno(), 2)
        try:
            _run_papermill(papermill, PapermillExecutionError, job, output, cwd, log_path)
        finally:
            os.dup2(saved_stderr, 2)
            os.close(saved_stderr)
    return time.perf_counter() - started


def _run_papermill(papermill, execution_error, job: Job, output: Path, cwd: Path, log_path: Path) -> None:
    """Execute with the kernel's chatter going to a log; on failure say which cell and show the log's end."""
    try:
        papermill.execute_notebook(
            str(job.notebook), str(output), parameters=job.parameters, cwd=str(cwd), kernel_name="python3", language="python",
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,
        )
    except execution_error as exc:
        source = _failed_cell_source(output)
        raise NotebookFailed(
            f"{job.notebook.name} ({job.name}) failed in cell {exc.exec_count} "
            f"[{source}]: {exc.ename}: {exc.evalue}"
        ) from None
    except Exception as exc:  # noqa: BLE001 - kernel died or would not start: say which notebook
        tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise NotebookFailed(f"{job.notebook.name} ({job.name}) could not run: {exc}\n" + "\n".join(tail)) from None


def _failed_cell_source(output: Path) -> str:
    """First line of the cell that raised, read from the partly executed notebook."""
    try:
        cells = nbformat.read(output, as_version=4).cells
    except (OSError, ValueError):
        return "?"
    for cell in cells:
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            lines = cell.source.strip().splitlines()
            return lines[0][:80] if lines else ""
    return "?"


def execute_jobs(jobs: list[Job], layout: Layout, workers: int, log) -> list[Job]:
    """Execute jobs in parallel kernels; write each executed notebook atomically."""
    layout.executed.mkdir(parents=True, exist_ok=True)
    replacements = {str(REPO_ROOT) + os.sep: "", str(REPO_ROOT): ".", sys.prefix: ".venv"}
    staging = Path(tempfile.mkdtemp(prefix=".executing-", dir=layout.executed))
    failures = []
    try:
        with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {job.name: pool.submit(_execute, job, staging / f"{job.name}.ipynb", job.notebook.parent)
                       for job in jobs}
            for job in jobs:
                try:
                    seconds = futures[job.name].result()
                except NotebookFailed as exc:
                    failures.append(str(exc))
                    continue
                nb = nbformat.read(staging / f"{job.name}.ipynb", as_version=4)
                tmp = staging / f"{job.name}.normalised"
                nbformat.write(normalise_notebook(nb, replacements), tmp)
                os.replace(tmp, layout.executed / f"{job.name}.ipynb")
                log(f"  executed {job.name} ({seconds:.1f} s)")
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    if failures:
        raise NotebookFailed("\n".join(failures))
    return jobs


def edition_cells(nb: nbformat.NotebookNode, edition: Edition) -> nbformat.NotebookNode:
    """The cells one edition shows: no code, parameters or warnings for readers; answers for teachers."""
    result = copy.deepcopy(nb)
    cells = []
    for cell in result.cells:
        tags = set(cell.metadata.get("tags", []))
        if ANSWER_TAG in tags and not edition.show_answers:
            continue
        if not edition.show_code and cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
            if tags & PARAMETER_TAGS or not cell.outputs:
                continue
        cells.append(cell)
    result.cells = cells
    return result


def notebook_summary(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """A notebook's title (its first heading) and one-line description (the first sentence after it)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or not cell.source.lstrip().startswith("#"):
            continue
        heading, _, rest = cell.source.strip().partition("\n")
        paragraph = rest.strip().split("\n\n")[0]
        text = " ".join(line.strip() for line in paragraph.splitlines())
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] if text else ""
        return heading.lstrip("#").strip(), first
    return fallback, ""


def _html_exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATE_DIR)], template_name="retold")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.anchor_link_text = ""
    return exporter


def render_html(layout: Layout, names: list[str], titles: dict[str, str], log) -> None:
    """Render every edition of the given executed notebooks, replacing files atomically."""
    if not names:
        return
    exporter = _html_exporter()
    css = CSS_FILE.read_text(encoding="utf-8")
    for name in names:
        nb = nbformat.read(layout.executed / f"{name}.ipynb", as_version=4)
        for edition in EDITIONS:
            exporter.exclude_input = not edition.show_code
            others = [(e.label.split(" (")[0], f"../{e.name}/{name}.html") for e in EDITIONS if e != edition]
            resources = {
                "metadata": {"name": name},
                "retold": {
                    "title": titles.get(name, name), "edition": edition.name, "edition_label": edition.label,
                    "css": css, "index_href": "../index.html", "other_editions": others,
                    "footer": f"retold {__version__} · {edition.label}",
                },
            }
            body, _ = exporter.from_notebook_node(edition_cells(nb, edition), resources=resources)
            target = layout.html(edition.name, name)
            _write_atomic(target, body)
        log(f"  rendered {name}")


def export_figures(layout: Layout, names: list[str]) -> None:
    """Save every SVG figure of the executed notebooks under figures/ for reuse in slides."""
    import base64

    layout.figures.mkdir(parents=True, exist_ok=True)
    for name in names:
        for old in layout.figures.glob(f"{name}-fig*.svg"):
            old.unlink()
        nb = nbformat.read(layout.executed / f"{name}.ipynb", as_version=4)
        number = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data:
                    number += 1
                    _write_atomic(layout.figures / f"{name}-fig{number:02d}.svg", data["image/svg+xml"])
                elif "image/png" in data:
                    number += 1
                    target = layout.figures / f"{name}-fig{number:02d}.png"
                    tmp = target.with_suffix(".tmp")
                    tmp.write_bytes(base64.b64decode(data["image/png"]))
                    os.replace(tmp, target)


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def remove_stale_outputs(layout: Layout, names: set[str]) -> None:
    """Delete outputs of notebooks or articles that are no longer part of the report."""
    for path in list(layout.executed.glob("*.ipynb")) + [p for e in EDITIONS for p in (layout.root / e.name).glob("*.html")]:
        if path.stem not in names:
            path.unlink()


def build_report(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                 jobs: int = 2, force: bool = False, lexicon: str = "", naming: str = "", speakers: str = "",
                 log=None) -> Path:
    """Tables, executed notebooks, HTML in three editions and index.html; returns the index path."""
    log = log or (lambda message: print(message, file=sys.stderr))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_path)
    lexicons = Lexicons.from_paths(lexicon or None, naming or None, speakers or None)
    layout = Layout(Path(report_dir))
    notebooks = Path(notebooks_dir)
    ensure_tables(corpus, lexicons, layout.tables, log)

    all_jobs = notebook_jobs(notebooks, corpus, layout, lexicon, naming, speakers)
    state_file = layout.executed / "state.json"
    state = json.loads(state_file.read_text()) if state_file.exists() and not force else {}
    src = source_digest()
    table_rows = read_csv_rows(layout.tables)
    keys = {job.name: job_key(job, table_rows, corpus, src) for job in all_jobs}
    stale = [job for job in all_jobs
             if state.get(job.name) != keys[job.name] or not (layout.executed / f"{job.name}.ipynb").exists()]
    if stale:
        log(f"executing {len(stale)} of {len(all_jobs)} notebooks with {jobs} kernels at once")
        execute_jobs(stale, layout, jobs, log)
    else:
        log("all notebooks are up to date")
    state = {name: keys[name] for name in sorted(keys)}
    _write_atomic(state_file, json.dumps(state, indent=1, sort_keys=True) + "\n")
    remove_stale_outputs(layout, set(keys))

    summaries = {job.name: notebook_summary(nbformat.read(layout.executed / f"{job.name}.ipynb", as_version=4), job.name)
                 for job in all_jobs}
    titles = {name: summary[0] for name, summary in summaries.items()}
    missing_html = [job.name for job in all_jobs if job not in stale
                    and not all(layout.html(e.name, job.name).exists() for e in EDITIONS)]
    to_render = [job.name for job in stale] + missing_html
    render_html(layout, to_render, titles, log)
    export_figures(layout, to_render)

    from .index import write_index

    return write_index(layout, corpus, lexicons, all_jobs, summaries, inputs_digest(corpus, lexicons))
