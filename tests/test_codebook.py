"""The codebook: every table the pipeline writes is described, and docs/codebook.md shows the YAML."""

from __future__ import annotations

import pandas as pd
from conftest import REPO_ROOT

from retold.codebook import codebook, codebook_markdown, describe, field_type, with_generated_section


def test_docs_codebook_is_generated_from_the_yaml():
    document = (REPO_ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert with_generated_section(document) == document, "run `make codebook` after editing data/codebook.yml"
    assert codebook_markdown() in document


def test_every_table_has_a_title_description_key_and_columns():
    for table, entry in codebook().items():
        assert entry["title"] and entry["description"] and entry["columns"], table
        assert set(entry.get("key", [])) <= set(entry["columns"]), table


def test_prefix_entries_cover_generated_column_names():
    assert describe("summary", "rows_changes") == describe("summary", "rows_*")
    assert describe("changes", "no_such_column") is None


def test_field_types():
    frame = pd.DataFrame({"i": [1, 2], "f": [0.5, 1.0], "b": [True, False], "s": ["x", None],
                          "n": pd.array([1, None], dtype="Int64"), "ob": pd.Series([True, None], dtype=object)})
    assert {c: field_type(frame[c]) for c in frame} == {"i": "integer", "f": "number", "b": "boolean", "s": "string",
                                                         "n": "integer", "ob": "boolean"}
