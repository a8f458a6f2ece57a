"""Examples for the teacher's guide and the index, picked from the tables of any corpus.

Each function returns a small plain record (or None when the corpus has no such case), with the
article id and offsets of its evidence, so the guide can quote real sentences instead of typed ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .escape import md
from .summaries import readable


@dataclass(frozen=True)
class Example:
    """A span of one article, the sentence around it, and what makes it an example."""

    article: str
    start: int
    end: int
    text: str
    sentence: str
    note: str


def sentence_around(sentences: pd.DataFrame, article: str, start: int, end: int) -> str:
    """The text of the sentence(s) covering a span (the span itself if no sentence covers it)."""
    rows = sentences[(sentences["article"] == article) & (sentences["start"] < end) & (sentences["end"] > start)]
    return " ".join(rows.sort_values("start")["text"]) if len(rows) else ""


def sentence_range(sentences: pd.DataFrame, article: str, start: int, end: int) -> tuple[int, int]:
    """The character range of the sentence(s) covering a span (the span itself if none covers it)."""
    if sentences.empty:
        return start, end
    rows = sentences[(sentences["article"] == article) & (sentences["start"] < end) & (sentences["end"] > start)]
    return (min(int(rows["start"].min()), start), max(int(rows["end"].max()), end)) if len(rows) else (start, end)


def _fresh(rows: pd.DataFrame, sentences: pd.DataFrame, avoid) -> pd.DataFrame:
    """The rows (article, start, end) outside the sentences of the examples in `avoid` (so sections stay
    distinct); one vectorised pass per avoided example, whatever the size of the corpus."""
    if not avoid or rows.empty:
        return rows
    keep = pd.Series(True, index=rows.index)
    for other in avoid:
        left, right = sentence_range(sentences, other.article, other.start, other.end)
        keep &= ~((rows["article"] == other.article) & (rows["start"] < right) & (rows["end"] > left))
    return rows[keep]


def _rows(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    frame = tables.get(name)
    return frame if frame is not None else pd.DataFrame()


def loaded_term_in_two_voices(tables: dict[str, pd.DataFrame], avoid=()) -> tuple[Example, Example] | None:
    """The same lexicon entry printed once as the outlet's own words and once inside a quotation or
    reported speech: the core lesson on voice."""
    hits = _rows(tables, "loaded_terms")
    sentences = _rows(tables, "sentences")
    if hits.empty:
        return None
    hits = _fresh(hits, sentences, avoid)
    for entry, group in hits.sort_values(["entry", "article", "start"]).groupby("entry", sort=True):
        own = group[group["voice"] == "author"]
        other = group[group["voice"] != "author"]
        if len(own) and len(other):
            a, b = own.iloc[0], other.iloc[0]
            return (
                Example(a["article"], int(a["start"]), int(a["end"]), a["term"],
                        sentence_around(sentences, a["article"], int(a["start"]), int(a["end"])),
                        f"“{entry}” in the outlet's own voice"),
                Example(b["article"], int(b["start"]), int(b["end"]), b["term"],
                        sentence_around(sentences, b["article"], int(b["start"]), int(b["end"])),
                        f"“{entry}” in the voice of {b['speaker'] or 'a source'} ({b['voice']})"),
            )
    return None


def most_varied_concept(tables: dict[str, pd.DataFrame]) -> tuple[str, pd.DataFrame] | None:
    """The naming concept whose labels differ most across outlets, with its label × article counts."""
    naming = _rows(tables, "naming")
    if naming.empty:
        return None
    naming = naming[naming["count"] > 0]
    spread = naming.groupby("concept")["label"].nunique().sort_index()
    if spread.empty or spread.max() < 2:
        return None
    concept = spread.idxmax()
    counts = naming[naming["concept"] == concept].pivot_table(
        index="label", columns="article", values="count", aggfunc="sum", fill_value=0)
    counts.columns.name = None
    return concept, counts


def example_of_voice(tables: dict[str, pd.DataFrame], voice: str, avoid=()) -> Example | None:
    """The first voice-map segment of a voice in corpus order, preferring a named speaker, a passage of some
    length and the body over the headline, and not in the sentence of an example in `avoid`."""
    segments = _rows(tables, "voice")
    if segments.empty:
        return None
    rows = segments[segments["voice"] == voice]
    sentences = _rows(tables, "sentences")
    rows = _fresh(rows, sentences, avoid)
    preferences = (
        lambda r: r["speaker"].fillna("").astype(str) != "",
        lambda r: r["end"] - r["start"] >= 40,
        lambda r: r["paragraph"] > 0 if "paragraph" in r.columns else r["start"] >= 0,
    )
    for prefer in preferences:
        better = prefer(rows)
        if better.any():
            rows = rows[better]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Example(row["article"], int(row["start"]), int(row["end"]), "",
                   sentence_around(sentences, row["article"], int(row["start"]), int(row["end"])),
                   f"{voice} speech of {row['speaker'] or 'an unnamed source'}")


def partial_quote(tables: dict[str, pd.DataFrame], avoid=()) -> Example | None:
    """A short quotation inside the writer's own sentence (a scare quote or fragment), not in the sentence of an
    example in `avoid`."""
    quotes = _rows(tables, "quotes")
    if quotes.empty:
        return None
    sentences = _rows(tables, "sentences")
    rows = quotes[quotes["kind"] == "partial"]
    rows = _fresh(rows, sentences, avoid)
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Example(row["article"], int(row["start"]), int(row["end"]), row["text"],
                   sentence_around(sentences, row["article"], int(row["start"]), int(row["end"])),
                   f"partial quotation of {row['speaker'] or 'an unnamed source'}")


def most_shared_utterance(tables: dict[str, pd.DataFrame]) -> tuple[str, pd.DataFrame] | None:
    """The quotation group carried by the most outlets, and its variants (longest direct quotation first)."""
    quotes = _rows(tables, "quotes")
    if quotes.empty:
        return None
    spread = quotes.groupby("group")["article"].nunique()
    spread = spread[spread >= 2]
    if spread.empty:
        return None
    group = sorted(spread.index, key=lambda g: (-spread[g], str(g)))[0]
    variants = quotes[quotes["group"] == group].copy()
    variants["_direct"] = variants["kind"] != "direct"
    variants["_length"] = -variants["text"].astype(str).str.len()
    ordered = variants.sort_values(["_direct", "_length", "article", "start"])
    return group, ordered.drop(columns=["_direct", "_length"])


def strongest_reuse(tables: dict[str, pd.DataFrame]) -> pd.Series | None:
    """The ordered pair of articles where most of one article's body is found in the other."""
    reuse = _rows(tables, "reuse")
    if reuse.empty:
        return None
    reuse = reuse[reuse["article_a"] != reuse["article_b"]]
    if reuse.empty:
        return None
    return reuse.sort_values(["shared", "article_a", "article_b"], ascending=[False, True, True]).iloc[0]


