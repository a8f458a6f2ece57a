"""A table as the CSV text pandas writes for it, built column by column in Arrow's compute kernels.

`DataFrame.to_csv` hands every row to Python's csv writer; for the big tables of a large
corpus (keyness.csv: two million rows) that is most of the cost of writing them. Here each
column becomes its text at once (numbers as pandas formats them, missing values empty, a
field quoted when it holds a comma, a double quote, CR or LF, quotes doubled), the columns
are joined into rows, and the rows' bytes are written as one buffer. The bytes are those
of `to_csv(index=False, lineterminator="\\r\\n")`; a column of any other type (dates,
mixed objects, ...) or a table of one column returns None, and the caller uses pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

EOL = "\r\n"
NEEDS_QUOTES = r'[,"\r\n]'
ROWS_AT_ONCE = 100_000


def _quoted(text: pa.Array) -> pa.Array:
    """Fields as the csv module writes them with QUOTE_MINIMAL: in double quotes, quotes doubled, when they hold
    the delimiter, a quote or a line break."""
    needs = pc.match_substring_regex(text, NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return text
    quote, nothing = (pa.scalar(mark, pa.large_string()) for mark in ('"', ""))
    wrapped = pc.binary_join_element_wise(quote, pc.replace_substring(text, '"', '""'), quote, nothing)
    return pc.if_else(needs, wrapped, text)


def _handled(series: pd.Series) -> bool:
    """Is the column of a type `_column_text` writes as pandas does?"""
    dtype = series.dtype
    if dtype == object:
        return _all_text(series)
    return (isinstance(dtype, pd.StringDtype | pd.BooleanDtype | pd.Int64Dtype | pd.Int32Dtype | pd.Int16Dtype
                       | pd.Int8Dtype)
            or (isinstance(dtype, np.dtype) and (dtype.kind in "iub" or dtype == np.float64)))


def _column_text(series: pd.Series) -> pa.Array:
    """The text pandas writes for each value of a `_handled` column (null where it writes nothing)."""
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype):
        return _quoted(pc.cast(_arrow(series), pa.large_string()))
    if dtype == object:
        return _quoted(pa.array(series.to_numpy(), type=pa.large_string(), from_pandas=True))
    if isinstance(dtype, pd.BooleanDtype):
        flags = series.to_numpy(dtype=object, na_value=None)
        return pa.array([None if f is None else ("True" if f else "False") for f in flags], type=pa.large_string())
    if not isinstance(dtype, np.dtype):  # nullable integers
        return pc.cast(_arrow(series), pa.large_string())
    if dtype == bool:
        return pa.array(np.where(series.to_numpy(), "True", "False"), type=pa.large_string())
    if dtype == np.float64:
        values = series.to_numpy()
        text = list(map(repr, values.tolist()))  # what numpy's astype(str), pandas' way, gives, twice as fast
        for missing in np.flatnonzero(np.isnan(values)).tolist():
            text[missing] = None
        return pa.array(text, type=pa.large_string())
    return pc.cast(pa.array(series.to_numpy()), pa.large_string())


def _arrow(series: pd.Series) -> pa.Array:
    """A pandas extension column as one Arrow array (its own buffers when it is stored in Arrow)."""
    data = pa.array(series.array)
    return data.combine_chunks() if isinstance(data, pa.ChunkedArray) else data


def _all_text(series: pd.Series) -> bool:
    """An object column of text and missing values only (what pandas writes as the text itself, or nothing)."""
    values = series.to_numpy()
    return all(isinstance(v, str) or v is None or (isinstance(v, float) and v != v) for v in values)


def csv_bytes(frame: pd.DataFrame) -> Iterator | None:
    """The pieces (bytes-like) of `frame.to_csv(index=False, lineterminator="\r\n")` encoded as UTF-8, made
    `ROWS_AT_ONCE` rows at a time (so a big table never has its whole text in memory), or None when a column
    is of a type not handled here (or there is only one column: the csv module quotes a lone empty field)."""
    if frame.shape[1] < 2 or not frame.columns.is_unique or not all(_handled(frame[name]) for name in frame.columns):
        return None
    return _pieces(frame)


def _pieces(frame: pd.DataFrame) -> Iterator:
    header = pa.array([str(name) for name in frame.columns], type=pa.large_string())
    yield (",".join(_quoted(header).to_pylist()) + EOL).encode("utf-8")
    comma, eol, nothing = (pa.scalar(text, pa.large_string()) for text in (",", EOL, ""))
    for start in range(0, len(frame), ROWS_AT_ONCE):
        part = frame.iloc[start:start + ROWS_AT_ONCE]
        columns = [_column_text(part[name]) for name in part.columns]
        lines = pc.binary_join_element_wise(*columns, comma, null_handling="replace", null_replacement="")
        lines = pc.binary_join_element_wise(lines, eol, nothing)
        offsets, data = lines.buffers()[1], lines.buffers()[2]
        ends = np.frombuffer(offsets, dtype=np.int64, count=len(lines) + 1, offset=lines.offset * 8)
        yield memoryview(data)[int(ends[0]):int(ends[-1])]


def write_csv(frame: pd.DataFrame, path: Path) -> bool:
    """Write `frame` as `csv_bytes` gives it; False when it cannot (pandas then writes the file afresh)."""
    pieces = csv_bytes(frame)
    if pieces is None:
        return False
    try:
        with open(path, "wb") as out:
            for piece in pieces:
                out.write(piece)
    except (pa.ArrowException, UnicodeEncodeError, ValueError, TypeError):
        return False
    return True
