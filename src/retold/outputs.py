"""The tables on disk: CSV and/or Parquet, pair tables without repeated texts, and datapackage.json.

* Formats: CSV (what the notebooks and spreadsheets read) and Parquet (typed, compressed,
  fast to load; pyarrow), the same tables and columns in both.
* Texts in one place: a pair table (changes.csv, quote_pairs.csv) and coverage.csv name
  their sentences and quotations by article and offsets or number; the texts themselves
  are in sentences.csv and quotes.csv. Repeating them in every pair row made changes.csv
  most of the output (62 MB of 110 MB for 1,000 synthetic articles). For corpora of up to
  `INLINE_TEXTS_UP_TO` articles the text columns are still written (a reader of the CSV
  sees both renderings side by side); beyond, they are left out unless asked for, and
  `restore_texts` (used by `tables.read_tables`) joins them back, so code reading the
  tables sees the same columns either way.
* datapackage.json (`retold.codebook`) lists every file written, its columns, their types
  and meaning.

Files are written to a staging folder and moved into place only once all are written, so a
failed run never leaves a half-written set next to an earlier good one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from concurrent.futures import Future
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from .codebook import datapackage, resource
from .csvtext import write_csv
from .engine import done_now

FORMATS = ("csv", "parquet", "both")
PAIR_TEXTS = ("auto", "inline", "ids")
INLINE_TEXTS_UP_TO = 1000
DATAPACKAGE = "datapackage.json"

_SENTENCE = ("sentences.csv", ("article", "start", "end"))
_QUOTE = ("quotes.csv", ("article", "quote"))
TEXT_LINKS: dict[str, list[tuple[str, tuple[str, tuple[str, ...]], tuple[str, ...]]]] = {
    "changes.csv": [("text_a", _SENTENCE, ("article_a", "start_a", "end_a")),
                    ("text_b", _SENTENCE, ("article_b", "start_b", "end_b"))],
    "quote_pairs.csv": [("text_a", _QUOTE, ("article_a", "quote_a")), ("text_b", _QUOTE, ("article_b", "quote_b"))],
    "quote_links.csv": [("text_a", _QUOTE, ("article_a", "quote_a")), ("text_b", _QUOTE, ("article_b", "quote_b"))],
    "coverage.csv": [("text", _SENTENCE, ("evidence_article", "evidence_start", "evidence_end"))],
}


def keeps_texts(articles: int | None, pair_texts: str = "auto") -> bool:
    """Whether pair tables of a corpus of `articles` articles keep their text columns: `inline`, `ids`, or
    `auto` (inline for corpora of up to `INLINE_TEXTS_UP_TO` articles, or of unknown size)."""
    if pair_texts not in PAIR_TEXTS:
        raise ValueError(f"unknown pair-texts choice {pair_texts!r} (choose from {', '.join(PAIR_TEXTS)})")
    if pair_texts != "auto":
        return pair_texts == "inline"
    return articles is None or articles <= INLINE_TEXTS_UP_TO


def compact(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table as written without its texts: without the text columns `TEXT_LINKS` can restore."""
    links = TEXT_LINKS.get(name, [])
    return frame.drop(columns=[column for column, _, _ in links if column in frame.columns])


def restorable(frames: dict[str, pd.DataFrame]) -> set[str]:
    """The tables among frames whose texts can be left out: those whose text sources are there too."""
    return {name for name, links in TEXT_LINKS.items()
            if name in frames and all(source in frames for _, (source, _), _ in links)}


