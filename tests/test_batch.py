"""`retold tables --each`: every corpus under a folder in one run, a broken one isolated, one summary."""

from __future__ import annotations

import pandas as pd
from conftest import write_corpus

from retold.batch import corpus_folders, one_line
from retold.cli import main
from retold.corpus import CorpusError, Problem

GOOD = {"g1": "Talks open\n\nThe minister said talks would open on Monday in Geneva with both sides.",
        "g2": "Talks to open\n\nTalks will open on Monday in Geneva, the minister said, with both sides there."}


def test_each_isolates_a_broken_corpus_and_writes_a_summary(tmp_path, capsys):
    parent = tmp_path / "corpora"
    write_corpus(parent / "alpha", GOOD)
    write_corpus(parent / "broken", {"b1": "text"}, manifest_text="title: [unclosed\n")
    write_corpus(parent / "gamma", GOOD)
    (parent / "notes").mkdir()
    out = tmp_path / "out"
    code = main(["tables", "--each", str(parent), str(out), "--format", "both"])
    err = capsys.readouterr().err
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("retold: error")] == \
        [line for line in err.splitlines() if "broken" in line and line.startswith("retold: error")]
    assert "Traceback" not in err and "skipped" in err and "notes" in err
    assert (out / "alpha" / "changes.csv").is_file() and (out / "gamma" / "datapackage.json").is_file()
    assert not (out / "broken").exists()
    summary = pd.read_csv(out / "summary.csv", keep_default_na=False, dtype=str)
    assert list(summary["corpus"]) == ["alpha", "broken", "gamma"]
    assert list(summary["status"]) == ["ok", "failed", "ok"]
    assert summary.loc[1, "error"] and not summary.loc[0, "error"]
    assert summary.loc[0, "articles"] == "2" and summary.loc[1, "articles"] == ""
    assert summary.loc[0, "rows_sentences"] == str(len(pd.read_csv(out / "alpha" / "sentences.csv")))
    assert (out / "summary.parquet").is_file()


def test_each_all_good_exits_zero(tmp_path):
    parent = tmp_path / "corpora"
    write_corpus(parent / "one", GOOD)
    assert main(["tables", "--each", str(parent), str(tmp_path / "out"), "--quiet"]) == 0


def test_each_without_corpora_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["tables", "--each", str(tmp_path / "empty"), str(tmp_path / "out")]) == 1
    assert "no folder under it holds a corpus.yml" in capsys.readouterr().err


def test_corpus_folders_and_one_line_errors(tmp_path):
    write_corpus(tmp_path / "b", GOOD)
    write_corpus(tmp_path / "a", GOOD)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "other").mkdir()
    corpora, others = corpus_folders(tmp_path)
    assert [p.name for p in corpora] == ["a", "b"] and [p.name for p in others] == ["other"]
    many = CorpusError([Problem("corpus.yml", "first"), Problem("corpus.yml", "second")])
    assert one_line(many) == "corpus.yml: first (and 1 more problems: `retold check` lists them)"
    assert one_line(KeyError("x")) == "KeyError: 'x'"


def test_the_cycle_collector_is_off_during_a_run_only_when_the_engine_allows_it(tmp_path):
    """On the local engine the collector is off while the tables are built and back on (and a broken corpus
    leaves it on too); an engine that makes cycles in this process (Dask's client) keeps it on."""
    import gc

    import pytest

    from retold.batch import TableOptions, corpus_tables
    from retold.engine.local import LocalEngine

    write_corpus(tmp_path / "good", GOOD)
    write_corpus(tmp_path / "broken", {"b1": "text"}, manifest_text="title: [unclosed\n")
    for pauses in (True, False):
        engine = LocalEngine(workers=1)
        engine.pauses_collector = pauses
        seen = []
        corpus_tables(tmp_path / "good", tmp_path / f"out-{pauses}", engine,
                      stage_progress=lambda stage: seen.append(gc.isenabled()))
        assert seen and set(seen) == {not pauses} and gc.isenabled()
        with pytest.raises(CorpusError):
            corpus_tables(tmp_path / "broken", tmp_path / "out-broken", engine, TableOptions())
        assert gc.isenabled()
