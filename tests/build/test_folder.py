"""retold owns only what it wrote: the report manifest, refusing other folders, building beside the report
and swapping it in whole, the build lock, cleaning, and no process or temporary folder left behind.

Builds here use two tiny notebooks and a two-article corpus, so each takes seconds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT, write_corpus, write_tiny_notebooks
from retold.build.execute import NotebookFailed
from retold.build.folder import MANIFEST, FolderError, FolderLock, clean, ownership
from retold.build.report import build_report
from retold.cli import main

TEXT = "Talks on Friday\n\nThe Kremlin said on Friday that Putin is open to talks. “We are ready,” Peskov said.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"t1": TEXT, "t2": TEXT.replace("Friday", "Monday")})


@pytest.fixture
def notebooks(tmp_path) -> Path:
    return write_tiny_notebooks(tmp_path / "nbs", "print(report_dir)", "print(article)")


def build(corpus: Path, report: Path, notebooks: Path, **kwargs) -> list[str]:
    messages: list[str] = []
    build_report(corpus, report, notebooks_dir=notebooks, jobs=2, log=messages.append, **kwargs)
    return messages


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def siblings(report: Path) -> list[str]:
    return sorted(p.name for p in report.parent.iterdir() if p.name.startswith(f".{report.name}."))


def test_manifest_lists_exactly_what_the_build_wrote(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    manifest = json.loads((report / MANIFEST).read_text())
    assert manifest["kind"] == "report"
    assert set(manifest["files"]) == set(files(report)) - {MANIFEST}
    assert "executed/a_corpus.ipynb" in manifest["files"] and "reading/b_article-t2.html" in manifest["files"]
    assert siblings(report) == []
    executed = (report / "executed" / "a_corpus.ipynb").read_text()
    assert ".building" not in executed and '"report_dir": "../report"' in executed


def test_rebuild_keeps_what_a_reader_added_and_lists_only_its_own_tables(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    added = {"reading/my-notes.html": b"<p>mine</p>", "tables/grades.csv": b"name,grade\r\n",
             "notes.txt": b"keep me", "executed/scratch.ipynb": b"{}"}
    for name, data in added.items():
        (report / name).write_bytes(data)
    before = files(report)
    messages = build(corpus, report, notebooks, force=True)
    assert any("executed" in m for m in messages)
    after = files(report)
    assert {name: after.get(name) for name in added} == added
    assert after == before
    assert "grades.csv" not in (report / "index.html").read_text()
    assert not set(added) & set(json.loads((report / MANIFEST).read_text())["files"])


def test_outputs_no_longer_produced_are_removed_but_nothing_else(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    (report / "reading" / "mine.html").write_text("mine")
    write_corpus(corpus, {"t1": TEXT})
    build(corpus, report, notebooks)
    assert not (report / "reading" / "b_article-t2.html").exists()
    assert not (report / "executed" / "b_article-t2.ipynb").exists()
    assert (report / "reading" / "mine.html").read_text() == "mine"


def test_a_folder_retold_did_not_write_is_refused_unless_forced(corpus, notebooks, tmp_path, capsys):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "index.html").write_text("my page")
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(FolderError, match="is not empty and is not a report folder retold wrote"):
        build(corpus, folder, notebooks)
    code = main(["report", str(corpus), str(folder), "--notebooks", str(notebooks)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "--force" in err and "Traceback" not in err
    assert files(folder) == {"index.html": b"my page", "thesis.docx": b"precious"}
    build(corpus, folder, notebooks, force=True)
    assert (folder / "thesis.docx").read_bytes() == b"precious"
    assert "thesis.docx" not in json.loads((folder / MANIFEST).read_text())["files"]


@pytest.mark.parametrize("target", ["/", "~", "repo", "corpus-parent"])
def test_never_builds_into_root_home_repository_or_a_folder_holding_the_corpus(target, corpus, notebooks, tmp_path):
    folder = {"/": Path("/"), "~": Path.home(), "repo": REPO_ROOT, "corpus-parent": corpus.parent}[target]
    with pytest.raises(FolderError, match="choose an empty or new folder"):
        build(corpus, folder, notebooks, force=True)


def test_a_file_the_build_would_replace_but_did_not_write_stops_the_build(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    notebooks_2 = write_tiny_notebooks(tmp_path / "nbs2", "print(1)", "print(2)")
    (notebooks_2 / "c_new.ipynb").write_bytes((notebooks_2 / "a_corpus.ipynb").read_bytes())
    (report / "reading" / "c_new.html").write_text("a reader's own page")
    with pytest.raises(FolderError, match="c_new.html was not written by retold"):
        build(corpus, report, notebooks_2)
    assert (report / "reading" / "c_new.html").read_text() == "a reader's own page"


def test_failed_build_leaves_the_previous_report_entirely_intact(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    before = files(report)
    write_corpus(corpus, {"t1": TEXT.replace("Putin", "The president"), "t2": TEXT})
    write_tiny_notebooks(notebooks, "raise ValueError('broken on purpose')", "print(article)")
    with pytest.raises(NotebookFailed, match="broken on purpose"):
        build(corpus, report, notebooks)
    assert files(report) == before
    assert siblings(report) == []


def test_a_second_build_of_the_same_folder_is_refused_while_one_runs(corpus, notebooks, tmp_path, capsys):
    report = tmp_path / "report"
    with FolderLock(report):
        with pytest.raises(FolderError, match="another retold build is writing"):
            build(corpus, report, notebooks)
        code = main(["tables", str(corpus), str(report / "tables"), "--quiet"])
        assert code == 0
        code = main(["report", str(corpus), str(report), "--notebooks", str(notebooks)])
        assert code == 1 and "another retold build is writing" in capsys.readouterr().err
    build(corpus, report, notebooks)
    assert (report / "index.html").exists() and not (tmp_path / ".report.lock").exists()


def test_a_killed_builds_leftovers_are_removed_by_the_next_build(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    leftover = tmp_path / ".report.building-dead1234"
    (leftover / "tables").mkdir(parents=True)
    (leftover / ".retold-building").write_text("1")
    stranger = tmp_path / ".report.building-not-ours"
    stranger.mkdir()
    build(corpus, report, notebooks)
    assert not leftover.exists() and stranger.exists()


def test_clean_removes_only_what_the_manifest_lists(corpus, notebooks, tmp_path):
    report = tmp_path / "report"
    build(corpus, report, notebooks)
    (report / "notes.txt").write_text("mine")
    kept = clean(report)
    assert kept == ["notes.txt"] and files(report) == {"notes.txt": b"mine"}
    assert clean(tmp_path / "nothing-here") is None


def test_clean_refuses_folders_it_did_not_write_and_ignores_forged_manifest_entries(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("precious")
    folder = tmp_path / "fake-report"
    folder.mkdir()
    (folder / "own.txt").write_text("x")
    with pytest.raises(FolderError, match="not a report retold wrote"):
        clean(folder)
    (folder / MANIFEST).write_text(json.dumps({"kind": "report", "files": ["../precious.txt", "/etc/hostname",
                                                                          "own.txt"]}))
    assert ownership(folder).files == {"own.txt"}
    assert clean(folder) == []
    assert precious.read_text() == "precious" and not folder.exists()


def test_make_clean_quotes_its_folder_and_never_removes_the_repository(tmp_path):
    important = tmp_path / "important"
    important.mkdir()
    (important / "keep.txt").write_text("keep")
    for value in (f"{tmp_path}/reports {important}", ".", "/", str(important), f'x"; touch {tmp_path}/pwned; "'):
        subprocess.run(["make", "-s", "clean", f"REPORT_DIR={value}"], cwd=REPO_ROOT, capture_output=True)
    assert (important / "keep.txt").read_text() == "keep"
    assert not (tmp_path / "pwned").exists() and (REPO_ROOT / "Makefile").exists()


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to follow child processes")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_and_kernels_end_with_the_build_process(how, corpus, tmp_path):
    notebooks = write_tiny_notebooks(tmp_path / "slow", "import time\ntime.sleep(120)", "import time\ntime.sleep(120)")
    report = tmp_path / "report"
    build_process = subprocess.Popen([sys.executable, "-m", "retold", "report", str(corpus), str(report),
                                      "--notebooks", str(notebooks)], stderr=subprocess.PIPE, text=True)
    kernels: set[int] = set()
    for _ in range(240):  # until both workers have started their kernels (bounded: at most 60 s)
        kernels = {p for p in _descendants(build_process.pid)
                   if b"ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes()} if build_process.poll() is None else set()
        if len(kernels) >= 2:
            break
        time.sleep(0.25)
    assert len(kernels) >= 2, build_process.stderr.read() if build_process.poll() is not None else "no kernels"
    family = _descendants(build_process.pid)
    os.kill(build_process.pid, how)
    build_process.wait(timeout=60)
    for _ in range(80):  # the kernels notice within about a second
        if not _alive(family):
            break
        time.sleep(0.25)
    assert _alive(family) == set()
    assert not report.exists()
    if how == signal.SIGTERM:
        assert build_process.returncode != 0 and siblings(report) == []


def test_files_a_reader_saves_while_a_build_runs_are_kept(corpus, notebooks, tmp_path, monkeypatch):
    import retold.build.report as report_module

    report = tmp_path / "report"
    build(corpus, report, notebooks)
    real = report_module.write_manifest

    def save_notes_meanwhile(folder, kind, outputs):
        (report / "notes-during-build.txt").write_text("written while the build ran")
        (report / "reading").mkdir(exist_ok=True)
        (report / "reading" / "mine.html").write_text("mine too")
        real(folder, kind, outputs)

    monkeypatch.setattr(report_module, "write_manifest", save_notes_meanwhile)
    build(corpus, report, notebooks)
    assert (report / "notes-during-build.txt").read_text() == "written while the build ran"
    assert (report / "reading" / "mine.html").read_text() == "mine too"
