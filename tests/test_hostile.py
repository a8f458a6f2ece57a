"""Hostile and broken inputs, through the command line a reader uses.

Broken corpora must give one clear error naming the file and the cause, exit
non-zero from `retold check` and `retold tables`, and leave tables built
earlier byte-for-byte untouched. Awkward but valid corpora must build, with every
offset still indexing the decoded article text.
"""

import codecs
import shutil
import time
import warnings

import pytest
from conftest import write_corpus

from retold.cli import main
from retold.corpus import CorpusWarning, load_corpus
from retold.tables import read_tables

GOOD_TEXT = (
    "Kremlin says Putin open to talks\n\n"
    "The Kremlin said on Friday that Putin remains open to talks. “We are ready,” Peskov told reporters.\n\n"
    "Biden said he would talk to Putin if he wanted to end the war.\n"
)


def run(argv, capsys):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} | {
        p.relative_to(folder).as_posix() + "/": b"" for p in folder.rglob("*") if p.is_dir()}


@pytest.fixture(scope="module")
def good_tables(tmp_path_factory):
    """Tables of a small valid corpus, built once; tests copy them as the 'earlier report'."""
    root = tmp_path_factory.mktemp("good")
    corpus = write_corpus(root / "corpus", {"g1": GOOD_TEXT, "g2": GOOD_TEXT.replace("Friday", "Thursday")})
    assert main(["tables", str(corpus), str(root / "tables"), "--quiet"]) == 0
    return root / "tables"


def assert_refused(corpus, cause, file, tmp_path, good_tables, capsys, extra_args=()):
    """`check` and `tables` both fail with one problem naming `file` and `cause`; old tables unchanged."""
    code, out, err = run(["check", corpus], capsys)
    assert code != 0
    problems = [line for line in out.splitlines() if line and not line.startswith("warning:")]
    assert len(problems) == 1, out
    assert file in problems[0] and cause in problems[0], problems[0]

    tables = tmp_path / "tables"
    shutil.copytree(good_tables, tables)
    before = snapshot(tables)
    started = time.perf_counter()
    code, out, err = run(["tables", corpus, tables, "--quiet", *extra_args], capsys)
    assert time.perf_counter() - started < 20
    assert code != 0
    assert err.startswith("retold: error:"), err
    assert file in err and cause in err, err
    assert "Traceback" not in err + out
    assert snapshot(tables) == before


def test_missing_corpus_yml(make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT}, manifest_text=False)
    assert_refused(corpus, "missing", "corpus.yml", tmp_path, good_tables, capsys)


def test_corpus_folder_that_does_not_exist(tmp_path, good_tables, capsys):
    assert_refused(tmp_path / "nowhere", "does not exist", "nowhere", tmp_path, good_tables, capsys)


def test_yaml_syntax_error_names_the_line(make_corpus, tmp_path, good_tables, capsys):
    broken = "title: Broken\narticles:\n  - id: a1\n    file: [articles/a1.txt\n"
    corpus = make_corpus({"a1": GOOD_TEXT}, manifest_text=broken)
    assert_refused(corpus, "YAML syntax error", "corpus.yml", tmp_path, good_tables, capsys)
    code, out, _ = run(["check", corpus], capsys)
    assert "line " in out


def test_duplicate_ids(make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "a2": GOOD_TEXT}, entry_extra={"a2": {"id": "a1"}})
    assert_refused(corpus, "duplicate id 'a1'", "corpus.yml", tmp_path, good_tables, capsys)


def test_missing_article_file(make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "a2": GOOD_TEXT}, entry_extra={"a2": {"file": "articles/gone.txt"}})
    assert_refused(corpus, "missing", "gone.txt", tmp_path, good_tables, capsys)


@pytest.mark.parametrize("content", ["", "  \n\r\n\t\n", b"\xef\xbb\xbf"])
def test_empty_article(content, make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "empty": content})
    assert_refused(corpus, "is empty", "empty.txt", tmp_path, good_tables, capsys)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"PK\x03\x04\x14\x00\x06\x00" + bytes(200),
])
def test_binary_file(content, make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "image": content})
    assert_refused(corpus, "binary", "image.txt", tmp_path, good_tables, capsys)


def test_invalid_utf8_with_declared_encoding_has_no_fallback(make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "latin": "Caf\u00e9 talks in Kyiv.".encode("cp1252")},
                         manifest_extra={"encoding": "utf-8"})
    assert_refused(corpus, "cannot decode as utf-8", "latin.txt", tmp_path, good_tables, capsys)
    code, out, _ = run(["check", corpus], capsys)
    assert "position 3" in out


def test_bytes_that_are_neither_utf8_nor_cp1252(make_corpus, tmp_path, good_tables, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT, "odd": b"Talks \x81\x8d\x90 in Kyiv."})
    assert_refused(corpus, "neither UTF-8 nor text in a common code page", "odd.txt", tmp_path, good_tables, capsys)


