"""Figures for the report: one look everywhere, deterministic SVG output.

Colours come from the Okabe–Ito palette (safe for the common colour-vision
deficiencies) and each outlet keeps its colour in every figure. Labels come from
corpus and lexicon files, so text is never parsed as mathtext: an outlet called
"Press TV $\\foo$" or "Price $5 and $10" is printed as written.
"""

from __future__ import annotations

from collections import Counter

import matplotlib.pyplot as plt

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
VOICE_COLORS = {"author": "#0072B2", "attributed": "#E69F00", "quoted": "#009E73"}
VOICES = ["author", "attributed", "quoted"]
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}
plt.rcParams.update(PLAIN_TEXT)
MAX_LABEL = 48


def short_labels(labels: dict[str, str]) -> dict[str, str]:
    """Outlet labels cut to MAX_LABEL characters for axes (a 300-character outlet name would swamp a chart);
    labels stay distinct (a cut label that collides gets its article id)."""
    cut = {key: label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1].rstrip() + "…"
           for key, label in labels.items()}
    seen = Counter(cut.values())
    return {key: label if seen[label] == 1 or label == labels[key]
            else label[:MAX_LABEL - len(key) - 4].rstrip() + f"… ({key})" for key, label in cut.items()}


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
        "svg.hashsalt": "retold",
        "svg.fonttype": "none",
        "figure.autolayout": True,
        **PLAIN_TEXT,
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
    labels = short_labels(labels)
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
    labels = short_labels(labels)
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


SIDE_ORDER = ["russian_officials", "western_officials", "ukrainian_officials", "other", "unknown"]
SIDE_COLORS = {"russian_officials": "#D55E00", "western_officials": "#0072B2", "ukrainian_officials": "#F0E442",
               "other": "#CC79A7", "unknown": "#999999"}


def voice_share(voices, labels: dict[str, str], article_ids: list[str]):
    """Two panels of stacked bars per outlet: words inside quotations and words of reported speech, by side."""
    labels = short_labels(labels)
    sides = [s for s in SIDE_ORDER if s in set(voices["side"])] + sorted(set(voices["side"]) - set(SIDE_ORDER))
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.6 * len(article_ids) + 2.2), sharey=True)
    panels = [("words", "Words inside quotations"), ("reported_words", "Words of reported speech (no marks)")]
    for ax, (column, title) in zip(axes, panels):
        table = voices.pivot_table(index="article", columns="side", values=column, aggfunc="sum", fill_value=0)
        table = table.reindex(index=article_ids, columns=sides, fill_value=0)
        left = [0] * len(table)
        for side in sides:
            values = table[side].tolist()
            ax.barh([labels[a] for a in table.index], values, left=left, label=side.replace("_", " "),
                    color=SIDE_COLORS.get(side, "#999999"), edgecolor="white", linewidth=0.5)
            left = [a + b for a, b in zip(left, values)]
        ax.set_title(title, fontsize=13)
        ax.set_xlabel("Words")
    axes[0].invert_yaxis()
    axes[0].set_ylabel("Outlet")
    handles, names = axes[0].get_legend_handles_labels()
    if handles:
        axes[1].legend(handles, names, title="speaker's side", loc="upper left", bbox_to_anchor=(1.01, 1),
                       fontsize=10, frameon=False)
    fig.suptitle("Who gets a voice: quoted and reported words by the speaker's side", fontweight="bold")
    return fig


