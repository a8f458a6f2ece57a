"""A print-ready handout of the reading edition: every corpus notebook, one after another,
each starting on a new page; printed to PDF by headless Chromium when it is installed, with its
sandbox on (or, as root, with page scripts off: see `browser.py`)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ..config import CSS_FILE
from ..corpus import load_corpus
from ..view.escape import text as escape
from .browser import BrowserError, chromium_path, print_pdf
from .execute import has_article_parameter
from .folder import FolderError, FolderLock, ownership, report_folder
from .layout import write_atomic
from .report import add_to_report
from .render import SECURITY_META

MAIN = re.compile(r"<main>(.*)</main>", re.S)
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
section.nf-notebook { break-before: page; }
section.nf-notebook:first-of-type { break-before: auto; }
.jp-RenderedSVG img, .jp-RenderedImage img { max-width: 100%; break-inside: avoid; }
table { break-inside: auto; } tr { break-inside: avoid; }
"""
__all__ = ["chromium_path", "handout_html", "write_handout"]


def handout_html(corpus_title: str, sections: list[str]) -> str:
    css = CSS_FILE.read_text(encoding="utf-8") + PRINT_CSS
    body = "\n".join(f'<section class="nf-notebook">{section}</section>' for section in sections)

    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{SECURITY_META}\n'
            f"<title>{escape(corpus_title)} — handout</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n</body>\n</html>\n")


def write_handout(corpus_path: str | Path, report_dir: str | Path, notebooks_dir: str | Path = "notebooks",
                  pdf: bool = True) -> list[Path]:
    """Write handout.html (and handout.pdf when Chromium is available) from the reading edition, into a report
    folder retold built; both are recorded in its manifest (the HTML even when printing fails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(corpus_path)
    root = report_folder(report_dir)
    with FolderLock(root):
        found = ownership(root)
        if found.kind not in ("report", "legacy"):
            raise FolderError(f"{root} is not a report retold built; run `make report` (retold report) first")
        page = root / "handout.html"
        write_atomic(page, handout_html(corpus.title, _sections(root, Path(notebooks_dir))))
        add_to_report(root, found, [page])
        if not (pdf and chromium_path()):
            return [page]
        printed = root / "handout.pdf"
        _print(page, printed)
        add_to_report(root, found, [page, printed])
    return [page, printed]


def _sections(root: Path, notebooks_dir: Path) -> list[str]:
    """The <main> of the reading edition of every corpus notebook."""
    sections = []
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        if has_article_parameter(notebook):
            continue
        page = root / "reading" / f"{notebook.stem}.html"
        if not page.exists():
            raise FileNotFoundError(f"{page}: missing; run `make report` first")
        match = MAIN.search(page.read_text(encoding="utf-8"))
        sections.append(match.group(1) if match else "")
    return sections


def _print(page: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        print_pdf(page, tmp)
        tmp.replace(target)
    except BrowserError as exc:
        raise BrowserError(f"{target}: not printed ({exc}); {page.name} is written: print it from a browser") \
            from None
    finally:
        tmp.unlink(missing_ok=True)
