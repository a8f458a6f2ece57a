"""Figures print labels from corpus and lexicon files as written: never as mathtext."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

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


FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")


@pytest.fixture(scope="module")
def seed_figures():
    from retold.corpus import load_corpus
    from retold.framing.concordance import dispersion
    from retold.pipeline import analyse, build_tables
    from retold.view.notebook import Report
    from conftest import SEED_CORPUS

    plots.setup()
    tables = {n.removesuffix(".csv"): f for n, f in build_tables(analyse(SEED_CORPUS)).items()}
    report = Report(load_corpus(SEED_CORPUS), tables, SEED_CORPUS)
    ids, names, colors = report.article_ids, report.outlets, report.colors
    counts = (tables["loaded_terms"].groupby(["article", "category", "voice"]).size().rename("count").reset_index())
    terms = {t: t for t in tables["loaded_terms"]["term"].value_counts().index[:12]}
    return {
        "lengths": plots.article_lengths(tables["articles"], names, colors),
        "furniture": plots.furniture_by_kind(tables["furniture"], names, ids),
        "voices": plots.voice_share(tables["voices"], names, ids),
        "reuse": plots.reuse_heatmap(tables["reuse"], names, ids),
        "claims": plots.claim_matrix(tables["claims"], names, ids, colors),
        "loaded": plots.loaded_terms_heatmap(counts, names, ids),
        "keyness": plots.keyness_chart(tables["keyness"], names, ids, colors),
        "dispersion": plots.dispersion_plot(dispersion(report.article_texts(), terms), names, ids),
    }, tables


def test_every_figure_says_what_it_shows_in_its_alt_text(seed_figures):
    figures, _ = seed_figures
    alts = {name: plots.alt_text(fig) for name, fig in figures.items()}
    for name, alt in alts.items():
        assert alt and not alt.startswith("Figure") and "No description" not in alt, name
    assert alts["reuse"].endswith("The highest is 9%: news portal, Indonesia (a003) (a) in unnamed (a002) (b).")
    assert "from 370 words (Global Circumstances) to 519 words (unnamed (a002))" in alts["lengths"]
    assert re.search(r"unnamed \(a002\) carries \d+ of the \d+; ", alts["claims"])


def test_figure_type_is_readable_on_a_projector(seed_figures):
    figures, _ = seed_figures
    for name, fig in figures.items():
        sizes = [float(size) for size in FONT_SIZE.findall(_svg(fig))]
        assert sizes and min(sizes) >= plots.MIN_FONT, (name, min(sizes))


def test_claim_labels_are_short_and_the_table_has_the_full_sentences(seed_figures):
    _, tables = seed_figures
    claims = tables["claims"]
    fig = plots.claim_matrix(claims, {a: a for a in claims["article"].unique()}, sorted(claims["article"].unique()),
                             {a: "#000000" for a in claims["article"].unique()})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plots.plt.close(fig)
    assert labels and all(len(label) <= plots.CLAIM_LABEL + 6 for label in labels)
    table = plots.claim_table(claims)
    assert len(table) == len(labels)
    texts = set(claims["text"])
    assert all(sentence in texts for sentence in table["Representative sentence"])


def test_long_dispersion_charts_keep_only_rows_with_occurrences():
    frame = pd.DataFrame([{"article": "a", "term": f"t{i}", "position": 0.1 * (i % 10), "voice": "author"}
                          for i in range(30) for _ in range(i % 3 + 1)])
    fig = plots.dispersion_plot(frame, {"a": "A", "b": "B"}, ["a", "b"], max_rows=16)
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plots.plt.close(fig)
    assert 0 < len(rows) <= 16 and not any(r.startswith("B") for r in rows)
