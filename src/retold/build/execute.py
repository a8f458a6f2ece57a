"""Execute report notebooks with papermill, in parallel kernels, with byte-stable results.

Executed notebooks carry no timestamps, random ids, memory addresses or machine paths,
so the same inputs give the same bytes. A failure names the notebook and the cell.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..config import repo_root
from ..corpus import Corpus
from ..framing.packs import is_pack_name
from .layout import Layout

PARAMETER_TAGS = {"parameters", "injected-parameters"}
PR_SET_PDEATHSIG = 1
KERNEL_START_SECONDS = 300  # two kernels starting at once on a busy 2-core machine can take over a minute
KERNEL_START_ATTEMPTS = 2
UNIX_SOCKET_PATH_LIMIT = 100  # AF_UNIX paths hold 104-108 bytes depending on the system
MAX_SOCKET_JOBS = 99999  # executions in one build; each names its sockets by its number
STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?![0-9a-f])")
MEMORY_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}>")


class NotebookFailed(RuntimeError):
    """A notebook raised while executing; the message names the notebook and the cell."""


@dataclass(frozen=True)
class Job:
    """One notebook execution: a notebook with its parameters and output name."""

    notebook: Path
    name: str
    parameters: dict
    article: str | None = None


def has_article_parameter(notebook: Path) -> bool:
    """A notebook whose parameters cell defines `article` runs once per article."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return bool(re.search(r"^article\s*=", cell.source, re.M))
    return False


def relative_to(path: str | Path, start: Path) -> str:
    """`path` relative to `start` (how a notebook in `start` names it), with forward slashes."""
    return Path(os.path.relpath(Path(path).resolve(), start.resolve())).as_posix()


def _lexicon_parameter(value: str, start: Path) -> str:
    """A lexicon option for a notebook: a pack name as it is, a path relative to the notebooks."""
    return value if not value or is_pack_name(value) else relative_to(value, start)


def notebook_jobs(notebooks_dir: Path, corpus: Corpus, report_dir: Path, lexicon: str = "", naming: str = "",
                  speakers: str = "") -> list[Job]:
    """Every execution the report needs: corpus notebooks once, per-article notebooks per article."""
    base = {
        "corpus": relative_to(corpus.path, notebooks_dir),
        "report_dir": relative_to(report_dir, notebooks_dir),
        "lexicon": _lexicon_parameter(lexicon, notebooks_dir),
        "naming": _lexicon_parameter(naming, notebooks_dir),
        "speakers": _lexicon_parameter(speakers, notebooks_dir),
    }
    jobs = []
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        if has_article_parameter(notebook):
            for article in corpus.articles:
                jobs.append(Job(notebook, f"{notebook.stem}-{article.id}", {**base, "article": article.id}, article.id))
        else:
            jobs.append(Job(notebook, notebook.stem, dict(base)))
    return jobs


def tables_read_by(notebook: Path) -> set[str] | None:
    """The tables a notebook declares it reads (metadata retold.reads), or None for all of them."""
    reads = nbformat.read(notebook, as_version=4).metadata.get("retold", {}).get("reads")
    return set(reads) if reads is not None else None


def normalise_notebook(nb: nbformat.NotebookNode, replacements: dict[str, str]) -> nbformat.NotebookNode:
    """Drop timestamps and machine paths (and the name of the folder it was built in), number cell ids: same
    inputs, same bytes."""
    parameters = nb.metadata.get("papermill", {}).get("parameters", {})
    nb.metadata["papermill"] = {"parameters": {key: _replace_all(value, replacements) if isinstance(value, str)
                                               else value for key, value in parameters.items()}}
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = _replace_all(cell.source, replacements)
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