def meaning_changes(tables: dict[str, pd.DataFrame], flag: str, close: bool | None = True) -> pd.DataFrame:
    """Aligned sentence pairs whose wording change carries a given flag (negation, attribution, ...), most similar
    first: with `close` True only close rewrites of one sentence (the ones a finding may count), False only the
    looser related pairs (to check), None all of them."""
    changes = _rows(tables, "changes")
    if changes.empty:
        return changes
    has_flag = changes["flags"].fillna("").astype(str).str.split(";").apply(lambda flags: flag in flags)
    if close is not None and "close" in changes.columns:
        has_flag &= changes["close"].astype(str).str.lower().eq("true") == close
    order = (["similarity"] if "similarity" in changes.columns else []) + ["claim", "article_a", "article_b"]
    ascending = [False] * ("similarity" in changes.columns) + [True, True, True]
    return changes[has_flag].sort_values(order, ascending=ascending)


def changed_quotations(tables: dict[str, pd.DataFrame], flags: tuple[str, ...] = ("negation", "modality", "number",
                                                                                  "entity")) -> pd.DataFrame:
    """Pairs of renderings of one statement (quote_pairs.csv) whose difference carries one of `flags`: a changed
    negation, modal verb, number or name rather than only other words. Both sides are quotations in marks first."""
    pairs = _rows(tables, "quote_pairs")
    if pairs.empty:
        return pairs
    hit = pairs["flags"].fillna("").astype(str).str.split(";").apply(lambda found: bool(set(found) & set(flags)))
    rows = pairs[hit].copy()
    rows["_marked"] = (rows["kind_a"] == "reported").astype(int) + (rows["kind_b"] == "reported").astype(int)
    return rows.sort_values(["_marked", "similarity", "group"], ascending=[True, False, True]).drop(columns="_marked")


def quote_md(text: object) -> str:
    """Article text as a quotation in an answer (escaped; not wrapped again if it opens with a quotation mark)."""
    text = " ".join(str(text).split())
    return md(text) if text[:1] in "\"“‘«„'" else f"“{md(text)}”"


