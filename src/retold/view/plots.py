"""Figures for the report: one look everywhere, deterministic SVG output.

Colours come from the Okabe–Ito palette (safe for the common colour-vision
deficiencies) and each outlet keeps its colour in every figure. Labels come from
corpus and lexicon files, so text is never parsed as mathtext: an outlet called
"Press TV $\\foo$" or "Price $5 and $10" is printed as written. No text is smaller
than MIN_FONT points (readable on a projector), and every figure carries an alt
text computed from its data (`alt_text`), which the rendered page puts on the image.
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
MIN_FONT = 11


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
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
        "legend.title_fontsize": 12,
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
        # Activate the inline backend now: activated later (at the first figure) it would replace svg_with_alt.
        shell.run_line_magic("matplotlib", "inline")
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', 'metadata': {'Date': None}}")
        from matplotlib.figure import Figure

        shell.display_formatter.formatters["image/svg+xml"].for_type(Figure, svg_with_alt)


def describe(fig, alt: str):
    """Attach the alt text of a figure (what it shows, in words) and return the figure."""
    fig.retold_alt = " ".join(alt.split())
    return fig


def alt_text(fig) -> str:
    """The figure's alt text: the one its plot function computed, else its titles."""
    given = getattr(fig, "retold_alt", "")
    if given:
        return given
    titles = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    titles += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "Figure: " + "; ".join(titles) if titles else "Figure without a title"