def test_twenty_megabyte_article_is_refused_quickly(make_corpus, tmp_path, good_tables, capsys):
    huge = ("Putin is open to talks, the Kremlin said. " * 500 + "\n\n") * 1000
    assert len(huge.encode()) > 20 * 1024 * 1024
    corpus = make_corpus({"a1": GOOD_TEXT, "huge": huge})
    started = time.perf_counter()
    assert_refused(corpus, "over the 10 MB limit", "huge.txt", tmp_path, good_tables, capsys)
    assert time.perf_counter() - started < 10


def test_lexicon_with_a_bad_pattern(make_corpus, tmp_path, good_tables, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "categories:\n  evaluative: judging words\n"
        "terms:\n  - term: broken\n    pattern: \"(?:unclosed group\"\n    category: evaluative\n"
        "    reason: a test entry\n", encoding="utf-8")
    corpus = make_corpus({"a1": GOOD_TEXT})
    tables = tmp_path / "tables"
    shutil.copytree(good_tables, tables)
    before = snapshot(tables)
    code, out, err = run(["tables", corpus, tables, "--quiet", "--lexicon", bad], capsys)
    assert code != 0
    assert err.startswith("retold: error:"), err
    assert "bad.yml" in err and "broken" in err, err
    assert "Traceback" not in err
    assert snapshot(tables) == before


# --- awkward corpora that must build -------------------------------------------------------------

def build(corpus, tmp_path, capsys):
    """Build tables; check every offset column against the decoded texts; return (tables, stderr)."""
    out_dir = tmp_path / "built"
    code, out, err = run(["tables", corpus, out_dir, "--quiet"], capsys)
    assert code == 0, err
    tables = read_tables(out_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        texts = {a.id: a.text for a in load_corpus(corpus).articles}
    for name, frame in tables.items():
        if not {"article", "start", "end"} <= set(frame.columns):
            continue
        for row in frame.itertuples():
            text = texts[str(row.article)]
            assert 0 <= row.start <= row.end <= len(text), (name, row)
    for name in ("sentences", "furniture"):
        for row in tables[name].itertuples():
            assert texts[str(row.article)][row.start:row.end] == row.text, (name, row)
    return tables, err


WRAPPED = (
    "Kremlin says Putin open to talks\n\n"
    "The Kremlin said on Friday that Putin remains open to talks with the West\n"
    "but would not withdraw. “We are ready,” Peskov told reporters. “Of course,\n"
    "diplomacy is better.”\n\n"
    "Biden said he would talk to Putin.\n\nShare this article\n"
)


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf8-bom"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"), id="utf8-bom-crlf"),
    pytest.param(lambda t: t.encode("utf-16"), id="utf16"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be"), id="utf16be-crlf"),
    pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="old-mac-cr"),
])
def test_newlines_and_byte_order_marks_keep_offsets_on_the_decoded_text(encode, make_corpus, tmp_path, capsys):
    corpus = make_corpus({"w1": encode(WRAPPED), "w2": GOOD_TEXT})
    tables, _ = build(corpus, tmp_path, capsys)
    text = load_corpus(corpus).article("w1").text
    assert not text.startswith("\ufeff")
    sentences = tables["sentences"][tables["sentences"].article == "w1"]
    assert any("Peskov told reporters" in s for s in sentences.text)
    assert tables["articles"].set_index("article").loc["w1", "title"] == "Kremlin says Putin open to talks"


def test_cp1252_builds_with_a_warning_naming_the_file(make_corpus, tmp_path, capsys):
    text = "Putin open to talks\n\nThe Kremlin said: \u201cWe are ready for talks \u2013 caf\u00e9 diplomacy.\u201d\n"
    corpus = make_corpus({"win": text.encode("cp1252"), "ok": GOOD_TEXT})
    tables, err = build(corpus, tmp_path, capsys)
    assert "win.txt" in err and "cp1252" in err
    with pytest.warns(CorpusWarning, match="win.txt.*cp1252"):
        assert load_corpus(corpus).article("win").text == text
    assert tables["articles"].set_index("article").loc["win", "encoding"] == "cp1252"


@pytest.mark.parametrize("text", [
    pytest.param("Talks\n\nPeskov said “this quotation never closes. And so on.\n\nBiden said \"another one.\n",
                 id="unclosed"),
    pytest.param("Talks\n\nPeskov said this” closes without opening. Then “one ” two ” three.\n", id="stray-closing"),
    pytest.param("Talks\n\n\u201cNested \u2018single \u201cdouble\u201d\u2019 marks\u201d and \u00bbreversed\u00ab ones.\n",
                 id="nested"),
])
def test_unbalanced_quotation_marks_build(text, make_corpus, tmp_path, capsys):
    corpus = make_corpus({"u": text, "ok": GOOD_TEXT})
    tables, _ = build(corpus, tmp_path, capsys)
    assert (tables["sentences"].article == "u").sum() >= 1


