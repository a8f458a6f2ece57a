"""CSV text built column by column in Arrow: the bytes pandas' to_csv writes, or None (pandas writes it)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SEED_CORPUS

from retold.csvtext import csv_bytes, write_csv
from retold.pipeline import analyse, build_tables


def _pandas(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _ours(frame: pd.DataFrame) -> bytes | None:
    pieces = csv_bytes(frame)
    return None if pieces is None else b"".join(bytes(piece) for piece in pieces)


NASTY = pd.DataFrame({
    "text": pd.array(["", "a", "a,b", 'say "hi"', "line\nbreak", "cr\rhere", " lead", None, "ünï", "\u2028",
                      "x;y", "tab\t"], dtype="str"),
    "object, text": ["", "a", None, "b,", "c", '"', "d", "e", float("nan"), "f", "g", "h"],
    "integer": np.arange(12) - 5,
    "nullable": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9, 10, -11, 12], dtype="Int64"),
    "float": [0.1, 1e-05, 1e16, 1e15, -0.0, 0.30000000000000004, np.nan, 100.0, np.inf, -np.inf, 3.14159e-07,
              12345.6789],
    "flag": [True, False] * 6,
    "maybe": pd.array([True, None, False] * 4, dtype="boolean"),
    "unsigned": np.arange(12, dtype=np.uint32),
})


@pytest.mark.parametrize("rows_at_once", [5, 100_000])
def test_every_handled_type_gives_the_bytes_of_pandas(rows_at_once, monkeypatch):
    monkeypatch.setattr("retold.csvtext.ROWS_AT_ONCE", rows_at_once)
    assert _ours(NASTY) == _pandas(NASTY)
    assert _ours(NASTY.iloc[:0]) == _pandas(NASTY.iloc[:0])
    assert _ours(NASTY.iloc[::-1]) == _pandas(NASTY.iloc[::-1])  # a view with an offset


def test_random_floats_are_written_as_pandas_writes_them():
    values = np.random.default_rng(0).normal(size=20_000) * 10.0 ** np.random.default_rng(1).integers(-20, 20, 20_000)
    frame = pd.DataFrame({"x": values, "y": values.round(4)})
    assert _ours(frame) == _pandas(frame)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"only": ["", "a"]}),  # the csv module quotes a lone empty field
    pd.DataFrame({"when": pd.to_datetime(["2022-12-02", None]), "n": [1, 2]}),
    pd.DataFrame({"mixed": ["a", 1], "n": [1, 2]}),
    pd.DataFrame({"small": np.array([0.1, 0.2], dtype=np.float32), "n": [1, 2]}),
])
def test_other_tables_are_left_to_pandas(frame, tmp_path):
    assert csv_bytes(frame) is None
    assert not write_csv(frame, tmp_path / "t.csv") and not (tmp_path / "t.csv").exists()


def test_text_arrow_cannot_hold_is_left_to_pandas(tmp_path):
    frame = pd.DataFrame({"text": pd.Series(["fine", "lone \ud800 surrogate"], dtype=object), "n": [1, 2]})
    assert not write_csv(frame, tmp_path / "t.csv")


def test_every_seed_table_is_written_byte_for_byte_as_pandas_would(tmp_path):
    for name, frame in build_tables(analyse(SEED_CORPUS)).items():
        assert write_csv(frame, tmp_path / name), name
        assert (tmp_path / name).read_bytes() == _pandas(frame), name
