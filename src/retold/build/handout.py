"""A print-ready handout of the reading edition: every corpus notebook, one after another,
each starting on a new page; printed to PDF by headless Chromium when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

from ..config import CSS_FILE
from ..corpus import load_corpus
from .execute import has_article_parameter
from .layout import write_atomic

MAIN = re.compile(r"<main>(.*)</main>", re.S)
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
section.nf-notebook { break-before: page; }
section.nf-notebook:first-of-type { break-before: auto; }
.jp-RenderedSVG img, .jp-RenderedImage img { max-width: 100%; break-inside: avoid; }
table { break-inside: auto; } tr { break-inside: avoid; }
"""
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def handout_html(corpus_title: str, sections: list[str]) -> str:
    css = CSS_FILE.read_text(encoding="utf-8") + PRINT_CSS
    body = "\n".join(f'<section class="nf-notebook">{section}</section>' for section in sections)

    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(corpus_title)} — '
            f"handout</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def write_handout(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                  pdf: bool = True) -> list[Path]:
    """Write handout.html (and handout.pdf when Chromium is available) from the reading edition."""
    corpus = load_corpus(corpus_path)
    root = Path(report_dir)
    sections = []
    for notebook in sorted(Path(notebooks_dir).glob("*.ipynb")):
        if has_article_parameter(notebook):
            continue
        page = root / "reading" / f"{notebook.stem}.html"
        if not page.exists():
            raise FileNotFoundError(f"{page}: missing; run `make report` first")
        match = MAIN.search(page.read_text(encoding="utf-8"))
        sections.append(match.group(1) if match else "")
    target = root / "handout.html"
    write_atomic(target, handout_html(corpus.title, sections))
    written = [target]
    browser = chromium_path()
    if pdf and browser:
        pdf_path = root / "handout.pdf"
        tmp_pdf = root / ".handout.pdf.tmp"
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--print-to-pdf={tmp_pdf.resolve()}", target.resolve().as_uri()],
                       check=True, capture_output=True, timeout=180)
        tmp_pdf.replace(pdf_path)
        written.append(pdf_path)
    return written
