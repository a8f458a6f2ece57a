"""quotes.csv, quote_pairs.csv, quote_links.csv and voices.csv: the quotation records as tables."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from ..engine import map_distinct
from ..model import Quote, field_columns
from ..similarity.diff import diff_text
from .corpus import CorpusQuotes
from .direct import REPORTED

QUOTE_COLUMNS = ["article", "quote", "start", "end", "text", "speaker", "kind", "cue", "group", "side",
                 "speaker_as_printed", "cue_start", "cue_end", "paragraph", "sentence", "words", "attribution",
                 "open_mark", "close_mark", "continues", "unbalanced"]
PAIR_COLUMNS = ["group", "article_a", "quote_a", "article_b", "quote_b", "similarity", "flags", "text_a", "text_b",
                "kind_a", "kind_b", "speaker_a", "speaker_b", "diff"]
VOICE_COLUMNS = ["article", "speaker", "side", "quotes", "words", "reported", "reported_words"]
LINK_COLUMNS = ["kind", "article_a", "quote_a", "group_a", "text_a", "article_b", "quote_b", "group_b", "text_b"]


def quotes_table(cq: CorpusQuotes) -> pd.DataFrame:
    """One row per quotation and reported span, articles in order of first appearance, then by index (built column
    by column: a large corpus has hundreds of thousands)."""
    items = list(cq.quotes) + list(cq.reported)
    if not items:
        frame = pd.DataFrame([], columns=QUOTE_COLUMNS)
    else:
        columns = field_columns(Quote, items)
        columns["quote"], columns["words"] = columns["index"], [q.words for q in items]
        order = {a: n for n, a in enumerate(dict.fromkeys(columns["article"]))}
        rows = np.lexsort((columns["quote"], [order[a] for a in columns["article"]])).tolist()
        frame = pd.DataFrame({name: [columns[name][i] for i in rows] for name in QUOTE_COLUMNS}, columns=QUOTE_COLUMNS)
    for column in ("cue_start", "cue_end", "continues"):
        frame[column] = frame[column].astype("Int64")
    return frame


def pairs_table(cq: CorpusQuotes, engine=None) -> pd.DataFrame:
    """One row per aligned pair of renderings, with their word diff (built column by column)."""
    pairs = cq.pairs
    if not pairs:
        return pd.DataFrame([], columns=PAIR_COLUMNS)
    a, b = [p.a for p in pairs], [p.b for p in pairs]
    return pd.DataFrame({
        "group": [p.group for p in pairs], "article_a": [q.article for q in a], "quote_a": [q.index for q in a],
        "article_b": [q.article for q in b], "quote_b": [q.index for q in b],
        "similarity": [p.similarity for p in pairs], "flags": [";".join(p.flags) for p in pairs],
        "text_a": [q.text for q in a], "text_b": [q.text for q in b], "kind_a": [q.kind for q in a],
        "kind_b": [q.kind for q in b], "speaker_a": [q.speaker for q in a], "speaker_b": [q.speaker for q in b],
        "diff": map_distinct(engine, diff_text, [(p.a.text, p.b.text) for p in pairs], "quotation diffs", star=True),
    }, columns=PAIR_COLUMNS)


def links_table(cq: CorpusQuotes) -> pd.DataFrame:
    """Fragments quoted word for word from a longer quotation of another article (a: the fragment, b: the source)."""
    rows = [{"kind": k.kind, "article_a": k.fragment.article, "quote_a": k.fragment.index, "group_a": k.fragment.group,
             "text_a": k.fragment.text, "article_b": k.source.article, "quote_b": k.source.index,
             "group_b": k.source.group, "text_b": k.source.text} for k in cq.links]
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def voices_table(cq: CorpusQuotes, article_order: list[str]) -> pd.DataFrame:
    """Quotations and quoted words per article and speaker (reported speech counted separately)."""
    counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for q in list(cq.quotes) + list(cq.reported):
        key = (q.article, q.speaker or "(unknown)", q.side)
        if q.kind == REPORTED:
            counts[key]["reported"] += 1
            counts[key]["reported_words"] += q.words
        else:
            counts[key]["quotes"] += 1
            counts[key]["words"] += q.words
    order = {a: n for n, a in enumerate(article_order)}
    rows = [{"article": a, "speaker": s, "side": side, **{c: counts[(a, s, side)][c] for c in VOICE_COLUMNS[3:]}}
            for a, s, side in sorted(counts, key=lambda k: (order.get(k[0], len(order)), k[1], k[2]))]
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def quote_tables(cq: CorpusQuotes, article_ids: list[str], engine=None) -> dict[str, pd.DataFrame]:
    """quotes.csv (quotations and reported spans), quote_pairs.csv, quote_links.csv, voices.csv."""
    return {
        "quotes.csv": quotes_table(cq),
        "quote_pairs.csv": pairs_table(cq, engine),
        "quote_links.csv": links_table(cq),
        "voices.csv": voices_table(cq, article_ids),
    }
