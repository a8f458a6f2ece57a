"""Examples for the guide and findings for the index: picked from tables, never typed in."""

from __future__ import annotations

import pandas as pd
import pytest

from retold.view import guide
from retold.corpus import load_corpus
from retold.view.findings import key_findings
from retold.pipeline import analyse
from retold.pipeline import build_tables
from retold.tables import write_tables
from conftest import SEED_CORPUS


def test_loaded_term_in_two_voices_on_a_hand_made_table():
    hits = pd.DataFrame([
        {"article": "x", "start": 10, "end": 16, "term": "regime", "entry": "regime", "voice": "quoted", "speaker": "K"},
        {"article": "y", "start": 0, "end": 6, "term": "Regime", "entry": "regime", "voice": "author", "speaker": ""},
        {"article": "y", "start": 20, "end": 23, "term": "war", "entry": "war", "voice": "author", "speaker": ""},
    ])
    sentences = pd.DataFrame([{"article": "y", "start": 0, "end": 30, "text": "Regime change is what war does."}])
    own, other = guide.loaded_term_in_two_voices({"loaded_terms": hits, "sentences": sentences})
    assert (own.article, own.start, own.sentence) == ("y", 0, "Regime change is what war does.")
    assert (other.article, other.start) == ("x", 10) and "K" in other.note
    assert guide.loaded_term_in_two_voices({"loaded_terms": hits[hits["voice"] == "author"]}) is None


def test_most_varied_concept_and_meaning_changes():
    naming = pd.DataFrame([
        {"concept": "capital", "label": "Kyiv", "article": "a", "count": 2},
        {"concept": "capital", "label": "Kiev", "article": "b", "count": 1},
        {"concept": "leader", "label": "Scholz", "article": "a", "count": 1},
    ])
    concept, counts = guide.most_varied_concept({"naming": naming})
    assert concept == "capital" and counts.loc["Kyiv", "a"] == 2 and counts.loc["Kiev", "a"] == 0
    changes = pd.DataFrame([
        {"claim": "c1", "article_a": "a", "article_b": "b", "flags": "negation;number", "similarity": 0.5,
         "close": False},
        {"claim": "c2", "article_a": "a", "article_b": "b", "flags": "modality", "similarity": 0.9, "close": True},
        {"claim": "c3", "article_a": "a", "article_b": "b", "flags": "negation", "similarity": 0.8, "close": True},
        {"claim": "c4", "article_a": "a", "article_b": "b", "flags": "negation", "similarity": 0.7, "close": True},
    ])
    assert list(guide.meaning_changes({"changes": changes}, "negation")["claim"]) == ["c3", "c4"]
    assert list(guide.meaning_changes({"changes": changes}, "negation", close=False)["claim"]) == ["c1"]
    assert list(guide.meaning_changes({"changes": changes}, "negation", close=None)["claim"]) == ["c3", "c4", "c1"]
    assert guide.meaning_changes({}, "negation").empty


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    frames = build_tables(analyse(SEED_CORPUS))
    write_tables(frames, out)
    return out, {name.removesuffix(".csv"): frame for name, frame in frames.items()}


def test_seed_examples_match_reading(seed_tables):
    _, tables = seed_tables
    reuse = guide.strongest_reuse(tables)
    assert {reuse["article_a"], reuse["article_b"]} == {"a002", "a003"}
    flips = guide.meaning_changes(tables, "negation")
    texts = {a.id: a.text for a in load_corpus(SEED_CORPUS).articles}
    pairs = [(texts[r.article_a][r.start_a:r.end_a], texts[r.article_b][r.start_b:r.end_b]) for r in flips.itertuples()]
    assert any("never recognise" in a + b and "would accept" in a + b for a, b in pairs)
    concept, counts = guide.most_varied_concept(tables)
    assert concept == "war" and counts.loc["war", "a004"] >= 1
    quote = guide.partial_quote(tables)
    assert quote is not None and quote.text in quote.sentence


def test_findings_are_computed_escaped_and_linked(seed_tables):
    table_dir, _ = seed_tables
    findings = key_findings(table_dir, load_corpus(SEED_CORPUS))
    text = " ".join(finding.text for finding in findings)
    assert "news portal, Indonesia (a003) and unnamed (a002) share the most wording" in text
    assert "never recognise" in text or "would accept" in text
    assert all(f.page.startswith("reading/") and f.page.endswith(".html") and f.section for f in findings)
    assert all(f.takeaway and "(s)" not in f.text + f.takeaway for f in findings)
    assert "<script" not in text
    assert "1 likely polarity flip (negation) in close rewrites of one sentence" in text
    assert "2 looser pairs of related sentences, not close rewrites, also differ in negation and are listed to check" \
        in text
    assert "drops or adds the credit" not in text and "drop or add the credit" not in text  # none on the seeds
    assert "““" not in text and "“\"" not in text  # an excerpt that opens with a quotation mark is not wrapped again


def test_guide_sections_quote_distinct_sentences(seed_tables):
    _, tables = seed_tables
    shown = list(guide.loaded_term_in_two_voices(tables) or ())
    for voice in ("attributed", "quoted"):
        example = guide.example_of_voice(tables, voice, avoid=shown)
        assert example is not None
        shown.append(example)
    partial = guide.partial_quote(tables, avoid=shown)
    if partial is not None:
        shown.append(partial)
    sentences = tables["sentences"]
    ranges = [(e.article, guide.sentence_range(sentences, e.article, e.start, e.end)) for e in shown]
    for i, (article, (left, right)) in enumerate(ranges):
        for other, (o_left, o_right) in ranges[i + 1:]:
            assert article != other or right <= o_left or o_right <= left, (shown[i], ranges)


def test_exercise_answers_are_computed_and_numbered(seed_tables):
    _, tables = seed_tables
    outlets = load_corpus(SEED_CORPUS).outlet_names()
    assert guide.neutral_answer(tables, outlets).startswith("**Answer 2.** For example, ")
    assert "the most of any pair" in guide.reuse_answer(tables, outlets)
    assert guide.reuse_answer({}, outlets) == "**Answer 4.** No two articles share wording in this corpus."
    assert guide.neutral_answer({}, outlets) == "**Answer 2.** No loaded term from the lexicon was found in this corpus."
