"""The report build: every notebook executes on the seed corpus, renders three editions, and rebuilds
byte for byte; failures name the notebook and cell and leave earlier output in place; only notebooks
whose inputs changed execute again."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from retold.build.execute import NotebookFailed
from retold.build.render import EDITIONS
from retold.build.report import build_report
from conftest import REPO_ROOT, SEED_CORPUS, write_tiny_notebooks

NOTEBOOKS = REPO_ROOT / "notebooks"


def _build(report_dir: Path, notebooks: Path = NOTEBOOKS, corpus: Path = SEED_CORPUS, **kwargs) -> list[str]:
    messages: list[str] = []
    build_report(corpus, report_dir, notebooks_dir=notebooks, jobs=2, log=messages.append, **kwargs)
    return messages


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    """Every notebook executed on the seed corpus with papermill (once for this module)."""
    report_dir = tmp_path_factory.mktemp("report")
    _build(report_dir)
    return report_dir


def test_every_notebook_executes_and_renders_three_editions(seed_report):
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    executed = {p.stem for p in (seed_report / "executed").glob("*.ipynb")}
    for notebook in notebooks:
        assert any(name == notebook.stem or name.startswith(notebook.stem + "-") for name in executed), notebook
    for name in executed:
        for edition in EDITIONS:
            assert (seed_report / edition.name / f"{name}.html").stat().st_size > 1000
    index = (seed_report / "index.html").read_text(encoding="utf-8")
    assert "Putin open to talks" in index and "reading/00_corpus.html" in index


def test_reading_edition_has_no_code_and_no_answers(seed_report):
    reading = (seed_report / "reading" / "00_corpus.html").read_text(encoding="utf-8")
    teacher = (seed_report / "teacher" / "00_corpus.html").read_text(encoding="utf-8")
    code = (seed_report / "code" / "00_corpus.html").read_text(encoding="utf-8")
    assert "open_report" not in reading and "open_report" not in teacher and "open_report" in code
    assert "Answers (teacher edition)" not in reading and "Answers (teacher edition)" in teacher
    assert "<script" not in reading


def test_executed_notebooks_carry_no_timestamps_or_machine_paths(seed_report):
    for path in (seed_report / "executed").glob("*.ipynb"):
        raw = path.read_text(encoding="utf-8")
        assert str(REPO_ROOT) not in raw and "start_time" not in raw and "end_time" not in raw, path.name


def test_second_build_with_nothing_changed_executes_nothing(seed_report):
    before = {p: p.read_bytes() for p in seed_report.rglob("*.html")}
    messages = _build(seed_report)
    assert "all notebooks are up to date" in messages
    assert not [m for m in messages if "executed" in m]
    assert {p: p.read_bytes() for p in seed_report.rglob("*.html")} == before


def test_two_clean_builds_are_byte_identical(seed_report):
    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    first = files(seed_report)
    shutil.rmtree(seed_report)
    _build(seed_report)
    second = files(seed_report)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


_tiny_notebooks = write_tiny_notebooks


def test_editing_one_article_reruns_only_what_depends_on_it(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    notebooks = _tiny_notebooks(tmp_path / "nbs", "print(corpus)", "print(article)")
    report_dir = tmp_path / "report"
    first = _build(report_dir, notebooks, corpus)
    assert sum("executed" in m for m in first) == 1 + 5
    article = corpus / "articles" / "004_d349bc60f9e7152d.txt"
    article.write_bytes(article.read_bytes().replace(b"Speaking alongside", b"Standing alongside"))
    second = [m for m in _build(report_dir, notebooks, corpus) if "executed" in m]
    assert any("a_corpus" in m for m in second)
    assert any("b_article-a004" in m for m in second)
    assert not any("b_article-a000" in m for m in second), second


def test_failing_notebook_names_the_cell_and_keeps_previous_html(tmp_path):
    notebooks = _tiny_notebooks(tmp_path / "nbs", "print('fine')", "print(article)")
    report_dir = tmp_path / "report"
    _build(report_dir, notebooks)
    good = (report_dir / "reading" / "a_corpus.html").read_bytes()
    _tiny_notebooks(tmp_path / "nbs", "raise ValueError('broken on purpose')", "print(article)")
    with pytest.raises(NotebookFailed, match=r"a_corpus\.ipynb.*cell.*raise ValueError.*broken on purpose"):
        _build(report_dir, notebooks)
    assert (report_dir / "reading" / "a_corpus.html").read_bytes() == good
    assert not list(report_dir.rglob("*.tmp"))


chromium = pytest.mark.skipif(__import__("retold.build.handout", fromlist=["x"]).chromium_path() is None,
                              reason="Chromium is not installed (.ci/run installs it)")


@chromium
def test_pages_load_in_a_browser_without_console_errors(seed_report, tmp_path):
    from browser import load_page

    screenshots = tmp_path / "screenshots"  # not under reports/: that folder belongs to `make report`
    article_pages = sorted((seed_report / "reading").glob("*-a00*.html"))
    pages = {"index": seed_report / "index.html", "corpus": seed_report / "reading" / "00_corpus.html"}
    if article_pages:
        pages["article"] = article_pages[0]
    for name, page in pages.items():
        loaded = load_page(page, screenshot=screenshots / f"{name}.png")
        assert loaded.console == [], (name, loaded.console)
        assert "<main>" in loaded.dom or "<main" in loaded.dom
        assert (screenshots / f"{name}.png").stat().st_size > 10_000