def reuse_heatmap(reuse, labels: dict[str, str], article_ids: list[str], measure: str = "shared",
                  title: str = "Shared wording: share of each article's body found in another"):
    """Heatmap of a reuse measure: row = article a, column = article b, cell = share of a found in b."""
    labels = short_labels(labels)
    import numpy as np

    table = reuse.pivot_table(index="article_a", columns="article_b", values=measure, aggfunc="first")
    table = table.reindex(index=article_ids, columns=article_ids)
    values = table.to_numpy(dtype=float)
    size = max(4.5, 0.9 * len(article_ids) + 2.5)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    finite = values[np.isfinite(values)]
    top = max(0.05, float(finite.max()) if finite.size else 0.05)
    image = ax.imshow(np.ma.masked_invalid(values), cmap="cividis", vmin=0, vmax=top)
    names = [labels[a] for a in article_ids]
    ax.set_xticks(range(len(names)), names, rotation=35, ha="right")
    ax.set_yticks(range(len(names)), names)
    if len(article_ids) <= 15:
        for i in range(len(names)):
            for j in range(len(names)):
                if np.isfinite(values[i, j]):
                    ax.text(j, i, f"{values[i, j]:.0%}", ha="center", va="center", fontsize=10,
                            color="black" if values[i, j] > top * 0.6 else "white")
    ax.set_xlabel("Article b (found in)")
    ax.set_ylabel("Article a (share of its body)")
    ax.set_title(title)
    from matplotlib.ticker import PercentFormatter

    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, format=PercentFormatter(1.0))
    return fig


def claim_matrix(claims, labels: dict[str, str], article_ids: list[str], colors: dict[str, str],
                 max_claims: int = 30, min_outlets: int = 2):
    """Dot matrix: claims (rows, short text) × outlets (columns); a dot where the outlet carries the claim."""
    labels = short_labels(labels)
    shared = claims[claims["outlets"] >= min_outlets]
    order = (shared.groupby("claim").agg(outlets=("outlets", "first"), label=("label", "first"))
             .sort_values(["outlets", "claim"], ascending=[False, True]).head(max_claims))
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(article_ids) + 7), 0.38 * max(len(order), 3) + 2))
    rows = {claim: k for k, claim in enumerate(order.index)}
    for article_index, article in enumerate(article_ids):
        carried = shared[(shared["article"] == article) & shared["claim"].isin(rows)]["claim"]
        ax.scatter([article_index] * len(carried), [rows[c] for c in carried], s=110, color=colors[article],
                   edgecolor="black", linewidth=0.6, zorder=3)
    ax.set_xticks(range(len(article_ids)), [labels[a] for a in article_ids], rotation=35, ha="right")
    wrapped = [f"{claim}: {label[:70] + '…' if len(label) > 70 else label}" for claim, label in
               zip(order.index, order["label"])]
    ax.set_yticks(range(len(order)), wrapped, fontsize=9)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(-0.5, len(article_ids) - 0.5)
    ax.grid(True, color="#dddddd", zorder=0)
    ax.set_xlabel("Outlet")
    ax.set_ylabel("Claim (one representative sentence)")
    ax.set_title("Who carries which claim (claims found in at least two outlets)")
    return fig


def loaded_terms_heatmap(counts, labels: dict[str, str], article_ids: list[str], words: dict[str, int] | None = None,
                         title: str = "Loaded terms by category, split by whose words they are"):
    """Three heatmaps side by side (author / attributed / quoted): outlets × lexicon categories, counts in cells.

    `counts` has article, category, voice, count (see `framing.category_voice_counts`); `words` (optional)
    article -> body words, shown next to the outlet name because longer articles have more room for terms.
    """
    labels = short_labels(labels)
    import numpy as np

    categories = sorted(counts["category"].unique()) if len(counts) else []
    voices = VOICES
    grids = []
    for voice in voices:
        sub = counts[counts["voice"] == voice].pivot_table(index="article", columns="category", values="count",
                                                          aggfunc="sum", fill_value=0)
        grids.append(sub.reindex(index=article_ids, columns=categories, fill_value=0).to_numpy(dtype=float))
    top = max(1.0, max((g.max() for g in grids if g.size), default=1.0))
    width = max(12, 1.9 * max(1, len(categories)) + 4)
    fig, axes = plt.subplots(1, 3, figsize=(width, 0.55 * len(article_ids) + 3.2), sharey=True, layout="constrained")
    names = [f"{labels[a]} ({words[a]} words)" if words and a in words else labels[a] for a in article_ids]
    image = None
    for ax, voice, grid in zip(axes, voices, grids):
        image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=top, aspect="auto")
        ax.set_xticks(range(len(categories)), [c.replace("_", " ") for c in categories], rotation=45, ha="right")
        ax.set_yticks(range(len(names)), names)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                ax.text(j, i, f"{int(grid[i, j])}", ha="center", va="center", fontsize=10,
                        color="white" if grid[i, j] > top * 0.6 else "black")
        ax.set_title(f"{voice} ({int(grid.sum())} hits)", color=VOICE_COLORS[voice])
        ax.set_xlabel("Lexicon category")
        ax.spines[:].set_visible(False)
    axes[0].set_ylabel("Outlet")
    if image is not None:
        fig.colorbar(image, ax=axes, fraction=0.02, pad=0.02, label="hits")
    fig.suptitle(title, fontweight="bold")
    return fig


