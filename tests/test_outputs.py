"""Table files: CSV and Parquet hold the same tables, datapackage.json lists what was written, pair tables
without their texts read back the same, and a bad choice is refused."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from retold.codebook import undocumented
from retold.outputs import DATAPACKAGE, INLINE_TEXTS_UP_TO, TEXT_LINKS, keeps_texts, read_table
from retold.pipeline import analyse, build_tables
from retold.tables import read_tables, write_tables


@pytest.fixture(scope="module")
def seed_frames():
    from conftest import SEED_CORPUS

    return build_tables(analyse(SEED_CORPUS))


def test_parquet_holds_what_the_csv_holds(seed_frames, tmp_path):
    write_tables(seed_frames, tmp_path, "both")
    for name in seed_frames:
        csv = (tmp_path / name).read_bytes().decode("utf-8")
        parquet = pd.read_parquet(tmp_path / name.replace(".csv", ".parquet"))
        assert parquet.to_csv(index=False, lineterminator="\r\n") == csv, name


def test_parquet_only_reads_back_like_csv(seed_frames, tmp_path):
    write_tables(seed_frames, tmp_path / "csv", "csv")
    write_tables(seed_frames, tmp_path / "parquet", "parquet")
    assert not list((tmp_path / "parquet").glob("*.csv"))
    from_csv, from_parquet = read_tables(tmp_path / "csv"), read_tables(tmp_path / "parquet")
    assert sorted(from_csv) == sorted(from_parquet) == sorted(n.removesuffix(".csv") for n in seed_frames)
    for stem, frame in from_csv.items():
        other = from_parquet[stem]
        assert list(frame.columns) == list(other.columns)
        for column in frame.columns:  # Parquet keeps integer columns with gaps as integers, CSV gives floats
            x, y = frame[column], other[column]
            if x.isna().all() and y.isna().all():  # no value at all: CSV reads a text column, Parquet keeps its type
                continue
            if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
                assert x.astype(float).fillna(-1.0).tolist() == y.astype(float).fillna(-1.0).tolist(), column
            else:
                assert x.fillna("").astype(str).tolist() == y.fillna("").astype(str).tolist(), (stem, column)


def test_datapackage_lists_every_table_and_column_written(seed_frames, tmp_path):
    written = write_tables(seed_frames, tmp_path, "both")
    package = json.loads((tmp_path / DATAPACKAGE).read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    listed = {r["path"]: r for r in package["resources"]}
    assert set(listed) == {p.name for p in written if p.name != DATAPACKAGE}
    for path, entry in listed.items():
        frame = read_table(tmp_path / path) if path.endswith(".parquet") else pd.read_csv(tmp_path / path)
        assert [f["name"] for f in entry["schema"]["fields"]] == list(frame.columns), path
        assert all(f["description"] for f in entry["schema"]["fields"]), path
        assert entry["rows"] == len(frame)
    types = {f["name"]: f["type"] for f in listed["changes.csv"]["schema"]["fields"]}
    assert types["start_a"] == "integer" and types["similarity"] == "number" and types["close"] == "boolean"
    assert types["flags"] == "string"
    assert undocumented(seed_frames) == []


def test_pair_tables_without_texts_read_back_the_same(seed_frames, tmp_path):
    write_tables(seed_frames, tmp_path / "inline", "csv", "inline")
    write_tables(seed_frames, tmp_path / "ids", "csv", "ids")
    header = (tmp_path / "ids" / "changes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "text_a" not in header.split(",") and "start_a" in header.split(",")
    for name, links in TEXT_LINKS.items():
        assert all(column not in pd.read_csv(tmp_path / "ids" / name).columns for column, _, _ in links)
    inline, ids = read_tables(tmp_path / "inline"), read_tables(tmp_path / "ids")
    for stem in inline:
        assert inline[stem].equals(ids[stem]), stem
    assert (tmp_path / "ids" / "changes.csv").stat().st_size < (tmp_path / "inline" / "changes.csv").stat().st_size


def test_texts_stay_inline_for_small_corpora_only():
    small, large = INLINE_TEXTS_UP_TO, INLINE_TEXTS_UP_TO + 1
    assert keeps_texts(small) and not keeps_texts(large) and keeps_texts(None)
    assert keeps_texts(large, "inline") and not keeps_texts(small, "ids")
    with pytest.raises(ValueError, match="pair-texts"):
        keeps_texts(small, "some")


def test_unknown_format_is_refused_and_earlier_output_kept(seed_frames, tmp_path):
    write_tables(seed_frames, tmp_path)
    before = (tmp_path / "quotes.csv").read_bytes()
    with pytest.raises(ValueError, match="format"):
        write_tables(seed_frames, tmp_path, "xlsx")
    assert (tmp_path / "quotes.csv").read_bytes() == before


def test_datapackage_cannot_point_outside_the_folder(tmp_path):
    (tmp_path / "outside.csv").write_text("a\n1\n", encoding="utf-8")
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "inside.csv").write_text("b\n2\n", encoding="utf-8")
    (folder / DATAPACKAGE).write_text(json.dumps({"resources": [{"path": "../outside.csv"}, {"path": "inside.csv"},
                                                                {"path": "/etc/passwd"}]}), encoding="utf-8")
    assert list(read_tables(folder)) == ["inside"]
