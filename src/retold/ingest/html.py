"""Saved web pages: the article's main text and metadata with trafilatura, the rest kept as page furniture.

trafilatura finds the main text, title, site name, date, canonical URL and author. What
it leaves out (navigation, comments, related links, footers) is appended to the article
file after a marker line (`text.clean.FURNITURE_MARKER`), one `[kind] text` line each:
one stored file, so every offset, body or furniture, indexes the text a reader opens,
and the analysis sets the furniture aside exactly as it does for pasted pages.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path

from ..text.clean import furniture_block
from ..text.encoding import bom_encoding, detected_encoding
from .page import dropped_furniture
from .records import ImportedArticle, ImportProblem, first_line, iso_date, known, with_headline

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def page_encoding(data: bytes, declared: str | None = None) -> str:
    """A byte-order mark, else the charset the server or the page declares, else a detected encoding."""
    candidates = [bom_encoding(data), declared]
    match = META_CHARSET.search(data[:4096])
    candidates.append(match.group(1).decode("ascii") if match else None)
    for name in candidates:
        if not name:
            continue
        try:
            codecs.lookup(name)
            data.decode(name)
            return codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            continue
    return detected_encoding(data) or "cp1252"


def page_article(data: bytes, name: str, url: str | None = None, declared_encoding: str | None = None
                 ) -> ImportedArticle:
    """One saved page as an article: headline, main text, metadata, then the dropped text as furniture."""
    import trafilatura
    from lxml import html as lxml_html

    encoding = page_encoding(data, declared_encoding)
    markup = data.decode(encoding, errors="replace").lstrip("\ufeff")
    document = trafilatura.bare_extraction(markup, url=url, include_comments=False, include_tables=True,
                                           include_images=False, include_links=False, with_metadata=True)
    if document is None or not (document.text or "").strip():
        raise ImportProblem(f"{name}: no article text found in this page")
    title = known(document.title)
    body = document.text
    if title != "unknown" and " ".join(first_line(body).split()) == " ".join(title.split()):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    paragraphs = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise ImportProblem(f"{name}: no article text found in this page")
    text = with_headline(title, "\n\n".join(paragraphs))
    try:
        root = lxml_html.document_fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        root = None
    furniture = dropped_furniture(root, document.text, title) if root is not None else []
    if furniture:
        text += "\n" + furniture_block(furniture)
    return ImportedArticle(
        name=name, text=text, outlet=known(document.sitename), title=title, published=iso_date(document.date),
        url=known(document.url or url), author=known(document.author),
        encoding_detected="" if encoding in ("utf-8", "utf-8-sig") else encoding,
        notes=f"imported from {url or name} with trafilatura; {len(furniture)} lines of page furniture kept "
              "after the article",
    )


def html_file_article(path: Path) -> ImportedArticle:
    """A saved page (.html) as an article, its id made from the file name."""
    return replace(page_article(path.read_bytes(), path.name), name=path.stem)