def keyness_chart(keyness, labels: dict[str, str], article_ids: list[str], colors: dict[str, str], top: int = 8,
                  min_count: int = 2, title: str = "Distinctive words and phrases of each outlet"):
    """Small multiples: each outlet's highest log-odds z-scores (words and two-word phrases it uses at least
    `min_count` times), bars in the outlet's colour; the dashed line marks z = 1.96."""
    labels = short_labels(labels)
    n = len(article_ids)
    columns = min(3, max(1, n))
    rows = -(-n // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 0.42 * top * rows + 1.6 * rows), squeeze=False)
    for k, article in enumerate(article_ids):
        ax = axes[k // columns][k % columns]
        sub = keyness[(keyness["article"] == article) & (keyness["count"] >= min_count)]
        sub = sub.sort_values(["zscore", "term"], ascending=[False, True], kind="stable").head(top)
        ax.barh(range(len(sub)), sub["zscore"], color=colors[article], edgecolor="black", linewidth=0.5)
        ax.set_yticks(range(len(sub)), [f"{t} ({c})" for t, c in zip(sub["term"], sub["count"])], fontsize=10)
        ax.invert_yaxis()
        ax.axvline(1.96, color="#555555", linestyle="--", linewidth=1)
        ax.set_title(labels[article], fontsize=12)
        ax.set_xlabel("log-odds z-score")
        if sub.empty:
            ax.text(0.5, 0.5, "no term used that often", transform=ax.transAxes, ha="center", va="center")
    for k in range(n, rows * columns):
        axes[k // columns][k % columns].set_visible(False)
    fig.suptitle(title, fontweight="bold")
    return fig


def dispersion_plot(frame, labels: dict[str, str], article_ids: list[str],
                    title: str = "Where key terms fall in each article"):
    """One row per outlet and term: a mark at each occurrence (0 = start of the title, 1 = end of the body),
    coloured by voice (author / attributed / quoted)."""
    labels = short_labels(labels)
    from matplotlib.lines import Line2D

    terms = list(dict.fromkeys(frame["term"])) if len(frame) else []
    markers = ["o", "s", "D", "^", "v", "P", "X", "*"]
    rows = [(a, t) for a in article_ids for t in terms]
    fig, ax = plt.subplots(figsize=(11, 0.27 * max(len(rows), 4) + 1.8))
    for y, (article, term) in enumerate(rows):
        sub = frame[(frame["article"] == article) & (frame["term"] == term)]
        for voice in VOICES:
            part = sub[sub["voice"] == voice]
            ax.scatter(part["position"], [y] * len(part), marker=markers[terms.index(term) % len(markers)], s=60,
                       color=VOICE_COLORS[voice], edgecolor="black", linewidth=0.5, zorder=3)
        ax.axhline(y, color="#eeeeee", linewidth=0.8, zorder=1)
    ax.set_yticks(range(len(rows)), [f"{labels[a]} · {t}" for a, t in rows], fontsize=9)
    for k in range(1, len(article_ids)):
        ax.axhline(k * len(terms) - 0.5, color="#999999", linewidth=0.8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Position in the article (0 = start of the title, 1 = end of the body)")
    ax.set_ylabel("Outlet · term")
    ax.set_title(title)
    handles = [Line2D([], [], marker="o", linestyle="", color=VOICE_COLORS[v], markeredgecolor="black", label=v)
               for v in VOICES]
    handles += [Line2D([], [], marker=markers[i % len(markers)], linestyle="", color="#999999",
                       markeredgecolor="black", label=t) for i, t in enumerate(terms)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=10)
    return fig
