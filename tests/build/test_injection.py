"""A report built from a corpus and lexicons whose every field is an injection attempt
(tests/fixtures/hostile/injection-all-fields): no page runs anything, links anywhere but http(s), or shows
markup from the data; every value is shown as the characters it is.

The report (every notebook, every edition, the index and the handout, printed to PDF) is built once for the
module. Each page is loaded in headless Chromium with scripts ON, so injected code would run: it would set
`data-pwned` on <body>. Pages are loaded twice: as written (with their Content-Security-Policy) and with that
policy removed, which shows the escaping alone stops every payload.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from retold.build.handout import chromium_path, write_handout
from retold.build.render import CONTENT_SECURITY_POLICY
from retold.build.report import build_report

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "hostile" / "injection-all-fields"
INJECTED = (".pwn", "script", "iframe", "svg[onload]", "img[onerror]", "a[href^='javascript' i]", "body style")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
chromium = pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("injection") / "report"
    build_report(FIXTURE / "corpus", folder, notebooks_dir=REPO_ROOT / "notebooks", jobs=2, log=lambda m: None,
                 lexicon=str(FIXTURE / "loaded_terms.yml"), naming=str(FIXTURE / "naming.yml"),
                 speakers=str(FIXTURE / "speakers.yml"))
    write_handout(FIXTURE / "corpus", folder, REPO_ROOT / "notebooks", pdf=chromium_path() is not None)
    return folder


def every_page(report: Path) -> list[Path]:
    pages = [report / "index.html", report / "handout.html", report / "handout-teacher.html"]
    pages += sorted(page for edition in ("reading", "teacher", "code") for page in (report / edition).glob("*.html"))
    return pages


def test_every_page_of_every_notebook_was_built_with_the_policy(report):
    pages = every_page(report)
    notebooks = sorted(p.stem for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
    assert len(pages) == 3 + 3 * (len(notebooks) - 1 + 4)
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert CONTENT_SECURITY_POLICY in raw and raw.index(CONTENT_SECURITY_POLICY) < raw.index("<title>"), page
        assert "<script" not in raw.lower(), page


def _unsafe(link: str) -> bool:
    scheme = re.sub(r"[\x00-\x20]", "", link).lower().split(":", 1)[0]
    return ":" in link and scheme in ("javascript", "vbscript", "data", "file") and not link.startswith("data:image/")


def _assert_nothing_ran(loads: dict) -> None:
    for page, load in loads.items():
        assert "data-pwned" not in load.body, (page.name, load.body)
        assert {selector: n for selector, n in load.matches.items() if n} == {}, page.name
        assert [link for link in load.links if _unsafe(link)] == [], page.name


@chromium
def test_no_page_runs_injected_code_or_links_to_javascript(report):
    from browser import load_pages

    loads = load_pages(every_page(report), count=INJECTED)
    _assert_nothing_ran(loads)
    for page, load in loads.items():
        assert load.console == [], (page.name, load.console)


@chromium
def test_escaping_alone_stops_every_payload(report, tmp_path):
    from browser import load_pages

    stripped = []
    for page in every_page(report):
        copy = tmp_path / page.relative_to(report)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(CSP_META.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
        stripped.append(copy)
    _assert_nothing_ran(load_pages(stripped, count=INJECTED))


def test_values_are_shown_as_written(report):
    corpus = (report / "reading" / "00_corpus.html").read_text(encoding="utf-8")
    assert "[click](javascript:document.body.setAttribute('data-pwned','description'))" in corpus
    assert '&lt;b class="pwn"&gt;b&lt;/b&gt; *em* _u_ `c` $\\foo$ &amp;amp; $description$' in corpus
    article = (report / "reading" / "40_article-a2.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/story?a=1&amp;b=&lt;2&gt;" rel="noopener noreferrer nofollow">' in article
    first = (report / "reading" / "40_article-a1.html").read_text(encoding="utf-8")
    assert "<li>Url: javascript:document.body.setAttribute('data-pwned','url')</li>" in first
    figures = " ".join(p.read_text(encoding="utf-8") for p in (report / "figures").glob("00_corpus-*.svg"))
    assert "Press TV $\\foo$" in figures and "Price $5 and $10" in figures


def test_identical_articles_and_odd_names_build_the_whole_report(report):
    executed = {p.stem for p in (report / "executed").glob("*.ipynb")}
    assert {"30_coverage", "40_article-a1", "40_article-a2"} <= executed
    if chromium_path() is not None:
        assert (report / "handout.pdf").read_bytes()[:5] == b"%PDF-"
