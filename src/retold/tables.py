"""Reading and writing the tables behind the report (CSV).

The file names and columns are a public interface researchers script against: add
columns freely, never rename or drop one (docs/codebook.md lists them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write CSVs next to each other, replacing files only once all are written.

    Rows end with CRLF (RFC 4180), so the csv writer quotes any field holding a CR or LF of its own:
    article text with old Mac or Windows newlines survives the round trip."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tables-", dir=out))
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write tables into {out}: {exc.strerror or exc}") from None
    try:
        for name, frame in frames.items():
            try:
                frame.to_csv(staging / name, index=False, lineterminator="\r\n")
            except OSError as exc:
                raise OSError(exc.errno, f"cannot write {out / name}: {exc.strerror or exc}") from None
        written = []
        for name in frames:
            os.replace(staging / name, out / name)
            written.append(out / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_table(path: str | Path) -> pd.DataFrame:
    """One CSV table; empty fields are missing values, and a column with no value at all stays a text
    column (pandas would read it as numbers, and `.str` on it would fail: all flags empty, no speakers...)."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    if len(frame):
        empty = [name for name in frame.columns if frame[name].isna().all()]
        frame[empty] = frame[empty].astype(object)
    return frame


def read_tables(table_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every CSV in a tables folder, keyed by file stem (`quotes`, `voice`, ...)."""
    return {path.stem: read_table(path) for path in sorted(Path(table_dir).glob("*.csv"))}