def svg_with_alt(fig) -> tuple[str, dict[str, str]]:
    """IPython formatter: the figure as SVG (no date, tight box) and its alt text as output metadata."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "svg", bbox_inches="tight", metadata={"Date": None}), {"alt": alt_text(fig)}


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "0%"


def _most(series, labels: dict[str, str]) -> tuple[str, int]:
    """(label, value) of the largest value of an article-indexed series (first in order on ties)."""
    order = {k: i for i, k in enumerate(series.index)}
    key = max(series.index, key=lambda k: (series[k], -order[k]))
    return labels.get(key, key), int(series[key])


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
    if len(frame):
        low, high = frame.iloc[0], frame.iloc[-1]
        describe(fig, f"Bar chart of article length in words for {len(frame)} articles: from "
                      f"{int(low['words'])} words ({labels[low['article']]}) to {int(high['words'])} words "
                      f"({labels[high['article']]}).")
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
        ax.legend(title="kind", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    totals = counts.sum(axis=1)
    if len(totals) and totals.sum():
        name, most = _most(totals, labels)
        describe(fig, f"Stacked bar chart of page furniture set aside per outlet, by kind: {int(totals.sum())} lines "
                      f"in all, most in {name} ({most}).")
    return fig


SIDE_PALETTE = ["#D55E00", "#0072B2", "#F0E442", "#009E73", "#CC79A7", "#56B4E9", "#E69F00"]
SIDES_LAST = ("other", "unknown")


def side_colors(voices) -> dict[str, str]:
    """One colour per side of the speakers lexicon: sides with most quoted words first (then by name), from a
    colour-blind-safe palette; `other` and `unknown` grey and last."""
    words = voices.groupby("side")["words"].sum() if len(voices) else {}
    named = sorted((s for s in set(voices["side"]) if s not in SIDES_LAST), key=lambda s: (-words.get(s, 0), s))
    colors = {side: SIDE_PALETTE[k % len(SIDE_PALETTE)] for k, side in enumerate(named)}
    return colors | {side: "#999999" if side == "unknown" else "#BBBBBB"
                     for side in SIDES_LAST if side in set(voices["side"])}


def voice_share(voices, labels: dict[str, str], article_ids: list[str]):
    """Two panels of stacked bars per outlet: words inside quotations and words of reported speech, by side."""
    labels = short_labels(labels)
    colors = side_colors(voices)
    sides = list(colors)
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.6 * len(article_ids) + 2.2), sharey=True)
    panels = [("words", "Words inside quotations"), ("reported_words", "Words of reported speech (no marks)")]
    for ax, (column, title) in zip(axes, panels):
        table = voices.pivot_table(index="article", columns="side", values=column, aggfunc="sum", fill_value=0)
        table = table.reindex(index=article_ids, columns=sides, fill_value=0)
        left = [0] * len(table)
        for side in sides:
            values = table[side].tolist()
            ax.barh([labels[a] for a in table.index], values, left=left, label=side.replace("_", " "),
                    color=colors[side], edgecolor="white", linewidth=0.5)
            left = [a + b for a, b in zip(left, values)]
        ax.set_title(title, fontsize=13)
        ax.set_xlabel("Words")
    axes[0].invert_yaxis()
    axes[0].set_ylabel("Outlet")
    handles, names = axes[0].get_legend_handles_labels()
    if handles:
        axes[1].legend(handles, names, title="speaker's side", loc="upper left", bbox_to_anchor=(1.01, 1),
                       frameon=False)
    fig.suptitle("Who gets a voice: quoted and reported words by the speaker's side", fontweight="bold")
    quoted = voices.groupby("article")["words"].sum().reindex(article_ids, fill_value=0)
    by_side = voices.groupby("side")["words"].sum()
    if quoted.sum():
        name, most = _most(quoted, labels)
        side = max(by_side.index, key=lambda k: (by_side[k], k))
        describe(fig, f"Two stacked bar charts, per outlet, of words inside quotations and words of reported speech, "
                      f"split by the speaker's side. {name} quotes the most words ({most}); speakers grouped as "
                      f"“{side.replace('_', ' ')}” have {int(by_side[side])} of the {int(by_side.sum())} quoted "
                      f"words ({_share(by_side[side], by_side.sum())}).")
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
                    ax.text(j, i, f"{values[i, j]:.0%}", ha="center", va="center", fontsize=13, fontweight="bold",
                            color="black" if values[i, j] > top * 0.6 else "white")
    ax.set_xlabel("Article b (found in)")
    ax.set_ylabel("Article a (share of its body)")
    ax.set_title(title)
    from matplotlib.ticker import PercentFormatter

    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, format=PercentFormatter(1.0))
    off = [(values[i, j], i, j) for i in range(len(names)) for j in range(len(names))
           if i != j and np.isfinite(values[i, j])]
    if off:
        value, i, j = max(off, key=lambda t: (t[0], -t[1], -t[2]))
        describe(fig, f"Heatmap. {title}; rows are articles a, columns articles b. The highest is {value:.0%}: "
                      f"{names[i]} (a) in {names[j]} (b).")
    return fig


CLAIM_LABEL = 32


def shown_claims(claims, max_claims: int = 30, min_outlets: int = 2):
    """The claims a claim matrix shows: carried by at least `min_outlets` outlets, most widely carried first;
    columns claim, outlets, label (the representative sentence, in full)."""
    shared = claims[claims["outlets"] >= min_outlets]
    return (shared.groupby("claim").agg(outlets=("outlets", "first"), label=("label", "first"))
            .sort_values(["outlets", "claim"], ascending=[False, True]).head(max_claims))


def claim_table(claims, max_claims: int = 30, min_outlets: int = 2):
    """The full sentence of every claim in the claim matrix, in its row order (the chart shows short labels)."""
    order = shown_claims(claims, max_claims, min_outlets).reset_index()
    order["label"] = [_full_sentence(claims[claims["claim"] == claim], label)
                      for claim, label in zip(order["claim"], order["label"])]
    return order.rename(columns={"claim": "Claim", "outlets": "Outlets", "label": "Representative sentence"})


def _full_sentence(rows, label: str) -> str:
    """The sentence a claim label was cut from (claims.csv keeps labels short), or the label itself."""
    stem = str(label).rstrip("…").rstrip()
    if "text" in rows.columns:
        for text in rows["text"].astype(str):
            if text.startswith(stem):
                return text
    return str(label)


def claim_matrix(claims, labels: dict[str, str], article_ids: list[str], colors: dict[str, str],
                 max_claims: int = 30, min_outlets: int = 2):
    """Dot matrix: claims (rows, id and a short label; `claim_table` has the full text) × outlets (columns);
    a dot where the outlet carries the claim."""
    labels = short_labels(labels)
    shared = claims[claims["outlets"] >= min_outlets]
    order = shown_claims(claims, max_claims, min_outlets)
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(article_ids) + 6), 0.42 * max(len(order), 3) + 2.2))
    rows = {claim: k for k, claim in enumerate(order.index)}
    for article_index, article in enumerate(article_ids):
        carried = shared[(shared["article"] == article) & shared["claim"].isin(rows)]["claim"]
        ax.scatter([article_index] * len(carried), [rows[c] for c in carried], s=120, color=colors[article],
                   edgecolor="black", linewidth=0.6, zorder=3)
    ax.set_xticks(range(len(article_ids)), [labels[a] for a in article_ids], rotation=35, ha="right")
    short = [f"{claim}: {label[:CLAIM_LABEL - 1].rstrip() + '…' if len(label) > CLAIM_LABEL else label}"
             for claim, label in zip(order.index, order["label"])]
    ax.set_yticks(range(len(order)), short)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(-0.5, len(article_ids) - 0.5)
    ax.grid(True, color="#dddddd", zorder=0)
    ax.set_xlabel("Outlet")
    ax.set_ylabel("Claim (full sentence in the table below)")
    ax.set_title("Who carries which claim (claims found in at least two outlets)")
    per_outlet = shared.groupby("article")["claim"].nunique().reindex(article_ids, fill_value=0)
    total = shared["claim"].nunique()
    if total:
        name, most = _most(per_outlet, labels)
        position = {a: i for i, a in enumerate(article_ids)}
        fewest_key = min(per_outlet.index, key=lambda k: (per_outlet[k], position[k]))
        describe(fig, f"Dot chart: which outlets carry each claim found in at least {min_outlets} outlets "
                      f"({len(order)} of {total} shown). {name} carries {most} of the {total}; "
                      f"{labels[fewest_key]} carries {int(per_outlet[fewest_key])}.")
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
                ax.text(j, i, f"{int(grid[i, j])}", ha="center", va="center", fontsize=13, fontweight="bold",
                        color="white" if grid[i, j] > top * 0.6 else "black")
        ax.set_title(f"{voice} ({int(grid.sum())} hits)", color=VOICE_COLORS[voice])
        ax.set_xlabel("Lexicon category")
        ax.spines[:].set_visible(False)
    axes[0].set_ylabel("Outlet")
    if image is not None:
        fig.colorbar(image, ax=axes, fraction=0.02, pad=0.02, label="hits")
    fig.suptitle(title, fontweight="bold")
    own = counts[counts["voice"] == "author"].groupby("article")["count"].sum().reindex(article_ids, fill_value=0)
    sums = {voice: int(grid.sum()) for voice, grid in zip(voices, grids)}
    text = (f"Three heatmaps of loaded-term hits per outlet and lexicon category, one per voice: "
            f"{sums['author']} in the outlets' own voice, {sums['attributed']} in reported speech, "
            f"{sums['quoted']} inside quotations.")
    if own.sum():
        name, most = _most(own, labels)
        text += f" Most in an outlet's own voice: {name} ({most})."
    describe(fig, text)
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
        ax.set_yticks(range(len(sub)), [f"{t} ({c})" for t, c in zip(sub["term"], sub["count"])])
        ax.invert_yaxis()
        ax.axvline(1.96, color="#555555", linestyle="--", linewidth=1)
        ax.set_title(labels[article], fontsize=12)
        ax.set_xlabel("log-odds z-score")
        if sub.empty:
            ax.text(0.5, 0.5, "no term used that often", transform=ax.transAxes, ha="center", va="center")
    for k in range(n, rows * columns):
        axes[k // columns][k % columns].set_visible(False)
    fig.suptitle(title, fontweight="bold")
    tops = []
    for article in article_ids:
        sub = keyness[(keyness["article"] == article) & (keyness["count"] >= min_count)]
        sub = sub.sort_values(["zscore", "term"], ascending=[False, True], kind="stable")
        if len(sub):
            tops.append(f"{labels[article]}: “{sub.iloc[0]['term']}”")
    describe(fig, f"Bar charts, one per outlet, of its most distinctive words (log-odds z-score). Top word of each: "
                  + ("; ".join(tops) if tops else "none used often enough") + ".")
    return fig


def dispersion_plot(frame, labels: dict[str, str], article_ids: list[str],
                    title: str = "Where key terms fall in each article", max_rows: int = 16):
    """One row per outlet and term that occurs in it (rows with no occurrence are left out, and at most
    `max_rows` rows, the commonest terms first): a mark at each occurrence (0 = start of the title, 1 = end of
    the body), coloured by voice (author / attributed / quoted)."""
    labels = short_labels(labels)
    from matplotlib.lines import Line2D

    counts = frame["term"].value_counts() if len(frame) else None
    terms = sorted(counts.index, key=lambda t: (-counts[t], t)) if counts is not None else []
    markers = ["o", "s", "D", "^", "v", "P", "X", "*"]
    present = set(zip(frame["article"], frame["term"])) if len(frame) else set()
    rows = [(a, t) for a in article_ids for t in terms if (a, t) in present]
    while len(rows) > max_rows and len(terms) > 1:
        terms = terms[:-1]
        rows = [(a, t) for a in article_ids for t in terms if (a, t) in present]
    rows = rows[:max_rows]
    fig, ax = plt.subplots(figsize=(11, 0.42 * max(len(rows), 4) + 1.8))
    for y, (article, term) in enumerate(rows):
        sub = frame[(frame["article"] == article) & (frame["term"] == term)]
        for voice in VOICES:
            part = sub[sub["voice"] == voice]
            ax.scatter(part["position"], [y] * len(part), marker=markers[terms.index(term) % len(markers)], s=80,
                       color=VOICE_COLORS[voice], edgecolor="black", linewidth=0.5, zorder=3)
        ax.axhline(y, color="#eeeeee", linewidth=0.8, zorder=1)
        if y and rows[y - 1][0] != article:
            ax.axhline(y - 0.5, color="#999999", linewidth=0.8)
    ax.set_yticks(range(len(rows)), [f"{labels[a]} · {t}" for a, t in rows])
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Position in the article (0 = start of the title, 1 = end of the body)")
    ax.set_ylabel("Outlet · term")
    ax.set_title(title)
    handles = [Line2D([], [], marker="o", linestyle="", color=VOICE_COLORS[v], markeredgecolor="black", label=v)
               for v in VOICES]
    handles += [Line2D([], [], marker=markers[i % len(markers)], linestyle="", color="#999999",
                       markeredgecolor="black", label=t) for i, t in enumerate(terms)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    shown = frame[frame["term"].isin(terms)] if len(frame) else frame
    if len(shown):
        early = int((shown["position"] <= 0.2).sum())
        describe(fig, f"Strip chart of where {len(terms)} key terms ({', '.join(terms)}) fall in each article, "
                      f"coloured by voice: {len(shown)} occurrences, {early} of them in the first fifth of an "
                      f"article (headline and opening).")
    else:
        describe(fig, "Strip chart of where key terms fall in each article: none of the terms occurs.")
    return fig
