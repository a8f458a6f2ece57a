"""Tables of articles (CSV, TSV, JSON Lines, JSON): one row per article, columns mapped by name.

The common column names of Media Cloud (`text`, `title`, `publish_date`, `media_name`,
`url`, `stories_id`), news-please (`maintext`, `title`, `date_publish`, `source_domain`,
`url`, `authors`) and GDELT-derived exports (`DocumentIdentifier`, `SourceCommonName`,
`DATE`) are recognised, any case; other names are given with --text-col and friends.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..text.encoding import detected_encoding
from .records import ImportedArticle, ImportProblem, iso_date, known, with_headline

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json")
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "story_text", "full_text", "fulltext", "article_text", "body", "content",
             "text_content", "article"),
    "title": ("title", "headline", "title_page", "title_rss", "article_title"),
    "outlet": ("outlet", "media_name", "source_domain", "sourcecommonname", "site_name", "sitename", "publisher",
               "source_name", "source", "domain", "media"),
    "date": ("published", "publish_date", "date_publish", "publication_date", "pub_date", "published_at",
             "seendate", "date", "datetime"),
    "url": ("url", "documentidentifier", "canonical_url", "article_url", "link", "source_url"),
    "id": ("id", "stories_id", "story_id", "article_id", "gkgrecordid", "guid", "uuid"),
    "author": ("authors", "author", "byline"),
}
JSON_LIST_KEYS = ("articles", "stories", "results", "data", "items")


@dataclass(frozen=True)
class Columns:
    """Column names given on the command line (empty: find them by the common names)."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    id: str = ""
    author: str = ""


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    encoding = detected_encoding(data)
    if encoding is None:
        raise ImportProblem(f"{path}: not text in any encoding retold recognises")
    return data.decode(encoding).lstrip("\ufeff")


def table_rows(path: Path) -> list[dict]:
    """The rows of a CSV/TSV (header line first), JSON Lines or JSON file, as dicts."""
    text = _decoded(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        if suffix == ".json":
            data = json.loads(text)
            if isinstance(data, dict):
                data = next((data[k] for k in JSON_LIST_KEYS if isinstance(data.get(k), list)), [data])
            return list(data)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    csv.field_size_limit(1 << 28)
    delimiter = "\t" if suffix == ".tsv" else _sniffed_delimiter(text)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _sniffed_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def mapped_columns(header: list[str], given: Columns) -> dict[str, str | None]:
    """Field -> the column holding it: the one given, else the first common name present (any case)."""
    by_lower = {name.lower(): name for name in header}
    mapping = {}
    for field, names in COLUMN_NAMES.items():
        chosen = getattr(given, field)
        if chosen and chosen not in header:
            raise ImportProblem(f"no column {chosen!r} (columns: {', '.join(header)})")
        mapping[field] = chosen or next((by_lower[n] for n in names if n in by_lower), None)
    return mapping


def _value(row: dict, column: str | None) -> object:
    value = row.get(column) if column else None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return value


def table_articles(path: Path, given: Columns = Columns()) -> tuple[list[ImportedArticle], list[str]]:
    """One article per row with text; plus one note per row skipped."""
    rows = [r for r in table_rows(path) if isinstance(r, dict)]
    if not rows:
        raise ImportProblem(f"{path}: no rows found")
    header = list(dict.fromkeys(k for r in rows for k in r))
    try:
        columns = mapped_columns(header, given)
    except ImportProblem as exc:
        raise ImportProblem(f"{path}: {exc}") from None
    if columns["text"] is None:
        raise ImportProblem(f"{path}: no text column found among {', '.join(header)}: name it with --text-col")
    articles, notes = [], []
    for number, row in enumerate(rows, start=1):
        body = str(_value(row, columns["text"]) or "").strip()
        if not body:
            notes.append(f"{path.name}: row {number}: no text in column {columns['text']!r}, skipped")
            continue
        title = known(_value(row, columns["title"]))
        name = known(_value(row, columns["id"]))
        articles.append(ImportedArticle(
            name=name if name != "unknown" else f"row{number:05d}", text=with_headline(title, body),
            outlet=known(_value(row, columns["outlet"])), title=title, published=iso_date(_value(row, columns["date"])),
            url=known(_value(row, columns["url"])), author=known(_value(row, columns["author"])),
            notes=f"imported from {path.name}, row {number}"))
    return articles, notes
