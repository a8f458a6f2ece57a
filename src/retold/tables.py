"""Reading and writing the tables behind the report (CSV, Parquet; see `retold.outputs`).

The file names and columns are a public interface researchers script against: add
columns freely, never rename or drop one (docs/codebook.md lists them).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .outputs import keeps_texts, read_outputs, restorable, write_outputs
from .outputs import read_table as read_outputs_table


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path, file_format: str = "csv",
                 pair_texts: str = "auto", title: str = "retold tables") -> list[Path]:
    """Write the tables (CSV by default; `parquet` or `both`) and datapackage.json (titled `title`) next to
    each other, replacing files only once all are written. Returns the paths written."""
    articles = len(frames["articles.csv"]) if "articles.csv" in frames else None
    without_texts = set() if keeps_texts(articles, pair_texts) else restorable(frames)
    return write_outputs(frames.items(), out_dir, file_format, without_texts, title)


def read_table(path: str | Path) -> pd.DataFrame:
    """One table file (CSV or Parquet); empty fields are missing values, and a column with no value at all
    stays a text column (pandas would read it as numbers, and `.str` on it would fail)."""
    return read_outputs_table(Path(path))


def read_tables(table_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table in a tables folder, keyed by file stem (`quotes`, `voice`, ...), with the text columns of
    pair tables written without them joined back from sentences and quotes."""
    return read_outputs(table_dir)
