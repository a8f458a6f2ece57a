"""Display tables: readable labels for ids, a dash for missing values, substitutions grouped into swaps."""

from __future__ import annotations

import math

import pandas as pd

from retold.view import summaries
from retold.view.summaries import EMPTY, readable, side_label

OUTLETS = {"a1": "Wire", "a2": "Courier", "a3": "Tribune"}


def test_ids_read_as_words_and_missing_values_as_a_dash():
    assert readable("elite_label") == "elite label"
    assert readable("work stoppage") == "work stoppage"
    assert readable(math.nan) == EMPTY and readable(None) == EMPTY and readable("None") == EMPTY
    assert side_label("unknown") == EMPTY and side_label(math.nan) == EMPTY
    assert side_label("union_side") == "union side"


def test_articles_overview_shows_a_dash_for_no_credited_source():
    articles = pd.DataFrame([
        {"article": "a1", "title": "Strike at the port", "credited_sources": math.nan, "words": 10, "sentences": 2,
         "paragraphs": 1},
        {"article": "a2", "title": None, "credited_sources": "Wire", "words": 12, "sentences": 2, "paragraphs": 1},
    ])
    table = summaries.articles_overview(articles, OUTLETS)
    assert table["Credited sources"].tolist() == [EMPTY, "Wire"]
    assert table["Headline"].tolist() == ["Strike at the port", EMPTY]


def test_voices_by_speaker_drops_the_side_column_when_no_side_is_known():
    voices = pd.DataFrame([
        {"article": "a1", "speaker": "Ana Nowak", "side": "unknown", "quotes": 1, "words": 5, "reported": 0,
         "reported_words": 0},
        {"article": "a2", "speaker": "(unknown)", "side": "unknown", "quotes": 1, "words": 3, "reported": 0,
         "reported_words": 0},
    ])
    table = summaries.voices_by_speaker(voices, OUTLETS)
    assert "Side" not in table.columns and table["Speaker"].tolist() == ["Ana Nowak", EMPTY]
    sided = summaries.voices_by_speaker(voices.assign(side=["union", "unknown"]), OUTLETS)
    assert sided["Side"].tolist() == ["union", EMPTY]
    assert summaries.voices_for_chart(voices)["side"].tolist() == ["no side given"] * 2


def test_quotations_show_no_nan_or_none():
    quotes = pd.DataFrame([{"article": "a1", "text": "We stay.", "speaker": math.nan, "kind": "direct",
                            "cue": math.nan, "attribution": "none", "group": "q01"}])
    row = summaries.quotations_of(quotes, "a1").iloc[0]
    assert (row["Speaker"], row["Cue"], row["How attributed"]) == (EMPTY, EMPTY, EMPTY)


def _sub(claim, a, b, text_a, text_b, kind, start_a=0, start_b=0):
    return {"claim": claim, "article_a": a, "article_b": b, "start_a": start_a, "end_a": start_a + len(text_a),
            "start_b": start_b, "end_b": start_b + len(text_b), "text_a": text_a, "text_b": text_b, "kind": kind,
            "count": 0}


def test_substitution_swaps_group_identical_swaps_either_way_round():
    subs = pd.DataFrame([
        _sub("c1", "a1", "a2", "strike", "walkout", "word choice", 10, 12),
        _sub("c1", "a2", "a3", "walkout", "Strike", "word choice", 12, 4),
        _sub("c2", "a1", "a3", "and", "along with", "word choice"),
        _sub("c3", "a1", "a2", "revised", "", "dropped", 30, 28),
        _sub("c4", "a1", "a2", "Nowak", "Novak", "name variant", 40, 41),
    ])
    swaps = summaries.substitution_swaps(subs, OUTLETS)
    assert swaps["One outlet printed"].tolist() == ["strike", "revised", "Nowak"]  # "and" swap left out
    first = swaps.iloc[0]
    assert first["Pairs of renderings"] == 2 and first["Outlets"] == "Wire, Courier, Tribune"
    assert first["Evidence"] == "a1 10–16 / a2 12–19"
    assert swaps.iloc[1]["Another printed"] == EMPTY
    titles = [title for title, _, rest in summaries.swap_sections(swaps) if rest.empty]
    assert titles == ["Names and spellings", "Word choices", "Words dropped or added"]
    assert summaries.substitution_swaps(subs.iloc[0:0], OUTLETS).empty
