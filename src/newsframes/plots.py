"""Figures for the report: one look everywhere, deterministic SVG output.

Colours come from the Okabe–Ito palette (safe for the common colour-vision
deficiencies) and each outlet keeps its colour in every figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VOICE_COLORS = {"author": "#0072B2", "attributed": "#E69F00", "quoted": "#009E73"}
VOICES = ["author", "attributed", "quoted"]


def setup() -> None:
    """Readable, projector-sized defaults; SVG figures with stable ids and no dates."""
    plt.rcParams.update({
        "figure.figsize": (9, 4.8),
        "figure.dpi": 100,
        "font.size": 12,
        "axes.titlesize": 14,
        "axes.titleweight": "bold",
        "axes.labelsize": 12,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "newsframes",
        "svg.fonttype": "path",
        "figure.autolayout": True,
    })
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', 'metadata': {'Date': None}}")


def outlet_colors(article_ids: list[str]) -> dict[str, str]:
    """Article id -> colour, stable across figures (assigned in corpus order)."""
    return {article: OKABE_ITO[i % len(OKABE_ITO)] for i, article in enumerate(article_ids)}


def article_lengths(articles, labels: dict[str, str], colors: dict[str, str]):
    """Horizontal bars: body words per outlet (title included), longest on top."""
    frame = articles.sort_values("words")
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(frame) + 1.6))
    ax.barh([labels[a] for a in frame["article"]], frame["words"], color=[colors[a] for a in frame["article"]])
    for y, value in enumerate(frame["words"]):
        ax.text(value, y, f" {value}", va="center", fontsize=11)
    ax.set_title("How long is each article?")
    ax.set_xlabel("Words in title and body (page furniture excluded)")
    ax.set_ylabel("Outlet")
    return fig


def furniture_by_kind(furniture, labels: dict[str, str], article_ids: list[str]):
    """Stacked bars: lines of page furniture per outlet, by kind."""
    counts = furniture.groupby(["article", "kind"]).size().unstack(fill_value=0).reindex(article_ids, fill_value=0)
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(counts) + 1.8))
    left = [0] * len(counts)
    for i, kind in enumerate(sorted(counts.columns)):
        values = counts[kind].tolist()
        ax.barh([labels[a] for a in counts.index], values, left=left, label=kind.replace("_", " "),
                color=OKABE_ITO[i % len(OKABE_ITO)])
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_title("What each site wrapped around the story")
    ax.set_xlabel("Lines of page furniture set aside")
    ax.set_ylabel("Outlet")
    if len(counts.columns):
        ax.legend(title="kind", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=10, frameon=False)
    return fig
