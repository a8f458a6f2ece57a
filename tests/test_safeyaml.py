"""YAML from strangers: aliases, merge keys, duplicate keys, impossible dates, deep nesting and binary files
are each one error naming the file and the line, raised before anything expands."""

from __future__ import annotations

import datetime as dt

import pytest

from retold.safeyaml import MAX_DEPTH, YamlError, load_yaml_file, load_yaml_text

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def test_ordinary_yaml_loads_with_dates():
    assert load_yaml_text("title: T\npublished: 2022-12-02\nlist: [a, b]\n", "f.yml") == {
        "title": "T", "published": dt.date(2022, 12, 2), "list": ["a", "b"]}


@pytest.mark.parametrize("text, message, line", [
    (BOMB, "no aliases", 1),
    ("a: &x {k: v}\nb:\n  <<: *x\n", "merge keys", 3),
    ("a: {k: v}\nb:\n  <<: {k: w}\n", "merge keys", 3),
    ("title: A\narticles: []\ntitle: B\n", "duplicate key 'title' (first given on line 1)", 3),
    ("articles:\n  - id: a\n    id: b\n", "duplicate key 'id'", 3),
    ("a: [1\n", "YAML syntax error", 2),
    ("[" * 5000 + "]" * 5000, f"nested more than {MAX_DEPTH} levels", 1),
    ("- " * 5000 + "x", f"nested more than {MAX_DEPTH} levels", 1),
])
def test_refused_with_file_and_line(text, message, line):
    with pytest.raises(YamlError) as caught:
        load_yaml_text(text, "lexicon.yml")
    assert caught.value.file == "lexicon.yml" and caught.value.line == line and message in str(caught.value)
    assert str(caught.value).startswith("lexicon.yml: line ") and "\n" not in str(caught.value)


def test_an_impossible_date_stays_text_so_the_field_can_be_named():
    assert load_yaml_text("published: 2022-13-45\n", "f.yml") == {"published": "2022-13-45"}


@pytest.mark.parametrize("data, message", [
    (b"title: x\x00\n", "NUL"), (b"title: caf\xe9\n", "not UTF-8"), (None, "file not found")])
def test_unreadable_files(data, message, tmp_path):
    path = tmp_path / "corpus.yml"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(YamlError, match=message):
        load_yaml_file(path)
