"""The codebook: every table and column `retold tables` writes, for machines and for readers.

The descriptions are data (`data/codebook.yml`). `datapackage` turns them, with the types
of the columns actually written, into a Frictionless Tabular Data Package
(`datapackage.json`, written next to the tables, https://specs.frictionlessdata.io/), so a
researcher's tools can load and check the tables without reading our code;
`codebook_markdown` writes the same reference for readers (the generated part of
docs/codebook.md: `python -m retold.codebook docs/codebook.md`, or `make codebook`).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from .config import CODEBOOK_FILE

GENERATED_START = "<!-- codebook: generated from src/retold/data/codebook.yml by `make codebook`; edit the YAML -->"
GENERATED_END = "<!-- end of generated codebook -->"
MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


@lru_cache(maxsize=1)
def codebook() -> dict:
    """Table name (file stem) -> {title, description, key, columns: {column: description}}."""
    return yaml.safe_load(CODEBOOK_FILE.read_text(encoding="utf-8"))["tables"]


def describe(table: str, column: str) -> str | None:
    """The codebook line for a column (a `prefix_*` entry covers every column with that prefix)."""
    columns = codebook().get(table, {}).get("columns", {})
    if column in columns:
        return columns[column]
    return next((text for name, text in columns.items() if name.endswith("*") and column.startswith(name[:-1])),
                None)


def field_type(series: pd.Series) -> str:
    """The Frictionless type of a column: integer, number, boolean or string."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_string_dtype(series) and series.dtype != object:
        return "string"
    values = series.dropna()
    if pd.api.types.infer_dtype(values, skipna=False) not in ("boolean", "integer"):
        return "string"  # neither all booleans nor all integers (tested in C, not value by value)
    if len(values) and values.map(lambda v: isinstance(v, bool)).all():
        return "boolean"
    if len(values) and values.map(lambda v: isinstance(v, int) and not isinstance(v, bool)).all():
        return "integer"
    return "string"


def undocumented(frames: dict[str, pd.DataFrame]) -> list[str]:
    """`table.column` for every column written without a codebook line (a test keeps this empty)."""
    return [f"{name}.{column}" for name, frame in frames.items() for column in frame.columns
            if describe(Path(name).stem, column) is None]


def resource(name: str, frame: pd.DataFrame, path: str, file_format: str) -> dict:
    """One Tabular Data Resource: the file, its format and the schema of the columns written."""
    table = Path(name).stem
    entry = codebook().get(table, {})
    fields = [{"name": column, "type": field_type(frame[column]), "description": describe(table, column) or ""}
              for column in frame.columns]
    schema = {"fields": fields, "missingValues": [""]}
    key = [k for k in entry.get("key", []) if k in frame.columns]
    if key and len(key) == len(entry.get("key", [])):
        schema["primaryKey"] = key
    found = {"name": table if file_format == "csv" else f"{table}-{file_format}", "path": path,
             "profile": "tabular-data-resource", "title": entry.get("title", table),
             "description": entry.get("description", ""), "format": file_format,
             "mediatype": MEDIATYPES[file_format], "schema": schema, "rows": int(len(frame))}
    if file_format == "csv":
        found.update(encoding="utf-8", dialect={"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
                                                "doubleQuote": True, "header": True})
    return found


def datapackage(resources: list[dict], title: str, description: str = "") -> dict:
    """The Tabular Data Package listing `resources` (see `resource`)."""
    return {"profile": "tabular-data-package", "name": "retold-tables", "title": title,
            "description": description, "resources": resources}


def codebook_markdown() -> str:
    """The reference part of docs/codebook.md: one section per table, one row per column."""
    lines = [GENERATED_START, ""]
    for table, entry in codebook().items():
        lines += [f"### {table}.csv — {entry['title']}", "", " ".join(entry["description"].split()), ""]
        if entry.get("key"):
            lines += [f"One row per {', '.join(f'`{k}`' for k in entry['key'])}.", ""]
        lines += ["| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {' '.join(str(text).split())} |" for column, text in entry["columns"].items()]
        lines.append("")
    return "\n".join(lines + [GENERATED_END])


def with_generated_section(document: str) -> str:
    """`document` with its generated part replaced by `codebook_markdown()` (appended when missing)."""
    if GENERATED_START in document and GENERATED_END in document:
        head, rest = document.split(GENERATED_START, 1)
        return head + codebook_markdown() + rest.split(GENERATED_END, 1)[1]
    return document.rstrip("\n") + "\n\n## Every table and column\n\n" + codebook_markdown() + "\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m retold.codebook FILE`: rewrite the generated part of FILE (docs/codebook.md)."""
    path = Path((argv or sys.argv[1:])[0])
    path.write_text(with_generated_section(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
