"""Plain-text articles: each file decoded (encoding detected), its first non-empty line the headline."""

from __future__ import annotations

from pathlib import Path

from ..corpus import CorpusError, decode_text
from .records import ImportedArticle, ImportProblem, first_line, known


def text_article(path: Path) -> ImportedArticle:
    """One .txt file as an article: text as decoded (newlines kept), headline from its first line."""
    try:
        text, used, _ = decode_text(path.read_bytes(), str(path))
    except CorpusError as exc:
        raise ImportProblem(str(exc)) from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportProblem(f"{path}: is empty")
    return ImportedArticle(name=path.stem, text=text, title=known(first_line(text)),
                           encoding_detected="" if used in ("utf-8", "utf-8-sig") else used,
                           notes=f"imported from {path.name}")
