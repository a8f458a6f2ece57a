"""Import what people have into a corpus folder: text files, saved web pages, tables of articles, URL lists.

    retold import SOURCE CORPUS_DIR

SOURCE is a folder of .txt and/or .html files, one .txt/.html file, a CSV/TSV/JSONL/JSON
table (`tabular`), or a .txt list of URLs (`fetch`). Each form has its module; `records`
holds what they share and `write` turns the articles into `articles/*.txt` + `corpus.yml`.
Nothing here needs the network except `fetch`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..corpus import CORPUS_FILE
from .records import ImportedArticle, ImportProblem

TEXT_SUFFIXES = (".txt", ".text")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the corpus folder, the articles found, the files written and one note per problem."""

    folder: Path
    articles: int
    written: list[str]
    notes: list[str]


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + PAGE_SUFFIXES
                  and not p.name.startswith("."))


def _file_article(path: Path) -> ImportedArticle:
    from .html import html_file_article
    from .textfiles import text_article

    return html_file_article(path) if path.suffix.lower() in PAGE_SUFFIXES else text_article(path)


def source_articles(source: Path, columns=None, fetcher=None) -> tuple[list[ImportedArticle], list[str]]:
    """The articles of any source form, and one note per record that could not be imported."""
    if not source.exists():
        raise ImportProblem(f"{source}: no such file or folder")
    suffix = source.suffix.lower()
    if source.is_file() and suffix in TABLE_SUFFIXES:
        from .tabular import Columns, table_articles

        return table_articles(source, columns or Columns())
    if source.is_file() and suffix in TEXT_SUFFIXES:
        from .fetch import fetched_articles, is_url_list

        if is_url_list(source):
            return fetched_articles(source, fetcher)
    if source.is_file():
        if suffix not in TEXT_SUFFIXES + PAGE_SUFFIXES:
            raise ImportProblem(f"{source}: retold imports .txt, .html, .csv, .tsv, .jsonl and .json files, "
                                "or a folder of .txt/.html files")
        paths = [source]
    else:
        paths = _folder_files(source)
        if not paths:
            raise ImportProblem(f"{source}: no .txt or .html files in this folder")
    articles, notes = [], []
    for path in paths:
        try:
            articles.append(_file_article(path))
        except ImportProblem as exc:
            notes.append(str(exc))
    return articles, notes


def import_source(source: str | Path, corpus_dir: str | Path, columns=None, title: str = "", force: bool = False,
                  fetcher=None) -> ImportResult:
    """Read a source, write a corpus folder from it; raise ImportProblem when nothing can be imported."""
    from .write import corpus_files, write_corpus

    source, folder = Path(source), Path(corpus_dir)
    if folder.resolve() == source.resolve():
        raise ImportProblem(f"{folder}: import into a new folder, not into the source folder itself")
    articles, notes = source_articles(source, columns, fetcher)
    if not articles:
        raise ImportProblem(f"{source}: no article could be imported" + (f" ({notes[0]})" if notes else ""))
    files = corpus_files(articles, title or source.stem or source.name, source.name)
    written = write_corpus(files, folder, force)
    return ImportResult(folder, len(articles), written, notes)


def import_hint(path: str | Path) -> str | None:
    """One line saying what to run when `path` is something to import rather than a corpus folder, else None."""
    path = Path(path)
    command = f"retold import {path} NEW_CORPUS_FOLDER"
    if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
        return f"{path} is a table of articles, not a corpus folder: make one with `{command}`"
    if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES + PAGE_SUFFIXES:
        return f"{path} is a file, not a corpus folder: make a corpus from it with `{command}`"
    if path.is_dir() and not (path / CORPUS_FILE).exists():
        files = _folder_files(path)
        if files:
            return (f"{path} has {len(files)} article files but no {CORPUS_FILE}: make a corpus folder from them "
                    f"with `{command}`")
    return None


__all__ = ["ImportProblem", "ImportResult", "ImportedArticle", "import_hint", "import_source", "source_articles"]