def _credited(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def credit_answer(tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> str:
    """Answer to "find a claim one outlet attributes and another states in its own words", quoting both sentences
    of each close rewrite where the credit to a source is lost or added."""
    rows = meaning_changes(tables, "attribution")
    lines = ["**Answer 1.**"] + [_credit_line(row, outlets) for _, row in rows.head(2).iterrows()]
    if not len(rows):
        related = meaning_changes(tables, "attribution", close=False)
        lines.append("In this corpus no close rewrite of a sentence drops or adds the credit to a source."
                     + (f" {len(related)} looser pairs of related sentences differ in credit (coverage notebook). "
                        "They are not rewrites of one sentence, so read them to judge whether one states as fact "
                        "what the other attributes. The most similar of them (it may well be another claim):"
                        if len(related) else ""))
        lines += [_credit_line(row, outlets) for _, row in related.head(1).iterrows()]
    return "\n\n".join(lines)


def _credit_line(row, outlets: dict[str, str]) -> str:
    """"X credits S: “…” — Y, in its own voice: “…”" for a changes.csv row flagged attribution."""
    credited, own = ("a", "b") if _credited(row.get("credit_a")) else ("b", "a")
    return (f"{md(outlets.get(row[f'article_{credited}'], row[f'article_{credited}']))} credits "
            f"{md(str(row[f'credit_{credited}']))}: {quote_md(row[f'text_{credited}'])} — "
            f"{md(outlets.get(row[f'article_{own}'], row[f'article_{own}']))}, in its own voice: "
            f"{quote_md(row[f'text_{own}'])}")


def changed_quotation_answer(tables: dict[str, pd.DataFrame], outlets: dict[str, str], limit: int = 3) -> str:
    """Answer to "find a quotation that changed meaning", quoting both renderings of each pair whose difference
    carries a negation, modality, number or entity flag."""
    rows = changed_quotations(tables)
    if not len(rows):
        return ("**Answer 3.** No two renderings of one statement differ in a negation, a modal verb, a number or a "
                "name in this corpus; their differences are in wording only (quotes notebook).")
    lines = ["**Answer 3.** Renderings of one statement whose difference can change what the speaker committed to "
             "(flags name the kind of change; read each pair):"]
    for _, row in rows.head(limit).iterrows():
        lines.append(f"* {md(outlets.get(row['article_a'], row['article_a']))}: {quote_md(row['text_a'])} — "
                     f"{md(outlets.get(row['article_b'], row['article_b']))}: {quote_md(row['text_b'])} "
                     f"(flags: {md(str(row['flags']).replace(';', ', '))})")
    return "\n".join(lines)


def span_text(texts: dict[str, str], article: str, start: int, end: int) -> str:
    return texts[article][start:end]


def neutral_answer(tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> str:
    """Answer to "rewrite a loaded term in the outlet's own voice with the neutral alternative", on the first such
    term the corpus holds (with its sentence), or why the exercise has nothing to rewrite here."""
    hits = _rows(tables, "loaded_terms")
    own = hits[hits["voice"] == "author"] if len(hits) else hits
    if "neutral" in own.columns:
        own = own[own["neutral"].fillna("").astype(str).str.strip() != ""]
    if not len(hits):
        return "**Answer 2.** No loaded term from the lexicon was found in this corpus."
    if not len(own):
        found = "the one found is" if len(hits) == 1 else f"the {len(hits)} found are"
        return (f"**Answer 2.** No loaded term with a neutral alternative appears in an outlet's own voice here; "
                f"{found} in a source's voice or without a suggested alternative, which is worth discussing too.")
    row = own.sort_values(["article", "start"]).iloc[0]
    sentence = sentence_around(_rows(tables, "sentences"), row["article"], int(row["start"]), int(row["end"]))
    return (f"**Answer 2.** For example, {md(outlets.get(row['article'], row['article']))} writes in its own voice "
            f"{quote_md(sentence or row['term'])}. The lexicon suggests {quote_md(row['neutral'])} for "
            f"{quote_md(row['term'])} "
            f"({md(readable(row['category']))}). The rewrite usually says less: the loaded word carried a judgement the outlet "
            "made. Ask whether that judgement was reported (someone's view) or asserted (the outlet's).")


def reuse_answer(tables: dict[str, pd.DataFrame], outlets: dict[str, str]) -> str:
    """Answer to "which two articles were most likely written from the same copy?", from the reuse table."""
    reuse = strongest_reuse(tables)
    if reuse is None:
        return "**Answer 4.** No two articles share wording in this corpus."
    return (f"**Answer 4.** {md(outlets.get(reuse['article_a'], reuse['article_a']))} and "
            f"{md(outlets.get(reuse['article_b'], reuse['article_b']))}: {float(reuse['shared']):.0%} of the first "
            "article's body is found word for word in the second, the most of any pair. With the sources each "
            "credits (corpus notebook), this is evidence of a common source, not proof: both may quote the same "
            "statement.")
