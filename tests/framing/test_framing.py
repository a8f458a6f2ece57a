"""Framing: lexicon loading, longest-match term hits with voice, naming counts, keyness, concordance.

Expectations on the seeds come from reading the articles and from tests/gold/voice.yml and
tests/gold/naming.yml.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from conftest import GOLD_DIR, SEED_CORPUS
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from retold import framing
from retold.framing.lexicon import compile_bounded
from retold.text.words import keyness_stop_words
from retold.view.kwic import concordance_html
from retold.framing import LexiconError, load_loaded_terms, load_naming, longest_matches
from retold.view.notebook import Report
from retold.pipeline import Lexicons, analyse
from retold.pipeline import build_tables
from retold.tables import read_tables, write_tables

GOLD = GOLD_DIR


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


SMALL_LEXICON = """
categories:
  delegitimising: labels
  euphemism: softer words
terms:
  - term: regime
    pattern: "regimes?"
    category: delegitimising
    reason: illegitimate
  - term: Kiev regime
    pattern: "(?:Kyiv|Kiev)(?:'s)? regime"
    category: delegitimising
    reason: Kremlin label
  - term: military operation
    pattern: "military operations?"
    category: euphemism
    reason: avoids war
  - term: special military operation
    variants: [special military operation]
    category: euphemism
    reason: Kremlin name
  - term: Schultz
    category: euphemism
    reason: test of a run-together word
"""


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEED_CORPUS)


@pytest.fixture(scope="module")
def seed_hits(seeds):
    return seeds.term_hits


def hit_at(hits, article, text):
    found = [h for h in hits if h.article == article and h.term == text]
    assert found, f"no hit {text!r} in {article}"
    return found


# --------------------------------------------------------------------------- matching on hand-made texts

def test_longest_match_wins_case_insensitive_on_whole_words(tmp_path):
    lexicon = load_loaded_terms(write(tmp_path, "l.yml", SMALL_LEXICON))
    matchers = [(i, rx) for i, e in enumerate(lexicon.entries) for rx in e.matchers]
    text = "The KIEV REGIME and the regime; regimental bands. The Special  Military\nOperation and military operations."
    found = [(text[m.start:m.end], lexicon.entries[m.key].term) for m in longest_matches(text, [(0, len(text))], matchers)]
    assert found == [
        ("KIEV REGIME", "Kiev regime"),
        ("regime", "regime"),
        ("Special  Military\nOperation", "special military operation"),
        ("military operations", "military operation"),
    ]


def test_curly_apostrophe_and_run_together_words(tmp_path):
    lexicon = load_loaded_terms(write(tmp_path, "l.yml", SMALL_LEXICON))
    matchers = [(i, rx) for i, e in enumerate(lexicon.entries) for rx in e.matchers]
    text = "Kyiv’s regime. Olaf SchultzThe Kremlin. Schultzes no."
    found = [text[m.start:m.end] for m in longest_matches(text, [(0, len(text))], matchers)]
    assert found == ["Kyiv’s regime", "Schultz"]


def test_matches_stay_inside_the_given_spans(tmp_path):
    lexicon = load_loaded_terms(write(tmp_path, "l.yml", SMALL_LEXICON))
    matchers = [(i, rx) for i, e in enumerate(lexicon.entries) for rx in e.matchers]
    text = "regime in furniture\nbody regime"
    found = longest_matches(text, [(20, len(text))], matchers)
    assert [(m.start, m.end) for m in found] == [(25, 31)]


def test_term_group_marks_the_hit_inside_context(tmp_path):
    path = write(tmp_path, "n.yml", """
concepts:
  - concept: war
    labels:
      - label: fight
        pattern: "the (?P<term>fight)"
""")
    concept = load_naming(path)[0]
    matchers = [(0, rx) for rx in concept.labels[0].matchers]
    text = "They will fight. Many died in the fight."
    assert [(m.start, m.end) for m in longest_matches(text, [(0, len(text))], matchers)] == [(34, 39)]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab r-eimgKv", max_size=60))
def test_hits_never_overlap(text):
    regexes = [(0, compile_bounded("ab")), (1, compile_bounded("ab ab")), (2, compile_bounded(r"a\w*"))]
    found = longest_matches(text, [(0, len(text))], regexes)
    for first, second in zip(found, found[1:]):
        assert first.end <= second.start


# --------------------------------------------------------------------------- lexicon validation

def test_bad_pattern_names_file_and_entry(tmp_path):
    path = write(tmp_path, "bad.yml", SMALL_LEXICON.replace('"regimes?"', '"(regimes?"'))
    with pytest.raises(LexiconError) as err:
        load_loaded_terms(path)
    message = str(err.value)
    assert str(path) in message and "entry 1 ('regime')" in message and "not a valid regular expression" in message


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, "bad.yml", """
categories: {a: x}
terms:
  - term: one
    category: b
    reason: r
  - term: two
    category: a
  - term: one
    category: a
    reason: r
    colour: red
  - term: empty
    pattern: "x*"
    category: a
    reason: r
