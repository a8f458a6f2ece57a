"""quotes.csv, quote_pairs.csv, quote_links.csv and voices.csv: the quotation records as tables."""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from ..engine import map_distinct
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
    items = list(cq.quotes) + list(cq.reported)
    frame = pd.DataFrame([{**q.to_row(), "quote": q.index, "words": q.words} for q in items], columns=QUOTE_COLUMNS)
    order = {a: n for n, a in enumerate(dict.fromkeys(q.article for q in items))}
    frame["_order"] = frame["article"].map(order)
    frame = frame.sort_values(["_order", "quote"], kind="stable").drop(columns="_order")
    for column in ("cue_start", "cue_end", "continues"):
        frame[column] = frame[column].astype("Int64")
    return frame.reset_index(drop=True)


def pairs_table(cq: CorpusQuotes, engine=None) -> pd.DataFrame:
    diffs = map_distinct(engine, diff_text, [(p.a.text, p.b.text) for p in cq.pairs], "quotation diffs", star=True)
    rows = [{
        "group": p.group, "article_a": p.a.article, "quote_a": p.a.index, "article_b": p.b.article,
        "quote_b": p.b.index, "similarity": p.similarity, "flags": ";".join(p.flags), "text_a": p.a.text,
        "text_b": p.b.text, "kind_a": p.a.kind, "kind_b": p.b.kind, "speaker_a": p.a.speaker,
        "speaker_b": p.b.speaker, "diff": diff,
    } for p, diff in zip(cq.pairs, diffs)]
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


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
