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


def test_rebuilding_a_report_rewrites_its_handout_from_the_new_tables(tmp_path):
    from retold.build.folder import ownership
    from retold.build.handout import write_handout

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    notebooks = _tiny_notebooks(tmp_path / "nbs", "print(corpus)", "print(article)")
    report_dir = tmp_path / "report"
    _build(report_dir, notebooks, corpus)
    write_handout(corpus, report_dir, notebooks, pdf=False)
    article = corpus / "articles" / "004_d349bc60f9e7152d.txt"
    article.write_bytes(article.read_bytes().replace(b"Speaking alongside", b"Standing alongside"))
    _build(report_dir, notebooks, corpus)
    handout = (report_dir / "handout.html").read_text(encoding="utf-8")
    assert "Standing alongside" in handout and "Speaking alongside" not in handout
    assert {"handout.html", "handout-teacher.html"} <= ownership(report_dir).files


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


def test_index_renders_text_links_findings_to_sections_and_says_what_is_known(seed_report):
    import html as html_lib
    import re

    index = (seed_report / "index.html").read_text(encoding="utf-8")
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", index))
    assert not re.search(r"(?<![\w*])\*[A-Za-z][^*\n]*\*(?![\w*])", text), "raw Markdown emphasis in the index"
    assert "<em>" in index
    assert "news portal, Indonesia (a003)" in text and "unnamed (a003)" not in text
    assert "(s)" not in text and " 1 are " not in text
    findings = re.findall(r'<li><span class="takeaway">([^<]+)</span>(.*?)<a href="([^"]+)">evidence</a></li>',
                          index, re.S)
    assert len(findings) >= 4
    for takeaway, _, href in findings:
        assert takeaway.strip().endswith(".")
        page, _, anchor = href.partition("#")
        assert anchor, href
        target = (seed_report / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, href
    assert "<thead><tr><th></th>" not in index


A4_TEXT_WIDTH = 703  # CSS pixels across A4 (210 mm) inside the handout's 12 mm side margins, at 96 per inch
DEFAULT_ALTS = {"", None, "No description has been provided for this image", "Figure (no description given)"}


def _squeezed(text: str) -> str:
    """Text without any whitespace (a PDF's text breaks lines, and puts spaces at the edges of boxed marks)."""
    import re
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _printed_in_order(article: str, printed: str) -> bool:
    """Every word of the article found in the printed text, in order and close together (a margin legend or a
    page break may come between two words, nothing more), from some occurrence of its first word."""
    import unicodedata

    words = unicodedata.normalize("NFKC", article).split()
    limit = 1.2 * len(_squeezed(article)) + 3000
    start = printed.find(words[0])
    while start >= 0:
        position = start + len(words[0]) - 1
        for word in words[1:]:
            found = printed.find(word, position + 1)
            if found < 0 or found - start > limit:
                break
            position = found + len(word) - 1
        else:
            return True
        start = printed.find(words[0], start + 1)
    return False


def _pdf_text(pdf: Path) -> tuple[int, str]:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


@chromium
def test_index_notebook_article_and_handout_read_well_in_a_browser_and_on_paper(seed_report):
    """The issue's check: no console errors, every figure described, nothing wider than the page at 1280 px or
    on A4, the handout 4–8 pages holding every article's text. Screenshots go to <report>/screenshots/."""
    from retold.build.browser import Browser
    from retold.build.handout import write_handout
    from retold.corpus import load_corpus

    written = write_handout(SEED_CORPUS, seed_report, NOTEBOOKS, pdf=True)
    assert {p.name for p in written} == {"handout.html", "handout-teacher.html", "handout.pdf", "handout-teacher.pdf"}
    shots = seed_report / "screenshots"
    pages = {"index": seed_report / "index.html", "notebook": seed_report / "reading" / "30_coverage.html",
             "guide-teacher": seed_report / "teacher" / "05_guide.html",
             "article": seed_report / "reading" / "40_article-a000.html",
             "handout": seed_report / "handout.html", "handout-teacher": seed_report / "handout-teacher.html"}
    figures = 0
    with Browser(scripts=False) as browser:
        for name, page in pages.items():
            screen = browser.layout(page, 1280, "screen", screenshot=shots / f"{name}.png")
            paper = browser.layout(page, A4_TEXT_WIDTH, "print")
            assert screen.console == [], (name, screen.console)
            assert screen.overflowing == [], (name, screen.overflowing)
            assert paper.overflowing == [], (name, "A4", paper.overflowing)
            assert not DEFAULT_ALTS & set(screen.alts), (name, screen.alts)
            figures += len(screen.alts)
            assert (shots / f"{name}.png").stat().st_size > 10_000
    assert figures >= 5
    first = (seed_report / "handout.pdf").read_bytes()
    write_handout(SEED_CORPUS, seed_report, NOTEBOOKS, pdf=True)
    assert (seed_report / "handout.pdf").read_bytes() == first, "the same handout printed to different bytes"

    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed: the PDF was printed but not read back")
    corpus = load_corpus(SEED_CORPUS)
    count, text = _pdf_text(seed_report / "handout.pdf")
    assert 4 <= count <= 8, count
    printed = _squeezed(text)
    for article in corpus.articles:
        assert _printed_in_order(article.text, printed), f"{article.id}: text missing from the handout"
    assert "Answer 1." not in text and "Worksheet" in text
    _, key = _pdf_text(seed_report / "handout-teacher.pdf")
    assert "Answer 1." in key and "60-minute lesson" in key and "Total" in key