""")
    with pytest.raises(LexiconError) as err:
        load_loaded_terms(path)
    problems = err.value.problems
    assert any("entry 1 ('one')" in p and "category 'b'" in p for p in problems)
    assert any("entry 2 ('two')" in p and "missing required field 'reason'" in p for p in problems)
    assert any("entry 3 ('one')" in p and "duplicate term" in p for p in problems)
    assert any("entry 3 ('one')" in p and "unknown field 'colour'" in p for p in problems)
    assert any("entry 4 ('empty')" in p and "matches empty text" in p for p in problems)


def test_yaml_syntax_and_missing_file(tmp_path):
    with pytest.raises(LexiconError, match=r"bad\.yml: line \d+, column \d+: YAML syntax error"):
        load_loaded_terms(write(tmp_path, "bad.yml", "terms: [\n  - term: x\n"))
    with pytest.raises(LexiconError, match="lexicon file not found"):
        load_naming(tmp_path / "nope.yml")
    assert issubclass(LexiconError, ValueError)


def test_naming_errors_name_concept_and_label(tmp_path):
    path = write(tmp_path, "n.yml", """
concepts:
  - concept: capital
    labels:
      - label: Kyiv
        pattern: "Ky[iv"
      - label: Kyiv
""")
    with pytest.raises(LexiconError) as err:
        load_naming(path)
    message = str(err.value)
    assert "concept 'capital', label 'Kyiv': pattern 'Ky[iv'" in message
    assert "duplicate label 'Kyiv'" in message


def test_war_pack_loads_and_uses_every_category():
    war = Lexicons.from_paths("war", "war")
    lexicon = load_loaded_terms(war.loaded_terms)
    assert {e.category for e in lexicon.entries} == set(lexicon.categories)
    for required in ["Kiev regime", "regime", "terrorist attack", "barbaric", "heinous crimes", "radical nationalists",
                     "special military operation", "provocative attacks", "provocations", "destructive", "devastating", "haughty", "arrogant",
                     "conciliatory", "cronies", "genocide", "martyrs", "militants", "junta", "massacre",
                     "denazification", "liberation", "occupiers", "aggression", "puppet", "terrorist"]:
        assert required in {e.term for e in lexicon.entries}
    terms = {e.term for e in lexicon.entries}
    assert not terms & {"war", "invasion", "occupation", "annexation", "conflict", "hostilities"}  # naming, not loaded
    concepts = {c.concept for c in load_naming(war.naming)}
    assert {"ukraine_capital", "ukraine_government", "war", "annexed_regions", "german_chancellor_name",
            "crimean_bridge_blast"} <= concepts


# --------------------------------------------------------------------------- seeds: voice of hits

@pytest.mark.parametrize("article, text, voice, speaker", [
    ("a004", "Kiev regime", "quoted", "Kremlin"),
    ("a000", "Kyiv regime", "quoted", "Kremlin"),
    ("a001", "terrorist attack", "attributed", "Vladimir Putin"),
    ("a001", "provocations", "attributed", "Vladimir Putin"),
    ("a002", "conciliatory", "author", None),
    ("a002", "haughty", "attributed", "Vladimir Putin"),
    ("a002", "barbaric", "quoted", "Joe Biden"),
    ("a003", "arrogant", "attributed", "Vladimir Putin"),
    ("a004", "heinous crimes", "attributed", "Kremlin"),
    ("a004", "radical Ukrainian nationalists", "attributed", "Kremlin"),
])
def test_seed_hits_carry_voice(seed_hits, article, text, voice, speaker):
    hits = hit_at(seed_hits, article, text)
    assert all((h.voice, h.speaker) == (voice, speaker) for h in hits)


def test_seed_longest_match_and_furniture(seeds, seed_hits):
    a001 = [h for h in seed_hits if h.article == "a001"]
    smo = [h for h in a001 if h.entry == "special military operation"]
    assert [(h.start, h.end) for h in smo] == [(818, 844)]
    assert not any(h.entry == "military operation" and h.start == 826 for h in a001)
    assert not any(h.entry == "regime" for h in seed_hits)
    assert not any(h.entry == "cronies" for h in seed_hits), "a003's 'cronies' is in a related link (furniture)"
    text = seeds.corpus.article("a003").text
    assert all(text[h.start:h.end] == h.term for h in seed_hits if h.article == "a003")


def test_seed_voice_agrees_with_gold(seeds, seed_hits):
    gold = yaml.safe_load((GOLD / "voice.yml").read_text(encoding="utf-8"))["voices"]
    compared = agree = 0
    for entry in gold:
        # the war's neutral labels (war, invasion, annexation, ...) are naming hits, not loaded terms
        overlapping = [h for h in list(seed_hits) + list(seeds.name_hits) if h.article == entry["article"]
                       and h.start < entry["end"] and entry["start"] < h.end]
        if entry["text"] in ("Kiev", "Kyiv"):
            continue
        if entry["text"] == "occupation":  # "occupation war": neither a loaded term nor a naming label any more
            assert not overlapping
            continue
        assert overlapping, f"gold term not found: {entry}"
        compared += 1
        agree += (overlapping[0].voice, overlapping[0].speaker) == (entry["voice"], entry["speaker"])
    assert compared >= 45
    assert agree / compared >= 0.9


# --------------------------------------------------------------------------- seeds: naming

def test_naming_counts_equal_gold(seeds):
    gold = yaml.safe_load((GOLD / "naming.yml").read_text(encoding="utf-8"))
    counts = framing.naming_counts(seeds.name_hits, seeds.naming, seeds.outlets)
    assert list(counts.columns[:4]) == ["concept", "label", "article", "count"]
    for concept, labels in gold["counts"].items():
        rows = counts[counts["concept"] == concept]
        assert set(labels) <= set(rows["label"])
        for row in rows.itertuples():
            assert row.count == labels.get(row.label, {}).get(row.article, 0), (concept, row.label, row.article)
    hits = seeds.name_hits
    for concept, occurrences in gold["occurrences"].items():
        for occ in occurrences:
            assert any(h.concept == concept and h.label == occ["label"] and (h.article, h.start, h.end)
                       == (occ["article"], occ["start"], occ["end"]) for h in hits), occ


def test_naming_government_labels_and_voice(seeds):
    hits = [h for h in seeds.name_hits if h.concept == "ukraine_government"]
    by_article = Counter((h.article, h.label) for h in hits)
    assert by_article[("a004", "regime")] == 1
    assert by_article[("a004", "government in Kyiv/Kiev")] == 1
    assert by_article[("a001", "Ukrainian government")] == 1  # "Ukrainian leaders could decide"
    assert by_article[("a000", "Kyiv/Kiev as actor")] == 2  # "Kyiv’s provocative attacks", "encouraging Kyiv to"
    capital = [h for h in seeds.name_hits if h.concept == "ukraine_capital" and h.article == "a000"]
    assert [(h.text, h.voice) for h in capital][-1] == ("Kiev", "author")


def test_naming_map_drops_unused_labels(seeds):
    counts = framing.naming_counts(seeds.name_hits, seeds.naming, seeds.outlets)
    outlets = seeds.corpus.outlet_names()
    table = framing.naming_map(counts, outlets)
    assert list(table.columns) == list(outlets.values())
    assert table.loc[("german_chancellor_name", "Schulz"), "Press TV"] == 1
    assert ("war", "crisis") not in table.index
    author_only = framing.naming_map(counts, outlets, voice="author")
    assert author_only.loc[("ukraine_capital", "Kiev"), "Global Circumstances"] == 1


# --------------------------------------------------------------------------- keyness

def test_log_odds_on_a_tiny_corpus_with_a_known_answer():
    counts = {
        "A": Counter({"regime": 10, "talks": 4, "war": 2}),
        "B": Counter({"government": 10, "talks": 4, "war": 2}),
    }
    frame = framing.log_odds_z(counts, prior_scale=1.0).set_index(["group", "term"])
    assert frame.loc[("A", "regime"), "zscore"] > 1.96
    assert frame.loc[("B", "government"), "zscore"] > 1.96
    assert frame.loc[("A", "government"), "zscore"] < -1.96
    assert frame.loc[("A", "talks"), "zscore"] == pytest.approx(0, abs=1e-9)
    assert frame.loc[("A", "regime"), "zscore"] == pytest.approx(-frame.loc[("B", "regime"), "zscore"])
    # by hand: y_i=10, y_r=0, a=10, a0=32, n_i=n_r=16
    delta = math.log(20 / (16 + 32 - 20)) - math.log(10 / (16 + 32 - 10))
    assert frame.loc[("A", "regime"), "zscore"] == pytest.approx(delta / math.sqrt(1 / 20 + 1 / 10))


def test_ngram_counts_skip_stopwords_and_punctuation():
    text = "The Kiev regime, the regime. Kiev regime!"
    counts = framing.ngram_counts(text, [(0, len(text))], keyness_stop_words())
    assert counts["kiev regime"] == 2
    assert counts["regime"] == 3
    assert "the" not in counts and "regime regime" not in counts


def test_keyness_on_hand_made_corpus(make_corpus):
    path = make_corpus({
        "x1": "Kyiv regime talks\n\nThe Kyiv regime rejects talks. The regime is weak. The regime again.",
        "x2": "Ukrainian government talks\n\nThe Ukrainian government wants talks. The government is open.",
    })
    frame = framing.keyness((a := analyse(path)).articles, a.outlets)
    assert list(frame.columns[:4]) == ["article", "term", "zscore", "count"]
    top = frame[frame["article"] == "x1"].iloc[0]
    assert top["term"] == "regime" and top["count"] == 4
    assert frame[frame["article"] == "x2"].iloc[0]["term"] == "government"
    assert "kyiv regime" in set(frame[frame["ngram"] == 2]["term"])


# --------------------------------------------------------------------------- concordance, dispersion, tables

HOSTILE = "A <script>alert(1)</script> title\n\nPutin said the Kiev regime must go. “The Kyiv regime,” he said.\n"


@pytest.fixture
def small_report(make_corpus, tmp_path):
    path = make_corpus({"h1": HOSTILE, "h2": "Kyiv talks\n\nThe talks in Kyiv went on. Nobody spoke of a regime."},
                       manifest_extra={"lexicon": "war", "naming": "war"})
    analysis = analyse(path)
    write_tables(build_tables(analysis), tmp_path / "tables")
    return analysis, Report(analysis.corpus, read_tables(tmp_path / "tables"), tmp_path)


def test_concordance_from_report_equals_from_analysis(small_report):
    analysis, report = small_report
    from_analysis = framing.concordance(analysis.article_texts, ["Kiev", "Kyiv"], width=20)
    from_report = framing.concordance(report.article_texts(), ["Kiev", "Kyiv"], width=20)
    assert from_analysis.equals(from_report)
    assert list(from_report["match"]) == ["Kiev", "Kyiv", "Kyiv", "Kyiv"]
    quoted = from_report[from_report["match"] == "Kyiv"].iloc[0]
    assert quoted["voice"] == "quoted"
    text = analysis.corpus.article("h1").text
    assert all(text[r.start:r.end] == r.match for r in from_report[from_report.article == "h1"].itertuples())


def test_concordance_html_escapes_and_highlights(small_report):
    analysis, report = small_report
    lines = framing.concordance(report.article_texts(), "script", width=30)
    markup = concordance_html(lines, "<b>title</b>")
    assert "<script" not in markup and "</script" not in markup
    assert "&gt;alert(1)&lt;/" in markup and "&lt;b&gt;title" in markup
    assert "<mark" in markup and ">script</mark>" in markup
    assert "no occurrences" in concordance_html(framing.concordance(report.article_texts(), "absent"))


def test_dispersion_positions(small_report):
    _, report = small_report
    frame = framing.dispersion(report.article_texts(), {"Kyiv/Kiev": ["Kyiv", "Kiev"], "regime": "regime"})
    assert frame["position"].between(0, 1).all()
    h2 = frame[(frame.article == "h2") & (frame.term == "Kyiv/Kiev")]
    assert h2.iloc[0]["position"] == 0
    assert set(frame["term"]) == {"Kyiv/Kiev", "regime"}


def test_tables_have_public_columns(small_report):
    analysis, _ = small_report
    from retold.pipeline import framing_stage
    frames = framing_stage(analysis)
    assert list(frames["loaded_terms.csv"].columns[:8]) == [
        "article", "start", "end", "term", "entry", "category", "voice", "speaker"]
    assert list(frames["naming.csv"].columns[:4]) == ["concept", "label", "article", "count"]
    assert list(frames["keyness.csv"].columns[:4]) == ["article", "term", "zscore", "count"]
    terms = frames["loaded_terms.csv"]
    assert list(terms[terms.article == "h1"]["term"]) == ["Kiev regime", "Kyiv regime"]


def test_custom_lexicon_is_used(make_corpus, tmp_path):
    path = make_corpus({"c1": "Title\n\nThe junta and the regime met the Kiev regime."})
    custom = write(tmp_path, "custom.yml", SMALL_LEXICON)
    analysis = analyse(path, Lexicons.from_paths(loaded_terms=custom))
    assert [h.entry for h in analysis.term_hits] == ["regime", "Kiev regime"]