def test_article_without_quotations_and_one_article_corpus(make_corpus, tmp_path, capsys):
    text = "Kremlin statement\n\nThe Kremlin said Putin was open to talks. Biden said he would meet Putin.\n"
    corpus = make_corpus({"only": text})
    tables, _ = build(corpus, tmp_path, capsys)
    assert list(tables["articles"].article) == ["only"]
    quotes = tables["quotes"]
    assert quotes[quotes["kind"] != "reported"].empty
    assert set(quotes["speaker"]) == {"Kremlin", "Biden"}  # the generic lexicon keeps names as printed


def test_non_ascii_outlet_names(make_corpus, tmp_path, capsys):
    outlets = {"ru": "Газета", "fr": "Le Monde diplomatique — édition", "gr": "Η Καθημερινή"}
    corpus = make_corpus({key: GOOD_TEXT for key in outlets}, outlets=outlets)
    tables, _ = build(corpus, tmp_path, capsys)
    assert dict(zip(tables["articles"].article, tables["articles"].outlet)) == outlets


def test_html_and_script_in_article_text_stay_plain_text(make_corpus, tmp_path, capsys):
    text = ("<h1>Putin open to talks</h1>\n\n<p>The Kremlin said <b>Putin</b> is open to talks.</p>\n\n"
            "<script>alert('x') && document.cookie</script>\n\n"
            "“We are ready <i>now</i>,” Peskov said &amp; smiled.\n")
    corpus = make_corpus({"html": text, "ok": GOOD_TEXT}, outlets={"html": "<script>alert(1)</script> News"})
    tables, _ = build(corpus, tmp_path, capsys)
    sentences = " ".join(tables["sentences"][tables["sentences"].article == "html"].text)
    furniture = " ".join(tables["furniture"][tables["furniture"].article == "html"].text)
    assert "<script>alert('x')" in sentences + " " + furniture
    assert "&amp;" in sentences
    assert tables["articles"].set_index("article").loc["html", "outlet"] == "<script>alert(1)</script> News"


def test_tables_are_byte_identical_across_processes_with_different_hash_seeds(seed_corpus, tmp_path):
    """Set and dict order of strings changes with PYTHONHASHSEED between processes; tables must not."""
    import os
    import subprocess
    import sys

    from retold.synth import write_synthetic_corpus

    corpus = write_synthetic_corpus(seed_corpus, tmp_path / "synth", 20, seed=5)
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"tables-{hash_seed}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "RETOLD_PROGRESS": "0"}
        subprocess.run([sys.executable, "-m", "retold", "tables", str(corpus), str(out), "--quiet"],
                       check=True, env=env, capture_output=True)
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1]
    assert {"articles.csv", "sentences.csv"} <= set(outputs[0])


# --- failures that are not the corpus's fault are still one line ---------------------------------

def test_disk_full_names_the_file_and_keeps_earlier_tables(make_corpus, tmp_path, good_tables, capsys, monkeypatch):
    import errno

    import pandas as pd

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    corpus = make_corpus({"a1": GOOD_TEXT})
    tables = tmp_path / "tables"
    shutil.copytree(good_tables, tables)
    before = snapshot(tables)
    monkeypatch.setattr(pd.DataFrame, "to_csv", full)  # both CSV writers: pandas', and retold.csvtext's file
    monkeypatch.setattr("retold.csvtext.open", full, raising=False)
    code, out, err = run(["tables", corpus, tables, "--quiet"], capsys)
    assert code == 1 and err.count("\n") == 1, err
    assert f"cannot write {tables}/" in err and ".csv: No space left on device" in err
    assert snapshot(tables) == before


def test_an_unexpected_error_is_one_line_and_debug_shows_where(make_corpus, tmp_path, capsys, monkeypatch):
    import retold.pipeline

    def broken(analysis):
        raise KeyError("surprise")

    monkeypatch.setattr(retold.pipeline, "STAGES", (retold.pipeline.Stage("text", broken),))
    corpus = make_corpus({"a1": GOOD_TEXT})
    code, out, err = run(["tables", corpus, tmp_path / "t", "--quiet"], capsys)
    assert code == 1 and err.count("\n") == 1 and "unexpected KeyError" in err and "--debug" in err
    assert "Traceback" not in err
    code, out, err = run(["--debug", "tables", corpus, tmp_path / "t", "--quiet"], capsys)
    assert code == 1 and "Traceback" in err and err.rstrip().splitlines()[-1].startswith("retold: error:")


def test_tables_refuse_a_folder_retold_did_not_write_unless_forced(make_corpus, tmp_path, capsys):
    corpus = make_corpus({"a1": GOOD_TEXT})
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "articles.csv").write_text("my own table")
    code, out, err = run(["tables", corpus, folder, "--quiet"], capsys)
    assert code == 1 and "--force" in err and (folder / "articles.csv").read_text() == "my own table"
    code, out, err = run(["tables", corpus, folder, "--quiet", "--force"], capsys)
    assert code == 0 and (folder / "articles.csv").read_text() != "my own table"
