"""Figures print labels from corpus and lexicon files as written: never as mathtext."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from retold.view import plots  # noqa: E402

ODD = {"a": "Press TV $\\foo$", "b": "Price $5 and $10", "c": "<b>bold</b> & co", "d": "x" * 300}


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plots.plt.close(fig)
    return buffer.getvalue()


def test_outlet_names_with_dollar_signs_are_printed_not_typeset():
    plots.setup()
    assert plots.plt.rcParams["text.parse_math"] is False
    articles = pd.DataFrame({"article": list(ODD), "words": [10, 20, 30, 40]})
    svg = _svg(plots.article_lengths(articles, ODD, plots.outlet_colors(list(ODD))))
    assert "Press TV $\\foo$" in svg and "Price $5 and $10" in svg
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in svg


def test_very_long_labels_are_shortened_in_charts():
    articles = pd.DataFrame({"article": list(ODD), "words": [10, 20, 30, 40]})
    svg = _svg(plots.article_lengths(articles, ODD, plots.outlet_colors(list(ODD))))
    assert "x" * 300 not in svg and "x" * 47 + "…" in svg