def restore_texts(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables keyed by stem, with text columns left out of the files joined back from sentences and quotes,
    at their place among the columns."""
    result = dict(tables)
    for name, links in TEXT_LINKS.items():
        stem = Path(name).stem
        frame = result.get(stem)
        if frame is None:
            continue
        for column, (source, source_keys), keys in links:
            texts = result.get(Path(source).stem)
            if column in frame.columns or texts is None:
                continue
            lookup = texts[[*source_keys, "text"]].drop_duplicates(list(source_keys))
            lookup = lookup.rename(columns=dict(zip(source_keys, keys)) | {"text": column})
            joined = frame.merge(lookup, on=list(keys), how="left", validate="many_to_one")
            frame = joined[[c for c in _column_order(stem, joined.columns)]]
        result[stem] = frame
    return result


def _column_order(stem: str, columns) -> list[str]:
    from .codebook import codebook

    known = list(codebook().get(stem, {}).get("columns", {}))
    return sorted(columns, key=lambda c: (known.index(c) if c in known else len(known), list(columns).index(c)))


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Rows end with CRLF (RFC 4180), so the csv writer quotes any field holding a CR or LF of its own:
    article text with old Mac or Windows newlines survives the round trip. The text is built column by
    column in Arrow when every column's type allows (`retold.csvtext`: the same bytes, a third of the time)."""
    if not write_csv(frame, path):
        frame.to_csv(path, index=False, lineterminator="\r\n")


def write_file(frame: pd.DataFrame, path: Path, file_format: str) -> None:
    """One table file (what a worker process runs when the writing is handed over)."""
    try:
        (_write_csv if file_format == "csv" else _write_parquet)(frame, path)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {path.parent.parent / path.name}: {exc.strerror or exc}") from None


def write_outputs(tables: Iterable[tuple[str, pd.DataFrame]], out_dir: str | Path, file_format: str = "csv",
                  without_texts: set[str] = frozenset(), title: str = "retold tables",
                  submit: Callable[..., Future] = done_now) -> list[Path]:
    """Write (file name, table) pairs as they come, as CSV, Parquet or both, with datapackage.json, the
    tables named in `without_texts` without their text columns; return the paths. `submit(func, *args)`
    may hand each file over to a worker process (`Engine.submit`), so the next tables are built while
    these are written. Nothing replaces earlier files until every table is written."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown table format {file_format!r} (choose from {', '.join(FORMATS)})")
    formats = ["csv", "parquet"] if file_format == "both" else [file_format]
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tables-", dir=out))
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write tables into {out}: {exc.strerror or exc}") from None
    try:
        files, resources, pending = [], [], []
        for name, frame in tables:
            frame = compact(name, frame) if name in without_texts else frame
            for fmt in formats:
                file_name = name if fmt == "csv" else f"{Path(name).stem}.parquet"
                pending.append(submit(write_file, frame, staging / file_name, fmt))
                files.append(file_name)
                resources.append(resource(name, frame, file_name, fmt))
            del frame
        for job in pending:
            job.result()
        resources.sort(key=lambda r: r["format"] != "csv")
        package = datapackage(resources, title, "Tables written by `retold tables`; columns and their meaning "
                              "in docs/codebook.md of the retold package.")
        (staging / DATAPACKAGE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
        written = []
        for file_name in [*files, DATAPACKAGE]:
            os.replace(staging / file_name, out / file_name)
            written.append(out / file_name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _listed_files(folder: Path) -> dict[str, Path] | None:
    """Table stem -> file, from datapackage.json (a CSV where both were written); None without one.
    Only plain file names inside the folder are accepted."""
    package = folder / DATAPACKAGE
    if not package.is_file():
        return None
    found: dict[str, Path] = {}
    for entry in json.loads(package.read_text(encoding="utf-8")).get("resources", []):
        name = str(entry.get("path", ""))
        if not name or Path(name).name != name or name.startswith("."):
            continue
        stem = Path(name).stem
        if stem not in found or name.endswith(".csv"):
            found[stem] = folder / name
    return dict(sorted(found.items()))


def read_table(path: Path) -> pd.DataFrame:
    """One table file; Parquet is read with CSV's convention that an empty text is missing (its integer
    columns with gaps stay integers, where CSV gives floats)."""
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
                frame[column] = frame[column].where(frame[column].notna() & (frame[column] != ""), np.nan)
        return frame
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    if len(frame):  # a column with no value at all stays a text column (pandas reads it as numbers)
        empty = [name for name in frame.columns if frame[name].isna().all()]
        frame[empty] = frame[empty].astype(object)
    return frame


def read_outputs(table_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a tables folder keyed by stem (the files datapackage.json lists, else every CSV), text
    columns restored."""
    folder = Path(table_dir)
    files = _listed_files(folder)
    if files is None:
        files = {path.stem: path for path in sorted(folder.glob("*.csv"))}
    return restore_texts({stem: read_table(path) for stem, path in files.items() if path.is_file()})
