"""The short readings say only what the tables show, with the grammar right for 1 and for many."""

from __future__ import annotations

import pandas as pd

from retold.framing.keyterms import KeyTerm
from retold.view import readings

OUTLETS = {"a1": "Wire", "a2": "Courier", "a3": "Tribune"}


def _terms(rows):
    return pd.DataFrame(rows, columns=["article", "term", "entry", "category", "voice", "speaker"])


OWN_HEAVY = _terms([
    ("a1", "thugs", "thugs", "criminalising", "author", None),
    ("a1", "Thugs", "thugs", "criminalising", "author", None),
    ("a2", "so-called", "so-called", "distancing", "author", None),
    ("a3", "reckless", "reckless", "evaluative", "quoted", "Ana Nowak"),
])
NAMING = pd.DataFrame([
    {"concept": "work stoppage", "label": "strike", "article": "a1", "count": 2, "author": 2},
    {"concept": "work stoppage", "label": "walkout", "article": "a2", "count": 1, "author": 1},
    {"concept": "people_protesting", "label": "crowd", "article": "a3", "count": 1, "author": 1},
])
KEYNESS = pd.DataFrame(columns=["article", "term", "zscore", "count"])


def test_overview_counts_one_and_many_right():
    one = readings.loaded_terms_overview(OWN_HEAVY.head(1), 1)
    assert "**1 loaded term**" in one and "1 article " in one and "1 different entry" in one
    assert "**1** (100%) is in" in one
    many = readings.loaded_terms_overview(OWN_HEAVY, 3)
    assert "**4 loaded terms**" in many and "3 articles" in many and "3 different entries" in many
    assert "no loaded term" in readings.loaded_terms_overview(OWN_HEAVY.iloc[0:0], 2)


def test_framing_reading_says_most_only_when_most():
    text = readings.framing_reading(OWN_HEAVY, NAMING, KEYNESS, OUTLETS)
    assert "Most loaded terms are **the outlets' own words**: 3 of 4" in text
    assert "other people's words" not in text
    assert "**Wire** (2 of its 2 hits)" in text
    assert "**Ana Nowak** (1 hit, quoted or attributed)" in text
    assert "*thugs* is found 2 times: Wire (2 author)" in text
    assert "Outlets name **work stoppage** differently: *strike* (Wire); *walkout* (Courier)" in text
    assert "people" not in text  # a concept with one label used does not vary
    quoted = OWN_HEAVY.assign(voice="quoted", speaker="Ana Nowak")
    assert "Most loaded terms are **other people's words**: 4 of 4" in readings.framing_reading(
        quoted, NAMING, KEYNESS, OUTLETS)


def test_framing_reading_names_the_most_repeated_swap():
    subs = pd.DataFrame([{"text_a": "are", "text_b": "remain", "kind": "word choice", "count": 4},
                         {"text_a": "strike", "text_b": "walkout", "kind": "word choice", "count": 1}])
    text = readings.framing_reading(OWN_HEAVY.iloc[0:0], NAMING.iloc[0:0], KEYNESS, OUTLETS, subs)
    assert text == "- The swap the rewrites repeat most: *strike* → *walkout* (word choice, in 1 pair of renderings)."


def test_kwic_heading_names_the_source_and_printed_forms():
    term = KeyTerm("union bosses", ("Union militants", "union bosses"), "loaded term")
    assert readings.kwic_heading(term, 1) == (
        "### union bosses \\(loaded term; printed as Union militants, union bosses\\)\\: 1 occurrence")
    assert readings.kwic_heading(KeyTerm("lorry / truck", ("lorry", "truck"), "substitution"), 3).endswith(
        "\\(substitution\\)\\: 3 occurrences")
    concept = KeyTerm("work stoppage", ("strike", "walkout"), "naming concept")
    assert readings.kwic_heading(concept, 2) == "### work stoppage \\(naming concept; labels strike, walkout\\)\\: 2 occurrences"


def test_substitutions_overview():
    assert "No substitution" in readings.substitutions_overview(None, pd.DataFrame(), 0)
    subs = pd.DataFrame([{"kind": "word choice"}, {"kind": "word choice"}, {"kind": "spelling"}])
    text = readings.substitutions_overview(subs, pd.DataFrame(index=range(3)), 2)
    assert "**3 substitutions** (2 word choice, 1 spelling), 3 distinct swaps" in text
    assert "show the 2 most repeated" in text


def test_quotes_reading_without_sides_names_no_side_and_quotes_the_utterance():
    quotes = pd.DataFrame([
        {"article": "a1", "group": "q01", "kind": "direct", "text": "We stay."},
        {"article": "a2", "group": "q01", "kind": "reported", "text": "they would stay"},
    ])
    voices = pd.DataFrame([{"article": "a1", "side": "unknown", "words": 2},
                           {"article": "a2", "side": "unknown", "words": 0}])
    pairs = pd.DataFrame([{"flags": None}])
    text = readings.quotes_reading(quotes, voices, pairs, OUTLETS)
    assert "unknown" not in text and "gives no sides" in text
    assert "**Wire**: 2 quoted words." in text and "**Tribune** prints no quotations." in text
    assert "(q01, 2 outlets) is “We stay\\.”" in text and "Of 1 scored pair of renderings, 0 carry" in text


def test_article_notes_leave_out_articles_without_notes():
    class Article:
        def __init__(self, id, notes):
            self.id, self.metadata = id, {"notes": notes}

    class Corpus:
        articles = [Article("a1", None), Article("a2", "Rewritten from the wire.")]

    assert readings.article_notes(Corpus(), OUTLETS) == "- **Courier** (<code>a2</code>): Rewritten from the wire\\."
    Corpus.articles = [Article("a1", float("nan"))]
    assert "no notes" in readings.article_notes(Corpus(), OUTLETS)


def test_counted_phrases():
    assert readings.count_heading(3, "Wire", 1, "quotation") == "### Wire\\: 1 quotation"
    assert readings.count_heading(3, "Wire", 2, "quotation") == "### Wire\\: 2 quotations"
    assert readings.more_in_table(1, "flagged pair", "tables/changes.csv").startswith("*1 more flagged pair is in")
    assert readings.more_in_table(3, "flagged pair", "x.csv").startswith("*3 more flagged pairs are in")


def test_corpus_overview_leaves_out_an_unknown_language():
    class Corpus:
        title, description, articles, language = "Dock strike", "", [object()], "unknown"

    assert readings.corpus_overview(Corpus()) == "**Dock strike**\n\n1 article."
    Corpus.language = "en"
    assert readings.corpus_overview(Corpus()).endswith("1 article, language: <code>en</code>.")
