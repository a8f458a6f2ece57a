"""Kernels for report notebooks: how they connect, and what happens when one dies while starting."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from retold.build import execute
from retold.build.execute import Job, NotebookFailed, execute_jobs, kernel_died_starting
from retold.build.layout import Layout

DIED_STARTING = "Kernel died before replying to kernel_info"


class ExecutionError(Exception):
    """Stands in for papermill's error for a cell that raised."""


class FakePapermill:
    """papermill.execute_notebook that fails with the given errors in turn, then succeeds."""

    def __init__(self, *errors: BaseException):
        self.errors = list(errors)
        self.calls: list[dict] = []

    def execute_notebook(self, *args, **kwargs) -> None:
        self.calls.append(kwargs)
        if self.errors:
            raise self.errors.pop(0)


def run_fake(tmp_path: Path, papermill: FakePapermill) -> None:
    job = Job(tmp_path / "a.ipynb", "a-t1", {})
    log = tmp_path / "a.log"
    log.write_text("the kernel's last words\n", encoding="utf-8")
    execute._run_papermill(papermill, ExecutionError, job, tmp_path / "out.ipynb", tmp_path, log)


def test_a_kernel_that_dies_while_starting_is_started_once_more(tmp_path):
    papermill = FakePapermill(RuntimeError(DIED_STARTING))
    run_fake(tmp_path, papermill)
    assert len(papermill.calls) == 2


def test_a_kernel_that_dies_starting_twice_names_the_notebook_and_shows_its_log(tmp_path):
    papermill = FakePapermill(RuntimeError(DIED_STARTING), RuntimeError(DIED_STARTING))
    with pytest.raises(NotebookFailed, match=r"(?s)a\.ipynb \(a-t1\) could not run: Kernel died.*last words"):
        run_fake(tmp_path, papermill)
    assert len(papermill.calls) == 2


@pytest.mark.parametrize("error", [RuntimeError("Kernel didn't respond in 300 seconds"),
                                   RuntimeError("Kernel died"), ValueError("bad notebook")])
def test_other_failures_are_not_retried(tmp_path, error):
    papermill = FakePapermill(error)
    with pytest.raises(NotebookFailed, match="could not run"):
        run_fake(tmp_path, papermill)
    assert len(papermill.calls) == 1


def test_a_failing_cell_is_not_retried(tmp_path):
    error = ExecutionError()
    error.exec_count, error.ename, error.evalue = 3, "KeyError", "'speaker'"
    papermill = FakePapermill(error)
    with pytest.raises(NotebookFailed, match=r"failed in cell 3 \[\?\]: KeyError: 'speaker'"):
        run_fake(tmp_path, papermill)
    assert len(papermill.calls) == 1


def test_only_nbclients_start_up_death_counts_as_dying_while_starting():
    assert kernel_died_starting(RuntimeError(DIED_STARTING))
    assert not kernel_died_starting(RuntimeError("Kernel didn't respond in 60 seconds"))
    assert not kernel_died_starting(OSError(DIED_STARTING))


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_kernels_talk_over_unix_sockets_in_a_folder_removed_afterwards(tmp_path, monkeypatch, request):
    """TCP ports chosen before a kernel binds them can be taken meanwhile (it happened in CI with two kernels
    starting at once); Unix sockets in a private folder cannot be."""
    temporary = Path(tempfile.mkdtemp(prefix="t-"))  # short: tmp_path is too deep for a socket's name
    request.addfinalizer(lambda: shutil.rmtree(temporary, ignore_errors=True))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    notebook = tmp_path / "nbs" / "transport.ipynb"
    notebook.parent.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import json, ipykernel.connect\ninfo = json.loads(ipykernel.connect.get_connection_info())\n"
        "print(info['transport'], info['ip'].startswith(" + repr(str(temporary)) + "))")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    layout = Layout(tmp_path / "report")
    jobs = [Job(notebook, f"transport-{n}", {}) for n in range(2)]
    execute_jobs(jobs, layout, workers=2, log=lambda _: None)
    for job in jobs:
        outputs = nbformat.read(layout.executed / f"{job.name}.ipynb", as_version=4).cells[0].outputs
        assert outputs[0]["text"] == "ipc True\n"
    assert list(temporary.iterdir()) == [], "socket folders and staging are removed"


def test_a_folder_too_deep_for_unix_sockets_falls_back_to_tcp(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    assert execute._socket_folder() is None
    assert list(deep.iterdir()) == []
    assert execute._kernel_settings(None) == {}