def _execute(job: Job, output: Path, cwd: Path, socket_prefix: str | None = None) -> float:
    """Run one notebook in its own kernel (in a worker process); raise NotebookFailed on error."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = time.perf_counter()
    log_path = output.with_suffix(".log")
    with open(log_path, "w", encoding="utf-8") as kernel_log:
        saved_stderr = os.dup(2)
        os.dup2(kernel_log.fileno(), 2)
        try:
            _run_papermill(papermill, PapermillExecutionError, job, output, cwd, log_path, socket_prefix)
        finally:
            os.dup2(saved_stderr, 2)
            os.close(saved_stderr)
    return time.perf_counter() - started


def _run_papermill(papermill, execution_error, job: Job, output: Path, cwd: Path, log_path: Path,
                   socket_prefix: str | None = None) -> None:
    """Execute with the kernel's chatter going to a log; on failure say which cell and show the log's end.
    A kernel that dies before it answers is started once more: that is a start-up failure, not the notebook's."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            papermill.execute_notebook(
                str(job.notebook), str(output), parameters=job.parameters, cwd=str(cwd), kernel_name="python3",
                language="python", progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                start_timeout=KERNEL_START_SECONDS, **_kernel_settings(socket_prefix),
            )
            return
        except execution_error as exc:
            source = _failed_cell_source(output)
            raise NotebookFailed(
                f"{job.notebook.name} ({job.name}) failed in cell {exc.exec_count} "
                f"[{source}]: {exc.ename}: {exc.evalue}"
            ) from None
        except Exception as exc:  # noqa: BLE001 - kernel died or would not start: say which notebook
            if attempt < KERNEL_START_ATTEMPTS and kernel_died_starting(exc):
                continue
            tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
            raise NotebookFailed(f"{job.notebook.name} ({job.name}) could not run: {exc}\n" + "\n".join(tail)
                                 ) from None


def kernel_died_starting(exc: BaseException) -> bool:
    """nbclient's error for a kernel that exited before answering its first request (a port taken, say)."""
    return isinstance(exc, RuntimeError) and "died before replying to kernel_info" in str(exc)


def _kernel_settings(socket_prefix: str | None) -> dict:
    """papermill options for a kernel on Unix sockets named `socket_prefix`-N; none (TCP) without a prefix."""
    if socket_prefix is None:
        return {}
    from traitlets.config import Config

    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": socket_prefix}})}


def _socket_folder() -> str | None:
    """A private folder for the kernels' Unix sockets, or None (TCP) where there are none or its path is too long.
    TCP ports are picked by binding port 0 and letting go, so another process (another kernel's outgoing
    connection, say) can take one before the kernel binds it, and the kernel dies at start-up."""
    if os.name != "posix":
        return None
    folder = tempfile.mkdtemp(prefix="retold-kernels-")
    if len(os.fsencode(folder)) + len(f"{os.sep}{MAX_SOCKET_JOBS}-65535") > UNIX_SOCKET_PATH_LIMIT:
        os.rmdir(folder)
        return None
    return folder


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


def _die_with_parent(parent: int) -> None:
    """Pool worker set-up: the worker (and through ipykernel's parent poller, its kernel) ends when the build
    process ends, even by `kill -9`: Linux sends it SIGKILL, elsewhere a thread watches the parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the build's own handler, inherited through fork

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers at once (their kernels follow): used when the build is interrupted."""
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def execute_jobs(jobs: list[Job], layout: Layout, workers: int, log, renamed: dict[str, str] | None = None
                 ) -> list[Job]:
    """Execute jobs in parallel kernels; write each executed notebook atomically. `renamed` maps the name of
    the folder the build runs in to the report's final name, so executed notebooks name the final folder."""
    layout.executed.mkdir(parents=True, exist_ok=True)
    base = repo_root() or Path.cwd()
    replacements = {**(renamed or {}), str(base) + os.sep: "", str(base): ".", sys.prefix: ".venv"}
    staging = Path(tempfile.mkdtemp(prefix=".executing-", dir=layout.executed))
    sockets = _socket_folder()
    failures = []
    pool = ProcessPoolExecutor(max_workers=max(1, workers), initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        futures = {job.name: pool.submit(_execute, job, staging / f"{job.name}.ipynb", job.notebook.parent,
                                         sockets and os.path.join(sockets, str(number)))
                   for number, job in enumerate(jobs)}
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
    except BaseException:
        _stop_workers(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if sockets:
            shutil.rmtree(sockets, ignore_errors=True)
    if failures:
        raise NotebookFailed("\n".join(failures))
    return jobs
